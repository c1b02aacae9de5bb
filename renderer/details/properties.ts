// What the details panel says about a selected object or link, as labelled rows.
import type { IpConfig, LinkKind, Topology, TopologyLink, TopologyNode } from '../../shared/topology/model.ts';
import { KIND_LABELS } from '../graph/icons.ts';

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
    default:
      return [
        ...row('MAC', node.mac),
        ...row('MTU', node.mtu),
        ...row('Link', node.up ? 'up' : 'down'),
        ...row('Managed by', node.managedBy ? `network ${node.managedBy}` : 'nothing (made by hand)'),
        ...(node.kind === 'bridge' ? row('Type', node.bridgeType === 'ovs' ? 'Open vSwitch' : node.bridgeType && 'Linux bridge') : []),
        ...(node.kind === 'tap' && node.vm ? row('Backs a NIC of', nameOf(node.vm)) : []),
      ];
  }
}

function nicPresence(link: Extract<TopologyLink, { kind: 'nic' }>): string {
  if (link.live && link.config) return 'running VM and its configuration';
  return link.live ? 'attached live only — gone on reboot' : 'in the config only — arrives on next boot';
}

/** What happens to an object when the host reboots, for the ones that do not come back. */
function rebootRows(node: TopologyNode): PropertyRow[] {
  if (node.kind === 'network' && !node.persistent) return row('After reboot', 'gone — a transient network, never defined');
  // A TAP libvirt made for a VM NIC comes back with the VM, whatever network it is on.
  const byHand = (node.kind === 'bridge' || (node.kind === 'tap' && !node.vm)) && node.managedBy === null;
  if (byHand) return row('After reboot', 'gone — made by hand, not by libvirt');
  return [];
}

function nicRows(link: Extract<TopologyLink, { kind: 'nic' }>): PropertyRow[] {
  return [
    ...row('MAC', link.mac),
    ...row('Model', link.model),
    ...row('Type', link.type),
    ...row('Host device', link.targetDev),
    ...row('Present in', nicPresence(link)),
    ...row('Link state', link.linkState ?? 'up'),
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
    rows: [...row('Host', host?.label), ...kindRows(node, nameOf), ...rebootRows(node)],
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
      ...(link.kind === 'nic' ? nicRows(link) : []),
    ],
    connections: [],
  };
}
