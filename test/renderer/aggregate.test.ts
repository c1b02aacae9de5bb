// Semantic zoom's aggregates (renderer/graph/aggregate.ts): which VMs collapse into which hub's
// aggregate, what it says, and how wires to other hubs are merged.
import { afterEach, describe, expect, it } from 'vitest';
import { type AggregateEdgeInput, type AggregateNodeInput, aggregateLabel, computeAggregates, MIN_AGGREGATE_VMS } from '../../renderer/graph/aggregate.ts';
import { language } from '../../renderer/state/i18n.svelte.ts';
import { graphElements } from '../../renderer/graph/elements.ts';
import { autoLayout } from '../../shared/topology/layout.ts';
import { buildView, type ViewKind } from '../../shared/topology/views.ts';
import { manyVmsTopology } from '../support/many-vms.ts';

/** A hand-made drawing: hubs at fixed places, VMs on a circle around the hub they are drawn at. */
class Drawing {
  nodes: AggregateNodeInput[] = [];
  edges: AggregateEdgeInput[] = [];
  private count = 0;

  hub(id: string, kind: string, x: number, y: number): this {
    this.nodes.push({ id, kind, label: id, state: 'active', inHost: 'host:h', position: { x, y } });
    return this;
  }

  /** `n` VMs drawn around `at`, wired to each of `hubs`; the first `running` of them run. */
  vms(n: number, at: string, hubs: string[], running = n): string[] {
    const centre = this.nodes.find((h) => h.id === at)!.position!;
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = `vm${this.count++}`;
      const angle = (2 * Math.PI * i) / n;
      this.nodes.push({ id, kind: 'vm', label: id, state: i < running ? 'running' : 'shut off', inHost: 'host:h', position: { x: centre.x + 300 * Math.cos(angle), y: centre.y + 300 * Math.sin(angle) } });
      for (const hub of hubs) this.edges.push({ id: `${id}→${hub}`, kind: 'nic', source: id, target: hub });
      ids.push(id);
    }
    return ids;
  }
}

describe('computeAggregates', () => {
  it('gathers the VMs drawn around a network into one aggregate that counts them and the running ones', () => {
    const d = new Drawing().hub('net-a', 'network', 0, 0).hub('net-b', 'network', 2000, 0);
    const vms = d.vms(42, 'net-a', ['net-a'], 40);
    d.vms(5, 'net-b', ['net-b']);
    const [a, ...rest] = computeAggregates(d.nodes, d.edges);
    expect(rest).toEqual([]);
    expect(a!.hub).toBe('net-a');
    expect(a!.label).toBe('net-a · 42 VMs, 40 running');
    expect(a!.vms).toEqual(vms);
    expect(a!.running).toBe(40);
    expect(a!.members).toEqual(vms);
    expect(a!.inHost).toBe('host:h');
    expect(a!.links).toEqual([]);
    // a disc around the hub that covers every VM it hides
    expect(a!.centre).toEqual({ x: 0, y: 0 });
    expect(a!.radius).toBeGreaterThan(300);
  });

  it('counts a VM on two networks once, in the aggregate it is drawn in, and merges its other wires into one link', () => {
    const d = new Drawing().hub('net-a', 'network', 0, 0).hub('net-b', 'network', 2000, 0).hub('br0', 'bridge', 0, 2000);
    const onlyA = d.vms(27, 'net-a', ['net-a']);
    const both = d.vms(8, 'net-a', ['net-a', 'net-b'], 6);
    const onlyB = d.vms(31, 'net-b', ['net-b'], 0);
    const bothFromB = d.vms(3, 'net-b', ['net-a', 'net-b', 'br0']);
    const aggregates = computeAggregates(d.nodes, d.edges);
    expect(aggregates.map((x) => x.label).sort()).toEqual(['net-a · 35 VMs, 33 running', 'net-b · 34 VMs, 3 running']);
    const a = aggregates.find((x) => x.hub === 'net-a')!;
    const b = aggregates.find((x) => x.hub === 'net-b')!;
    expect(a.vms).toEqual([...onlyA, ...both]);
    expect(b.vms).toEqual([...onlyB, ...bothFromB]);
    // no VM in two aggregates
    expect(new Set([...a.vms, ...b.vms]).size).toBe(a.vms.length + b.vms.length);
    // the second network is a link from the aggregate to it, counted in VMs, standing for their wires
    expect(a.links).toEqual([{ id: 'aggregate:net-a→net-b', source: 'aggregate:net-a', target: 'net-b', vms: 8, label: '8 VMs', edges: both.map((vm) => `${vm}→net-b`) }]);
    expect(b.links.map((l) => [l.target, l.vms, l.label])).toEqual([
      ['br0', 3, '3 VMs'],
      ['net-a', 3, '3 VMs'],
    ]);
  });

  it('leaves a hub with fewer VMs than the threshold alone, and collapses one with exactly that many', () => {
    const under = new Drawing().hub('net-a', 'network', 0, 0);
    under.vms(MIN_AGGREGATE_VMS - 1, 'net-a', ['net-a']);
    expect(computeAggregates(under.nodes, under.edges)).toEqual([]);
    const at = new Drawing().hub('net-a', 'network', 0, 0);
    at.vms(MIN_AGGREGATE_VMS, 'net-a', ['net-a']);
    expect(computeAggregates(at.nodes, at.edges).map((x) => x.vms.length)).toEqual([MIN_AGGREGATE_VMS]);
    // the threshold can be given
    expect(computeAggregates(under.nodes, under.edges, 10).map((x) => x.vms.length)).toEqual([MIN_AGGREGATE_VMS - 1]);
  });

  it('takes the TAPs backing a VM NIC and its NIC endpoints into its aggregate, and gathers VMs on a network’s bridge at the network', () => {
    const d = new Drawing().hub('net-a', 'network', 0, 0).hub('virbr-a', 'bridge', 60, 110);
    d.edges.push({ id: 'uses', kind: 'uses', source: 'net-a', target: 'virbr-a' });
    const vms = d.vms(30, 'net-a', []);
    for (const vm of vms) {
      d.nodes.push({ id: `${vm}-tap`, kind: 'tap', label: `${vm}-tap`, state: 'up', position: { x: 0, y: 0 } });
      d.edges.push({ id: `${vm}/backs`, kind: 'backs', source: vm, target: `${vm}-tap` });
      d.edges.push({ id: `${vm}-tap/port`, kind: 'port', source: `${vm}-tap`, target: 'virbr-a' });
    }
    d.nodes.push({ id: 'slirp', kind: 'endpoint', label: 'user', state: 'up', position: { x: 0, y: 0 } });
    d.edges.push({ id: 'slirp-nic', kind: 'nic', source: vms[0]!, target: 'slirp' });
    const [a] = computeAggregates(d.nodes, d.edges);
    expect(a!.hub).toBe('net-a');
    expect(a!.vms).toEqual(vms);
    expect([...a!.members].sort()).toEqual([...vms, ...vms.map((vm) => `${vm}-tap`), 'slirp'].sort());
    // the TAPs' ports into the network's own bridge are where the aggregate is drawn: no link
    expect(a!.links).toEqual([]);
  });

  it('puts a VM on several hubs in the aggregate of the hub it is drawn around, even when a small hub next door is nearer', () => {
    const d = new Drawing().hub('net-a', 'network', 0, 0).hub('gone', 'missing', 550, 0).hub('net-b', 'network', 3000, 0);
    const ownA = d.vms(30, 'net-a', ['net-a']);
    // on net-a's ring (300 from it), on the side facing `gone` (250 from it)
    d.nodes.push({ id: 'facing', kind: 'vm', label: 'facing', state: 'running', position: { x: 300, y: 0 } });
    d.edges.push({ id: 'facing→net-a', kind: 'nic', source: 'facing', target: 'net-a' }, { id: 'facing→gone', kind: 'nic', source: 'facing', target: 'gone' });
    // VMs on two hubs, drawn around one that has none of its own: the nearest
    const nearB = d.vms(30, 'net-b', ['net-a', 'net-b']);
    const aggregates = computeAggregates(d.nodes, d.edges);
    expect(aggregates.find((x) => x.hub === 'net-a')!.vms).toEqual([...ownA, 'facing']);
    expect(aggregates.find((x) => x.hub === 'net-a')!.links.map((l) => [l.target, l.vms])).toEqual([['gone', 1]]);
    expect(aggregates.find((x) => x.hub === 'net-b')!.vms).toEqual(nearB);
  });

  for (const view of ['logical', 'wiring'] as ViewKind[]) {
    it(`on a generated 1,000-VM topology in the ${view} view: every VM is in one hub's group, and the groups of 30 or more are the aggregates`, () => {
      const topology = manyVmsTopology(1000);
      const elements = graphElements(buildView(topology, view), autoLayout(topology));
      const nodes: AggregateNodeInput[] = elements
        .filter((e) => e.group === 'nodes' && e.data.kind !== 'host')
        .map((e) => ({ id: e.data.id!, kind: String(e.data.kind), label: String(e.data.label), state: String(e.data.state), position: e.position! }));
      const edges: AggregateEdgeInput[] = elements
        .filter((e) => e.group === 'edges')
        .map((e) => ({ id: e.data.id!, kind: String(e.data.kind), source: String(e.data.source), target: String(e.data.target) }));
      const byId = new Map(topology.nodes.map((n) => [n.id, n] as const));
      const hubsOf = (vm: string): Set<string> => {
        const hubs = new Set<string>();
        for (const l of topology.links) if (l.kind === 'nic' && l.source === vm && byId.get(l.target)!.kind !== 'endpoint') hubs.add(l.target);
        return hubs;
      };
      // every VM of the generated hosts has a NIC: with no threshold, each is in exactly one group
      const groups = computeAggregates(nodes, edges, 1);
      const seen = new Set<string>();
      for (const g of groups) {
        for (const vm of g.vms) {
          expect(hubsOf(vm).has(g.hub)).toBe(true);
          expect(seen.has(vm)).toBe(false);
          seen.add(vm);
        }
        expect(g.running).toBe(g.vms.filter((vm) => byId.get(vm)!.state === 'running').length);
        expect(g.label).toBe(`${byId.get(g.hub)!.name} · ${g.vms.length} VMs, ${g.running} running`);
        for (const l of g.links) expect(l.target).not.toBe(g.hub);
      }
      expect(seen.size).toBe(1000);
      const aggregates = computeAggregates(nodes, edges);
      expect(aggregates.map((a) => a.label)).toEqual(groups.filter((g) => g.vms.length >= MIN_AGGREGATE_VMS).map((g) => g.label));
      // most VMs are in one: each host's ten networks have 50 VMs each, few of them drawn elsewhere
      expect(aggregates.filter((a) => byId.get(a.hub)!.kind === 'network').length).toBe(20);
      expect(aggregates.reduce((n, a) => n + a.vms.length, 0)).toBeGreaterThan(800);
      if (view === 'wiring') {
        const taps = groups.flatMap((a) => a.members).filter((m) => byId.get(m)?.kind === 'tap');
        expect(taps.length).toBe(topology.nodes.filter((n) => n.kind === 'tap' && n.vm).length);
      }
    });
  }
});

describe('what an aggregate says', () => {
  afterEach(() => language.choose('system'));

  it('counts VMs with the right plural in English and says the same in Traditional Chinese', () => {
    language.choose('en');
    expect(aggregateLabel('net3', 1, 0)).toBe('net3 · 1 VM, 0 running');
    expect(aggregateLabel('net3', 1200, 1100)).toBe('net3 · 1,200 VMs, 1,100 running');
    const d = new Drawing().hub('net-a', 'network', 0, 0).hub('net-b', 'network', 2000, 0);
    d.vms(42, 'net-a', ['net-a'], 40);
    d.vms(3, 'net-a', ['net-a', 'net-b']);
    language.choose('zh-TW');
    const [a] = computeAggregates(d.nodes, d.edges);
    expect(a!.label).toBe('net-a · 45 台虛擬機器，43 台執行中');
    expect(a!.links.map((l) => l.label)).toEqual(['3 台虛擬機器']);
  });
});
