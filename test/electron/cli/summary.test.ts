import { describe, expect, it } from 'vitest';
import { summarizeTopology } from '../../../electron/cli/summary.ts';
import { demoTopology } from '../../../shared/topology/demo.ts';
import type { NicLink, Topology } from '../../../shared/topology/model.ts';

describe('virtwire show, in natural order', () => {
  it('lists networks and the VM NICs on each by name, net2 before net10, vm9 before vm10', () => {
    const demo = demoTopology();
    const network = demo.nodes.find((n) => n.kind === 'network')!;
    const vm = demo.nodes.find((n) => n.kind === 'vm')!;
    const nic = demo.links.find((l): l is NicLink => l.kind === 'nic')!;
    const networks = ['net10', 'net2', 'net1'].map((name) => ({ ...network, id: `${network.id}-${name}`, name }));
    const vms = ['vm10', 'vm9'].map((name) => ({ ...vm, id: `${vm.id}-${name}`, name }));
    const nics = vms.map((v, i) => ({ ...nic, id: `${nic.id}-${v.name}`, source: v.id, target: networks[0]!.id, mac: `52:54:00:00:00:0${i}` }));
    const topology: Topology = { ...demo, nodes: [...demo.nodes, ...networks, ...vms], links: [...demo.links, ...nics] };
    const text = summarizeTopology(topology, 'many.json');
    const headings = text.split('\n').filter((line) => line.startsWith('network '));
    expect(headings.map((h) => h.split(' ')[1])).toEqual(['default', 'isolated', 'net1', 'net2', 'net10']);
    const net10 = text.split('\n\n').find((block) => block.startsWith('network net10'))!;
    expect(net10.split('\n').slice(1).map((line) => line.trim().split(/\s+/)[0])).toEqual(['vm9', 'vm10']);
  });
});
