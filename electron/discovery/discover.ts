// Discovery of one host: run the probe (one remote command), parse what it printed, build
// the host's part of the topology. Whatever cannot be read (no virsh, libvirtd down, no
// permission, one object's XML unreadable) becomes a banner; the rest is still shown.
import { randomBytes } from 'node:crypto';
import { ApiError, errorSays } from '../../shared/errors.ts';
import type { Message, MessageKey } from '../../shared/i18n/index.ts';
import { hostConfigNames } from '../../shared/hostnet/host-config.ts';
import { parseBridgeLinkJson, parseIpLinkJson, type BridgePort, type HostInterface } from '../../shared/hostnet/iplink.ts';
import { parseOvsListing } from '../../shared/hostnet/ovs.ts';
import { parseDomainXml, type DomainRecord } from '../../shared/libvirt/domain.ts';
import { parseNetworkXml, type NetworkRecord } from '../../shared/libvirt/network.ts';
import { buildHostTopology, type DomainInput, type HostTopology, type NetworkInput } from '../../shared/topology/build.ts';
import { isVmRunning, type HostRecord } from '../../shared/topology/model.ts';
import type { RunResult } from '../ssh/runner.ts';
import { attachAddresses, neighbourInputs } from './addresses.ts';
import { splitProbeOutput, type ProbeOutput } from './probe-output.ts';
import { probeArgv } from './probe-script.ts';

export type { RunResult };

/** The part of the SSH command runner discovery needs. */
export type RunCommand = (argv: string[], options?: { timeout?: number }) => Promise<RunResult>;

export interface Discovery {
  topology: HostTopology;
  /** what could not be read, in the user's words, with the host's own text */
  banners: Message[];
}

const yes = (v: string | undefined): boolean => v === 'yes' || v === 'enable';

/**
 * Parsed libvirt XML by its text, kept from one read of a host to the next: a live host is read
 * again on every event, and parsing a thousand VMs' XML takes about half a second, while most of
 * it has not changed. Only what the last read used is kept, so the cache never outgrows the host.
 * The parsers are the same; the cache only skips running them again on the same text.
 */
export class ParsedXml {
  #domains = new Map<string, DomainRecord>();
  #networks = new Map<string, NetworkRecord>();
  #nextDomains = new Map<string, DomainRecord>();
  #nextNetworks = new Map<string, NetworkRecord>();

  domain(xml: string): DomainRecord {
    return ParsedXml.#take(xml, this.#domains, this.#nextDomains, parseDomainXml);
  }

  network(xml: string): NetworkRecord {
    return ParsedXml.#take(xml, this.#networks, this.#nextNetworks, parseNetworkXml);
  }

  /** Ends a read: what it did not use is dropped. */
  settle(): void {
    this.#domains = this.#nextDomains;
    this.#networks = this.#nextNetworks;
    this.#nextDomains = new Map();
    this.#nextNetworks = new Map();
  }

  static #take<T>(xml: string, kept: Map<string, T>, next: Map<string, T>, parse: (xml: string) => T): T {
    const record = next.get(xml) ?? kept.get(xml) ?? parse(xml);
    next.set(xml, record);
    return record;
  }
}

/** Parses every time: a one-off read (the CLI, discoverHost). */
const parseAlways = { domain: parseDomainXml, network: parseNetworkXml, settle: () => undefined };
type Parser = Pick<ParsedXml, 'domain' | 'network' | 'settle'>;

function readNetworks(out: ProbeOutput, banners: Message[], parse: Parser): NetworkInput[] {
  const networks: NetworkInput[] = [];
  for (const n of out.networks) {
    if (!n.xml) continue;
    try {
      networks.push({
        record: parse.network(n.xml),
        xml: n.xml,
        active: yes(n.info.Active),
        autostart: yes(n.info.Autostart),
        persistent: yes(n.info.Persistent),
      });
    } catch (e) {
      banners.push({ key: 'banner.networkUnreadable', values: { name: n.info.Name ?? '', error: errorSays(ApiError.from(e)) } });
    }
  }
  return networks;
}

function readDomains(out: ProbeOutput, banners: Message[], parse: Parser): DomainInput[] {
  const domains: DomainInput[] = [];
  for (const d of out.domains) {
    const state = d.info.State ?? 'unknown';
    // A probe that read one domain by UUID asks for its live XML whatever its state; a domain
    // that does not run has none, and `dumpxml` then shows the definition again.
    const running = isVmRunning(state);
    const liveXml = running ? d.xml : undefined;
    const xml = liveXml ?? d.inactiveXml ?? d.xml;
    if (!xml) continue;
    try {
      const persistent = yes(d.info.Persistent);
      const input: DomainInput = { record: parse.domain(xml), xml, state, persistent };
      if (liveXml && d.inactiveXml && persistent) input.inactive = { record: parse.domain(d.inactiveXml), xml: d.inactiveXml };
      domains.push(input);
    } catch (e) {
      banners.push({ key: 'banner.vmUnreadable', values: { name: d.info.Name ?? '', error: errorSays(ApiError.from(e)) } });
    }
  }
  return domains;
}

function readJson<T>(text: string | undefined, parse: (t: string) => T[], what: MessageKey, banners: Message[]): T[] {
  if (text === undefined) return [];
  try {
    return parse(text);
  } catch (e) {
    banners.push({ key: 'banner.unreadable', values: { what: { key: what }, error: errorSays(ApiError.from(e)) } });
    return [];
  }
}

function defaultRouteDev(text: string | undefined): string | undefined {
  if (!text) return undefined;
  try {
    const routes = JSON.parse(text) as { dev?: unknown }[];
    const dev = Array.isArray(routes) ? routes.find((r) => typeof r?.dev === 'string')?.dev : undefined;
    return typeof dev === 'string' ? dev : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Turns the probe's output into the host's topology and banners. Pure apart from parsing;
 * `parsed` keeps parsed XML from one read of the same host to the next.
 */
export function assembleHost(host: HostRecord, out: ProbeOutput, stderr = '', parsed: Parser = parseAlways): Discovery {
  const banners: Message[] = [];
  if (!out.complete) banners.push({ key: 'banner.incomplete' });
  if (out.virsh === 'missing') banners.push({ key: 'banner.noVirsh' });
  if (out.virsh === 'error') {
    const error = out.virshError?.trim();
    banners.push(error ? { key: 'banner.libvirtUnreachable', values: { uri: host.uri, error } } : { key: 'banner.libvirtUnreachableBare', values: { uri: host.uri } });
  }
  for (const error of out.toolErrors) banners.push({ key: 'banner.toolFailed', values: { error } });
  const interfaces: HostInterface[] = readJson(out.ipLink, parseIpLinkJson, 'banner.what.links', banners);
  const bridgePorts: BridgePort[] = readJson(out.bridgeLink, parseBridgeLinkJson, 'banner.what.bridgePorts', banners);
  const networks = readNetworks(out, banners, parsed);
  const domains = readDomains(out, banners, parsed);
  attachAddresses(out, networks, domains);
  parsed.settle();
  const virshStderr = stderr.split('\n').filter((l) => /^error:/.test(l.trim()));
  if (virshStderr.length > 0 && out.virsh === 'ok') banners.push({ key: 'banner.virshReported', values: { error: virshStderr.slice(0, 5).join(' ') } });
  // ovs-vsctl without the switch's socket is a host without Open vSwitch: nothing to say.
  if (out.ovsError?.socket) banners.push({ key: 'banner.ovsUnreadable', values: { error: out.ovsError.text } });
  const route = defaultRouteDev(out.defaultRoute);
  const topology = buildHostTopology({
    host,
    networks,
    domains,
    interfaces,
    bridgePorts,
    ...(route ? { defaultRouteDev: route } : {}),
    ...(out.ovs !== undefined ? { ovsBridges: parseOvsListing(out.ovs) } : {}),
    ...(out.hostConfig ? { hostConfigNames: hostConfigNames(out.hostConfig) } : {}),
    ...neighbourInputs(out, banners),
  });
  return { topology, banners };
}

/** A fresh random marker for one probe's section lines. */
export const newMarker = (): string => `@@vw-${randomBytes(12).toString('hex')}`;

export const PROBE_TIMEOUT_MS = 120_000;

/** The probe's sections, or a 'command' error when the probe printed nothing usable. */
export function probeOutput(result: RunResult, marker: string, label: string): ProbeOutput {
  const out = splitProbeOutput(result.stdout, marker);
  if (result.code !== 0 && !out.ipLink && out.networks.length === 0) {
    throw new ApiError('command', `${label} could not be read (the probe exited with ${result.code}).`, result.stderr.trim());
  }
  return out;
}

/** Reads one host's whole virtual network in one remote command. */
export async function discoverHost(run: RunCommand, host: HostRecord, options: { privileged?: boolean } = {}): Promise<Discovery> {
  const marker = newMarker();
  const result = await run(probeArgv(marker, host.uri, { kind: 'all' }, { sudo: options.privileged ?? false }), { timeout: PROBE_TIMEOUT_MS });
  return assembleHost({ ...host, capturedAt: new Date().toISOString() }, probeOutput(result, marker, host.label), result.stderr);
}
