// Putting a connected host's live picture into the open topology: its objects replace what the
// topology held for that host, every object already drawn keeps its place, and new objects get
// places from the automatic layout without moving the placed ones.
import type { LiveHost } from '../../shared/api/index.ts';
import { autoLayout } from '../../shared/topology/layout.ts';
import { VIEW_ASPECT } from '../../shared/topology/layout-hosts.ts';
import type { Layout, Point, Topology } from '../../shared/topology/model.ts';

/** Room between a host that arrives and the objects already drawn. */
const HOST_GAP = 260;

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
  const others = rest.nodes.map((n) => pinned[n.id]).filter((p): p is Point => p !== undefined);
  const shift = hostWasDrawn || others.length === 0 ? null : besideOthers(others, live.nodes.map((n) => placed[n.id]!));
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
 * How far to move a newly arrived host so it sits right of everything already drawn, tops
 * aligned, or — when the drawing is already wider than a view — below it, left edges aligned:
 * whichever leaves the whole larger when fitted to a view (hosts connected one after another
 * made a strip ten hosts wide, which "fit" showed as a thin band).
 */
function besideOthers(others: Point[], arriving: Point[]): Point {
  const drawn = bounds(others);
  const coming = bounds(arriving);
  const right = { x: drawn.right + HOST_GAP - coming.left, y: drawn.top - coming.top };
  const below = { x: drawn.left - coming.left, y: drawn.bottom + HOST_GAP - coming.top };
  const fitted = (shift: Point): number => {
    const width = Math.max(drawn.right, coming.right + shift.x) - Math.min(drawn.left, coming.left + shift.x);
    const height = Math.max(drawn.bottom, coming.bottom + shift.y) - Math.min(drawn.top, coming.top + shift.y);
    return Math.min(VIEW_ASPECT / Math.max(width, 1), 1 / Math.max(height, 1));
  };
  return fitted(below) > fitted(right) ? below : right;
}
