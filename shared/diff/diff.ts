// The diff of a saved topology against a host as it is now: pure, over two Topologies. Networks
// and VMs are matched by UUID, then by name (a UUID that differs is a note, not a difference:
// the same network defined again, or a file from another host); bridges, TAPs and devices by
// name; NICs by MAC within their VM. Only what the model describes is compared, and only where
// both sides describe it: a NIC's live presence only when the VM runs in both, its saved
// definition only when both are persistent, its model only when the file names one.
import { interfaceNodes, attrOf, childOf, type XmlNode } from '../libvirt/interface-xml.ts';
import { parseNetworkXml } from '../libvirt/network.ts';
import { limitText, nicProps } from '../libvirt/nic-props.ts';
import { isVmRunning, type NetworkNode, type NicLink, type Topology, type TopologyNode, type VmNode } from '../topology/model.ts';
import { type Message, sayEnglish } from '../i18n/index.ts';
import { itemMessage, vmStateMessage } from './messages.ts';
import { DIFF_KINDS, type DiffItem, type FieldChange, NOTE_MESSAGES, type TopologyDiff } from './types.ts';

type NicElements = Record<'live' | 'config', Map<string, XmlNode>>;

// A live host's diff is worked out again on every change the host reports; a VM's XML is read
// once per VM object (a changed VM is a new object).
const ELEMENTS = new WeakMap<VmNode, NicElements | null>();

/** One host's objects, looked up the way the diff matches them. */
class Side {
  readonly nodes: TopologyNode[];
  readonly byId: Map<string, TopologyNode>;

  constructor(
    readonly topology: Topology,
    readonly hostId: string,
  ) {
    this.nodes = topology.nodes.filter((n) => n.host === hostId);
    this.byId = new Map(this.nodes.map((n) => [n.id, n]));
  }

  of<K extends TopologyNode['kind']>(kind: K): Extract<TopologyNode, { kind: K }>[] {
    return this.nodes.filter((n): n is Extract<TopologyNode, { kind: K }> => n.kind === kind);
  }

  masterName(device: TopologyNode): string | null {
    const port = this.topology.links.find((l) => l.kind === 'port' && l.source === device.id);
    const master = port ? this.byId.get(port.target) : undefined;
    return master?.name ?? null;
  }

  /**
   * A VM's NIC elements by MAC on each side (the running VM's, its saved definition's), or null
   * when the side has no readable XML of it (an older file, a host read without it).
   */
  elementsOf(vm: VmNode): NicElements | null {
    if (ELEMENTS.has(vm)) return ELEMENTS.get(vm)!;
    const running = isVmRunning(vm.state);
    const read = (xml: string | undefined) => {
      const out = new Map<string, XmlNode>();
      if (xml === undefined) return out;
      for (const node of interfaceNodes(xml)) {
        const mac = attrOf(childOf(node, 'mac'), 'address')?.toLowerCase();
        if (mac) out.set(mac, node);
      }
      return out;
    };
    let found: NicElements | null = null;
    try {
      if (vm.xml !== undefined) found = { live: read(running ? vm.xml : undefined), config: read(running ? vm.inactiveXml ?? (vm.persistent === false ? undefined : vm.xml) : vm.xml) };
    } catch {
      found = null; // unreadable XML: its NICs are compared by what the graph shows of them
    }
    ELEMENTS.set(vm, found);
    return found;
  }

  nicsOf(vm: VmNode): NicLink[] {
    return this.topology.links.filter((l): l is NicLink => l.kind === 'nic' && l.source === vm.id);
  }

  /** Where a NIC is, in words that match across hosts: "network default", "bridge br0"… (messages.ts says them in other languages) */
  placeOf(nic: NicLink): string {
    const node = this.byId.get(nic.target);
    if (!node) return `${nic.type} (unknown)`;
    switch (node.kind) {
      case 'network':
      case 'bridge':
        return `${node.kind} ${node.name}`;
      case 'missing':
        return `${node.expected} ${node.name} (missing)`;
      case 'endpoint':
        return node.name;
      default:
        return `device ${node.name}`;
    }
  }
}

type Keyed = { uuid?: string; name: string };

/** Pairs objects by UUID, then the rest by name; returns the pairs and what is left on each side. */
function match<T extends Keyed>(file: T[], host: T[]): { pairs: [T, T][]; onlyFile: T[]; onlyHost: T[] } {
  const pairs: [T, T][] = [];
  const leftHost = new Set(host);
  const leftFile: T[] = [];
  for (const f of file) {
    const h = f.uuid ? host.find((x) => x.uuid === f.uuid && leftHost.has(x)) : undefined;
    if (h) {
      pairs.push([f, h]);
      leftHost.delete(h);
    } else leftFile.push(f);
  }
  const onlyFile: T[] = [];
  for (const f of leftFile) {
    const h = [...leftHost].find((x) => x.name === f.name);
    if (h) {
      pairs.push([f, h]);
      leftHost.delete(h);
    } else onlyFile.push(f);
  }
  return { pairs, onlyFile, onlyHost: [...leftHost] };
}

type Fields = Record<string, string | null>;

function fieldChanges(before: Fields, after: Fields): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((k) => (before[k] ?? null) !== (after[k] ?? null)).map((k) => ({ field: k, before: before[k] ?? null, after: after[k] ?? null }));
}

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

/** A network's compared fields, each as the text the user reads. */
export function networkFields(n: NetworkNode): Fields {
  const out: Fields = {
    forward: n.forward,
    bridge: n.bridge ?? null,
    'forward device': n.forwardDev ?? null,
    domain: n.domain ?? null,
  };
  for (const family of ['ipv4', 'ipv6'] as const) {
    const ips = n.ips.filter((ip) => ip.family === family);
    out[family] = ips.length ? ips.map((ip) => `${ip.address}/${ip.prefix}`).join(', ') : null;
    const ranges = ips.flatMap((ip) => ip.dhcpRanges.map((r) => `${r.start}-${r.end}`));
    out[`${family} DHCP range`] = ranges.length ? ranges.join(', ') : null;
    const hosts = ips.flatMap((ip) => ip.dhcpHosts.map((h) => [h.mac?.toLowerCase(), h.id, h.name, h.ip].filter((v) => v !== undefined).join(' ')));
    out[`${family} DHCP hosts`] = hosts.length ? hosts.sort().join('; ') : null;
  }
  out.running = yesNo(n.active);
  out.autostart = yesNo(n.autostart);
  out.persistent = yesNo(n.persistent);
  return out;
}

/**
 * What a network's XML holds beyond the network form's fields: MTU, DNS host entries, port
 * groups, the forward interface pool. Empty when the network's XML was not read or is unreadable.
 */
export function networkXmlFields(n: NetworkNode): Fields {
  if (!n.xml) return {};
  let record;
  try {
    record = parseNetworkXml(n.xml);
  } catch {
    return {};
  }
  const list = (items: string[]) => (items.length ? items.join('; ') : null);
  return {
    mtu: record.mtu === undefined ? null : String(record.mtu),
    'DNS hosts': list(record.dnsHosts.map((h) => `${h.ip} ${h.hostnames.join(' ')}`.trim()).sort()),
    'port groups': list(record.portgroups.map((g) => `${g.name}${g.isDefault ? ' (default)' : ''}`).sort()),
    'forward interfaces': list([...record.forwardInterfaces].sort()),
  };
}

/** Bridges libvirt makes for its networks come and go with them; only hand-made ones are compared. */
function ownBridges(side: Side) {
  return side.of('bridge').filter((b) => !b.managedBy);
}

/** The devices Open vSwitch's datapaths make for themselves (userspace, kernel). */
const OVS_DATAPATH_DEVICES = new Set(['ovs-netdev', 'ovs-system']);

/** TAPs made by hand: not a VM's vnetN, not a network's, not an OVS bridge's own port or datapath device. */
function ownTaps(side: Side) {
  const bridges = new Set(side.of('bridge').map((b) => b.name));
  return side.of('tap').filter((t) => !t.vm && !t.managedBy && !bridges.has(t.name) && !OVS_DATAPATH_DEVICES.has(t.name));
}

function byName<T extends { name: string }>(file: T[], host: T[]) {
  const hostByName = new Map(host.map((h) => [h.name, h]));
  const fileNames = new Set(file.map((f) => f.name));
  return {
    pairs: file.filter((f) => hostByName.has(f.name)).map((f) => [f, hostByName.get(f.name)!] as const),
    onlyFile: file.filter((f) => !hostByName.has(f.name)),
    onlyHost: host.filter((h) => !fileNames.has(h.name)),
  };
}

type NicSides = { live?: Fields; config?: Fields };

function nicFields(side: Side, nic: NicLink, withModel: boolean): Fields {
  return {
    source: side.placeOf(nic),
    ...(withModel ? { model: nic.model ?? null } : {}),
    link: nic.linkState ?? 'up',
    portgroup: nic.portgroup ?? null,
    virtualport: nic.virtualport ?? null,
    vlan: nic.vlan ?? null,
    'macvtap mode': nic.sourceMode ?? null,
  };
}

/** The NIC fields only its XML holds (bandwidth limits, MTU); compared only when both sides have the XML. */
function xmlFields(element: XmlNode | undefined): Fields {
  const props = element ? nicProps(element) : undefined;
  return { 'inbound limit': limitText(props?.inbound ?? null), 'outbound limit': limitText(props?.outbound ?? null), mtu: props?.mtu === null || props?.mtu === undefined ? null : String(props.mtu) };
}

interface Compared {
  live: boolean;
  config: boolean;
}

/** The NICs of one VM by MAC, each with the sides of it that are compared. */
function nicsByMac(side: Side, vm: VmNode, compared: Compared, modelOf: (mac: string) => boolean, withXml: boolean): Map<string, { sides: NicSides; ids: string[] }> {
  const out = new Map<string, { sides: NicSides; ids: string[] }>();
  const elements = withXml ? side.elementsOf(vm) : null;
  const extra = (which: 'live' | 'config', mac: string): Fields => (elements ? xmlFields(elements[which].get(mac)) : {});
  for (const nic of side.nicsOf(vm)) {
    const mac = nic.mac.toLowerCase();
    const entry = out.get(mac) ?? { sides: {}, ids: [] };
    const fields = nicFields(side, nic, modelOf(mac));
    const anySide = !compared.live && !compared.config;
    if ((compared.live || anySide) && nic.live) entry.sides.live = { ...fields, ...extra('live', mac) };
    if ((compared.config || anySide) && nic.config) entry.sides.config = { ...fields, ...extra('config', mac) };
    if (anySide && entry.sides.live && entry.sides.config) delete entry.sides.live;
    entry.ids.push(nic.id);
    out.set(mac, entry);
  }
  for (const [mac, entry] of out) if (!entry.sides.live && !entry.sides.config) out.delete(mac);
  return out;
}

/** One side's fields of a NIC for an added/removed item: the saved definition's, else the live one's. */
const oneSide = (s: NicSides): Fields => s.config ?? s.live ?? {};

function nicChanges(before: NicSides, after: NicSides, compared: Compared): FieldChange[] {
  const changes: FieldChange[] = [];
  if (compared.live && !!before.live !== !!after.live) changes.push({ field: 'live', before: yesNo(!!before.live), after: yesNo(!!after.live) });
  if (compared.config && !!before.config !== !!after.config) changes.push({ field: 'config', before: yesNo(!!before.config), after: yesNo(!!after.config) });
  const live = before.live && after.live ? fieldChanges(before.live, after.live) : [];
  const config = before.config && after.config ? fieldChanges(before.config, after.config) : [];
  if (!(before.live && after.live && before.config && after.config)) return [...changes, ...config, ...live];
  // Both sides compared: a change the same on both is one field; otherwise each side says which it is.
  const liveByField = new Map(live.map((c) => [c.field, c]));
  const configByField = new Map(config.map((c) => [c.field, c]));
  for (const field of new Set([...configByField.keys(), ...liveByField.keys()])) {
    const l = liveByField.get(field);
    const c = configByField.get(field);
    if (l && c && l.before === c.before && l.after === c.after) changes.push(c);
    else {
      if (c) changes.push({ ...c, field: `${field} (config)` });
      if (l) changes.push({ ...l, field: `${field} (live)` });
    }
  }
  return changes;
}

function diffVmNics(file: Side, host: Side, fv: VmNode, hv: VmNode, items: DiffItem[]): void {
  const compared: Compared = {
    live: isVmRunning(fv.state) && isVmRunning(hv.state),
    config: fv.persistent !== false && hv.persistent !== false,
  };
  const fileModels = new Map(file.nicsOf(fv).map((n) => [n.mac.toLowerCase(), n.model !== undefined]));
  const withModel = (mac: string) => fileModels.get(mac) ?? true;
  const withXml = file.elementsOf(fv) !== null && host.elementsOf(hv) !== null;
  const before = nicsByMac(file, fv, compared, withModel, withXml);
  const after = nicsByMac(host, hv, compared, withModel, withXml);
  for (const [mac, f] of before) {
    const h = after.get(mac);
    if (!h) {
      items.push({ kind: 'nic', change: 'removed', name: hv.name, mac, fileIds: f.ids, hostIds: [hv.id], fields: fieldChanges(oneSide(f.sides), {}) });
      continue;
    }
    const fields = nicChanges(f.sides, h.sides, compared);
    if (fields.length) items.push({ kind: 'nic', change: 'changed', name: hv.name, mac, fileIds: f.ids, hostIds: h.ids, fields });
  }
  for (const [mac, h] of after) {
    if (!before.has(mac)) items.push({ kind: 'nic', change: 'added', name: hv.name, mac, fileIds: [fv.id], hostIds: h.ids, fields: fieldChanges({}, oneSide(h.sides)) });
  }
}

function diffDevices(file: Side, host: Side, items: DiffItem[]): void {
  const state = (d: { up: boolean }) => (d.up ? 'up' : 'down');
  const bridgeFields = (b: ReturnType<typeof ownBridges>[number]): Fields => ({ type: b.bridgeType ?? 'linux', state: state(b) });
  const bridges = byName(ownBridges(file), ownBridges(host));
  for (const b of bridges.onlyFile) items.push({ kind: 'bridge', change: 'removed', name: b.name, fileIds: [b.id], hostIds: [], fields: fieldChanges(bridgeFields(b), {}) });
  for (const b of bridges.onlyHost) items.push({ kind: 'bridge', change: 'added', name: b.name, fileIds: [], hostIds: [b.id], fields: fieldChanges({}, bridgeFields(b)) });
  for (const [f, h] of bridges.pairs) {
    const fields = fieldChanges(bridgeFields(f), bridgeFields(h));
    if (fields.length) items.push({ kind: 'bridge', change: 'changed', name: f.name, fileIds: [f.id], hostIds: [h.id], fields });
  }
  const tapFields = (s: Side, t: TopologyNode & { up: boolean }): Fields => ({ bridge: s.masterName(t), state: state(t) });
  const taps = byName(ownTaps(file), ownTaps(host));
  for (const t of taps.onlyFile) items.push({ kind: 'tap', change: 'removed', name: t.name, fileIds: [t.id], hostIds: [], fields: fieldChanges(tapFields(file, t), {}) });
  for (const t of taps.onlyHost) items.push({ kind: 'tap', change: 'added', name: t.name, fileIds: [], hostIds: [t.id], fields: fieldChanges({}, tapFields(host, t)) });
  for (const [f, h] of taps.pairs) {
    const fields = fieldChanges(tapFields(file, f), tapFields(host, h));
    if (fields.length) items.push({ kind: 'tap', change: 'changed', name: f.name, fileIds: [f.id], hostIds: [h.id], fields });
  }
  // Physical devices are never made or removed; which bridge they are a port of is compared. A
  // device is drawn only where it matters (a port, an uplink, under a macvtap), so one plugged in
  // on one side only is a port added or removed.
  const physical = byName(file.of('physical'), host.of('physical'));
  for (const [f, h] of physical.pairs) {
    const fields = fieldChanges({ bridge: file.masterName(f) }, { bridge: host.masterName(h) });
    if (fields.length) items.push({ kind: 'port', change: 'changed', name: f.name, fileIds: [f.id], hostIds: [h.id], fields });
  }
  for (const f of physical.onlyFile) {
    const bridge = file.masterName(f);
    if (bridge) items.push({ kind: 'port', change: 'removed', name: f.name, fileIds: [f.id], hostIds: [], fields: [{ field: 'bridge', before: bridge, after: null }] });
  }
  for (const h of physical.onlyHost) {
    const bridge = host.masterName(h);
    if (bridge) items.push({ kind: 'port', change: 'added', name: h.name, fileIds: [], hostIds: [h.id], fields: [{ field: 'bridge', before: null, after: bridge }] });
  }
}

function diffNetworks(file: Side, host: Side, items: DiffItem[], notes: Message[]): void {
  const networks = match(file.of('network'), host.of('network'));
  for (const n of networks.onlyFile) items.push({ kind: 'network', change: 'removed', name: n.name, fileIds: [n.id], hostIds: [], fields: fieldChanges(networkFields(n), {}) });
  for (const n of networks.onlyHost) items.push({ kind: 'network', change: 'added', name: n.name, fileIds: [], hostIds: [n.id], fields: fieldChanges({}, networkFields(n)) });
  for (const [f, h] of networks.pairs) {
    if (f.uuid && h.uuid && f.uuid !== h.uuid) notes.push({ key: 'checks.diff.note.networkUuid', values: { name: h.name, hostUuid: h.uuid, fileUuid: f.uuid } });
    // The XML's own fields only where both sides have the XML (an older file may not).
    const withXml = f.xml !== undefined && h.xml !== undefined;
    const fields = fieldChanges({ name: f.name, ...networkFields(f), ...(withXml ? networkXmlFields(f) : {}) }, { name: h.name, ...networkFields(h), ...(withXml ? networkXmlFields(h) : {}) });
    if (fields.length) items.push({ kind: 'network', change: 'changed', name: h.name, fileIds: [f.id], hostIds: [h.id], fields });
  }
}

function diffVms(file: Side, host: Side, items: DiffItem[], notes: Message[]): void {
  const vms = match(file.of('vm'), host.of('vm'));
  for (const v of vms.onlyFile) items.push({ kind: 'vm', change: 'removed', name: v.name, fileIds: [v.id], hostIds: [], fields: [] });
  for (const v of vms.onlyHost) items.push({ kind: 'vm', change: 'added', name: v.name, fileIds: [], hostIds: [v.id], fields: [] });
  for (const [f, h] of vms.pairs) {
    if (f.uuid && h.uuid && f.uuid !== h.uuid) notes.push({ key: 'checks.diff.note.vmUuid', values: { name: h.name, hostUuid: h.uuid, fileUuid: f.uuid } });
    if (isVmRunning(f.state) !== isVmRunning(h.state)) notes.push({ key: 'checks.diff.note.vmState', values: { name: h.name, hostState: vmStateMessage(h.state), fileState: vmStateMessage(f.state) } });
    if (f.name !== h.name) items.push({ kind: 'vm', change: 'changed', name: h.name, fileIds: [f.id], hostIds: [h.id], fields: [{ field: 'name', before: f.name, after: h.name }] });
    diffVmNics(file, host, f, h, items);
  }
}

const KIND_ORDER = new Map(DIFF_KINDS.map((k, i) => [k, i]));
const CHANGE_ORDER = { removed: 0, changed: 1, added: 2 } as const;

/**
 * What differs between host `fileHost` of `file` (as saved) and host `liveHost` of `live` (as it
 * is now). Items are sorted by kind, name, MAC and change.
 */
export function diffTopologies(file: Topology, fileHost: string, live: Topology, liveHost: string): TopologyDiff {
  const before = new Side(file, fileHost);
  const after = new Side(live, liveHost);
  const items: DiffItem[] = [];
  const notes: Message[] = [];
  diffNetworks(before, after, items, notes);
  diffDevices(before, after, items);
  diffVms(before, after, items, notes);
  items.sort(
    (a, b) =>
      KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
      (a.mac ?? '').localeCompare(b.mac ?? '') ||
      CHANGE_ORDER[a.change] - CHANGE_ORDER[b.change],
  );
  return { fileHost, liveHost, items, notes: notes.map(sayEnglish), [NOTE_MESSAGES]: notes };
}

/** One line per difference, in English (itemMessage says it in other languages). */
export function describeItem(item: DiffItem): string {
  return sayEnglish(itemMessage(item));
}
