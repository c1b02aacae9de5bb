// What changed between two reads of one host, as objects and links added, changed and removed,
// and that difference applied to a picture. A live host sends only this after its first read, so
// an event about one VM moves one VM's worth of data, not the whole host's.
import type { TopologyLink, TopologyNode } from './model.ts';

export interface ElementChanges<T> {
  added: T[];
  /** objects or links whose id was there before, with their new content */
  updated: T[];
  /** ids */
  removed: string[];
}

export interface ObjectsPatch {
  nodes: ElementChanges<TopologyNode>;
  links: ElementChanges<TopologyLink>;
}

export interface HostObjects {
  nodes: readonly TopologyNode[];
  links: readonly TopologyLink[];
}

/**
 * An element's content as text, remembered per object: the same objects are compared again on
 * the next read (as its "before"), and a VM's XML makes this the costly part of a diff.
 */
const contentOf = new WeakMap<object, string>();
function content(element: object): string {
  let text = contentOf.get(element);
  if (text === undefined) contentOf.set(element, (text = JSON.stringify(element)));
  return text;
}

function diffElements<T extends { id: string }>(before: readonly T[], after: readonly T[]): ElementChanges<T> {
  const old = new Map<string, T>();
  for (const e of before) old.set(e.id, e);
  const changes: ElementChanges<T> = { added: [], updated: [], removed: [] };
  const seen = new Set<string>();
  for (const e of after) {
    seen.add(e.id);
    const was = old.get(e.id);
    if (was === undefined) changes.added.push(e);
    else if (was !== e && content(was) !== content(e)) changes.updated.push(e);
  }
  for (const e of before) if (!seen.has(e.id)) changes.removed.push(e.id);
  return changes;
}

/** The difference between two reads of one host; empty when nothing changed. */
export function diffHostObjects(before: HostObjects, after: HostObjects): ObjectsPatch {
  return { nodes: diffElements(before.nodes, after.nodes), links: diffElements(before.links, after.links) };
}

const emptyChanges = (c: ElementChanges<unknown>): boolean => c.added.length === 0 && c.updated.length === 0 && c.removed.length === 0;

export function isEmptyPatch(patch: ObjectsPatch): boolean {
  return emptyChanges(patch.nodes) && emptyChanges(patch.links);
}

function applyChanges<T extends { id: string }>(list: readonly T[], changes: ElementChanges<T>): T[] {
  if (emptyChanges(changes)) return [...list];
  const removed = new Set(changes.removed);
  const updated = new Map(changes.updated.map((e) => [e.id, e] as const));
  // what is added and not there already (a set of the few added, not of every id there)
  const added = new Map(changes.added.map((e) => [e.id, e] as const));
  const out: T[] = [];
  for (const e of list) {
    if (removed.size > 0 && removed.has(e.id)) continue;
    out.push(updated.size > 0 ? (updated.get(e.id) ?? e) : e);
    if (added.size > 0) added.delete(e.id);
  }
  for (const e of added.values()) out.push(e);
  return out;
}

/**
 * The objects after a patch: changed ones replaced where they were, removed ones left out, added
 * ones at the end. Applying `diffHostObjects(a, b)` to `a` gives `b`'s objects (in `a`'s order).
 */
export function applyObjectsPatch(objects: HostObjects, patch: ObjectsPatch): { nodes: TopologyNode[]; links: TopologyLink[] } {
  return { nodes: applyChanges(objects.nodes, patch.nodes), links: applyChanges(objects.links, patch.links) };
}
