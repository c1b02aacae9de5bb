import { describe, expect, it } from 'vitest';
import { demoTopology } from '../../../shared/topology/demo.ts';
import type { NicLink } from '../../../shared/topology/model.ts';
import { buildView } from '../../../shared/topology/views.ts';

const names = (ids: string[]): string[] => {
  const t = demoTopology();
  return ids.map((id) => t.nodes.find((n) => n.id === id)?.name ?? id);
};

describe('graph views', () => {
  it('wiring view shows every object and the path VM → TAP → bridge ← network → uplink', () => {
    const view = buildView(demoTopology(), 'wiring');
    expect(view.nodes).toHaveLength(13);
    const edges = view.edges.map((e) => `${e.kind} ${names([e.source, e.target]).join('->')}`).sort();
    expect(edges).toEqual([
      'backs centos7->vnet0',
      'backs centos7->vnet1',
      'nic centos7->lab-net',
      'nic centos7->user (SLIRP)',
      'port virbr1-nic->virbr1',
      'port vm-vnic->tester',
      'port vnet0->virbr0',
      'port vnet1->virbr1',
      'uplink default->eth0',
      'uses default->virbr0',
      'uses isolated->virbr1',
    ]);
  });

  it('logical view folds the TAPs that back VM NICs into the NIC edges', () => {
    const view = buildView(demoTopology(), 'logical');
    expect(names(view.nodes.map((n) => n.id)).sort()).toEqual(
      ['centos7', 'default', 'eth0', 'isolated', 'lab-net', 'tester', 'user (SLIRP)', 'virbr0', 'virbr1', 'virbr1-nic', 'vm-vnic'].sort(),
    );
    const nics = view.edges.filter((e) => e.kind === 'nic');
    expect(nics.map((e) => e.label).sort()).toEqual([
      '52:54:00:07:b8:72 · virtio (vnet1)',
      '52:54:00:3c:aa:04 · virtio',
      '52:54:00:5e:11:03 · e1000',
      '52:54:00:7e:f8:5c · virtio (vnet0)',
    ]);
    expect(names(nics.map((e) => e.target)).sort()).toEqual(['default', 'isolated', 'lab-net', 'user (SLIRP)']);
  });

  it('marks NICs on missing objects, missing objects as warnings, and devices gone on reboot', () => {
    const view = buildView(demoTopology(), 'logical');
    const byLabel = new Map(view.nodes.map((n) => [n.label, n]));
    expect(byLabel.get('lab-net')).toMatchObject({ kind: 'missing', status: 'warn' });
    expect(byLabel.get('user (SLIRP)')).toMatchObject({ kind: 'endpoint', status: 'ok' });
    expect(byLabel.get('tester')?.persistence).toBe('none');
    expect(byLabel.get('virbr0')?.persistence).toBe('libvirt');
    expect(view.edges.filter((e) => e.toMissing).map((e) => names([e.target])[0])).toEqual(['lab-net']);
  });

  it('labels a macvtap NIC with its mode', () => {
    const t = demoTopology();
    const nic = t.links.find((l): l is NicLink => l.kind === 'nic')!;
    Object.assign(nic, { type: 'direct', sourceMode: 'bridge', targetDev: undefined });
    expect(buildView(t, 'logical').edges.find((e) => e.link === nic.id)?.label).toBe(`${nic.mac} · virtio · macvtap bridge`);
  });

  it('marks a live-only NIC and a config-only NIC of a running VM', () => {
    const t = demoTopology();
    const [first, second] = t.links.filter((l): l is NicLink => l.kind === 'nic');
    first!.config = false;
    second!.live = false;
    const pending = buildView(t, 'logical').edges.filter((e) => e.pending).map((e) => e.pending).sort();
    expect(pending).toEqual(['config-only', 'live-only']);
  });

  it('does not call the NICs of a shut-off VM pending', () => {
    const t = demoTopology();
    const vm = t.nodes.find((n) => n.kind === 'vm')!;
    vm.state = 'shut off';
    for (const l of t.links) if (l.kind === 'nic') l.live = false;
    expect(buildView(t, 'logical').edges.some((e) => e.pending)).toBe(false);
  });

  it('shows states as ok/off', () => {
    const view = buildView(demoTopology(), 'wiring');
    const status = Object.fromEntries(view.nodes.map((n) => [n.label, n.status]));
    expect(status).toMatchObject({ default: 'ok', centos7: 'ok', tester: 'off', 'vm-vnic': 'off', eth0: 'ok' });
  });

  it('gives the same view node for an object that did not change, and a new one for an object replaced', () => {
    const topology = demoTopology();
    const before = buildView(topology, 'logical');
    const vm = topology.nodes.find((n) => n.kind === 'vm' && n.state === 'running')!;
    const after = buildView({ ...topology, nodes: topology.nodes.map((n) => (n === vm ? { ...n, state: 'paused' } : n)) }, 'logical');
    for (const node of after.nodes) {
      const was = before.nodes.find((n) => n.id === node.id)!;
      if (node.id === vm.id) expect(node).toMatchObject({ state: 'paused', status: 'warn' });
      else expect(node).toBe(was);
    }
    // shared between views, so nobody may change one
    expect(Object.isFrozen(after.nodes[0])).toBe(true);
  });

  it('gives the same edge for a link whose link and VM did not change, and a new one where they did', () => {
    const topology = demoTopology();
    const before = buildView(topology, 'logical');
    const vm = topology.nodes.find((n) => n.kind === 'vm' && n.state === 'running')!;
    const after = buildView({ ...topology, nodes: topology.nodes.map((n) => (n === vm ? { ...n, state: 'shut off' } : n)) }, 'logical');
    const ofVm = after.edges.filter((e) => e.source === vm.id);
    expect(ofVm.length).toBeGreaterThan(0);
    for (const edge of after.edges) {
      const was = before.edges.find((e) => e.id === edge.id)!;
      // a NIC's edge reads its VM (a running VM's config-only NIC is pending): made again
      if (edge.source === vm.id) expect(edge).not.toBe(was);
      else expect(edge).toBe(was);
      expect(edge).toEqual(was.pending === 'config-only' ? { ...was, pending: undefined } : was);
    }
    // the wiring view draws a NIC with a TAP otherwise (VM → TAP): its own edges, and back again
    const nic = before.edges.find((e) => e.kind === 'nic' && e.label.includes('('))!;
    const wiring = buildView(topology, 'wiring').edges.filter((e) => e.link === nic.link);
    expect(wiring).toEqual([expect.objectContaining({ kind: 'backs', label: nic.label.replace(/ \(.*\)$/, '') })]);
    expect(buildView(topology, 'logical').edges.find((e) => e.link === nic.link)).toEqual(nic);
  });
});

