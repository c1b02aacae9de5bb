import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLocale } from '../../../electron/cli/i18n.ts';
import { summarizeTopology } from '../../../electron/cli/summary.ts';
import { demoTopology } from '../../../shared/topology/demo.ts';
import type { NicLink, Topology } from '../../../shared/topology/model.ts';

beforeAll(() => useLocale('en'));
afterAll(() => useLocale('en'));

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

describe('virtwire show in Traditional Chinese', () => {
  it('counts and heads each section in Chinese; names, MACs and libvirt words stay as they are', () => {
    useLocale('zh-TW');
    const text = summarizeTopology(demoTopology(), 'demo.json').split('\n');
    expect(text[0]).toBe('demo.json');
    expect(text[1]).toMatch(/^1 台主機、\d+ 個物件、\d+ 條連結$/);
    expect(text[2]).toBe('2 個網路、3 個橋接器、4 個 TAP 裝置、1 台虛擬機器、1 張實體網路卡、1 個遺失的物件、1 個網路卡端點');
    expect(text).toContain('網路 default（nat，active）— 橋接器 virbr0');
    expect(text).toContain('  centos7  52:54:00:7e:f8:5c  network  virtio  vnet0');
  });
});
