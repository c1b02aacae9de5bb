import { describe, expect, it } from 'vitest';
import type { LiveHost } from '../../shared/api/index.ts';
import { demoTopology } from '../../shared/topology/demo.ts';
import { autoLayout } from '../../shared/topology/layout.ts';
import { emptyTopology, type NicLink, type Topology } from '../../shared/topology/model.ts';
import { mergeLiveHost, withoutHosts } from '../../renderer/live/merge.ts';

const DEMO_HOST = 'root@kvm-host';

/** The demo as it would come from a live host with the given id. */
function liveHost(id: string, profileId = `profile-${id}`): LiveHost {
  const demo = JSON.parse(JSON.stringify(demoTopology()).replaceAll(DEMO_HOST, id)) as Topology;
  return { profileId, host: { ...demo.hosts[0]!, label: id }, nodes: demo.nodes, links: demo.links, banners: [], refreshedAt: '2026-01-01T00:00:00Z' };
}

const ids = (t: Topology): string[] => t.nodes.map((n) => n.id).sort();
const overlaps = (a: { minX: number; maxX: number }, b: { minX: number; maxX: number }): boolean => a.minX <= b.maxX && b.minX <= a.maxX;
function xSpan(t: Topology, host: string): { minX: number; maxX: number } {
  const xs = t.nodes.filter((n) => n.host === host).map((n) => t.layout[n.id]!.x);
  return { minX: Math.min(...xs), maxX: Math.max(...xs) };
}

describe('mergeLiveHost', () => {
  it('adds a connected host beside the saved one without moving what is drawn', () => {
    const saved = demoTopology();
    const before = autoLayout(saved);
    const merged = mergeLiveHost(saved, null, liveHost('root@lab:2222'));
    expect(merged.hosts.map((h) => h.id)).toEqual([DEMO_HOST, 'root@lab:2222']);
    for (const n of saved.nodes) expect(merged.layout[n.id]).toEqual(before[n.id]);
    for (const n of merged.nodes) expect(merged.layout[n.id]).toBeDefined();
    expect(overlaps(xSpan(merged, DEMO_HOST), xSpan(merged, 'root@lab:2222'))).toBe(false);
  });

  it('puts hosts that connect one after another in rows, not in a strip, none over another', () => {
    let merged = emptyTopology();
    const names = Array.from({ length: 8 }, (_, i) => `root@h${i}`);
    for (const name of names) merged = mergeLiveHost(merged, null, liveHost(name));
    const spans = names.map((name) => {
      const points = merged.nodes.filter((n) => n.host === name).map((n) => merged.layout[n.id]!);
      return { minX: Math.min(...points.map((p) => p.x)), maxX: Math.max(...points.map((p) => p.x)), minY: Math.min(...points.map((p) => p.y)), maxY: Math.max(...points.map((p) => p.y)) };
    });
    for (const [i, a] of spans.entries())
      for (const b of spans.slice(i + 1)) expect(a.maxX < b.minX || b.maxX < a.minX || a.maxY < b.minY || b.maxY < a.minY).toBe(true);
    // the second beside the first
    expect(spans[1]!.minX).toBeGreaterThan(spans[0]!.maxX);
    expect(spans[1]!.minY).toBe(spans[0]!.minY);
    // rows filled as they come (each new host right of a row or below all, where the whole fits a view best): two rows of four
    const rows = new Map<number, number>();
    for (const s of spans) rows.set(s.minY, (rows.get(s.minY) ?? 0) + 1);
    expect([...rows.values()]).toEqual([4, 4]);
    const width = Math.max(...spans.map((s) => s.maxX)) - Math.min(...spans.map((s) => s.minX));
    const height = Math.max(...spans.map((s) => s.maxY)) - Math.min(...spans.map((s) => s.minY));
    expect(width / height).toBeLessThan(4);
  });

  it('replaces the host’s objects on a change and keeps every position, including dragged ones', () => {
    const first = mergeLiveHost(emptyTopology(), null, liveHost('root@lab:2222'));
    const vm = first.nodes.find((n) => n.kind === 'vm')!;
    const dragged: Topology = { ...first, layout: { ...first.layout, [vm.id]: { x: 999, y: -999 } } };
    const changed = liveHost('root@lab:2222');
    const nic = changed.links.find((l): l is NicLink => l.kind === 'nic')!;
    changed.links = [...changed.links, { ...nic, id: `${nic.id}#extra`, mac: '52:54:00:7f:00:01', live: true, config: false }];
    changed.nodes = changed.nodes.map((n) => (n.id === vm.id ? { ...n, state: 'paused' } : n));
    const second = mergeLiveHost(dragged, 'root@lab:2222', changed);
    expect(second.layout).toEqual(dragged.layout);
    expect(second.nodes.find((n) => n.id === vm.id)?.state).toBe('paused');
    expect(second.links.filter((l) => l.kind === 'nic')).toHaveLength(first.links.filter((l) => l.kind === 'nic').length + 1);
    expect(second.hosts).toHaveLength(1);
  });

  it('places a new object without moving the placed ones', () => {
    const small = liveHost('root@lab:2222');
    const vm = small.nodes.find((n) => n.kind === 'vm')!;
    small.nodes = small.nodes.filter((n) => n.id !== vm.id && !(n.kind === 'tap' && n.vm === vm.id));
    const kept = new Set(small.nodes.map((n) => n.id));
    small.links = small.links.filter((l) => kept.has(l.source) && kept.has(l.target));
    const first = mergeLiveHost(emptyTopology(), null, small);
    const second = mergeLiveHost(first, 'root@lab:2222', liveHost('root@lab:2222'));
    for (const id of kept) expect(second.layout[id]).toEqual(first.layout[id]);
    expect(second.layout[vm.id]).toBeDefined();
  });

  it('takes a disconnected host out, links and positions included, and leaves the others', () => {
    const both = mergeLiveHost(demoTopology(), null, liveHost('root@lab:2222'));
    const gone = mergeLiveHost(both, 'root@lab:2222', null);
    expect(ids(gone)).toEqual(ids(demoTopology()));
    expect(gone.links).toHaveLength(demoTopology().links.length);
    expect(Object.keys(gone.layout).sort()).toEqual(ids(demoTopology()));
    expect(gone.hosts.map((h) => h.id)).toEqual([DEMO_HOST]);
  });

  it('puts a host back where it was when its places were remembered', () => {
    const first = mergeLiveHost(emptyTopology(), null, liveHost('root@lab:2222'));
    const moved = Object.fromEntries(Object.entries(first.layout).map(([id, p]) => [id, { x: p.x + 500, y: p.y + 40 }]));
    const back = mergeLiveHost(emptyTopology(), null, liveHost('root@lab:2222'), moved);
    expect(back.layout).toEqual(moved);
  });

  it('replaces a saved copy of the same host instead of drawing it twice', () => {
    const merged = mergeLiveHost(demoTopology(), null, liveHost(DEMO_HOST));
    expect(merged.hosts).toHaveLength(1);
    expect(ids(merged)).toEqual(ids(demoTopology()));
  });

  it('follows a profile whose target changed: the old host id goes', () => {
    const first = mergeLiveHost(emptyTopology(), null, liveHost('root@old'));
    const second = mergeLiveHost(first, 'root@old', liveHost('root@new'));
    expect(second.hosts.map((h) => h.id)).toEqual(['root@new']);
    expect(second.nodes.every((n) => n.host === 'root@new')).toBe(true);
  });
});

describe('withoutHosts', () => {
  it('drops links that reach into a removed host', () => {
    const both = mergeLiveHost(demoTopology(), null, liveHost('root@lab'));
    const rest = withoutHosts(both, new Set(['root@lab']));
    expect(rest.links.every((l) => rest.nodes.some((n) => n.id === l.source) && rest.nodes.some((n) => n.id === l.target))).toBe(true);
  });

  it('places a host that arrives beside a saved one with 200,000 objects (no spread into Math.min/max)', () => {
    const saved = demoTopology();
    const host = saved.hosts[0]!.id;
    for (let i = 0; i < 200_000; i++) {
      const id = `${host}/physical/p${i}`;
      saved.nodes.push({ id, host, kind: 'physical', name: `p${i}`, state: 'up', up: true, managedBy: null });
      saved.layout[id] = { x: i, y: -i };
    }
    const merged = mergeLiveHost(saved, null, liveHost('root@lab:2222'));
    const arrived = merged.nodes.filter((n) => n.host === 'root@lab:2222').map((n) => merged.layout[n.id]!);
    expect(arrived.length).toBeGreaterThan(0);
    for (const p of arrived) expect(p.x).toBeGreaterThan(199_999);
  }, 60_000);
});
