// The outline's contents: every object of the topology grouped by kind, filtered by text and kind.
import { NODE_KINDS, type NodeKind, type Topology, type TopologyNode } from '../../shared/topology/model.ts';
import { type NodeStatus, nodeStatus } from '../../shared/topology/views.ts';
import { byNaturalName } from '../../shared/text/natural.ts';

export interface OutlineItem {
  id: string;
  kind: NodeKind;
  name: string;
  state: string;
  status: NodeStatus;
  /** what sets the object apart: a device gone on reboot, what a missing object should be */
  note?: string;
}

export interface OutlineGroup {
  kind: NodeKind;
  items: OutlineItem[];
}

export interface OutlineFilter {
  text: string;
  kinds: ReadonlySet<NodeKind>;
}

function matches(item: OutlineItem, words: string[]): boolean {
  const haystack = `${item.name} ${item.state} ${item.kind} ${item.note ?? ''}`.toLowerCase();
  return words.every((w) => haystack.includes(w));
}

/**
 * Each object's row, kept while the object is: a live patch replaces a few objects of thousands,
 * and a row given the same item as before is left alone (the list redraws only what changed).
 */
const items = new WeakMap<TopologyNode, OutlineItem>();

function itemOf(n: TopologyNode): OutlineItem {
  let item = items.get(n);
  if (item) return item;
  item = { id: n.id, kind: n.kind, name: n.name, state: n.state, status: nodeStatus(n) };
  const note = noteOf(n);
  if (note) item.note = note;
  items.set(n, item);
  return item;
}

export function outlineGroups(topology: Topology, filter: OutlineFilter): OutlineGroup[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  const groups = new Map<NodeKind, OutlineItem[]>(NODE_KINDS.filter((kind) => filter.kinds.has(kind)).map((kind) => [kind, []]));
  // one pass over a big host's objects (this runs on every live patch); with nothing typed in
  // the filter every row is kept without building the text it would be searched in
  for (const n of topology.nodes) {
    const group = groups.get(n.kind);
    if (group === undefined) continue;
    const item = itemOf(n);
    if (words.length === 0 || matches(item, words)) group.push(item);
  }
  const order = byNaturalName((item: OutlineItem) => item.name, (item) => item.id);
  return [...groups].map(([kind, items]) => ({ kind, items: items.sort(order) })).filter((g) => g.items.length > 0);
}

function noteOf(node: TopologyNode): string | undefined {
  if (node.kind === 'missing') return node.expected;
  if ('persistence' in node && node.persistence === 'none') return 'gone on reboot';
  return undefined;
}

/** The id `step` places away from `current` in the visible order, clamped to the ends. */
export function stepSelection(ids: readonly string[], current: string | null, step: number): string | null {
  if (ids.length === 0) return null;
  const at = current === null ? -1 : ids.indexOf(current);
  if (at === -1) return step >= 0 ? ids[0]! : ids[ids.length - 1]!;
  return ids[Math.min(ids.length - 1, Math.max(0, at + step))]!;
}
