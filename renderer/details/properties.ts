// What the details panel says about a selected object or link, as labelled rows.
import type { IpConfig, LinkKind, MissingKind, NicLink, Persistence, Topology, TopologyLink, TopologyNode } from '../../shared/topology/model.ts';
import { KIND_LABELS } from '../graph/icons.ts';
import { nicAddressRows } from './addresses.ts';

export interface PropertyRow {
  label: string;
  value: string;
  /** the object at the other end, for rows that lead somewhere */
  goTo?: string;
}

export interface Details {
  title: string;
  kindLabel: string;
  state?: string;
  rows: PropertyRow[];
  /** links of the object, as "what → whom" */
  connections: PropertyRow[];
  xml?: string;
}

export const LINK_LABELS: Record<LinkKind, string> = {
  nic: 'VM NIC',
  port: 'Bridge port',
  uses: 'Network bridge',
  uplink: 'Uplink',
};

const FORWARD_LABELS: Record<string, string> = {
  nat: 'NAT',
  route: 'Routed',
  open: 'Open',
  bridge: 'Bridged (host bridge)',
  private: 'macvtap private',
  vepa: 'macvtap VEPA',
  passthrough: 'macvtap passthrough',
  hostdev: 'SR-IOV hostdev',
  isolated: 'Isolated (no forwarding)',
};

const MISSING_LABELS: Record<MissingKind, string> = {
  network: 'a libvirt network by this name; none is defined on this host',
  bridge: 'a bridge by this name; this host has none',
  device: 'a host device by this name for a macvtap (direct) NIC; this host has none',
};

const PERSISTENCE_LABELS: Record<Persistence, string> = {
  libvirt: 'comes back — libvirt makes it',
  'host-config': 'comes back — the host’s network configuration makes it',
  ovsdb: 'comes back — kept in the Open vSwitch database',
  hardware: 'stays — a real NIC',
  none: 'gone — made by hand, nothing recreates it',
  unknown: 'not known — the host’s network configuration could not be read',
};

const ENDPOINT_LABELS: Record<string, string> = {
  user: 'user-mode networking inside qemu (no host device)',
  ethernet: 'a TAP qemu opens that does not exist now',
  hostdev: 'a PCI network device passed through to the VM',
  vhostuser: 'a vhost-user socket (e.g. a DPDK switch)',
  vdpa: 'a vDPA device',
  mcast: 'a multicast socket tunnel between VMs',
  udp: 'a UDP socket tunnel',
  server: 'a TCP socket tunnel, listening',
  client: 'a TCP socket tunnel, connecting',
};

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

function row(label: string, value: string | number | undefined | null): PropertyRow[] {
  return value === undefined || value === null || value === '' ? [] : [{ label, value: String(value) }];
}

function ipRows(ips: IpConfig[]): PropertyRow[] {
  return ips.flatMap((ip) => [
    { label: ip.family === 'ipv4' ? 'IPv4' : 'IPv6', value: `${ip.address}/${ip.prefix}` },
    ...ip.dhcpRanges.map((r) => ({ label: 'DHCP range', value: `${r.start} – ${r.end}` })),
    ...ip.dhcpHosts.map((h) => ({ label: 'DHCP host', value: [h.name, h.mac ?? h.id, h.ip].filter(Boolean).join(' · ') })),
  ]);
}

function kindRows(node: TopologyNode, nameOf: (id: string) => string): PropertyRow[] {
  switch (node.kind) {
    case 'network':
      return [
        ...row('Forward', FORWARD_LABELS[node.forward] ?? node.forward),
        ...row('Forward device', node.forwardDev),
        ...row('Bridge', node.bridge),
        ...ipRows(node.ips),
        ...row('Domain', node.domain),
        ...row('Autostart', yesNo(node.autostart)),
        ...row('Persistent', yesNo(node.persistent)),
        ...row('UUID', node.uuid),
      ];
    case 'vm':
      return [...row('UUID', node.uuid), ...row('Persistent', node.persistent === undefined ? undefined : yesNo(node.persistent))];
    case 'missing':
      return row('Expected', MISSING_LABELS[node.expected]);
    case 'endpoint':
      return [
        ...row('NIC type', node.nicType),
        ...row('Attached to', ENDPOINT_LABELS[node.nicType] ?? 'nothing on this host'),
        ...row('Source', node.source),
        ...row('MAC', node.mac),
        { label: 'NIC of', value: nameOf(node.vm), goTo: node.vm },
      ];
    default:
      return [
        ...row('MAC', node.mac),
        ...row('MTU', node.mtu),
        ...row('Link', node.up ? 'up' : 'down'),
        ...(node.kind === 'physical' ? row('Device kind', node.linkKind) : []),
        ...row('Managed by', node.managedBy ? `network ${node.managedBy}` : 'no libvirt network'),
        ...(node.kind === 'bridge' ? row('Type', node.bridgeType === 'ovs' ? 'Open vSwitch' : node.bridgeType && 'Linux bridge') : []),
        ...(node.kind === 'tap' && node.vm ? row('Backs a NIC of', nameOf(node.vm)) : []),
      ];
  }
}

function nicPresence(link: Extract<TopologyLink, { kind: 'nic' }>): string {
  if (link.live && link.config) return 'running VM and its configuration';
  return link.live ? 'attached live only — gone on reboot' : 'in the config only — arrives on next boot';
}

/** What happens to an object when the host reboots. */
function rebootRows(node: TopologyNode): PropertyRow[] {
  if (node.kind === 'network' && !node.persistent) return row('After reboot', 'gone — a transient network, never defined');
  if (node.kind !== 'bridge' && node.kind !== 'tap' && node.kind !== 'physical') return [];
  if (node.persistence) return row('After reboot', PERSISTENCE_LABELS[node.persistence]);
  // Files saved before persistence was read: only libvirt's own devices are known to return;
  // a TAP libvirt made for a VM NIC comes back with the VM, whatever network it is on.
  const byHand = (node.kind === 'bridge' || (node.kind === 'tap' && !node.vm)) && node.managedBy === null;
  return byHand ? row('After reboot', 'gone unless the host’s configuration makes it (not read)') : [];
}

/** Why a VM will not start: NICs in its definition on networks, bridges or devices that are not there. */
function startRows(topology: Topology, node: TopologyNode): PropertyRow[] {
  if (node.kind !== 'vm') return [];
  const missing = topology.links.flatMap((l) => {
    if (l.kind !== 'nic' || l.source !== node.id || !l.config) return [];
    const target = topology.nodes.find((n) => n.id === l.target);
    return target?.kind === 'missing' ? [target] : [];
  });
  return [...new Map(missing.map((m) => [m.id, m])).values()].map((m) => ({
    label: 'Will not start',
    value: `while ${m.expected} “${m.name}” is missing (a NIC in its definition is on it)`,
    goTo: m.id,
  }));
}

function nicRows(link: NicLink, target: TopologyNode | undefined): PropertyRow[] {
  return [
    ...row('MAC', link.mac),
    ...row('Model', link.model),
    ...row('Type', link.type),
    ...(target?.kind === 'missing' ? row('On', `${target.expected} “${target.name}”, which this host does not have`) : []),
    ...row('macvtap mode', link.sourceMode),
    ...row('Port group', link.portgroup),
    ...row('Virtual port', link.virtualport),
    ...row('VLAN', link.vlan),
    ...row('Host device', link.targetDev),
    ...row('Present in', nicPresence(link)),
    ...row('Link state', link.linkState ?? 'up'),
    ...nicAddressRows(link),
  ];
}

export function describeNode(topology: Topology, node: TopologyNode): Details {
  const names = new Map(topology.nodes.map((n) => [n.id, n.name] as const));
  const nameOf = (id: string): string => names.get(id) ?? id;
  const host = topology.hosts.find((h) => h.id === node.host);
  const connections = topology.links
    .filter((l) => l.source === node.id || l.target === node.id)
    .map((l) => {
      const other = l.source === node.id ? l.target : l.source;
      const arrow = l.source === node.id ? '→' : '←';
      return { label: LINK_LABELS[l.kind], value: `${arrow} ${nameOf(other)}${l.kind === 'nic' ? ` (${l.mac})` : ''}`, goTo: other };
    });
  const details: Details = {
    title: node.name,
    kindLabel: KIND_LABELS[node.kind],
    state: node.state,
    rows: [...row('Host', host?.label), ...kindRows(node, nameOf), ...rebootRows(node), ...startRows(topology, node)],
    connections,
  };
  if ((node.kind === 'network' || node.kind === 'vm') && node.xml) details.xml = node.xml;
  return details;
}

export function describeLink(topology: Topology, link: TopologyLink): Details {
  const nameOf = (id: string): string => topology.nodes.find((n) => n.id === id)?.name ?? id;
  return {
    title: `${nameOf(link.source)} → ${nameOf(link.target)}`,
    kindLabel: LINK_LABELS[link.kind],
    rows: [
      { label: 'From', value: nameOf(link.source), goTo: link.source },
      { label: 'To', value: nameOf(link.target), goTo: link.target },
      ...(link.kind === 'nic' ? nicRows(link, topology.nodes.find((n) => n.id === link.target)) : []),
    ],
    connections: [],
  };
}
