import { describe, expect, it } from 'vitest';
import { intentSchema } from '../../../shared/api/plan.ts';
import { invertPlan, planIntent } from '../../../shared/plan/index.ts';
import { checkConnect } from '../../../shared/plan/rules.ts';
import { nodeId } from '../../../shared/topology/ids.ts';
import type { TopologyNode } from '../../../shared/topology/model.ts';
import { HOST, labTopology, macFactory, ROOT } from './hosts.ts';

// eth1 of the lab host is a port of br0; eth2, a free NIC, is where macvtap can go
const topology = labTopology();
topology.nodes.push({ id: nodeId(HOST, 'physical', 'eth2'), host: HOST, kind: 'physical', name: 'eth2', state: 'up', mac: '52:54:00:12:34:58', up: true, managedBy: null });
const node = (name: string): TopologyNode => topology.nodes.find((n) => n.name === name)!;

describe('a VM on a physical NIC through macvtap (nic-attach with a direct target)', () => {
  it('attaches <interface type=\'direct\'> with the device and mode, undone by detaching a direct NIC, with the caveat in the preview', () => {
    const plan = planIntent({ kind: 'nic-attach', vm: 'centos7', target: { kind: 'direct', dev: 'eth2', mode: 'bridge' } }, topology, ROOT, { macFactory: macFactory() });
    const [step] = plan.steps;
    expect(step!.argv).toEqual(['virsh', '-c', 'qemu:///system', 'attach-device', '--domain', 'centos7', '--file', '/dev/stdin', '--live', '--config']);
    expect(step!.stdin).toBe("<interface type='direct'>\n  <mac address='52:54:00:00:00:01'/>\n  <source dev='eth2' mode='bridge'/>\n  <model type='virtio'/>\n</interface>\n");
    expect(step!.description).toMatch(/device `eth2` \(macvtap bridge\)/);
    expect(invertPlan(plan).steps[0]!.argv).toEqual(['virsh', '-c', 'qemu:///system', 'detach-interface', '--domain', 'centos7', '--type', 'direct', '--mac', '52:54:00:00:00:01', '--live', '--config']);
    expect(plan.warnings.join(' ')).toMatch(/the host itself cannot reach the guest over this NIC/);
  });

  it('takes each macvtap mode, saying what passthrough and VEPA mean, and refuses another', () => {
    for (const mode of ['vepa', 'private', 'passthrough'] as const) {
      const plan = planIntent({ kind: 'nic-attach', vm: 'web01', target: { kind: 'direct', dev: 'eth2', mode } }, topology, ROOT, { macFactory: macFactory() });
      expect(plan.steps[0]!.stdin).toContain(`<source dev='eth2' mode='${mode}'/>`);
      expect(plan.steps[0]!.argv.slice(-1)).toEqual(['--config']); // web01 is shut off
    }
    expect(planIntent({ kind: 'nic-attach', vm: 'web01', target: { kind: 'direct', dev: 'eth2', mode: 'passthrough' } }, topology, ROOT).warnings.join(' ')).toMatch(/takes `eth2` over/);
    expect(() => planIntent({ kind: 'nic-attach', vm: 'web01', target: { kind: 'direct', dev: 'eth2', mode: 'bogus' as 'bridge' } }, topology, ROOT)).toThrow(/macvtap mode is one of bridge, vepa, private, passthrough/);
    expect(intentSchema.safeParse({ kind: 'nic-attach', vm: 'web01', target: { kind: 'direct', dev: 'eth2', mode: 'bogus' } }).success).toBe(false);
  });

  it('refuses a bridge, a TAP, a bridge port and a device that is not there, and a move onto a device', () => {
    const attach = (dev: string) => () => planIntent({ kind: 'nic-attach', vm: 'web01', target: { kind: 'direct', dev, mode: 'bridge' } }, topology, ROOT);
    expect(attach('virbr0')).toThrow(/is a bridge/);
    expect(attach('vm-vnic')).toThrow(/not on a TAP/);
    expect(attach('nosuch0')).toThrow(/no interface named "nosuch0"/);
    expect(attach("eth1'/><x")).toThrow(/Bad device name/);
    expect(attach('eth1')).toThrow(/“eth1” is a port of bridge “br0”/);
    expect(() => planIntent({ kind: 'nic-move', vm: 'centos7', mac: '52:54:00:7e:f8:5c', target: { kind: 'direct', dev: 'eth2', mode: 'bridge' } }, topology, ROOT)).toThrow(/attach a new NIC there/);
  });

  it('is what dropping a VM on a free physical NIC asks for (bridge mode until the dialog says otherwise)', () => {
    const live = new Set([HOST]);
    expect(checkConnect(topology, live, node('centos7'), node('eth2'))).toEqual({ ok: true, intent: { kind: 'nic-attach', vm: 'centos7', target: { kind: 'direct', dev: 'eth2', mode: 'bridge' }, model: 'virtio' } });
  });
});
