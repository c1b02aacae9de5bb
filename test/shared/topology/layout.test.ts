import { describe, expect, it } from 'vitest';
import { demoTopology } from '../../../shared/topology/demo.ts';
import { autoLayout } from '../../../shared/topology/layout.ts';
import type { Topology, TopologyLink, TopologyNode } from '../../../shared/topology/model.ts';

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

  it('puts networks and bridges in the middle and VMs around them', () => {
    const t = syntheticHost(40, 4);
    const layout = autoLayout(t);
    const centre = (kind: string): { x: number; y: number } => {
      const ps = t.nodes.filter((n) => n.kind === kind).map((n) => layout[n.id]!);
      return { x: ps.reduce((s, p) => s + p.x, 0) / ps.length, y: ps.reduce((s, p) => s + p.y, 0) / ps.length };
    };
    const middle = centre('network');
    const distance = (kind: string): number =>
      Math.min(...t.nodes.filter((n) => n.kind === kind).map((n) => Math.hypot(layout[n.id]!.x - middle.x, layout[n.id]!.y - middle.y)));
    expect(distance('vm')).toBeGreaterThan(
      Math.max(...t.nodes.filter((n) => n.kind === 'network' || n.kind === 'bridge').map((n) => Math.hypot(layout[n.id]!.x - middle.x, layout[n.id]!.y - middle.y))),
    );
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
