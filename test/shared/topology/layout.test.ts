import { describe, expect, it } from 'vitest';
import { demoTopology } from '../../../shared/topology/demo.ts';
import { autoLayout } from '../../../shared/topology/layout.ts';
import type { Point, Topology, TopologyLink, TopologyNode } from '../../../shared/topology/model.ts';
import { manyVmsTopology } from '../../support/many-vms.ts';

/** A host with `vms` VMs spread over `networks` isolated networks, each with its bridge. */
function syntheticHost(vms: number, networks: number): Topology {
  const host = 'root@big';
  const nodes: TopologyNode[] = [];
  const links: TopologyLink[] = [];
  for (let n = 0; n < networks; n += 1) {
    const net = `${host}/network/n${n}`;
    const br = `${host}/bridge/virbr${n}`;
    nodes.push({ id: net, host, kind: 'network', name: `net${n}`, state: 'active', forward: 'isolated', bridge: `virbr${n}`, ips: [], active: true, autostart: false, persistent: true });
    nodes.push({ id: br, host, kind: 'bridge', name: `virbr${n}`, state: 'up', up: true, managedBy: `net${n}` });
    links.push({ id: `uses:${n}`, kind: 'uses', source: net, target: br });
  }
  for (let v = 0; v < vms; v += 1) {
    const vm = `${host}/vm/${v}`;
    nodes.push({ id: vm, host, kind: 'vm', name: `vm${String(v).padStart(4, '0')}`, state: 'shut off', uuid: `u${v}` });
    const mac = `52:54:00:00:${String(v >> 8).padStart(2, '0')}:${String(v & 255).padStart(2, '0')}`;
    links.push({ id: `nic:${v}`, kind: 'nic', source: vm, target: `${host}/network/n${v % networks}`, mac, type: 'network', live: false, config: true });
  }
  return {
    hosts: [{ id: host, label: 'big', ssh: { host: 'big', port: 22, user: 'root' }, uri: 'qemu:///system', capturedAt: '' }],
    nodes,
    links,
    layout: {},
  };
}

/** Gives VM v a second NIC, on network (v + 1) mod `networks`. */
function withSecondNics(t: Topology, networks: number): Topology {
  const host = t.hosts[0]!.id;
  const extra: TopologyLink[] = t.nodes
    .filter((n) => n.kind === 'vm')
    .map((vm, v) => ({ id: `nic2:${v}`, kind: 'nic', source: vm.id, target: `${host}/network/n${(v + 1) % networks}`, mac: `52:54:00:01:${String(v >> 8).padStart(2, '0')}:${String(v & 255).padStart(2, '0')}`, type: 'network', live: false, config: true }));
  return { ...t, links: [...t.links, ...extra] };
}

function minDistance(layout: Record<string, { x: number; y: number }>): number {
  const points = Object.values(layout);
  let best = Infinity;
  for (let i = 0; i < points.length; i += 1) {
    for (let j = i + 1; j < points.length; j += 1) {
      best = Math.min(best, Math.hypot(points[i]!.x - points[j]!.x, points[i]!.y - points[j]!.y));
    }
  }
  return best;
}

describe('automatic layout', () => {
  it('places every node, deterministically', () => {
    const a = autoLayout(demoTopology());
    const b = autoLayout(demoTopology());
    expect(a).toEqual(b);
    expect(Object.keys(a).sort()).toEqual(demoTopology().nodes.map((n) => n.id).sort());
  });

  it('does not depend on the order nodes and links come in', () => {
    const t = demoTopology();
    const reversed = { ...t, nodes: [...t.nodes].reverse(), links: [...t.links].reverse() };
    expect(autoLayout(reversed)).toEqual(autoLayout(t));
  });

  it('keeps saved positions', () => {
    const t = demoTopology();
    const vm = t.nodes.find((n) => n.kind === 'vm')!;
    t.layout = { [vm.id]: { x: 12345, y: -678 } };
    expect(autoLayout(t)[vm.id]).toEqual({ x: 12345, y: -678 });
  });

  it('answers with the saved layout itself when it places every object and nothing else, and without what is gone', () => {
    const t = demoTopology();
    const placed = autoLayout(t);
    const saved = { ...t, layout: placed };
    expect(autoLayout(saved)).toBe(placed);
    const gone = { ...saved, nodes: saved.nodes.slice(1) };
    const kept = autoLayout(gone);
    expect(kept).not.toHaveProperty(saved.nodes[0]!.id);
    expect(Object.keys(kept)).toHaveLength(gone.nodes.length);
  });

  it('groups each VM with what it is wired to: nearer to its network than to any other', () => {
    for (const [vms, networks] of [[40, 4], [300, 20], [1000, 50]] as const) {
      const t = syntheticHost(vms, networks);
      const layout = autoLayout(t);
      const nets = t.nodes.filter((n) => n.kind === 'network');
      for (const link of t.links.filter((l) => l.kind === 'nic')) {
        const vm = layout[link.source]!;
        const distance = (id: string): number => Math.hypot(layout[id]!.x - vm.x, layout[id]!.y - vm.y);
        const own = distance(link.target);
        const nearestOther = Math.min(...nets.filter((n) => n.id !== link.target).map((n) => distance(n.id)));
        expect(own, `${link.source} (${vms} VMs)`).toBeLessThan(nearestOther);
      }
    }
  });

  it('puts a VM on two networks between them, and keeps NIC wires short on a 1,000-VM host', () => {
    const t = withSecondNics(syntheticHost(1000, 50), 50);
    const layout = autoLayout(t);
    const nics = t.links.filter((l) => l.kind === 'nic');
    const length = (l: TopologyLink): number => Math.hypot(layout[l.source]!.x - layout[l.target]!.x, layout[l.source]!.y - layout[l.target]!.y);
    // each VM is nearer to its second network than its first network is
    const byVm = new Map<string, TopologyLink[]>();
    for (const l of nics) byVm.set(l.source, [...(byVm.get(l.source) ?? []), l]);
    let between = 0;
    for (const [, [a, b]] of byVm) {
      const hubs = Math.hypot(layout[a!.target]!.x - layout[b!.target]!.x, layout[a!.target]!.y - layout[b!.target]!.y);
      if (Math.max(length(a!), length(b!)) < hubs) between += 1;
    }
    expect(between / byVm.size).toBeGreaterThan(0.9);
    const xs = Object.values(layout).map((p) => p.x);
    const ys = Object.values(layout).map((p) => p.y);
    const diagonal = Math.hypot(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
    const mean = nics.reduce((sum, l) => sum + length(l), 0) / nics.length;
    // a ring of every VM around all networks makes this about a third of the diagonal
    expect(mean / diagonal).toBeLessThan(0.1);
    expect(minDistance(layout)).toBeGreaterThan(40);
  });

  it('crosses few wires on two big hosts with every kind of object', () => {
    const t = manyVmsTopology(1000);
    const layout = autoLayout(t);
    const segments = t.links.map((l) => [layout[l.source]!, layout[l.target]!] as const);
    const ccw = (a: Point, b: Point, c: Point): boolean => (c.y - a.y) * (b.x - a.x) > (b.y - a.y) * (c.x - a.x);
    let crossings = 0;
    for (let i = 0; i < segments.length; i += 1) {
      const [a, b] = segments[i]!;
      for (let j = i + 1; j < segments.length; j += 1) {
        const [c, d] = segments[j]!;
        if (a === c || a === d || b === c || b === d) continue;
        if (ccw(a, c, d) !== ccw(b, c, d) && ccw(a, b, c) !== ccw(a, b, d)) crossings += 1;
      }
    }
    // every VM on one ring around all networks crossed about 130 wires per link here
    expect(crossings / segments.length).toBeLessThan(10);
    expect(minDistance(layout)).toBeGreaterThan(40);
  });

  it('keeps nodes apart on a large host', () => {
    const layout = autoLayout(syntheticHost(300, 20));
    expect(Object.keys(layout)).toHaveLength(340);
    expect(minDistance(layout)).toBeGreaterThan(40);
  });

  it('keeps a host with many networks roughly square instead of one long row', () => {
    const t = syntheticHost(205, 53);
    const layout = autoLayout(t);
    const xs = Object.values(layout).map((p) => p.x);
    const ys = Object.values(layout).map((p) => p.y);
    const width = Math.max(...xs) - Math.min(...xs);
    const height = Math.max(...ys) - Math.min(...ys);
    expect(width / height).toBeLessThan(1.5);
    expect(height / width).toBeLessThan(1.5);
    const nets = t.nodes.filter((n) => n.kind === 'network').map((n) => layout[n.id]!.y);
    expect(new Set(nets).size).toBeGreaterThan(1);
    expect(minDistance(layout)).toBeGreaterThan(40);
  });

  it('places a fleet of ten hosts in rows, each host’s objects clear of the others’', () => {
    const fleet = Array.from({ length: 10 }, (_, i) => JSON.parse(JSON.stringify(syntheticHost(60, 3)).replaceAll('root@big', `root@h${i}`)) as Topology);
    const all: Topology = { hosts: fleet.flatMap((t) => t.hosts), nodes: fleet.flatMap((t) => t.nodes), links: fleet.flatMap((t) => t.links), layout: {} };
    const layout = autoLayout(all);
    const boxes = fleet.map((t) => {
      const points = t.nodes.map((n) => layout[n.id]!);
      return { left: Math.min(...points.map((p) => p.x)), right: Math.max(...points.map((p) => p.x)), top: Math.min(...points.map((p) => p.y)), bottom: Math.max(...points.map((p) => p.y)) };
    });
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) expect(a.right < b.left || b.right < a.left || a.bottom < b.top || b.bottom < a.top).toBe(true);
    // more than one row, and the whole not a strip (in one row it was ten hosts wide and one high)
    expect(new Set(boxes.map((b) => b.top)).size).toBeGreaterThan(1);
    const width = Math.max(...boxes.map((b) => b.right)) - Math.min(...boxes.map((b) => b.left));
    const height = Math.max(...boxes.map((b) => b.bottom)) - Math.min(...boxes.map((b) => b.top));
    expect(width / height).toBeLessThan(3);
    expect(width / height).toBeGreaterThan(0.5);
  });

  it('places hosts side by side without overlap', () => {
    const a = demoTopology();
    const b = syntheticHost(10, 2);
    const both: Topology = { hosts: [...a.hosts, ...b.hosts], nodes: [...a.nodes, ...b.nodes], links: [...a.links, ...b.links], layout: {} };
    const layout = autoLayout(both);
    const maxA = Math.max(...a.nodes.map((n) => layout[n.id]!.x));
    const minB = Math.min(...b.nodes.map((n) => layout[n.id]!.x));
    expect(minB).toBeGreaterThan(maxA);
  });
});

describe('placeholders and NIC endpoints', () => {
  it('gives every missing object and endpoint a place of its own, an endpoint just outside its VM', () => {
    const topology = demoTopology();
    const layout = autoLayout(topology);
    const kinds = new Set(['missing', 'endpoint']);
    const odd = topology.nodes.filter((n) => kinds.has(n.kind));
    expect(odd.map((n) => n.kind).sort()).toEqual(['endpoint', 'missing']);
    for (const n of odd) {
      for (const other of topology.nodes.filter((o) => o.id !== n.id)) {
        const [a, b] = [layout[n.id]!, layout[other.id]!];
        expect(Math.hypot(a.x - b.x, a.y - b.y), `${n.name} vs ${other.name}`).toBeGreaterThan(40);
      }
    }
    const end = odd.find((n) => n.kind === 'endpoint')!;
    const vm = end.kind === 'endpoint' ? layout[end.vm]! : undefined;
    expect(Math.hypot(layout[end.id]!.x - vm!.x, layout[end.id]!.y - vm!.y)).toBeLessThan(150);
  });
});
