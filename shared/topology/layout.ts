// Automatic layout for topologies without saved positions. Deterministic: the same topology
// always gets the same positions (no randomness, every ordering sorted), so a file opened twice
// looks the same and tests can compare positions.
//
// Per host: networks and bridges form the middle (uplinks above, each network's bridge below
// it, loose TAPs below their bridge, then placeholders for what NICs name but the host lacks),
// VMs sit on rings around that middle, ordered by the direction of what they are wired to,
// each VM's TAPs sit between the VM and its bridge, and its NIC endpoints just outside it.
// Hosts are placed side by side.
import type { Layout, Point, Topology, TopologyNode } from './model.ts';
import { byNaturalName } from '../text/natural.ts';

const COLUMN = 150;
const ROW = 110;
const VM_SPACING = 110;
const RING_GAP = 120;
const HOST_GAP = 260;
const BRIDGE_SHIFT = 60;
/** a network, its bridge below and the loose TAPs below that */
const ROW_PITCH = 3 * ROW;
/** small hosts keep all networks and bridges on one row */
const MIN_COLUMNS = 6;
/** a NIC endpoint's distance outward from its VM, and between two endpoints of one VM */
const ENDPOINT_DISTANCE = 90;
const ENDPOINT_SPACING = 70;

interface Box {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

const byName = byNaturalName<TopologyNode>((n) => n.name, (n) => n.id);

function boxOf(points: Iterable<Point>): Box {
  const box: Box = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
  for (const p of points) {
    box.minX = Math.min(box.minX, p.x);
    box.maxX = Math.max(box.maxX, p.x);
    box.minY = Math.min(box.minY, p.y);
    box.maxY = Math.max(box.maxY, p.y);
  }
  if (box.minX === Infinity) return { minX: 0, maxX: 0, minY: 0, maxY: 0 };
  return box;
}

/** Neighbours by link, both directions. */
function adjacency(topology: Topology): Map<string, string[]> {
  const adj = new Map<string, string[]>();
  const add = (a: string, b: string): void => {
    const list = adj.get(a);
    if (list) list.push(b);
    else adj.set(a, [b]);
  };
  for (const l of topology.links) {
    add(l.source, l.target);
    add(l.target, l.source);
  }
  for (const list of adj.values()) list.sort();
  return adj;
}

function layoutMiddle(nodes: TopologyNode[], adj: Map<string, string[]>, pos: Map<string, Point>): void {
  const byIdLocal = new Map(nodes.map((n) => [n.id, n] as const));
  const kindOf = (id: string): string | undefined => byIdLocal.get(id)?.kind;
  const networks = nodes.filter((n) => n.kind === 'network').sort(byName);
  const bridges = nodes.filter((n) => n.kind === 'bridge').sort(byName);
  // Networks (each with its bridge) and then the bridges no network uses take slots in a grid
  // that stays roughly square, so a host with many networks does not become one long row.
  const slots = networks.length + bridges.filter((b) => !networks.some((n) => (adj.get(n.id) ?? []).includes(b.id))).length;
  const columns = Math.max(MIN_COLUMNS, Math.ceil(Math.sqrt(slots) * 1.5));
  const slotAt = (i: number): Point => ({ x: (i % columns) * COLUMN, y: Math.floor(i / columns) * ROW_PITCH });
  let slot = 0;
  const placedBridges = new Set<string>();
  // A network's bridge goes below it, a little to the side, so that NIC links from VMs below
  // to the network pass beside the bridge, not through it.
  for (const net of networks) {
    const at = slotAt(slot);
    pos.set(net.id, at);
    for (const b of adj.get(net.id) ?? []) {
      if (kindOf(b) === 'bridge' && !placedBridges.has(b)) {
        pos.set(b, { x: at.x + BRIDGE_SHIFT, y: at.y + ROW });
        placedBridges.add(b);
      }
    }
    slot += 1;
  }
  for (const br of bridges) {
    if (placedBridges.has(br.id)) continue;
    const at = slotAt(slot);
    pos.set(br.id, { x: at.x, y: at.y + ROW });
    placedBridges.add(br.id);
    slot += 1;
  }
  // What VM NICs name but the host lacks stands where the network or bridge would be.
  for (const missing of nodes.filter((n) => n.kind === 'missing').sort(byName)) {
    pos.set(missing.id, slotAt(slot));
    slot += 1;
  }
  const column = Math.min(slot, columns);
  const centreX = ((Math.max(column, 1) - 1) * COLUMN) / 2;
  // Physical NICs above what they serve (uplink of a network, port of a bridge).
  const physicals = nodes.filter((n) => n.kind === 'physical').sort(byName);
  physicals.forEach((p, i) => {
    const anchors = (adj.get(p.id) ?? []).map((a) => pos.get(a)).filter((a): a is Point => !!a);
    const x = anchors.length > 0 ? anchors.reduce((s, a) => s + a.x, 0) / anchors.length : centreX + i * COLUMN;
    pos.set(p.id, { x: x + i * 12, y: -ROW - ROW / 2 });
  });
  // TAPs that back no VM hang below their bridge, fanned out.
  const looseTaps = nodes
    .filter((n) => n.kind === 'tap' && !(adj.get(n.id) ?? []).some((a) => kindOf(a) === 'vm') && !(n.kind === 'tap' && n.vm))
    .sort(byName);
  const perBridge = new Map<string, number>();
  let unplugged = 0;
  for (const tap of looseTaps) {
    const bridge = (adj.get(tap.id) ?? []).find((a) => kindOf(a) === 'bridge' && pos.has(a));
    if (bridge) {
      const k = perBridge.get(bridge) ?? 0;
      perBridge.set(bridge, k + 1);
      const b = pos.get(bridge)!;
      pos.set(tap.id, { x: b.x + (k % 2 === 0 ? 1 : -1) * Math.ceil(k / 2) * 70, y: b.y + ROW });
    } else {
      pos.set(tap.id, { x: column * COLUMN + unplugged * 80, y: 2 * ROW });
      unplugged += 1;
    }
  }
}

function layoutVms(nodes: TopologyNode[], adj: Map<string, string[]>, pos: Map<string, Point>): void {
  const vms = nodes.filter((n) => n.kind === 'vm').sort(byName);
  if (vms.length === 0) return;
  const middle = boxOf(pos.values());
  const cx = (middle.minX + middle.maxX) / 2;
  const cy = (middle.minY + middle.maxY) / 2;
  // beyond the corners of the middle, not just its sides
  const radius0 = Math.hypot(middle.maxX - middle.minX, middle.maxY - middle.minY) / 2 + 1.5 * ROW;
  // A VM's preferred direction points at the mean of what its NICs reach (through TAPs too).
  const angleOf = (vm: TopologyNode): number => {
    const anchors: Point[] = [];
    for (const a of adj.get(vm.id) ?? []) {
      const p = pos.get(a);
      if (p) anchors.push(p);
      for (const b of adj.get(a) ?? []) {
        const q = pos.get(b);
        if (q && b !== vm.id) anchors.push(q);
      }
    }
    if (anchors.length === 0) return Math.PI / 2;
    const ax = anchors.reduce((s, p) => s + p.x, 0) / anchors.length;
    const ay = anchors.reduce((s, p) => s + p.y, 0) / anchors.length + ROW; // bias downward
    return Math.atan2(ay - cy, ax - cx);
  };
  const ordered = vms
    .map((vm) => ({ vm, angle: angleOf(vm) }))
    .sort((a, b) => a.angle - b.angle || byName(a.vm, b.vm));
  let index = 0;
  for (let ring = 0; index < ordered.length; ring += 1) {
    const radius = radius0 + ring * RING_GAP;
    const capacity = Math.max(6, Math.floor((2 * Math.PI * radius) / VM_SPACING));
    const count = Math.min(capacity, ordered.length - index);
    const angles = spread(ordered.slice(index, index + count).map((o) => o.angle), (2 * Math.PI) / capacity);
    angles.forEach((angle, k) => {
      const { vm } = ordered[index + k]!;
      pos.set(vm.id, { x: cx + radius * Math.cos(angle), y: cy + radius * Math.sin(angle) });
    });
    index += count;
  }
  // TAPs that back a VM NIC sit 40% of the way from the VM to its bridge.
  const kindOf = new Map(nodes.map((n) => [n.id, n.kind] as const));
  for (const tap of nodes.filter((n) => n.kind === 'tap' && !pos.has(n.id)).sort(byName)) {
    const neighbours = adj.get(tap.id) ?? [];
    const vm = neighbours.find((a) => kindOf.get(a) === 'vm');
    const bridge = neighbours.find((a) => kindOf.get(a) === 'bridge');
    const from = (vm && pos.get(vm)) || { x: cx, y: cy + radius0 };
    const to = (bridge && pos.get(bridge)) || { x: cx, y: cy };
    pos.set(tap.id, { x: from.x + (to.x - from.x) * 0.4, y: from.y + (to.y - from.y) * 0.4 });
  }
  // A NIC endpoint (user-mode, hostdev, a socket…) belongs to one VM: just outside it, fanned.
  const perVm = new Map<string, number>();
  for (const end of nodes.filter((n) => n.kind === 'endpoint').sort(byName)) {
    const vm = end.kind === 'endpoint' ? pos.get(end.vm) : undefined;
    if (!vm) continue;
    const k = perVm.get(end.vm) ?? 0;
    perVm.set(end.vm, k + 1);
    const length = Math.hypot(vm.x - cx, vm.y - cy) || 1;
    const [ux, uy] = length > 1 ? [(vm.x - cx) / length, (vm.y - cy) / length] : [0, 1];
    const side = (k % 2 === 0 ? 1 : -1) * Math.ceil(k / 2) * ENDPOINT_SPACING;
    pos.set(end.id, { x: vm.x + ux * ENDPOINT_DISTANCE - uy * side, y: vm.y + uy * ENDPOINT_DISTANCE + ux * side });
  }
}

/**
 * Each VM as close to the direction it wants (ascending angles) as keeps `gap` between
 * neighbours on the ring; when they cannot all fit that way, evenly around the ring.
 */
function spread(wanted: number[], gap: number): number[] {
  const angles: number[] = [];
  for (const a of wanted) angles.push(angles.length === 0 ? a : Math.max(a, angles[angles.length - 1]! + gap));
  const first = angles[0] ?? 0;
  if (angles.length > 1 && angles[angles.length - 1]! - first > 2 * Math.PI - gap) {
    return angles.map((_, k) => first + (2 * Math.PI * k) / angles.length);
  }
  return angles;
}

/** Positions for every node: saved ones kept, the rest computed. */
export function autoLayout(topology: Topology): Layout {
  const adj = adjacency(topology);
  // A TAP's tie to its VM is through the NIC's target device, not a link: add it here.
  const vmOfTap = new Map<string, string>();
  for (const n of topology.nodes) if (n.kind === 'tap' && n.vm) vmOfTap.set(n.id, n.vm);
  for (const [tap, vm] of vmOfTap) {
    adj.set(tap, [...(adj.get(tap) ?? []), vm].sort());
    adj.set(vm, [...(adj.get(vm) ?? []), tap].sort());
  }

  const hostIds = [...new Set([...topology.hosts.map((h) => h.id), ...topology.nodes.map((n) => n.host)])];
  const layout: Layout = {};
  let offsetX = 0;
  for (const host of hostIds) {
    const nodes = topology.nodes.filter((n) => n.host === host);
    if (nodes.length === 0) continue;
    const pos = new Map<string, Point>();
    layoutMiddle(nodes, adj, pos);
    layoutVms(nodes, adj, pos);
    const box = boxOf(pos.values());
    const dx = offsetX - box.minX;
    for (const n of nodes) {
      const p = pos.get(n.id) ?? { x: box.minX, y: box.maxY + ROW };
      layout[n.id] = { x: Math.round(p.x + dx), y: Math.round(p.y) };
    }
    offsetX += box.maxX - box.minX + HOST_GAP;
  }
  for (const [id, p] of Object.entries(topology.layout)) if (id in layout) layout[id] = { x: p.x, y: p.y };
  return layout;
}
