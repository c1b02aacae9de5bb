// The probe's address sections for the topology builder: each network's DHCP leases, each
// running VM's guest-agent addresses, the bridges' forwarding databases and the host's
// neighbour table. A section that did not answer is simply absent; a table or JSON that cannot
// be read becomes a banner, and the rest is still drawn.
import { ApiError, errorSays } from '../../shared/errors.ts';
import type { Message, MessageKey } from '../../shared/i18n/index.ts';
import { parseFdbJson, parseNeighJson, type FdbRecord, type NeighbourRecord } from '../../shared/hostnet/neighbours.ts';
import { parseDhcpLeases, parseDomIfAddr } from '../../shared/libvirt/addresses.ts';
import type { DomainInput, NetworkInput } from '../../shared/topology/build.ts';
import type { ProbeOutput } from './probe-output.ts';

/** Puts the leases and addresses the probe read on the networks and domains it read them for. */
export function attachAddresses(out: ProbeOutput, networks: NetworkInput[], domains: DomainInput[]): void {
  const nets = new Map(out.networks.map((n) => [n.uuid, n] as const));
  for (const net of networks) {
    const probed = net.record.uuid === undefined ? undefined : nets.get(net.record.uuid);
    if (probed?.leases !== undefined) net.leases = parseDhcpLeases(probed.leases);
  }
  const doms = new Map(out.domains.map((d) => [d.uuid, d] as const));
  for (const dom of domains) {
    const probed = dom.record.uuid === undefined ? undefined : doms.get(dom.record.uuid);
    if (probed?.agentAddresses !== undefined) dom.agentAddresses = parseDomIfAddr(probed.agentAddresses);
  }
}

function read<T>(text: string | undefined, parse: (t: string) => T[], what: MessageKey, banners: Message[]): T[] | undefined {
  if (text === undefined) return undefined;
  try {
    return parse(text);
  } catch (e) {
    banners.push({ key: 'banner.unreadable', values: { what: { key: what }, error: errorSays(ApiError.from(e)) } });
    return undefined;
  }
}

/** The bridges' forwarding databases and the neighbour table, for buildHostTopology. */
export function neighbourInputs(out: ProbeOutput, banners: Message[]): { fdb?: FdbRecord[]; neighbours?: NeighbourRecord[] } {
  const fdb = read(out.fdb, parseFdbJson, 'banner.what.fdb', banners);
  const neighbours = read(out.neigh, parseNeighJson, 'banner.what.neighbours', banners);
  return { ...(fdb ? { fdb } : {}), ...(neighbours ? { neighbours } : {}) };
}
