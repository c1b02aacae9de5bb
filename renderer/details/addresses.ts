// Addresses and neighbours in the details panel: a NIC's addresses with where the host learned
// each, a network's DHCP leases with the VM NIC holding each, a Linux bridge's forwarding
// database port by port with the VM NIC or device owning each MAC, and the pin / unpin change a
// NIC's lease offers. Pure, so the panel and the tests read the same rows.
import type { Intent } from '../../shared/plan/types.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import type { AddressSource, BridgeNode, FdbEntry, FdbKind, NetworkNode, NicLink, Topology, TopologyNode } from '../../shared/topology/model.ts';
import { t } from '../state/i18n.svelte.ts';

const SOURCE_KEYS: Record<AddressSource, MessageKey> = { lease: 'details.source.lease', arp: 'details.source.arp', agent: 'details.source.agent' };

const FDB_KIND_KEYS: Record<FdbKind, MessageKey> = {
  learned: 'details.fdbKind.learned',
  permanent: 'details.fdbKind.permanent',
  static: 'details.fdbKind.static',
  self: 'details.fdbKind.self',
};

/** What an entry of the forwarding database is, in the user's words. */
export const fdbKindLabel = (kind: FdbKind): string => t(FDB_KIND_KEYS[kind]);

/** The owner of a MAC no VM NIC or device of the host has. */
export const unknownOwner = (): string => t('details.unknownOwner');

const withPrefix = (ip: string, prefix: number | undefined): string => (prefix === undefined ? ip : `${ip}/${prefix}`);

/** One row per address of a live NIC: "192.168.122.45/24 — DHCP lease, ARP/NDP table". */
export function nicAddressRows(link: NicLink): { label: string; value: string }[] {
  return (link.addresses ?? []).map((a) => ({
    label: t(a.family === 'ipv4' ? 'details.row.ipv4Address' : 'details.row.ipv6Address'),
    value: `${withPrefix(a.ip, a.prefix)} — ${a.sources.map((s) => t(SOURCE_KEYS[s])).join(t('details.listSeparator'))}`,
  }));
}

/** The VM NIC with `mac` on host `host`, if any. */
function nicWithMac(topology: Topology, host: string, mac: string): { link: NicLink; vm: TopologyNode } | undefined {
  const wanted = mac.toLowerCase();
  for (const l of topology.links) {
    if (l.kind !== 'nic' || l.mac.toLowerCase() !== wanted) continue;
    const vm = topology.nodes.find((n) => n.id === l.source);
    if (vm && vm.host === host) return { link: l, vm };
  }
  return undefined;
}

export interface LeaseRow {
  ip: string;
  mac: string;
  hostname?: string;
  expiry?: string;
  /** "guest1 (NIC 52:54:00:00:01:01)", or undefined when no VM NIC on this host has the MAC */
  owner?: string;
  ownerId?: string;
  pinned: boolean;
  /** pin or unpin this lease's address, when that makes sense */
  action?: { label: string; intent: Intent };
}

const isPinned = (network: NetworkNode, mac: string): boolean =>
  network.ips.some((ip) => ip.dhcpHosts.some((h) => h.mac?.toLowerCase() === mac.toLowerCase()));

/** A network's leases, each with the VM NIC holding it and its pin / unpin change. */
export function leaseRows(topology: Topology, network: NetworkNode): LeaseRow[] {
  return (network.leases ?? []).map((lease) => {
    const holder = nicWithMac(topology, network.host, lease.mac);
    const pinned = isPinned(network, lease.mac);
    const row: LeaseRow = { ip: withPrefix(lease.ip, lease.prefix), mac: lease.mac, pinned };
    if (lease.hostname) row.hostname = lease.hostname;
    if (lease.expiry) row.expiry = lease.expiry;
    if (holder) {
      row.owner = t('details.leaseOwner', { vm: holder.vm.name, mac: holder.link.mac });
      row.ownerId = holder.vm.id;
    }
    if (pinned) row.action = { label: t('details.unpin'), intent: { kind: 'dhcp-host-unpin', network: network.name, mac: lease.mac } };
    else if (lease.family === 'ipv4') row.action = { label: t('details.pin'), intent: pinIntent(network, lease.mac, lease.ip, lease.hostname ?? holder?.vm.name) };
    return row;
  });
}

const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9.-]{0,62}$/;

function pinIntent(network: NetworkNode, mac: string, ip: string, name: string | undefined): Intent {
  return { kind: 'dhcp-host-pin', network: network.name, mac, ip, ...(name && HOST_NAME.test(name) ? { name } : {}) };
}

/**
 * "Pin this address" on a NIC holding a lease of the network it is on, "Unpin" on one whose
 * MAC is a static host of that network; nothing otherwise, or with the reason it is off.
 */
export function nicPinAction(topology: Topology, link: NicLink): { label: string; intent?: Intent; disabled?: string } | undefined {
  const network = topology.nodes.find((n) => n.id === link.target);
  if (network?.kind !== 'network') return undefined;
  if (isPinned(network, link.mac)) return { label: t('details.unpinThis'), intent: { kind: 'dhcp-host-unpin', network: network.name, mac: link.mac } };
  const lease = network.leases?.find((l) => l.mac.toLowerCase() === link.mac.toLowerCase() && l.family === 'ipv4');
  if (!lease) return { label: t('details.pinThis'), disabled: t('details.noLease', { network: network.name }) };
  const vm = topology.nodes.find((n) => n.id === link.source);
  return { label: t('details.pinIp', { ip: lease.ip }), intent: pinIntent(network, link.mac, lease.ip, lease.hostname ?? vm?.name) };
}

export interface FdbRow {
  port: string;
  mac: string;
  kind: string;
  /** "12 s" for learned and static entries */
  age?: string;
  owner: string;
  /** the owner's node, to select it */
  ownerId?: string;
  unknown: boolean;
}

function ownerOf(topology: Topology, host: string, entry: FdbEntry): { owner: string; ownerId?: string; unknown: boolean } {
  const o = entry.owner;
  if (!o) return { owner: unknownOwner(), unknown: true };
  if (o.kind === 'group') return { owner: t('details.multicast'), unknown: false };
  if (o.kind === 'nic') {
    const vm = topology.nodes.find((n) => n.id === o.vm);
    return { owner: t('details.nicOwner', { mac: entry.mac, vm: vm?.name ?? o.vm }), ownerId: o.vm, unknown: false };
  }
  const device = topology.nodes.find((n) => n.host === host && n.name === o.device && (n.kind === 'bridge' || n.kind === 'tap' || n.kind === 'physical'));
  const tapOf = device?.kind === 'tap' && device.vm ? (topology.nodes.find((n) => n.id === device.vm)?.name ?? device.vm) : undefined;
  const owner = tapOf === undefined ? t('details.deviceOwner', { device: o.device }) : t('details.tapOwner', { device: o.device, vm: tapOf });
  return { owner, ...(device ? { ownerId: device.id } : {}), unknown: false };
}

export function formatAge(seconds: number): string {
  if (seconds < 120) return t('details.seconds', { n: seconds });
  if (seconds < 7200) return t('details.minutes', { n: Math.round(seconds / 60) });
  return t('details.hours', { n: Math.round(seconds / 3600) });
}

/** A Linux bridge's forwarding database, by port (the bridge's own entries first), learned entries first within a port. */
export function fdbRows(topology: Topology, bridge: BridgeNode): FdbRow[] {
  const order: Record<FdbKind, number> = { learned: 0, static: 1, permanent: 2, self: 3 };
  const entries = [...(bridge.fdb ?? [])].sort((a, b) =>
    a.port === b.port ? order[a.kind] - order[b.kind] : a.port === bridge.name ? -1 : b.port === bridge.name ? 1 : a.port < b.port ? -1 : 1,
  );
  return entries.map((e) => ({
    port: e.port,
    mac: e.mac,
    kind: fdbKindLabel(e.kind),
    ...(e.age !== undefined ? { age: formatAge(e.age) } : {}),
    ...ownerOf(topology, bridge.host, e),
  }));
}

/** Why a bridge has no forwarding database to show. */
export function fdbNote(bridge: BridgeNode): string | undefined {
  if (bridge.bridgeType === 'ovs') return t('details.fdbOvs');
  if (bridge.fdb === undefined) return t('details.fdbNotRead');
  if (bridge.fdb.length === 0) return t('details.fdbEmpty');
  return undefined;
}
