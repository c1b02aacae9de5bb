// One host's automatic layout (autoLayout in layout.ts places hosts side by side).
//
// Every network, every bridge no network owns, every placeholder for what NICs name but the
// host lacks, and every physical NIC that serves none of those is a hub. Each hub gets a cell of
// its own: the hub in the middle, a network's bridge below it, loose TAPs below that, the
// physical NICs it forwards through above it, and the VMs wired to it on rings around it. A VM
// on several hubs sits at the first of them (in hub order) on the side facing the others, and
// hubs that share VMs are laid next to each other, so wires stay short and few cross. Cells are
// packed in rows into a roughly square host; VMs wired to nothing line up below it. Each VM's
// TAPs sit just off the VM towards their bridge, its NIC endpoints just outside it.
import type { Point, TopologyNode } from './model.ts';
import { byNaturalName } from '../text/natural.ts';

/** a row of the drawing: a network and its bridge, an uplink above */
export const ROW = 110;
const VM_SPACING = 110;
const RING_GAP = 150;
const BRIDGE_SHIFT = 60;
/** room between two cells */
const CELL_GAP = 90;
/** the innermost ring clears the hub's own bridge, TAPs and uplinks by this much */
const RING_CLEARANCE = 100;
/** spare places on a hub's rings per VM that is also on other hubs */
const MULTI_ROOM = 1;
/** a NIC endpoint's distance outward from its VM */
const ENDPOINT_DISTANCE = 60;
/** a TAP backing a VM NIC, from its VM towards its bridge */
const TAP_DISTANCE = 50;
/** between two endpoints of one VM */
const ENDPOINT_SPACING = 70;

const byName = byNaturalName<TopologyNode>((n) => n.name, (n) => n.id);

/**
 * `count` places on rings around a hub, as offsets from it: the first ring at `inner`, one
 * every VM_SPACING along each ring (at least six), starting below the hub.
 */
function ringPlaces(count: number, inner: number): Point[] {
  const places: Point[] = [];
  for (let radius = inner; places.length < count; radius += RING_GAP) {
    const capacity = Math.max(6, Math.floor((2 * Math.PI * radius) / VM_SPACING));
    for (let k = 0; k < capacity; k += 1) {
      const angle = Math.PI / 2 + (2 * Math.PI * k) / capacity;
      places.push({ x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
    }
  }
  return places;
}

/** Where a hub's cell puts things, relative to the hub. */
interface Cell {
  hub: TopologyNode;
  /** bridge, loose TAPs and physical NICs around the hub */
  satellites: Map<string, Point>;
  vms: TopologyNode[];
  /** where its VMs may go, as offsets from the hub (ringPlaces) */
  places: Point[];
  /** half the cell's side */
  half: number;
  centre: Point;
}

/** Positions for one host's nodes, in `pos`; `adj` is every node's neighbours. */
export function layoutHost(nodes: TopologyNode[], adj: Map<string, string[]>, pos: Map<string, Point>): void {
  const byIdLocal = new Map(nodes.map((n) => [n.id, n] as const));
  const kindOf = (id: string): string | undefined => byIdLocal.get(id)?.kind;
  const ofKind = (kind: TopologyNode['kind']): TopologyNode[] => nodes.filter((n) => n.kind === kind).sort(byName);
  const networks = ofKind('network');
  const bridges = ofKind('bridge');
  const physicals = ofKind('physical');
  const vms = ofKind('vm');

  // A network's bridge belongs to the network's cell; a physical NIC to the first hub it serves.
  const ownerOf = new Map<string, string>();
  for (const net of networks) {
    for (const b of adj.get(net.id) ?? []) if (kindOf(b) === 'bridge' && !ownerOf.has(b)) ownerOf.set(b, net.id);
  }
  const hubOfBridge = (id: string): string => ownerOf.get(id) ?? id;
  for (const p of physicals) {
    const served = (adj.get(p.id) ?? [])
      .filter((a) => kindOf(a) === 'network' || kindOf(a) === 'bridge')
      .map(hubOfBridge)
      .sort((a, b) => byName(byIdLocal.get(a)!, byIdLocal.get(b)!));
    if (served.length > 0) ownerOf.set(p.id, served[0]!);
  }
  const hubs = [...networks, ...bridges.filter((b) => !ownerOf.has(b.id)), ...ofKind('missing'), ...physicals.filter((p) => !ownerOf.has(p.id))];
  const hubIds = new Set(hubs.map((h) => h.id));
  const hubOf = (id: string): string | undefined => {
    if (hubIds.has(id)) return id;
    const owner = ownerOf.get(id);
    return owner !== undefined && hubIds.has(owner) ? owner : undefined;
  };

  // What each VM is wired to, as hubs.
  const anchorsOf = new Map<string, string[]>();
  for (const vm of vms) {
    const anchors = new Set<string>();
    for (const a of adj.get(vm.id) ?? []) {
      const hub = hubOf(a);
      if (hub !== undefined) anchors.add(hub);
      // through a TAP that backs one of its NICs, to the TAP's bridge
      if (kindOf(a) === 'tap') for (const b of adj.get(a) ?? []) if (kindOf(b) === 'bridge') anchors.add(hubOfBridge(b));
    }
    anchorsOf.set(vm.id, [...anchors].filter((h) => hubIds.has(h)));
  }

  // Hub order: each next hub is the one sharing most VMs with the hub before it (then by name),
  // so hubs wired together by VMs are neighbours.
  const shared = new Map<string, Map<string, number>>();
  for (const anchors of anchorsOf.values()) {
    for (const a of anchors) {
      for (const b of anchors) {
        if (a === b) continue;
        const row = shared.get(a) ?? new Map<string, number>();
        row.set(b, (row.get(b) ?? 0) + 1);
        shared.set(a, row);
      }
    }
  }
  const ordered: TopologyNode[] = [];
  const left = new Set(hubs.map((h) => h.id));
  let firstLeft = 0;
  while (left.size > 0) {
    const last = ordered[ordered.length - 1];
    let next: TopologyNode | undefined;
    let best = 0;
    for (const [id, count] of last ? (shared.get(last.id) ?? new Map<string, number>()) : []) {
      const hub = byIdLocal.get(id)!;
      if (left.has(id) && (count > best || (count === best && next !== undefined && byName(hub, next) < 0))) {
        next = hub;
        best = count;
      }
    }
    if (next === undefined) {
      while (!left.has(hubs[firstLeft]!.id)) firstLeft += 1;
      next = hubs[firstLeft]!;
    }
    ordered.push(next);
    left.delete(next.id);
  }
  const rank = new Map(ordered.map((h, i) => [h.id, i] as const));

  // Each VM goes to the first of its hubs.
  const cells = new Map<string, Cell>(ordered.map((hub) => [hub.id, { hub, satellites: new Map(), vms: [], places: [], half: 0, centre: { x: 0, y: 0 } }]));
  const unwired: TopologyNode[] = [];
  for (const vm of vms) {
    const anchors = anchorsOf.get(vm.id)!.sort((a, b) => rank.get(a)! - rank.get(b)!);
    anchorsOf.set(vm.id, anchors);
    if (anchors.length === 0) unwired.push(vm);
    else cells.get(anchors[0]!)!.vms.push(vm);
  }

  // Satellites, relative to the hub: a network's bridge below it, loose TAPs below their bridge,
  // physical NICs above.
  const looseTaps = nodes.filter((n) => n.kind === 'tap' && !n.vm && !(adj.get(n.id) ?? []).some((a) => kindOf(a) === 'vm')).sort(byName);
  const unplugged: TopologyNode[] = [];
  const tapsPerBridge = new Map<string, number>();
  for (const cell of cells.values()) {
    if (cell.hub.kind === 'network') {
      for (const b of adj.get(cell.hub.id) ?? []) {
        if (ownerOf.get(b) === cell.hub.id) cell.satellites.set(b, { x: BRIDGE_SHIFT, y: ROW });
      }
    }
  }
  const bridgeAt = (bridge: string): { cell: Cell; at: Point } | undefined => {
    const cell = cells.get(hubOfBridge(bridge));
    if (!cell) return undefined;
    const at = bridge === cell.hub.id ? { x: 0, y: 0 } : cell.satellites.get(bridge);
    return at ? { cell, at } : undefined;
  };
  for (const tap of looseTaps) {
    const bridge = (adj.get(tap.id) ?? []).filter((a) => kindOf(a) === 'bridge').sort()[0];
    const placed = bridge === undefined ? undefined : bridgeAt(bridge);
    if (!placed) {
      unplugged.push(tap);
      continue;
    }
    const k = tapsPerBridge.get(bridge!) ?? 0;
    tapsPerBridge.set(bridge!, k + 1);
    placed.cell.satellites.set(tap.id, { x: placed.at.x + (k % 2 === 0 ? 1 : -1) * Math.ceil(k / 2) * 70, y: placed.at.y + ROW });
  }
  const physicalsPerHub = new Map<string, number>();
  for (const p of physicals) {
    const hub = ownerOf.get(p.id);
    const cell = hub === undefined ? undefined : cells.get(hub);
    if (!cell) continue;
    const k = physicalsPerHub.get(cell.hub.id) ?? 0;
    physicalsPerHub.set(cell.hub.id, k + 1);
    cell.satellites.set(p.id, { x: (k % 2 === 0 ? 1 : -1) * Math.ceil(k / 2) * 90, y: -ROW - ROW / 2 });
  }

  // A VM also on other hubs wants a place facing them: room for that is kept on the rings,
  // as much again as such VMs take, so they can gather on that side instead of all around.
  const placesFor = (cell: Cell): number => cell.vms.length + MULTI_ROOM * cell.vms.filter((vm) => anchorsOf.get(vm.id)!.length > 1).length;

  // Cell sizes, then cells packed in rows of about the same width as the rows are tall.
  for (const cell of cells.values()) {
    let reach = ROW;
    for (const p of cell.satellites.values()) reach = Math.max(reach, Math.hypot(p.x, p.y));
    cell.places = ringPlaces(cell.vms.length > 0 ? placesFor(cell) : 0, reach + RING_CLEARANCE);
    const outer = cell.places.reduce((most, p) => Math.max(most, Math.hypot(p.x, p.y)), 0);
    cell.half = cell.places.length > 0 ? outer + ENDPOINT_DISTANCE : reach + 40;
  }
  // (loops, not spreads into Math.max: a host may have hundreds of thousands of objects)
  let area = 0;
  let widest = 0;
  for (const c of cells.values()) {
    area += (2 * c.half + CELL_GAP) ** 2;
    widest = Math.max(widest, 2 * c.half + CELL_GAP);
  }
  // Rows of cells in hub order; of a few row widths, the one whose host comes out squarest.
  const pack = (rowWidth: number): { width: number; height: number } => {
    let x = 0;
    let top = 0;
    let width = 0;
    let row: Cell[] = [];
    const closeRow = (): void => {
      const height = row.reduce((most, c) => Math.max(most, c.half), 0);
      for (const c of row) c.centre.y = top + height;
      top += 2 * height + CELL_GAP;
      width = Math.max(width, x);
      row = [];
      x = 0;
    };
    for (const hub of ordered) {
      const cell = cells.get(hub.id)!;
      const cellWidth = 2 * cell.half + CELL_GAP;
      if (row.length > 0 && x + cellWidth > rowWidth) closeRow();
      cell.centre.x = x + cell.half;
      x += cellWidth;
      row.push(cell);
    }
    if (row.length > 0) closeRow();
    return { width, height: top };
  };
  const squareness = ({ width, height }: { width: number; height: number }): number => Math.max(width, height) / Math.max(1, Math.min(width, height));
  let bestWidth = widest;
  let best = Infinity;
  for (const factor of [0.8, 0.9, 1, 1.1, 1.2, 1.35, 1.5, 1.75, 2]) {
    const rowWidth = Math.max(widest, Math.sqrt(area) * factor);
    const score = squareness(pack(rowWidth));
    if (score < best - 1e-9) {
      best = score;
      bestWidth = rowWidth;
    }
  }
  const top = pack(bestWidth).height;

  for (const cell of cells.values()) {
    pos.set(cell.hub.id, cell.centre);
    for (const [id, p] of cell.satellites) pos.set(id, { x: cell.centre.x + p.x, y: cell.centre.y + p.y });
  }

  // VMs on rings around their first hub. A VM also on other hubs takes the free place on the
  // rings nearest to them (those with most hubs choose first); the rest fill the remaining
  // places ring by ring, in name order, starting below the hub.
  for (const cell of cells.values()) {
    if (cell.vms.length === 0) continue;
    const places = cell.places.map((p) => ({ x: cell.centre.x + p.x, y: cell.centre.y + p.y }));
    const free = places.map(() => true);
    const take = (vm: TopologyNode, index: number): void => {
      free[index] = false;
      pos.set(vm.id, places[index]!);
    };
    const towards = cell.vms
      .filter((vm) => anchorsOf.get(vm.id)!.length > 1)
      .map((vm) => {
        const others = anchorsOf.get(vm.id)!.slice(1).map((h) => cells.get(h)!.centre);
        const target = { x: others.reduce((s, p) => s + p.x, 0) / others.length, y: others.reduce((s, p) => s + p.y, 0) / others.length };
        return { vm, target, hubs: others.length };
      })
      .sort((a, b) => b.hubs - a.hubs || byName(a.vm, b.vm));
    for (const { vm, target } of towards) {
      let best = -1;
      let bestDistance = Infinity;
      places.forEach((p, i) => {
        const d = Math.hypot(p.x - target.x, p.y - target.y);
        if (free[i] && d < bestDistance) {
          best = i;
          bestDistance = d;
        }
      });
      take(vm, best);
    }
    let next = 0;
    for (const vm of cell.vms.filter((v) => anchorsOf.get(v.id)!.length === 1)) {
      while (!free[next]) next += 1;
      take(vm, next);
    }
  }

  // VMs wired to nothing, and TAPs on no bridge, in rows below the cells.
  const below = [...unwired, ...unplugged];
  const perRow = Math.max(6, Math.floor(bestWidth / VM_SPACING));
  below.forEach((n, i) => {
    pos.set(n.id, { x: (i % perRow) * VM_SPACING, y: top + ROW / 2 + Math.floor(i / perRow) * (ROW + ENDPOINT_DISTANCE) });
  });

  // A TAP that backs a VM NIC sits just off its VM, towards its bridge; two of one VM towards
  // the same bridge side by side.
  const tapsNear = new Map<string, number>();
  for (const tap of nodes.filter((n) => n.kind === 'tap' && !pos.has(n.id)).sort(byName)) {
    const neighbours = adj.get(tap.id) ?? [];
    const vm = neighbours.find((a) => kindOf(a) === 'vm');
    const bridge = neighbours.find((a) => kindOf(a) === 'bridge');
    const from = (vm && pos.get(vm)) || { x: 0, y: top };
    const to = (bridge && pos.get(bridge)) || { x: from.x, y: from.y - ROW };
    const length = Math.hypot(to.x - from.x, to.y - from.y);
    const [ux, uy] = length > 0 ? [(to.x - from.x) / length, (to.y - from.y) / length] : [0, -1];
    const key = `${vm ?? tap.id}→${bridge ?? ''}`;
    const k = tapsNear.get(key) ?? 0;
    tapsNear.set(key, k + 1);
    const side = (k % 2 === 0 ? 1 : -1) * Math.ceil(k / 2) * 45;
    pos.set(tap.id, { x: from.x + ux * TAP_DISTANCE - uy * side, y: from.y + uy * TAP_DISTANCE + ux * side });
  }

  // A NIC endpoint (user-mode, hostdev, a socket…) belongs to one VM: just outside it, fanned.
  const perVm = new Map<string, number>();
  for (const end of nodes.filter((n) => n.kind === 'endpoint').sort(byName)) {
    if (end.kind !== 'endpoint') continue;
    const vm = pos.get(end.vm);
    if (!vm) continue;
    const k = perVm.get(end.vm) ?? 0;
    perVm.set(end.vm, k + 1);
    // away from everything else the VM is wired to (its hubs, its TAPs)
    let [sx, sy] = [0, 0];
    for (const other of [...(anchorsOf.get(end.vm) ?? []), ...(adj.get(end.vm) ?? []).filter((a) => kindOf(a) === 'tap')]) {
      const p = pos.get(other);
      const d = p ? Math.hypot(p.x - vm.x, p.y - vm.y) : 0;
      if (p && d > 0) [sx, sy] = [sx + (p.x - vm.x) / d, sy + (p.y - vm.y) / d];
    }
    const length = Math.hypot(sx, sy);
    const [ux, uy] = length > 0.1 ? [-sx / length, -sy / length] : [0, 1];
    const side = (k % 2 === 0 ? 1 : -1) * Math.ceil(k / 2) * ENDPOINT_SPACING;
    pos.set(end.id, { x: vm.x + ux * ENDPOINT_DISTANCE - uy * side, y: vm.y + uy * ENDPOINT_DISTANCE + ux * side });
  }
}
