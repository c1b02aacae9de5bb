// Automatic layout for topologies without saved positions. Deterministic: the same topology
// always gets the same positions (no randomness, every ordering sorted), so a file opened twice
// looks the same and tests can compare positions.
//
// Each host is laid out on its own (layout-host.ts: networks and bridges with their VMs around
// them), and the hosts are placed in rows (layout-hosts.ts: side by side, a fleet in a few rows).
// Saved positions win over computed ones.
import { layoutHost, ROW } from './layout-host.ts';
import { arrangeHosts, HOST_GAP } from './layout-hosts.ts';
import type { Layout, Point, Topology } from './model.ts';


interface Box {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

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

/**
 * Topologies whose layout places exactly their objects. A topology is replaced, never changed in
 * place; the one exception, a live patch's own layout changed by the next patch
 * (renderer/live/patch.ts), comes after the topology it was made for has been replaced.
 */
const exactlyPlaced = new WeakSet<Topology>();

/** Whether the layout places every object and nothing else; remembered per topology. */
export function placesExactly(topology: Topology): boolean {
  if (exactlyPlaced.has(topology)) return true;
  const layout = topology.layout;
  if (!topology.nodes.every((n) => n.id in layout) || Object.keys(layout).length !== topology.nodes.length) return false;
  exactlyPlaced.add(topology);
  return true;
}

/**
 * Records, for whoever made `topology` from one that `placesExactly`, that its layout does too
 * (a live patch keeps that true): asking again would look up every object of a big host.
 */
export function placedExactly(topology: Topology): Topology {
  exactlyPlaced.add(topology);
  return topology;
}

/** Positions for every node: saved ones kept, the rest computed. */
export function autoLayout(topology: Topology): Layout {
  // Everything placed and nothing else: the saved layout itself (a live patch of a big host asks
  // for this on every event)
  if (placesExactly(topology)) return topology.layout;
  // Everything placed already: the saved positions are the answer.
  if (topology.nodes.every((n) => n.id in topology.layout)) {
    const saved: Layout = {};
    for (const n of topology.nodes) saved[n.id] = { x: topology.layout[n.id]!.x, y: topology.layout[n.id]!.y };
    return saved;
  }
  const adj = adjacency(topology);
  // A TAP's tie to its VM is through the NIC's target device, not a link: add it here.
  const vmOfTap = new Map<string, string>();
  for (const n of topology.nodes) if (n.kind === 'tap' && n.vm) vmOfTap.set(n.id, n.vm);
  for (const [tap, vm] of vmOfTap) {
    adj.set(tap, [...(adj.get(tap) ?? []), vm].sort());
    adj.set(vm, [...(adj.get(vm) ?? []), tap].sort());
  }

  const hostIds = [...new Set([...topology.hosts.map((h) => h.id), ...topology.nodes.map((n) => n.host)])];
  // each host on its own, then the hosts in rows (layout-hosts.ts)
  const drawn: { nodes: Topology['nodes']; pos: Map<string, Point>; box: Box }[] = [];
  for (const host of hostIds) {
    const nodes = topology.nodes.filter((n) => n.host === host);
    if (nodes.length === 0) continue;
    const pos = new Map<string, Point>();
    layoutHost(nodes, adj, pos);
    const placed = boxOf(pos.values());
    for (const n of nodes) if (!pos.has(n.id)) pos.set(n.id, { x: placed.minX, y: placed.maxY + ROW });
    drawn.push({ nodes, pos, box: boxOf(pos.values()) });
  }
  const slots = arrangeHosts(
    drawn.map(({ box }) => ({ width: box.maxX - box.minX, height: box.maxY - box.minY })),
    HOST_GAP,
  );
  const layout: Layout = {};
  // the first row keeps each host's own heights (as when every host was in one row); a row
  // below starts under the lowest point of the row above
  let rowBottom = -Infinity;
  let top = 0;
  drawn.forEach(({ nodes, pos, box }, i) => {
    const slot = slots[i]!;
    if (slot.row > 0 && slots[i - 1]!.row !== slot.row) top = rowBottom + HOST_GAP;
    const dx = slot.x - box.minX;
    const dy = slot.row === 0 ? 0 : top - box.minY;
    for (const n of nodes) {
      const p = pos.get(n.id)!;
      layout[n.id] = { x: Math.round(p.x + dx), y: Math.round(p.y + dy) };
    }
    rowBottom = Math.max(rowBottom, box.maxY + dy);
  });
  for (const [id, p] of Object.entries(topology.layout)) if (id in layout) layout[id] = { x: p.x, y: p.y };
  return layout;
}
