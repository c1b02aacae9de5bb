// A network's DNS host entries (`<dns><host ip=…><hostname>…`) added and removed in place with
// `virsh net-update … dns-host`, which changes a running network's dnsmasq without a restart
// (and its saved definition with it), so its VMs keep their link. Removals go first, so an entry
// can change (same name, new address) without a duplicate in between.
// Reference: virsh(1) net-update; https://libvirt.org/formatnetwork.html#addressing
import type { DnsHost } from '../libvirt/network.ts';
import type { NetworkNode } from '../topology/model.ts';
import { ipAddressProblem } from '../validate/names.ts';
import type { HostView } from './host.ts';
import { escapeXml } from './networkXml.ts';
import type { VmScope } from './ops.ts';
import type { PlanParts } from './parts.ts';
import { refusal } from './say.ts';
import { undoable } from './step.ts';
import type { Intent } from './types.ts';

const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** The entry checked: an IP address and at least one host name, each a DNS name. */
export function checkDnsHost(host: DnsHost): DnsHost {
  const problem = ipAddressProblem(host.ip);
  if (problem !== undefined) throw refusal('plan.dns.badIp', { ip: JSON.stringify(host.ip), problem });
  if (host.hostnames.length === 0) throw refusal('plan.dns.noName', { ip: host.ip });
  for (const name of host.hostnames) {
    if (name.length > 253 || !HOSTNAME.test(name)) throw refusal('plan.dns.badName', { name: JSON.stringify(name) });
  }
  return host;
}

const hostXml = (h: DnsHost): string => `<host ip='${escapeXml(h.ip)}'>${h.hostnames.map((n) => `<hostname>${escapeXml(n)}</hostname>`).join('')}</host>\n`;

/** A running network changes now and in its definition; a stopped one only in its definition. */
function scopeOf(network: NetworkNode): VmScope {
  if (!network.active) return 'config';
  return network.persistent ? 'both' : 'live';
}

type DnsIntent = Extract<Intent, { kind: 'network-dns-hosts' }>;

export function planNetworkDnsHosts(view: HostView, intent: DnsIntent): PlanParts {
  const network = view.network(intent.network);
  const remove = intent.remove.map(checkDnsHost);
  const add = intent.add.map(checkDnsHost);
  if (remove.length + add.length === 0) throw refusal('plan.dns.nothing', { network: network.name });
  const step = (command: 'add-last' | 'delete', h: DnsHost) => {
    const op = { op: 'net-dns-host', network: network.name, xml: hostXml(h), what: `${h.ip} (${h.hostnames.join(', ')})`, scope: scopeOf(network) } as const;
    return undoable(view.ctx, { ...op, command }, { ...op, command: command === 'add-last' ? 'delete' : 'add-last' });
  };
  return { steps: [...remove.map((h) => step('delete', h)), ...add.map((h) => step('add-last', h))] };
}
