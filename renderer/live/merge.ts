// Putting a connected host's live picture into the open topology: its objects replace what the
// topology held for that host, every object already drawn keeps its place, and new objects get
// places from the automatic layout without moving the placed ones.
import type { LiveHost } from '../../shared/api/index.ts';
import { autoLayout } from '../../shared/topology/layout.ts';
import { HOST_GAP, VIEW_ASPECT } from '../../shared/topology/layout-hosts.ts';
import type { Layout, Point, Topology } from '../../shared/topology/model.ts';


function keepOnly(layout: Layout, ids: Set<string>): Layout {
  const out: Layout = {};
  for (const [id, p] of Object.entries(layout)) if (ids.has(id)) out[id] = { x: p.x, y: p.y };
  return out;
}

/** The topology without the objects and links of the given hosts. */
export function withoutHosts(topology: Topology, hostIds: ReadonlySet<string>): Topology {
  const nodes = topology.nodes.filter((n) => !hostIds.has(n.host));
  const ids = new Set(nodes.map((n) => n.id));
  return {
    hosts: topology.hosts.filter((h) => !hostIds.has(h.id)),
    nodes,
    links: topology.links.filter((l) => ids.has(l.source) && ids.has(l.target)),
    layout: keepOnly(topology.layout, ids),
  };
}

/**
 * The topology with `live` in place of the host it held under `previousHostId` (or under the
 * live host's own id). `live: null` takes that host out. `remembered` holds places the user's
 * objects had before, e.g. from an earlier connection of the same host.
 */
export function mergeLiveHost(
  topology: Topology,
  previousHostId: string | null,
  live: LiveHost | null,
  remembered: Layout = {},
): Topology {
  const replaced = new Set<string>();
  if (previousHostId !== null) replaced.add(previousHostId);
  if (live) replaced.add(live.host.id);
  // Where everything is drawn now, so nothing moves when the rest of the picture changes.
  const drawn = autoLayout(topology);
  const rest = withoutHosts(topology, replaced);
  if (!live) return { ...rest, layout: keepOnly(drawn, new Set(rest.nodes.map((n) => n.id))) };

  const nodes = [...rest.nodes, ...live.nodes];
  const ids = new Set(nodes.map((n) => n.id));
  const pinned: Layout = { ...keepOnly(remembered, ids), ...keepOnly(drawn, ids) };
  const merged: Topology = {
    hosts: [...rest.hosts, live.host],
    nodes,
    links: [...rest.links, ...live.links],
    layout: pinned,
  };
  const placed = autoLayout(merged);
  const hostWasDrawn = live.nodes.some((n) => n.id in pinned);
  const others = new Map<string, Point[]>();
  for (const n of rest.nodes) {
    const p = pinned[n.id];
    if (p === undefined) continue;
    const points = others.get(n.host);
    if (points) points.push(p);
    else others.set(n.host, [p]);
  }
  const shift = hostWasDrawn || others.size === 0 ? null : besideOthers([...others.values()], live.nodes.map((n) => placed[n.id]!));
  const layout: Layout = { ...pinned };
  for (const n of live.nodes) {
    if (n.id in pinned) continue;
    const p = placed[n.id]!;
    layout[n.id] = shift ? { x: p.x + shift.x, y: p.y + shift.y } : p;
  }
  return { ...merged, layout };
}

interface Bounds {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The smallest box around the points (none spread into Math.min/max: a host can hold many objects). */
function bounds(points: Point[]): Bounds {
  const box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
  for (const p of points) {
    box.left = Math.min(box.left, p.x);
    box.top = Math.min(box.top, p.y);
    box.right = Math.max(box.right, p.x);
    box.bottom = Math.max(box.bottom, p.y);
  }
  return box;
}

/**
 * How far to move a newly arrived host: to the right of a row of hosts already drawn (tops
 * aligned), or below everything (left edges aligned) — of the places where it overlaps no host,
 * the one that leaves the whole largest when fitted to a view; of equals, the first in reading
 * order. Hosts connected one after another so fill rows as a file's hosts are laid out, where
 * always going right made a strip ten hosts wide, which "fit" showed as a thin band.
 */
function besideOthers(hosts: Point[][], arriving: Point[]): Point {
  const boxes = hosts.map(bounds);
  const all = {
    left: Math.min(...boxes.map((b) => b.left)),
    top: Math.min(...boxes.map((b) => b.top)),
    right: Math.max(...boxes.map((b) => b.right)),
    bottom: Math.max(...boxes.map((b) => b.bottom)),
  };
  const coming = bounds(arriving);
  // a row: the hosts whose tops are aligned
  const rowRight = new Map<number, number>();
  for (const b of boxes) rowRight.set(b.top, Math.max(rowRight.get(b.top) ?? -Infinity, b.right));
  const candidates: Point[] = [...rowRight]
    .sort(([a], [b]) => a - b)
    .map(([top, right]) => ({ x: right + HOST_GAP - coming.left, y: top - coming.top }));
  candidates.push({ x: all.left - coming.left, y: all.bottom + HOST_GAP - coming.top });
  const moved = (shift: Point): Bounds => ({ left: coming.left + shift.x, top: coming.top + shift.y, right: coming.right + shift.x, bottom: coming.bottom + shift.y });
  const clear = (box: Bounds): boolean => boxes.every((b) => box.right + HOST_GAP <= b.left || b.right + HOST_GAP <= box.left || box.bottom + HOST_GAP <= b.top || b.bottom + HOST_GAP <= box.top);
  const fitted = (box: Bounds): number => {
    const width = Math.max(all.right, box.right) - Math.min(all.left, box.left);
    const height = Math.max(all.bottom, box.bottom) - Math.min(all.top, box.top);
    return Math.min(VIEW_ASPECT / Math.max(width, 1), 1 / Math.max(height, 1));
  };
  // the last, below everything, is always clear
  let best: { shift: Point; fit: number } | null = null;
  for (const shift of candidates) {
    const box = moved(shift);
    if (!clear(box)) continue;
    const fit = fitted(box);
    if (best === null || fit > best.fit) best = { shift, fit };
  }
  return best!.shift;
}
