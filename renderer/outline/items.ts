// The outline's contents: every object of the topology grouped by kind, filtered by text and kind.
import { type MissingKind, NODE_KINDS, type NodeKind, type Topology, type TopologyNode } from '../../shared/topology/model.ts';
import { type NodeStatus, nodeStatus } from '../../shared/topology/views.ts';
import { byNaturalName } from '../../shared/text/natural.ts';
import { t } from '../state/i18n.svelte.ts';
import { kindLabel, stateLabel } from '../graph/words.ts';

export interface OutlineItem {
  id: string;
  kind: NodeKind;
  name: string;
  state: string;
  status: NodeStatus;
  /** what sets the object apart: a device gone on reboot, what a missing object should be (words: `noteText`) */
  note?: OutlineNote;
  /** the label of the host it is on, when the topology holds more than one (two hosts' `default` told apart) */
  host?: string;
}

export interface OutlineGroup {
  kind: NodeKind;
  items: OutlineItem[];
}

export interface OutlineFilter {
  text: string;
  kinds: ReadonlySet<NodeKind>;
}

export type OutlineNote = 'goneOnReboot' | MissingKind;

/** A row's note as the user reads it, in the current language. */
export const noteText = (note: OutlineNote): string => t(`outline.note.${note}`);

/** The words a row is found by: what it shows (in the user's language), and the host's own state and kind words. */
function matches(item: OutlineItem, words: string[]): boolean {
  const shown = `${item.name} ${stateLabel(item.state)} ${kindLabel(item.kind)} ${item.note ? noteText(item.note) : ''} ${item.host ?? ''}`;
  const haystack = `${shown} ${item.state} ${item.kind}`.toLowerCase();
  return words.every((w) => haystack.includes(w));
}

/**
 * Each object's row, kept while the object is: a live patch replaces a few objects of thousands,
 * and a row given the same item as before is left alone (the list redraws only what changed).
 */
const items = new WeakMap<TopologyNode, OutlineItem>();

function itemOf(n: TopologyNode, host: string | undefined): OutlineItem {
  let item = items.get(n);
  if (item && item.host === host) return item;
  item = { id: n.id, kind: n.kind, name: n.name, state: n.state, status: nodeStatus(n) };
  const note = noteOf(n);
  if (note) item.note = note;
  if (host !== undefined) item.host = host;
  items.set(n, item);
  return item;
}

export function outlineGroups(topology: Topology, filter: OutlineFilter): OutlineGroup[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  const groups = new Map<NodeKind, OutlineItem[]>(NODE_KINDS.filter((kind) => filter.kinds.has(kind)).map((kind) => [kind, []]));
  // with one host, saying so on every row is noise; with several, a name alone can be on any
  const hosts = topology.hosts.length > 1 ? new Map(topology.hosts.map((h) => [h.id, h.label])) : null;
  // one pass over a big host's objects (this runs on every live patch); with nothing typed in
  // the filter every row is kept without building the text it would be searched in
  for (const n of topology.nodes) {
    const group = groups.get(n.kind);
    if (group === undefined) continue;
    const item = itemOf(n, hosts?.get(n.host) ?? (hosts ? n.host : undefined));
    if (words.length === 0 || matches(item, words)) group.push(item);
  }
  return [...groups].map(([kind, items]) => ({ kind, items: sorted(kind, items) })).filter((g) => g.items.length > 0);
}

const order = byNaturalName((item: OutlineItem) => item.name, (item) => item.id);

/** Each group as last sorted: the next sort starts from it. */
const sortedBefore = new Map<NodeKind, OutlineItem[]>();

/** Past this many rows new since the last sort, the group is sorted whole. */
const INSERT_AT_MOST = 64;

/**
 * The items in natural order. A live patch changes a few of a big host's thousands, and comparing
 * names naturally is slow (a collator), so the rows kept from the last sort (the same items:
 * their names and ids are as they were) stay in their order and the few new ones are put in
 * place by binary search — the same order a whole sort gives, as no two rows compare equal.
 */
function sorted(kind: NodeKind, items: OutlineItem[]): OutlineItem[] {
  const present = new Set(items);
  const kept = (sortedBefore.get(kind) ?? []).filter((item) => present.has(item));
  let result: OutlineItem[];
  if (items.length - kept.length > INSERT_AT_MOST) result = items.sort(order);
  else {
    const old = new Set(kept);
    result = kept;
    for (const item of items) {
      if (old.has(item)) continue;
      let low = 0;
      let high = result.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (order(result[mid]!, item) < 0) low = mid + 1;
        else high = mid;
      }
      result.splice(low, 0, item);
    }
  }
  sortedBefore.set(kind, result.slice());
  return result;
}

function noteOf(node: TopologyNode): OutlineNote | undefined {
  if (node.kind === 'missing') return node.expected;
  if ('persistence' in node && node.persistence === 'none') return 'goneOnReboot';
  return undefined;
}

/** The id `step` places away from `current` in the visible order, clamped to the ends. */
export function stepSelection(ids: readonly string[], current: string | null, step: number): string | null {
  if (ids.length === 0) return null;
  const at = current === null ? -1 : ids.indexOf(current);
  if (at === -1) return step >= 0 ? ids[0]! : ids[ids.length - 1]!;
  return ids[Math.min(ids.length - 1, Math.max(0, at + step))]!;
}

/** A group's title as a row of the list. */
export interface OutlineTitle {
  title: NodeKind;
}

/** The list's rows in order: each group's title, then its items. */
export type OutlineEntry = OutlineTitle | OutlineItem;

export const isTitle = (entry: OutlineEntry): entry is OutlineTitle => 'title' in entry;

/** The groups as one list of rows (items are the groups' own objects, not copies). */
export function outlineEntries(groups: readonly OutlineGroup[]): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  for (const group of groups) {
    entries.push(titleOf(group.kind));
    for (const item of group.items) entries.push(item);
  }
  return entries;
}

/** one title object per kind, so a list made again gives a title row the same entry */
const titles = new Map<NodeKind, OutlineTitle>();
function titleOf(kind: NodeKind): OutlineTitle {
  let title = titles.get(kind);
  if (title === undefined) titles.set(kind, (title = { title: kind }));
  return title;
}

/**
 * The rows to put in the page, [first, last): those in the `height` pixels seen from `scrollTop`,
 * with `overscan` more either side (a big host has thousands of rows; only what is seen is drawn).
 * Every row is `row` pixels high.
 */
export function rowWindow(total: number, scrollTop: number, height: number, row: number, overscan: number): { first: number; last: number } {
  const top = Math.max(0, Math.floor(scrollTop / row));
  const bottom = Math.ceil((Math.max(0, scrollTop) + Math.max(0, height)) / row);
  return { first: Math.min(total, Math.max(0, top - overscan)), last: Math.min(total, bottom + overscan) };
}

/** The scroll position that brings a row at `top` pixels into a view of `height` (as it is if the row is in view). */
export function scrollToReveal(top: number, row: number, scrollTop: number, height: number): number {
  if (top < scrollTop) return top;
  if (top + row > scrollTop + height) return Math.max(0, top + row - height);
  return scrollTop;
}
