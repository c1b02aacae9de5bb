// What the details panel says about a selected object or link, as labelled rows.
import type { IpConfig, LinkKind, NicLink, Persistence, Topology, TopologyLink, TopologyNode } from '../../shared/topology/model.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { kindLabel, stateLabel } from '../graph/words.ts';
import { t } from '../state/i18n.svelte.ts';
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

const LINK_KEYS: Record<LinkKind, MessageKey> = {
  nic: 'details.link.nic',
  port: 'details.link.port',
  uses: 'details.link.uses',
  uplink: 'details.link.uplink',
};

/** A kind of link, as the details panel and its connections name it. */
export const linkLabel = (kind: LinkKind): string => t(LINK_KEYS[kind]);

/** How a network forwards; NAT is NAT in every language, an unknown mode is shown as libvirt says it. */
const FORWARD_KEYS: Readonly<Record<string, MessageKey>> = {
  route: 'details.forward.route',
  open: 'details.forward.open',
  bridge: 'details.forward.bridge',
  private: 'details.forward.private',
  vepa: 'details.forward.vepa',
  passthrough: 'details.forward.passthrough',
  hostdev: 'details.forward.hostdev',
  isolated: 'details.forward.isolated',
};

function forwardLabel(forward: string): string {
  if (forward === 'nat') return 'NAT';
  return Object.hasOwn(FORWARD_KEYS, forward) ? t(FORWARD_KEYS[forward]!) : forward;
}

const PERSISTENCE_KEYS: Record<Persistence, MessageKey> = {
  libvirt: 'details.persistence.libvirt',
  'host-config': 'details.persistence.hostConfig',
  ovsdb: 'details.persistence.ovsdb',
  hardware: 'details.persistence.hardware',
  none: 'details.persistence.none',
  unknown: 'details.persistence.unknown',
};

const ENDPOINT_KEYS: Readonly<Record<string, MessageKey>> = {
  user: 'details.endpoint.user',
  ethernet: 'details.endpoint.ethernet',
  hostdev: 'details.endpoint.hostdev',
  vhostuser: 'details.endpoint.vhostuser',
  vdpa: 'details.endpoint.vdpa',
  mcast: 'details.endpoint.mcast',
  udp: 'details.endpoint.udp',
  server: 'details.endpoint.server',
  client: 'details.endpoint.client',
};

const endpointLabel = (nicType: string): string => t(Object.hasOwn(ENDPOINT_KEYS, nicType) ? ENDPOINT_KEYS[nicType]! : 'details.endpoint.other');

const yesNo = (value: boolean): string => t(value ? 'details.yes' : 'details.no');

function row(label: string, value: string | number | undefined | null): PropertyRow[] {
  return value === undefined || value === null || value === '' ? [] : [{ label, value: String(value) }];
}

function ipRows(ips: IpConfig[]): PropertyRow[] {
  return ips.flatMap((ip) => [
    { label: ip.family === 'ipv4' ? 'IPv4' : 'IPv6', value: `${ip.address}/${ip.prefix}` },
    ...ip.dhcpRanges.map((r) => ({ label: t('details.row.dhcpRange'), value: `${r.start} – ${r.end}` })),
    ...ip.dhcpHosts.map((h) => ({ label: t('details.row.dhcpHost'), value: [h.name, h.mac ?? h.id, h.ip].filter(Boolean).join(' · ') })),
  ]);
}

function kindRows(node: TopologyNode, nameOf: (id: string) => string): PropertyRow[] {
  switch (node.kind) {
    case 'network':
      return [
        ...row(t('details.row.forward'), forwardLabel(node.forward)),
        ...row(t('details.row.forwardDevice'), node.forwardDev),
        ...row(t('details.row.bridge'), node.bridge),
        ...ipRows(node.ips),
        ...row(t('details.row.domain'), node.domain),
        ...row(t('details.row.autostart'), yesNo(node.autostart)),
        ...row(t('details.row.persistent'), yesNo(node.persistent)),
        ...row('UUID', node.uuid),
      ];
    case 'vm':
      return [...row('UUID', node.uuid), ...row(t('details.row.persistent'), node.persistent === undefined ? undefined : yesNo(node.persistent))];
    case 'missing':
      return row(t('details.row.expected'), t(`details.missing.${node.expected}`));
    case 'endpoint':
      return [
        ...row(t('details.row.nicType'), node.nicType),
        ...row(t('details.row.attachedTo'), endpointLabel(node.nicType)),
        ...row(t('details.row.source'), node.source),
        ...row('MAC', node.mac),
        { label: t('details.nicOf'), value: nameOf(node.vm), goTo: node.vm },
      ];
    default:
      return [
        ...row('MAC', node.mac),
        ...row('MTU', node.mtu),
        ...row(t('details.row.link'), stateLabel(node.up ? 'up' : 'down')),
        ...(node.kind === 'physical' ? row(t('details.row.deviceKind'), node.linkKind) : []),
        ...row(t('details.row.managedBy'), node.managedBy ? t('details.managedByNetwork', { name: node.managedBy }) : t('details.noNetwork')),
        ...(node.kind === 'bridge' ? row(t('details.row.type'), node.bridgeType === 'ovs' ? 'Open vSwitch' : node.bridgeType && t('device.linuxBridge')) : []),
        ...(node.kind === 'tap' && node.vm ? row(t('details.row.backsNicOf'), nameOf(node.vm)) : []),
      ];
  }
}

function nicPresence(link: Extract<TopologyLink, { kind: 'nic' }>): string {
  if (link.live && link.config) return t('details.presence.both');
  return t(link.live ? 'details.presence.live' : 'details.presence.config');
}

/** What happens to an object when the host reboots. */
function rebootRows(node: TopologyNode): PropertyRow[] {
  const afterReboot = t('details.row.afterReboot');
  if (node.kind === 'network' && !node.persistent) return row(afterReboot, t('details.transient'));
  if (node.kind !== 'bridge' && node.kind !== 'tap' && node.kind !== 'physical') return [];
  if (node.persistence) return row(afterReboot, t(PERSISTENCE_KEYS[node.persistence]));
  // Files saved before persistence was read: only libvirt's own devices are known to return;
  // a TAP libvirt made for a VM NIC comes back with the VM, whatever network it is on.
  const byHand = (node.kind === 'bridge' || (node.kind === 'tap' && !node.vm)) && node.managedBy === null;
  return byHand ? row(afterReboot, t('details.byHandNotRead')) : [];
}

/** Why a VM will not start: NICs in its definition on networks, bridges or devices that are not there. */
function startRows(topology: Topology, node: TopologyNode): PropertyRow[] {
  if (node.kind !== 'vm') return [];
  // a plain pass: a VM is chosen on a big host with a click, and its thousands of links were each given an array
  const missing = new Map<string, Extract<TopologyNode, { kind: 'missing' }>>();
  for (const l of topology.links) {
    if (l.kind !== 'nic' || l.source !== node.id || !l.config || missing.has(l.target)) continue;
    const target = topology.nodes.find((n) => n.id === l.target);
    if (target?.kind === 'missing') missing.set(target.id, target);
  }
  return [...missing.values()].map((m) => ({
    label: t('details.row.willNotStart'),
    value: t(`details.willNotStart.${m.expected}`, { name: m.name }),
    goTo: m.id,
  }));
}

function nicRows(link: NicLink, target: TopologyNode | undefined): PropertyRow[] {
  return [
    ...row('MAC', link.mac),
    ...row(t('details.row.model'), link.model),
    ...row(t('details.row.type'), link.type),
    ...(target?.kind === 'missing' ? row(t('details.row.on'), t(`details.onMissing.${target.expected}`, { name: target.name })) : []),
    ...row(t('details.row.macvtapMode'), link.sourceMode),
    ...row(t('details.row.portGroup'), link.portgroup),
    ...row(t('details.row.virtualPort'), link.virtualport),
    ...row('VLAN', link.vlan),
    ...row(t('details.row.hostDevice'), link.targetDev),
    ...row(t('details.row.presentIn'), nicPresence(link)),
    ...row(t('details.row.linkState'), stateLabel(link.linkState ?? 'up')),
    ...nicAddressRows(link),
  ];
}

export function describeNode(topology: Topology, node: TopologyNode): Details {
  const touching = topology.links.filter((l) => l.source === node.id || l.target === node.id);
  const otherOf = (l: TopologyLink): string => (l.source === node.id ? l.target : l.source);
  // the names of only the objects shown here: a map of a big host's every object, made on each
  // click, was a good part of a click's work
  const wanted = new Set(touching.map(otherOf));
  if ('vm' in node && typeof node.vm === 'string') wanted.add(node.vm);
  const names = new Map<string, string>();
  for (const n of topology.nodes) if (wanted.has(n.id)) names.set(n.id, n.name);
  const nameOf = (id: string): string => names.get(id) ?? topology.nodes.find((n) => n.id === id)?.name ?? id;
  const host = topology.hosts.find((h) => h.id === node.host);
  const connections = touching.map((l) => {
    const other = otherOf(l);
    const arrow = l.source === node.id ? '→' : '←';
    return { label: linkLabel(l.kind), value: `${arrow} ${nameOf(other)}${l.kind === 'nic' ? ` (${l.mac})` : ''}`, goTo: other };
  });
  const details: Details = {
    title: node.name,
    kindLabel: kindLabel(node.kind),
    state: stateLabel(node.state),
    rows: [...row(t('details.row.host'), host?.label), ...kindRows(node, nameOf), ...rebootRows(node), ...startRows(topology, node)],
    connections,
  };
  if ((node.kind === 'network' || node.kind === 'vm') && node.xml) details.xml = node.xml;
  return details;
}

export function describeLink(topology: Topology, link: TopologyLink): Details {
  const nameOf = (id: string): string => topology.nodes.find((n) => n.id === id)?.name ?? id;
  return {
    title: `${nameOf(link.source)} → ${nameOf(link.target)}`,
    kindLabel: linkLabel(link.kind),
    rows: [
      { label: t('details.row.from'), value: nameOf(link.source), goTo: link.source },
      { label: t('details.row.to'), value: nameOf(link.target), goTo: link.target },
      ...(link.kind === 'nic' ? nicRows(link, topology.nodes.find((n) => n.id === link.target)) : []),
    ],
    connections: [],
  };
}
