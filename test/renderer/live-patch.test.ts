// A live patch applied to the open topology: objects already placed keep their places exactly,
// a new VM goes beside the network it is wired to (a VM on two networks between them), a
// removed object's place is dropped, and the objects come out as the host has them.
import { describe, expect, it } from 'vitest';
import type { LiveHost, LivePatch } from '../../shared/api/live.ts';
import { linkId, nodeId } from '../../shared/topology/ids.ts';
import { autoLayout, placesExactly } from '../../shared/topology/layout.ts';
import type { NicLink, Topology, TopologyNode } from '../../shared/topology/model.ts';
import { diffHostObjects } from '../../shared/topology/patch.ts';
import { patchTopology } from '../../renderer/live/patch.ts';
import { manyVmsTopology } from '../support/many-vms.ts';

const placed = (t: Topology): Topology => ({ ...t, layout: autoLayout(t) });
const whole = placed(manyVmsTopology(200));
const host = whole.hosts[0]!;
const hostObjects = (t: Topology) => ({ nodes: t.nodes.filter((n) => n.host === host.id), links: t.links.filter((l) => l.source.startsWith(`${host.id}/`)) });

function patchTo(nodes: TopologyNode[], links: Topology['links']): LivePatch {
  const before = hostObjects(whole);
  return { ...diffHostObjects(before, { nodes, links }), base: 1, revision: 2, host, banners: [], refreshedAt: '2026-12-01T08:00:00.000Z' };
}

function newVm(name: string, on: string[]): { vm: TopologyNode; links: NicLink[] } {
  const uuid = `cafe0000-0000-4000-8000-${name.length.toString(16).padStart(12, '0')}`;
  const vm: TopologyNode = { id: nodeId(host.id, 'vm', uuid), host: host.id, kind: 'vm', name, state: 'shut off', uuid };
  const links = on.map((target, k): NicLink => {
    const mac = `52:54:00:ca:fe:0${k}`;
    return { id: linkId('nic', vm.id, target, mac), kind: 'nic', source: vm.id, target, mac, type: 'network', live: false, config: true };
  });
  return { vm, links };
}

const dist = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);
const networks = whole.nodes.filter((n) => n.kind === 'network' && n.host === host.id);

describe('patchTopology', () => {
  it('keeps every placed object where it was and puts a new VM beside its network, clear of the others', () => {
    const net = networks[2]!;
    const { vm, links } = newVm('fresh', [net.id]);
    const { nodes, links: all } = hostObjects(whole);
    const after = patchTopology(whole, host.id, patchTo([...nodes, vm], [...all, ...links]));
    for (const [id, p] of Object.entries(whole.layout)) expect(after.layout[id]).toEqual(p);
    const at = after.layout[vm.id]!;
    for (const other of networks) if (other.id !== net.id) expect(dist(at, after.layout[other.id]!)).toBeGreaterThan(dist(at, after.layout[net.id]!));
    for (const [id, p] of Object.entries(whole.layout)) expect(Math.abs(p.x - at.x) >= 70 || Math.abs(p.y - at.y) >= 70, `on top of ${id}`).toBe(true);
    expect(after.nodes.map((n) => n.id)).toContain(vm.id);
    expect(after.links.map((l) => l.id)).toEqual(expect.arrayContaining(links.map((l) => l.id)));
  });

  it('puts a VM on two networks between them', () => {
    const [a, b] = [networks[0]!, networks[5]!];
    const { vm, links } = newVm('between', [a.id, b.id]);
    const { nodes, links: all } = hostObjects(whole);
    const after = patchTopology(whole, host.id, patchTo([...nodes, vm], [...all, ...links]));
    const at = after.layout[vm.id]!;
    const span = dist(after.layout[a.id]!, after.layout[b.id]!);
    expect(dist(at, after.layout[a.id]!)).toBeLessThan(span);
    expect(dist(at, after.layout[b.id]!)).toBeLessThan(span);
  });

  it('drops what the host lost, with its place, and changes a VM in place', () => {
    const { nodes, links } = hostObjects(whole);
    const gone = nodes.find((n) => n.kind === 'vm')!;
    const changed = nodes.find((n) => n.kind === 'vm' && n.id !== gone.id)!;
    const after = patchTopology(
      whole,
      host.id,
      patchTo(
        nodes.filter((n) => n.id !== gone.id).map((n) => (n.id === changed.id ? { ...n, state: 'paused' } : n)),
        links.filter((l) => l.source !== gone.id),
      ),
    );
    expect(after.nodes.some((n) => n.id === gone.id)).toBe(false);
    expect(after.layout[gone.id]).toBeUndefined();
    expect(after.links.some((l) => l.source === gone.id)).toBe(false);
    expect(after.nodes.find((n) => n.id === changed.id)?.state).toBe('paused');
    // the other host is untouched
    const other = (t: Topology) => t.nodes.filter((n) => n.host !== host.id);
    expect(other(after)).toEqual(other(whole));
    const live: Pick<LiveHost, 'nodes'> = hostObjects(after);
    expect(live.nodes.length).toBe(hostObjects(whole).nodes.length - 1);
  });

  it('keeps the layout itself when no object came or went (a VM started, a NIC attached), and autoLayout answers with it', () => {
    const { nodes, links } = hostObjects(whole);
    const vm = nodes.find((n) => n.kind === 'vm')!;
    const net = networks[3]!;
    const nic = newVm('x', [net.id]).links[0]!;
    const after = patchTopology(whole, host.id, patchTo(nodes.map((n) => (n === vm ? { ...n, state: 'running' } : n)), [...links, { ...nic, id: linkId('nic', vm.id, net.id, nic.mac), source: vm.id }]));
    expect(after.layout).toBe(whole.layout);
    expect(autoLayout(after)).toBe(whole.layout);
    expect(placesExactly(after)).toBe(true);
  });

  it('after objects came and went, the layout places exactly the objects there are, patch after patch; the file’s layout is as it was', () => {
    const before = { ...whole.layout };
    const { nodes, links } = hostObjects(whole);
    const gone = nodes.find((n) => n.kind === 'vm')!;
    const { vm, links: added } = newVm('fresh', [networks[1]!.id]);
    const after = patchTopology(whole, host.id, patchTo([...nodes.filter((n) => n !== gone), vm], [...links.filter((l) => l.source !== gone.id), ...added]));
    expect(whole.layout).toEqual(before);
    expect(Object.keys(after.layout).sort()).toEqual(after.nodes.map((n) => n.id).sort());
    expect(placesExactly(after)).toBe(true);
    expect(autoLayout(after)).toBe(after.layout);
    // and so on, patch after patch, without looking every object up again
    const { vm: next, links: nextLinks } = newVm('fresher', [networks[2]!.id]);
    const later = patchTopology(after, host.id, { ...diffHostObjects(hostObjects(after), { nodes: [...hostObjects(after).nodes, next], links: [...hostObjects(after).links, ...nextLinks] }), base: 2, revision: 3, host, banners: [], refreshedAt: '2026-12-01T08:00:00.000Z' });
    expect(Object.keys(later.layout).sort()).toEqual(later.nodes.map((n) => n.id).sort());
    expect(placesExactly(later)).toBe(true);
    const spot = later.layout[next.id]!;
    for (const [id, p] of Object.entries(later.layout)) if (id !== next.id) expect(Math.abs(p.x - spot.x) >= 70 || Math.abs(p.y - spot.y) >= 70, `on top of ${id}`).toBe(true);
    // one goes again: its place with it, every other kept
    const kept = { ...later.layout };
    const without = hostObjects(later);
    const last = patchTopology(later, host.id, { ...diffHostObjects(without, { nodes: without.nodes.filter((n) => n.id !== vm.id), links: without.links.filter((l) => l.source !== vm.id) }), base: 3, revision: 4, host, banners: [], refreshedAt: '2026-12-01T08:00:00.000Z' });
    expect(Object.keys(last.layout).sort()).toEqual(last.nodes.map((n) => n.id).sort());
    expect(last.layout[vm.id]).toBeUndefined();
    for (const n of last.nodes) expect(last.layout[n.id]).toEqual(kept[n.id]);
    expect(placesExactly(last)).toBe(true);
    // the layout the patches started from (the file's) is as it was through all of them
    expect(whole.layout).toEqual(before);
  });

  it('a topology whose layout places something it does not hold, or misses something, is not placed exactly', () => {
    const extra = { ...whole, layout: { ...whole.layout, 'gone/vm/x': { x: 0, y: 0 } } };
    expect(placesExactly(extra)).toBe(false);
    const { [whole.nodes[0]!.id]: _, ...short } = whole.layout;
    expect(placesExactly({ ...whole, layout: short })).toBe(false);
    expect(Object.keys(autoLayout({ ...whole, layout: short })).sort()).toEqual(whole.nodes.map((n) => n.id).sort());
  });
});
