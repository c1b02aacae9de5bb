// Splits the probe's output into its sections (see probe-script.ts).
import type { HostConfigText } from '../../shared/hostnet/host-config.ts';
import type { ProbeObject, ProbeScope } from './probe-script.ts';

export interface ProbedNetwork {
  uuid: string;
  info: Record<string, string>;
  xml?: string;
  /** `virsh net-dhcp-leases`, when it answered */
  leases?: string;
}

export interface ProbedDomain {
  uuid: string;
  info: Record<string, string>;
  /** live XML, for running domains */
  xml?: string;
  /** persistent definition */
  inactiveXml?: string;
  /** `virsh domifaddr --source agent --full` of a running domain, when it answered */
  agentAddresses?: string;
}

export interface ProbeOutput {
  ipLink?: string;
  bridgeLink?: string;
  /** `bridge -j -s fdb show` */
  fdb?: string;
  /** `ip -j neigh show` */
  neigh?: string;
  /** `ip -j route show default` */
  defaultRoute?: string;
  /** `bridge NAME` / `port NAME` lines from ovs-vsctl list-br and list-ports */
  ovs?: string;
  /** ovs-vsctl's error, and whether the switch's database socket exists (see probe-script.ts) */
  ovsError?: { text: string; socket: boolean };
  /** the host's network configuration, on a full read that got to its end */
  hostConfig?: HostConfigText;
  /** each kernel tool's own error text, when it failed */
  toolErrors: string[];
  virsh: 'ok' | 'missing' | 'error';
  virshError?: string;
  networks: ProbedNetwork[];
  domains: ProbedDomain[];
  /** false when the output stopped before the end marker (connection lost, killed) */
  complete: boolean;
}

/** `Key:   value` lines of virsh net-info/dominfo. */
export function parseInfo(text: string): Record<string, string> {
  const info: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    info[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return info;
}

type BatchKey = 'ipLink' | 'neigh' | 'bridgeLink' | 'fdb';

/**
 * One `ip -batch` / `bridge -batch` run with -force and stderr on stdout: each command that
 * worked printed its JSON on one line, in order; one that failed printed its error and
 * "Command failed -:N" (N its line), and has no JSON. A failed command's words are a tool error,
 * as a failed tool's own run is.
 */
function takeBatch(out: ProbeOutput, text: string, keys: readonly BatchKey[]): void {
  const lines = text.split('\n');
  const json = lines.filter((l) => l.startsWith('['));
  const said = lines.filter((l) => l.trim() !== '' && !l.startsWith('['));
  const failed = new Set([...text.matchAll(/^Command failed -:(\d+)$/gm)].map((m) => Number(m[1]) - 1));
  const worked = keys.filter((_, i) => !failed.has(i));
  if (json.length !== worked.length) {
    // not what -batch prints (an ip without -batch or -j, no ip at all): each command failed, with these words
    for (const _ of keys) out.toolErrors.push(said.join('\n').trim());
    return;
  }
  worked.forEach((key, i) => (out[key] = json[i]));
  const why = said.filter((l) => !/^Command failed -:\d+$/.test(l)).join('\n').trim();
  for (const _ of failed) out.toolErrors.push(why);
}

export function splitProbeOutput(stdout: string, marker: string): ProbeOutput {
  const out: ProbeOutput = { toolErrors: [], virsh: 'ok', networks: [], domains: [], complete: false };
  const config: HostConfigText = {};
  const networks = new Map<string, ProbedNetwork>();
  const domains = new Map<string, ProbedDomain>();
  const prefix = `${marker} `;
  let header: string[] | null = null;
  let body: string[] = [];
  let previous = '';

  const close = (): void => {
    if (!header) return;
    const text = body.join('\n');
    const [kind, arg] = header;
    const network = (uuid: string): ProbedNetwork => {
      let n = networks.get(uuid);
      if (!n) networks.set(uuid, (n = { uuid, info: {} }));
      return n;
    };
    const domain = (uuid: string): ProbedDomain => {
      let d = domains.get(uuid);
      if (!d) domains.set(uuid, (d = { uuid, info: {} }));
      return d;
    };
    const xml = text.trim().startsWith('<') ? text : undefined;
    switch (kind) {
      case 'iplink': previous = 'ipLink'; out.ipLink = text; break;
      case 'bridgelink': previous = 'bridgeLink'; out.bridgeLink = text; break;
      case 'fdb': previous = 'fdb'; out.fdb = text; break;
      case 'neigh': previous = 'neigh'; out.neigh = text; break;
      case 'ipbatch': previous = ''; takeBatch(out, text, ['ipLink', 'neigh']); break;
      case 'bridgebatch': previous = ''; takeBatch(out, text, ['bridgeLink', 'fdb']); break;
      case 'route': previous = 'defaultRoute'; out.defaultRoute = text; break;
      case 'ovs': out.ovs = text; break;
      case 'ovs-error': out.ovsError = { text: text.trim(), socket: arg === 'sock' }; break;
      case 'ifupdown': config.ifupdown = text; break;
      case 'networkd': config.networkd = text; break;
      case 'nmcli': config.nmcli = text; break;
      case 'config-end': out.hostConfig = config; break;
      case 'rc':
        if (arg !== '0' && previous) {
          const key = previous as 'ipLink' | 'bridgeLink' | 'defaultRoute' | 'fdb' | 'neigh';
          out.toolErrors.push((out[key] ?? '').trim());
          delete out[key];
        }
        break;
      case 'novirsh': out.virsh = 'missing'; break;
      case 'virsh-error': out.virsh = 'error'; out.virshError = text.trim(); break;
      case 'net-info': if (arg) network(arg).info = parseInfo(text); break;
      case 'net-xml': if (arg && xml) network(arg).xml = xml; break;
      case 'dom-info': if (arg) domain(arg).info = parseInfo(text); break;
      case 'dom-xml': if (arg && xml) domain(arg).xml = xml; break;
      case 'dom-inactive': if (arg && xml) domain(arg).inactiveXml = xml; break;
      case 'net-leases': if (arg) network(arg).leases = text; break;
      case 'dom-agent': if (arg) domain(arg).agentAddresses = text; break;
      case 'end': out.complete = true; break;
    }
  };

  for (const line of stdout.split('\n')) {
    if (line.startsWith(prefix)) {
      close();
      header = line.slice(prefix.length).split(' ');
      body = [];
    } else if (header) {
      body.push(line);
    }
  }
  close();
  // A domain or network that vanished between the listing and the dump has no info: drop it.
  out.networks = [...networks.values()].filter((n) => n.info.Name !== undefined);
  out.domains = [...domains.values()].filter((d) => d.info.Name !== undefined);
  return out;
}

/**
 * A partial probe's output laid over the last full one: the kernel's links are replaced, and
 * so are the domains and networks the partial probe read (or removed, when they are gone).
 */
export function mergeProbeOutput(base: ProbeOutput, partial: ProbeOutput, scope: ProbeScope): ProbeOutput {
  if (scope.kind === 'all') return partial;
  const merged: ProbeOutput = { ...base, toolErrors: partial.toolErrors, complete: partial.complete };
  // A partial probe re-reads links, bridge ports and OVS ports; the default route and the
  // host's configuration are kept from the last full read (NIC and device changes move neither).
  for (const key of ['ipLink', 'bridgeLink', 'ovs', 'ovsError', 'fdb', 'neigh'] as const) {
    if (partial[key] === undefined) delete merged[key];
    else Object.assign(merged, { [key]: partial[key] });
  }
  const asked: ProbeObject[] = scope.kind === 'objects' ? scope.objects : scope.kind === 'domain' || scope.kind === 'network' ? [{ ...scope, kind: scope.kind }] : [];
  const replace = <T extends { uuid: string; info: Record<string, string> }>(list: T[], fresh: T[], kind: ProbeObject['kind']): T[] => {
    const names = new Set<string>();
    const uuids = new Set(fresh.map((x) => x.uuid));
    for (const o of asked) {
      if (o.kind !== kind) continue;
      names.add(o.name);
      if (o.uuid) uuids.add(o.uuid);
    }
    if (names.size === 0) return list;
    return [...list.filter((x) => !names.has(x.info.Name ?? '') && !uuids.has(x.uuid)), ...fresh];
  };
  merged.domains = replace(base.domains, partial.domains, 'domain');
  merged.networks = replace(base.networks, partial.networks, 'network');
  return merged;
}
