// A topology's objects by id, and its TAPs by host and name, kept up to date from one list of
// objects to the next. A live patch replaces a few objects of a big host's thousands and keeps
// the rest as they were, in their order (applyObjectsPatch), so going through the new list beside
// the last one and comparing objects by identity finds what changed for far less than hashing
// every id again — which the graph's view did on every event.
import type { TopologyNode } from './model.ts';

export interface NodeIndex {
  readonly byId: ReadonlyMap<string, TopologyNode>;
  /** each TAP by `host NUL name`, as a NIC's target device names it; of TAPs with one name, the last */
  readonly taps: ReadonlyMap<string, TopologyNode>;
}

const tapKey = (n: TopologyNode): string => `${n.host}\u0000${n.name}`;

/** The index of a list of objects, built whole. */
export function buildNodeIndex(nodes: readonly TopologyNode[]): NodeIndex {
  const byId = new Map<string, TopologyNode>();
  const taps = new Map<string, TopologyNode>();
  for (const n of nodes) {
    byId.set(n.id, n);
    if (n.kind === 'tap') taps.set(tapKey(n), n);
  }
  return { byId, taps };
}

/**
 * One index followed from list to list. What `update` answers is valid until the next call (it
 * is the same maps, changed): use it and let it go.
 */
export class FollowedNodeIndex {
  private last: readonly TopologyNode[] | null = null;
  private byId = new Map<string, TopologyNode>();
  private taps = new Map<string, TopologyNode>();
  /** how many TAPs the last list holds: more than `taps` has keys means two share a name */
  private tapCount = 0;

  update(nodes: readonly TopologyNode[]): NodeIndex {
    const last = this.last;
    this.last = nodes;
    if (last === nodes) return this.index();
    if (last === null) return this.rebuild(nodes);
    const byId = this.byId;
    const taps = this.taps;
    const drop = (n: TopologyNode): void => {
      if (byId.get(n.id) === n) byId.delete(n.id);
      if (n.kind !== 'tap') return;
      this.tapCount -= 1;
      if (taps.get(tapKey(n)) === n) taps.delete(tapKey(n));
    };
    const put = (n: TopologyNode): void => {
      byId.set(n.id, n);
      if (n.kind !== 'tap') return;
      this.tapCount += 1;
      taps.set(tapKey(n), n);
    };
    // side by side; an object not where the last list had it is dropped there and put back when
    // met in the new one (at worst everything after it is: still right, only slower)
    let i = 0;
    let j = 0;
    while (i < nodes.length && j < last.length) {
      const now = nodes[i]!;
      const before = last[j]!;
      if (now === before) {
        i += 1;
        j += 1;
      } else if (now.id === before.id) {
        drop(before);
        put(now);
        i += 1;
        j += 1;
      } else {
        drop(before);
        j += 1;
      }
    }
    while (j < last.length) drop(last[j++]!);
    while (i < nodes.length) put(nodes[i++]!);
    // two objects with one id, or two TAPs with one name: the last of them counts, as when built whole
    if (byId.size !== nodes.length || taps.size !== this.tapCount) return this.rebuild(nodes);
    return this.index();
  }

  private index(): NodeIndex {
    return { byId: this.byId, taps: this.taps };
  }

  private rebuild(nodes: readonly TopologyNode[]): NodeIndex {
    const built = buildNodeIndex(nodes);
    this.byId = built.byId as Map<string, TopologyNode>;
    this.taps = built.taps as Map<string, TopologyNode>;
    this.tapCount = nodes.reduce((count, n) => count + (n.kind === 'tap' ? 1 : 0), 0);
    return built;
  }
}
