// Who is where, as the host has heard it: the addresses of each live VM NIC (from its
// network's DHCP leases, the host's neighbour table and the guest agent) and each Linux
// bridge's forwarding database, with the VM NIC or host device owning each MAC. Pure.
import type { FdbRecord, NeighbourRecord } from '../hostnet/neighbours.ts';
import { isGroupMac } from '../hostnet/neighbours.ts';
import type { IfAddrRecord, LeaseRecord } from '../libvirt/addresses.ts';
import { ADDRESS_SOURCES, type AddressSource, type DhcpLease, type FdbEntry, type FdbOwner, type NicAddress } from './model.ts';

export interface AddressSources {
  /** leases of the network the NIC is on (or `domifaddr --source lease` of its VM) */
  lease?: readonly { mac: string; family: 'ipv4' | 'ipv6'; ip: string; prefix?: number }[];
  arp?: readonly NeighbourRecord[];
  agent?: readonly IfAddrRecord[];
}

/** The addresses of the NIC with `mac`, each with every source that reported it; undefined when none. */
export function nicAddresses(mac: string, sources: AddressSources): NicAddress[] | undefined {
  const wanted = mac.toLowerCase();
  const byIp = new Map<string, NicAddress>();
  const add = (source: AddressSource, a: { family: 'ipv4' | 'ipv6'; ip: string; prefix?: number }) => {
    const key = a.ip.toLowerCase();
    const known = byIp.get(key);
    if (known) {
      if (!known.sources.includes(source)) known.sources.push(source);
      if (known.prefix === undefined && a.prefix !== undefined) known.prefix = a.prefix;
      return;
    }
    byIp.set(key, { family: a.family, ip: a.ip, ...(a.prefix !== undefined ? { prefix: a.prefix } : {}), sources: [source] });
  };
  for (const source of ADDRESS_SOURCES) {
    for (const a of sources[source] ?? []) if (a.mac.toLowerCase() === wanted) add(source, a);
  }
  return byIp.size === 0 ? undefined : [...byIp.values()];
}

export function leaseOf(record: LeaseRecord): DhcpLease {
  const { mac, family, ip, prefix, hostname, clientId, expiry } = record;
  const lease: DhcpLease = { mac, family, ip };
  if (prefix !== undefined) lease.prefix = prefix;
  if (hostname !== undefined) lease.hostname = hostname;
  if (clientId !== undefined) lease.clientId = clientId;
  if (expiry !== undefined) lease.expiry = expiry;
  return lease;
}

export interface MacOwners {
  /** guest MAC of a VM NIC → the VM's node id */
  nics: ReadonlyMap<string, string>;
  /** MAC of a host interface → its name */
  devices: ReadonlyMap<string, string>;
}

/** Who on the host owns `mac`; undefined when nobody does. */
export function fdbOwner(mac: string, owners: MacOwners): FdbOwner | undefined {
  const m = mac.toLowerCase();
  const vm = owners.nics.get(m);
  if (vm !== undefined) return { kind: 'nic', vm };
  const device = owners.devices.get(m);
  if (device !== undefined) return { kind: 'device', device };
  return isGroupMac(m) ? { kind: 'group' } : undefined;
}

/**
 * The entries of bridge `bridge`'s forwarding database, as `bridge fdb show br BRIDGE` lists
 * them: the bridge's own table (`master BRIDGE`), and the own address filters (`self`) of the
 * bridge and of its ports.
 */
export function bridgeFdb(bridge: string, records: readonly FdbRecord[], portsOf: ReadonlySet<string>, owners: MacOwners): FdbEntry[] {
  const out: FdbEntry[] = [];
  for (const r of records) {
    const mine = r.master === bridge || (r.master === undefined && (r.dev === bridge || portsOf.has(r.dev)));
    if (!mine) continue;
    const entry: FdbEntry = { mac: r.mac, port: r.dev, kind: r.kind };
    if (r.vlan !== undefined) entry.vlan = r.vlan;
    if (r.updated !== undefined && (r.kind === 'learned' || r.kind === 'static')) entry.age = r.updated;
    const owner = fdbOwner(r.mac, owners);
    if (owner) entry.owner = owner;
    out.push(entry);
  }
  return out;
}
