// A live host's patch applied to the open topology: changed objects replaced where they are,
// removed ones taken out, added ones placed next to what they are wired to — nothing already
// drawn moves, and nothing is laid out again.
import type { LivePatch } from '../../shared/api/live.ts';
import type { Layout, Point, Topology, TopologyNode } from '../../shared/topology/model.ts';
import { placedExactly, placesExactly } from '../../shared/topology/layout.ts';
import { applyObjectsPatch } from '../../shared/topology/patch.ts';

/** Distance from a hub to a VM placed next to it when the hub has no other VMs to go by. */
const NEAR = 160;
/** How close a new object may come to one already drawn before another spot is tried. */
const CLEARANCE = 70;
/** Spots tried on each ring around what a new object is wired to. */
const SPOTS = 24;
const HUBS = new Set(['network', 'bridge', 'missing', 'physical']);

/**
 * Layouts made here, each for the topology a patch gives. A live host's topology is shown and then
 * replaced by the next patch's, and nothing else keeps it, so the next patch that adds or removes
 * an object changes such a layout in place: copying a big host's thousands of places on every VM
 * defined took longer than the rest of the patch. A layout from anywhere else (a file, a drag of
 * the user's, a host's first picture) is copied the first time, and is never changed.
 */
const madeHere = new WeakSet<Layout>();

/** The topology with `patch` applied; `hostId` is the host the patch is for, as the topology holds it. */
export function patchTopology(topology: Topology, hostId: string, patch: LivePatch): Topology {
  const { nodes, links } = applyObjectsPatch(topology, patch);
  const hosts = topology.hosts.map((h) => (h.id === hostId ? patch.host : h));
  const exact = placesExactly(topology);
  // no object came or went (a VM started, a NIC attached): where everything is stays as it was,
  // and the layout is kept, not copied (copying a big host's layout cost more than the rest)
  const moves = patch.nodes.removed.some((id) => id in topology.layout) || patch.nodes.added.some((n) => !(n.id in topology.layout));
  let layout = topology.layout;
  if (moves) {
    const removed = new Set(patch.nodes.removed);
    // the taken points a new object must keep clear of, gathered on the way
    const points: Point[] = [];
    if (madeHere.has(layout)) {
      // a layout this module made, for the topology this patch replaces: changed in place
      for (const id of removed) delete layout[id];
      for (const id in layout) points.push(layout[id]!);
    } else {
      // copied key by key, which for a big host's layout takes about half the time of a spread
      const copy: Layout = {};
      for (const id in layout) {
        if (removed.has(id)) continue;
        const p = layout[id]!;
        copy[id] = p;
        points.push(p);
      }
      madeHere.add(copy);
      layout = copy;
    }
    layout = placeAdded(patch.nodes.added, { hosts, nodes, links, layout }, points);
  }
  const patched = { hosts, nodes, links, layout };
  // what was removed lost its place and what was added got one: placed exactly still
  return exact ? placedExactly(patched) : patched;
}

/** Positions for added nodes beside their neighbours; the ones already placed are kept. `points`: every place taken (it grows). */
function placeAdded(added: readonly TopologyNode[], topology: Topology, points: Point[]): Layout {
  const layout = topology.layout;
  const fresh = added.filter((n) => !(n.id in layout));
  if (fresh.length === 0) return layout;
  const freshIds = new Set(fresh.map((n) => n.id));
  const neighbours = new Map<string, string[]>();
  const tie = (a: string, b: string): void => {
    if (freshIds.has(a)) neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
  };
  for (const l of topology.links) {
    tie(l.source, l.target);
    tie(l.target, l.source);
  }
  for (const n of fresh) {
    // a TAP belongs with its VM, an endpoint too (their ties are not links)
    const owner = (n.kind === 'tap' || n.kind === 'endpoint') && n.vm ? n.vm : null;
    if (owner) neighbours.set(n.id, [owner, ...(neighbours.get(n.id) ?? [])]);
  }
  const around = aroundOf(new Set([...neighbours.values()].flat()), topology.links, freshIds);
  // the kinds of what the new objects are wired to and of what those are wired to: looked up for
  // these few in one pass (a map of a big host's every object cost more than the rest)
  const wanted = new Set([...neighbours.values(), ...around.values()].flat());
  const kindOf = new Map<string, string>();
  for (const n of topology.nodes) if (wanted.has(n.id)) kindOf.set(n.id, n.kind);
  // VMs first, so their TAPs and endpoints find them placed
  const order = [...fresh].sort((a, b) => Number(a.kind !== 'vm') - Number(b.kind !== 'vm'));
  for (const n of order) {
    const near = (neighbours.get(n.id) ?? []).filter((id) => id in layout);
    const hubs = near.filter((id) => HUBS.has(kindOf.get(id) ?? ''));
    const anchors = (hubs.length > 0 ? hubs : near).map((id) => layout[id]!);
    const p = anchors.length > 0 ? spotNear(anchors, ringOf(anchors, hubs, layout, around, kindOf), points) : spotNear([belowHost(n.host, topology.nodes, layout)], 0, points);
    layout[n.id] = p;
    points.push(p);
  }
  return layout;
}

/** how many of a hub's neighbours tell how far from it its VMs are */
const RING_SAMPLE = 40;

/** For each of `ids`, what links tie it to (new objects left out), the first few: enough to sample. */
function aroundOf(ids: ReadonlySet<string>, links: Topology['links'], fresh: ReadonlySet<string>): Map<string, string[]> {
  const around = new Map<string, string[]>();
  const tie = (a: string, b: string): void => {
    if (!ids.has(a) || fresh.has(b)) return;
    const list = around.get(a);
    if (list === undefined) around.set(a, [b]);
    // twice the sample: some of them are hubs, which do not count
    else if (list.length < 2 * RING_SAMPLE) list.push(b);
  };
  for (const l of links) {
    tie(l.source, l.target);
    tie(l.target, l.source);
  }
  return around;
}

/** How far from its anchor a new object goes: as far as the anchor's other neighbours are. */
function ringOf(anchors: Point[], hubs: string[], layout: Layout, around: ReadonlyMap<string, string[]>, kindOf: ReadonlyMap<string, string>): number {
  if (anchors.length !== 1 || hubs.length !== 1) return anchors.length > 1 ? 0 : CLEARANCE;
  const hub = hubs[0]!;
  const at = layout[hub]!;
  const distances: number[] = [];
  for (const other of around.get(hub) ?? []) {
    const p = layout[other];
    if (p && !HUBS.has(kindOf.get(other) ?? '')) distances.push(Math.hypot(p.x - at.x, p.y - at.y));
    if (distances.length >= RING_SAMPLE) break;
  }
  if (distances.length === 0) return NEAR;
  distances.sort((a, b) => a - b);
  return distances[Math.floor(distances.length / 2)]!;
}

/** rings tried around the anchors' middle before the first spot is taken anyway */
const RINGS = 6;

/** The first free spot on rings around the anchors' middle, from `radius` outwards. */
function spotNear(anchors: Point[], radius: number, points: readonly Point[]): Point {
  const centre = { x: anchors.reduce((s, p) => s + p.x, 0) / anchors.length, y: anchors.reduce((s, p) => s + p.y, 0) / anchors.length };
  // only what is near the rings can be in the way: those few are tested at each spot, not every
  // object of a big host
  const reach = Math.max(CLEARANCE, radius + (RINGS - 1) * CLEARANCE) + CLEARANCE + 1;
  const nearby = points.filter((q) => Math.abs(q.x - centre.x) <= reach && Math.abs(q.y - centre.y) <= reach);
  const free = (p: Point): boolean => nearby.every((q) => Math.abs(q.x - p.x) >= CLEARANCE || Math.abs(q.y - p.y) >= CLEARANCE);
  let best: Point | null = null;
  for (let ring = 0; ring < RINGS; ring += 1) {
    const r = Math.max(CLEARANCE, radius + ring * CLEARANCE);
    for (let k = 0; k < SPOTS; k += 1) {
      const angle = Math.PI / 2 + (2 * Math.PI * k) / SPOTS;
      const p = { x: Math.round(centre.x + r * Math.cos(angle)), y: Math.round(centre.y + r * Math.sin(angle)) };
      best ??= p;
      if (free(p)) return p;
    }
  }
  return best!;
}

/** Below everything the host has drawn, left-aligned, for an object wired to nothing drawn. */
function belowHost(hostId: string, nodes: readonly TopologyNode[], layout: Layout): Point {
  let left = Infinity;
  let bottom = -Infinity;
  for (const n of nodes) {
    const p = n.host === hostId ? layout[n.id] : undefined;
    if (!p) continue;
    left = Math.min(left, p.x);
    bottom = Math.max(bottom, p.y);
  }
  return left === Infinity ? { x: 0, y: 0 } : { x: left, y: bottom + 2 * CLEARANCE };
}
