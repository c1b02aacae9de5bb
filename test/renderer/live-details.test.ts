import { describe, expect, it } from 'vitest';
import { describeLink, describeNode } from '../../renderer/details/properties.ts';
import { demoTopology } from '../../shared/topology/demo.ts';
import type { NicLink, TapNode, Topology } from '../../shared/topology/model.ts';

const topology = demoTopology();
const valueOf = (rows: { label: string; value: string }[], label: string): string | undefined => rows.find((r) => r.label === label)?.value;

describe('details of what does not survive a reboot', () => {
  it('says where a NIC lives: live only, or in the config only', () => {
    const nic = topology.links.find((l): l is NicLink => l.kind === 'nic')!;
    expect(valueOf(describeLink(topology, { ...nic, live: true, config: false }).rows, 'Present in')).toBe('attached live only — gone on reboot');
    expect(valueOf(describeLink(topology, { ...nic, live: false, config: true }).rows, 'Present in')).toBe('in the config only — arrives on next boot');
  });

  it('marks a transient network and hand-made bridges and TAPs, not the TAPs libvirt made for a VM', () => {
    const transient: Topology = { ...topology, nodes: topology.nodes.map((n) => (n.kind === 'network' ? { ...n, persistent: false } : n)) };
    const network = transient.nodes.find((n) => n.kind === 'network')!;
    expect(valueOf(describeNode(transient, network).rows, 'After reboot')).toMatch(/transient network/);
    const tester = topology.nodes.find((n) => n.name === 'tester')!;
    const vmVnic = topology.nodes.find((n) => n.name === 'vm-vnic')!;
    const vnet0 = topology.nodes.find((n): n is TapNode => n.kind === 'tap' && n.name === 'vnet0')!;
    expect(valueOf(describeNode(topology, tester).rows, 'After reboot')).toMatch(/^gone — made by hand/);
    expect(valueOf(describeNode(topology, vmVnic).rows, 'After reboot')).toMatch(/^gone — made by hand/);
    expect(valueOf(describeNode(topology, { ...vnet0, managedBy: null }).rows, 'After reboot')).toMatch(/^comes back — libvirt/);
    expect(valueOf(describeNode(topology, topology.nodes.find((n) => n.name === 'virbr0')!).rows, 'After reboot')).toMatch(/^comes back/);
    expect(valueOf(describeNode(topology, { ...tester, persistence: 'host-config' } as TapNode).rows, 'After reboot')).toMatch(/configuration makes it/);
  });

  it('says what it can for devices in files saved before persistence was read', () => {
    const { persistence: _p, ...oldVnet0 } = topology.nodes.find((n): n is TapNode => n.kind === 'tap' && n.name === 'vnet0')!;
    const { persistence: _q, ...oldVmVnic } = topology.nodes.find((n): n is TapNode => n.kind === 'tap' && n.name === 'vm-vnic')!;
    expect(valueOf(describeNode(topology, oldVnet0).rows, 'After reboot')).toBeUndefined();
    expect(valueOf(describeNode(topology, oldVmVnic).rows, 'After reboot')).toMatch(/not read/);
  });
});
