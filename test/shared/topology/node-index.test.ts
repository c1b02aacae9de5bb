// The index of a topology's objects followed from list to list (shared/topology/node-index.ts):
// after every change — as live patches make them, and any other — it is the index built whole.
import { describe, expect, it } from 'vitest';
import type { TopologyNode } from '../../../shared/topology/model.ts';
import { buildNodeIndex, FollowedNodeIndex, type NodeIndex } from '../../../shared/topology/node-index.ts';
import { applyObjectsPatch, diffHostObjects } from '../../../shared/topology/patch.ts';

/** a small deterministic random source, so a failure can be replayed */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

let made = 0;
function object(kind: 'vm' | 'tap' | 'network', name: string, host = 'h1'): TopologyNode {
  made += 1;
  return { id: `${host}/${kind}/${name}#${made}`, host, kind, name, state: 'running' } as TopologyNode;
}

const entries = (index: NodeIndex) => ({
  byId: [...index.byId].sort(([a], [b]) => (a < b ? -1 : 1)),
  taps: [...index.taps].sort(([a], [b]) => (a < b ? -1 : 1)),
});

describe('FollowedNodeIndex', () => {
  it('is the index built whole after each of 300 random changes: live patches, renames, moves, shuffles, shared names and ids', () => {
    const next = random(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    let nodes: TopologyNode[] = Array.from({ length: 60 }, (_, i) => object(i % 3 === 0 ? 'tap' : i % 3 === 1 ? 'vm' : 'network', `n${i}`, i % 2 ? 'h1' : 'h2'));
    const followed = new FollowedNodeIndex();
    for (let step = 0; step < 300; step++) {
      const change = Math.floor(next() * 8);
      let after = [...nodes];
      if (change === 0) after.push(object(pick(['vm', 'tap'] as const), `new${step}`));
      else if (change === 1 && after.length > 5) after.splice(Math.floor(next() * after.length), 1);
      else if (change === 2) {
        // a state change, the same object's id and name
        const k = Math.floor(next() * after.length);
        after[k] = { ...after[k]!, state: after[k]!.state === 'running' ? 'shut off' : 'running' } as TopologyNode;
      } else if (change === 3) {
        // a TAP renamed (a NIC's target device changed): its key moves
        const k = after.findIndex((n) => n.kind === 'tap');
        if (k >= 0) after[k] = { ...after[k]!, name: `renamed${step}` } as TopologyNode;
      } else if (change === 4) {
        // two TAPs with one name on one host: the last one counts
        const taps = after.filter((n) => n.kind === 'tap');
        if (taps.length > 1) after.push({ ...object('tap', taps[0]!.name, taps[0]!.host) });
      } else if (change === 5) {
        // moved: one object taken from the middle to the front
        const k = Math.floor(next() * after.length);
        after = [after[k]!, ...after.slice(0, k), ...after.slice(k + 1)];
      } else if (change === 6 && next() < 0.2) after = after.sort(() => next() - 0.5);
      else {
        // as a live patch applies: what changed in place, what went left out, what came at the end
        const target = [...after.filter(() => next() > 0.05), object('vm', `patched${step}`)];
        const patch = diffHostObjects({ nodes: after, links: [] }, { nodes: target, links: [] });
        after = applyObjectsPatch({ nodes: after, links: [] }, patch).nodes;
      }
      if (step % 50 === 49) after.push({ ...after[0]!, state: 'duplicate id' } as TopologyNode);
      if (step % 50 === 0) after = after.filter((n, k) => after.findIndex((o) => o.id === n.id) === k);
      nodes = after;
      expect(entries(followed.update(nodes)), `step ${step}, change ${change}`).toEqual(entries(buildNodeIndex(nodes)));
    }
  });

  it('follows a live patch (one changed, one gone, one new) in the maps it has, without building them again', () => {
    const nodes = Array.from({ length: 2_000 }, (_, i) => object(i % 2 ? 'vm' : 'tap', `n${i}`));
    const followed = new FollowedNodeIndex();
    const first = followed.update(nodes);
    const target = [...nodes.slice(0, 10), { ...nodes[10]!, state: 'paused' } as TopologyNode, ...nodes.slice(12), object('tap', 'vnet-new')];
    const after = applyObjectsPatch({ nodes, links: [] }, diffHostObjects({ nodes, links: [] }, { nodes: target, links: [] })).nodes;
    const second = followed.update(after);
    expect(second.byId).toBe(first.byId);
    expect(second.taps).toBe(first.taps);
    expect(entries(second)).toEqual(entries(buildNodeIndex(after)));
  });

  it('the same list again: the same index, nothing gone through', () => {
    const nodes = [object('vm', 'a'), object('tap', 'vnet0')];
    const followed = new FollowedNodeIndex();
    const first = followed.update(nodes);
    expect(followed.update(nodes).byId).toBe(first.byId);
    expect(entries(followed.update(nodes))).toEqual(entries(buildNodeIndex(nodes)));
  });
});
