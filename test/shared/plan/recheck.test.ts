// Undo and redo against the host as it is now, and a preview bound to what it was planned on.
import { describe, expect, it } from 'vitest';
import { planIntent } from '../../../shared/plan/planner.ts';
import { basisOf, changedSince, recheckPlan } from '../../../shared/plan/recheck.ts';
import { invertPlan } from '../../../shared/plan/step.ts';
import type { Topology } from '../../../shared/topology/model.ts';
import { ROOT, labTopology, macFactory } from './hosts.ts';

/** The lab topology without the named objects (and their links), as after someone removed them. */
function without(topology: Topology, ...names: string[]): Topology {
  const gone = new Set(topology.nodes.filter((n) => names.includes(n.name)).map((n) => n.id));
  return { ...topology, nodes: topology.nodes.filter((n) => !gone.has(n.id)), links: topology.links.filter((l) => !gone.has(l.source) && !gone.has(l.target)) };
}

describe('recheckPlan', () => {
  it('lets an undo use what its own earlier steps create again', () => {
    const plan = planIntent({ kind: 'tap-delete', name: 'vm-vnic' }, labTopology(), ROOT);
    const undo = invertPlan(plan);
    expect(undo.steps.map((s) => s.op.op)).toEqual(['tap-add', 'port-plug']);
    expect(recheckPlan(undo, without(labTopology(), 'vm-vnic'), ROOT).steps).toEqual(undo.steps);
  });

  it('refuses an undo whose object someone removed since, naming it', () => {
    const plan = planIntent({ kind: 'port-unplug', device: 'eth1' }, labTopology(), ROOT);
    expect(() => recheckPlan(invertPlan(plan), without(labTopology(), 'br0'), ROOT)).toThrow(/^interface `br0` is no longer on this host, so "Plug `eth1` into bridge `br0`\." cannot run/);
    const nic = planIntent({ kind: 'nic-detach', vm: 'web01', mac: '52:54:00:3b:00:01' }, labTopology(), ROOT);
    expect(() => recheckPlan(invertPlan(nic), without(labTopology(), 'web01'), ROOT)).toThrow(/^VM "web01" is no longer on this host/);
  });

  it('narrows a VM change to its definition when the VM stopped since, and drops what was live only', () => {
    const attach = planIntent({ kind: 'nic-attach', vm: 'centos7', target: { kind: 'network', network: 'isolated' } }, labTopology(), ROOT, { macFactory: macFactory() });
    const stopped = labTopology();
    stopped.nodes.find((n) => n.name === 'centos7')!.state = 'shut off';
    const undo = recheckPlan(invertPlan(attach), stopped, ROOT);
    expect(undo.steps.map((s) => [s.scope, s.argv.filter((a) => a.startsWith('--') && (a === '--live' || a === '--config'))])).toEqual([['config', ['--config']]]);
    expect(undo.steps[0]!.inverse?.argv).toContain('--config');
    expect(undo.steps[0]!.inverse?.argv).not.toContain('--live');
    expect(undo.warnings.join(' ')).toMatch(/VM `centos7` is not running any more/);

    const liveOnly = planIntent({ kind: 'nic-link', vm: 'db', mac: '52:54:00:aa:00:01', state: 'up' }, labTopology(), ROOT);
    const dbStopped = labTopology();
    dbStopped.nodes.find((n) => n.name === 'db')!.state = 'shut off';
    expect(() => recheckPlan(invertPlan(liveOnly), dbStopped, ROOT)).toThrow(/^Nothing is left to do on the host as it is now: Left out/);
  });
});

describe('basisOf / changedSince', () => {
  it('notices a change to an object the plan touches, and nothing else', () => {
    const topology = labTopology();
    const plan = planIntent({ kind: 'nic-detach', vm: 'web01', mac: '52:54:00:3b:00:01' }, topology, ROOT);
    const basis = basisOf(plan, topology, ROOT.hostId);
    expect(Object.keys(basis)).toEqual(['vm:web01']);
    const other = labTopology();
    other.nodes.find((n) => n.name === 'centos7')!.state = 'paused';
    expect(changedSince(basis, other, ROOT.hostId)).toEqual([]);
    const changed = labTopology();
    const web01 = changed.nodes.find((n) => n.name === 'web01')!;
    Object.assign(web01, { xml: (web01 as { xml: string }).xml.replace("<link state='up'/>", "<link state='down'/>") });
    expect(changedSince(basis, changed, ROOT.hostId)).toEqual(['vm:web01']);
    expect(changedSince(basis, without(labTopology(), 'web01'), ROOT.hostId)).toEqual(['vm:web01']);
  });

  it('is not made stale by a NIC’s addresses arriving (a guest’s DHCP lease after an attach), only by what a step reads', () => {
    const topology = labTopology();
    const plan = planIntent({ kind: 'nic-detach', vm: 'web01', mac: '52:54:00:3b:00:01' }, topology, ROOT);
    const basis = basisOf(plan, topology, ROOT.hostId);
    const leased = labTopology();
    const web01 = leased.nodes.find((n) => n.name === 'web01')!;
    const nics = leased.links.filter((l) => l.kind === 'nic' && l.source === web01.id);
    expect(nics.length).toBeGreaterThan(0);
    for (const nic of nics) Object.assign(nic, { addresses: [{ family: 'ipv4', ip: '192.168.122.50', prefix: 24, sources: ['lease'] }] });
    expect(changedSince(basis, leased, ROOT.hostId)).toEqual([]);
    // a NIC's link state is read by the steps: that still counts
    Object.assign(nics[0]!, { linkState: 'down' });
    expect(changedSince(basis, leased, ROOT.hostId)).toEqual(['vm:web01']);
  });
});
