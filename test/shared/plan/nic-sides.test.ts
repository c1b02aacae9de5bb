// A NIC hot-plugged with --live --config can sit at a different PCI slot in the running VM and in
// its definition. Detaching it and undoing that must put each side back at its own slot: one
// element (one address) attached to both collides with another device on one of them (libvirt:
// "Attempted double use of PCI Address"), as the lab's bulk detach/undo showed.
import { describe, expect, it } from 'vitest';
import { planIntent } from '../../../shared/plan/planner.ts';
import { invertPlan } from '../../../shared/plan/step.ts';
import type { NicLink, Topology, VmNode } from '../../../shared/topology/model.ts';
import { ROOT, labTopology } from './hosts.ts';

const MAC = '52:54:00:aa:00:01';
const nicAt = (slot: string, extra = '') => `<interface type='bridge'>
      <mac address='${MAC}'/>
      <source bridge='tester'/>${extra}
      <model type='virtio'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='${slot}' function='0x0'/>
    </interface>`;
const domain = (nic: string) => `<domain type='kvm'><name>db</name><uuid>66666666-7777-8888-9999-000000000000</uuid><devices>${nic}</devices></domain>`;

function dbWithNicAt(liveSlot: string, configSlot: string): Topology {
  const topology = labTopology();
  const db = topology.nodes.find((n): n is VmNode => n.kind === 'vm' && n.name === 'db')!;
  db.xml = domain(nicAt(liveSlot, "\n      <target dev='vnet7'/>\n      <alias name='net0'/>"));
  db.inactiveXml = domain(nicAt(configSlot));
  const link = topology.links.find((l): l is NicLink => l.kind === 'nic' && l.source === db.id && l.mac === MAC)!;
  Object.assign(link, { live: true, config: true });
  return topology;
}

const slots = (xml: string | undefined) => [...(xml ?? '').matchAll(/slot='(0x[0-9a-f]+)'/g)].map((m) => m[1]);

describe('a NIC at a different PCI slot live and in the definition', () => {
  it('is detached and put back per side, each at its own slot', () => {
    const plan = planIntent({ kind: 'nic-detach', vm: 'db', mac: MAC }, dbWithNicAt('0x06', '0x07'), ROOT);
    expect(plan.steps.map((s) => s.scope)).toEqual(['live', 'config']);
    const undo = invertPlan(plan);
    const attaches = undo.steps.map((s) => ({ scope: s.scope, slots: slots(s.stdin) }));
    expect(attaches).toEqual(expect.arrayContaining([{ scope: 'live', slots: ['0x06'] }, { scope: 'config', slots: ['0x07'] }]));
    expect(attaches).toHaveLength(2);
  });

  it('is detached and put back in one step for both sides when the slot is the same', () => {
    const plan = planIntent({ kind: 'nic-detach', vm: 'db', mac: MAC }, dbWithNicAt('0x06', '0x06'), ROOT);
    expect(plan.steps.map((s) => s.scope)).toEqual(['both']);
    expect(invertPlan(plan).steps.map((s) => [s.scope, slots(s.stdin)])).toEqual([['both', ['0x06']]]);
  });
});
