import { afterEach, describe, expect, it } from 'vitest';
import { describeLink, describeNode } from '../../renderer/details/properties.ts';
import { language } from '../../renderer/state/i18n.svelte.ts';
import { fdbNote, fdbRows, leaseRows, nicPinAction, unknownOwner } from '../../renderer/details/addresses.ts';
import { demoTopology } from '../../shared/topology/demo.ts';
import { buildView } from '../../shared/topology/views.ts';
import type { BridgeNode, NetworkNode, NicLink, Topology } from '../../shared/topology/model.ts';

// The demo host with what a connected host's probe adds: leases on default, a static host, the
// NIC's addresses and virbr0's forwarding database.
function withAddresses(): { t: Topology; nic: NicLink; net: NetworkNode; bridge: BridgeNode } {
  const t = demoTopology();
  const net = t.nodes.find((n): n is NetworkNode => n.kind === 'network' && n.name === 'default')!;
  const nic = t.links.find((l): l is NicLink => l.kind === 'nic' && l.target === net.id)!;
  const vm = t.nodes.find((n) => n.id === nic.source)!;
  net.leases = [
    { mac: nic.mac, family: 'ipv4', ip: '192.168.122.45', prefix: 24, hostname: 'centos7', expiry: '2026-12-01 12:01:18' },
    { mac: '52:54:00:99:99:99', family: 'ipv4', ip: '192.168.122.46', prefix: 24 },
  ];
  nic.addresses = [
    { family: 'ipv4', ip: '192.168.122.45', prefix: 24, sources: ['lease', 'arp'] },
    { family: 'ipv6', ip: 'fd00::45', prefix: 64, sources: ['agent'] },
  ];
  const bridge = t.nodes.find((n): n is BridgeNode => n.kind === 'bridge' && n.name === 'virbr0')!;
  bridge.fdb = [
    { mac: '33:33:00:00:00:01', port: 'virbr0', kind: 'self', owner: { kind: 'group' } },
    { mac: 'fe:54:00:7e:f8:5c', port: 'vnet0', kind: 'permanent', owner: { kind: 'device', device: 'vnet0' } },
    { mac: nic.mac, port: 'vnet0', kind: 'learned', age: 7, owner: { kind: 'nic', vm: vm.id } },
    { mac: '02:de:ad:be:ef:01', port: 'vnet0', kind: 'learned', age: 300 },
  ];
  return { t, nic, net, bridge };
}

describe('a NIC\'s addresses', () => {
  it('are listed with where the host learned each, and the graph labels the NIC with its IPv4 address', () => {
    const { t, nic } = withAddresses();
    const rows = describeLink(t, nic).rows.filter((r) => r.label.endsWith('address'));
    expect(rows).toEqual([
      { label: 'IPv4 address', value: '192.168.122.45/24 — DHCP lease, ARP/NDP table' },
      { label: 'IPv6 address', value: 'fd00::45/64 — guest agent' },
    ]);
    expect(buildView(t, 'logical').edges.find((e) => e.link === nic.id)?.label).toBe(`${nic.mac} · 192.168.122.45 · virtio (vnet0)`);
  });

  it('offer to pin the NIC\'s lease, named after the VM, and to unpin once it is a static host', () => {
    const { t, nic, net } = withAddresses();
    expect(nicPinAction(t, nic)).toEqual({ label: 'Pin 192.168.122.45 to this NIC', intent: { kind: 'dhcp-host-pin', network: 'default', mac: nic.mac, ip: '192.168.122.45', name: 'centos7' } });
    net.ips[0]!.dhcpHosts.push({ mac: nic.mac.toUpperCase(), ip: '192.168.122.45' });
    expect(nicPinAction(t, nic)).toEqual({ label: 'Unpin this address', intent: { kind: 'dhcp-host-unpin', network: 'default', mac: nic.mac } });
    net.ips[0]!.dhcpHosts = [];
    net.leases = [];
    expect(nicPinAction(t, nic)?.disabled).toMatch(/no IPv4 lease/);
  });
});

describe('a network\'s leases', () => {
  it('name the VM NIC holding each, or say none on this host does', () => {
    const { t, nic, net } = withAddresses();
    const rows = leaseRows(t, net);
    expect(rows.map((r) => [r.ip, r.mac, r.hostname, r.owner, r.action?.label])).toEqual([
      ['192.168.122.45/24', nic.mac, 'centos7', `centos7 (NIC ${nic.mac})`, 'Pin'],
      ['192.168.122.46/24', '52:54:00:99:99:99', undefined, undefined, 'Pin'],
    ]);
  });
});

describe('who is on a bridge', () => {
  it('lists each entry by port, learned first, with its age and owner; a MAC nobody owns is said to be unknown', () => {
    const { t, bridge, nic } = withAddresses();
    expect(fdbRows(t, bridge).map((r) => [r.port, r.mac, r.kind.split(' ')[0], r.age, r.owner, r.unknown])).toEqual([
      ['virbr0', '33:33:00:00:00:01', 'self', undefined, 'a multicast group', false],
      ['vnet0', nic.mac, 'learned', '7 s', `NIC ${nic.mac} of VM centos7`, false],
      ['vnet0', '02:de:ad:be:ef:01', 'learned', '5 min', unknownOwner(), true],
      ['vnet0', 'fe:54:00:7e:f8:5c', 'permanent', undefined, 'device vnet0, the TAP of centos7', false],
    ]);
    expect(fdbNote(bridge)).toBeUndefined();
    expect(fdbNote({ ...bridge, fdb: undefined })).toMatch(/Not read/);
    expect(fdbNote({ ...bridge, bridgeType: 'ovs' })).toMatch(/Open vSwitch/);
  });
});

describe('the details panel in Traditional Chinese', () => {
  afterEach(() => language.choose('system'));

  it('names rows, values, owners and ages in the chosen language; addresses, MACs and libvirt names stay as they are', () => {
    const { t, nic, net, bridge } = withAddresses();
    language.choose('zh-TW');
    const network = describeNode(t, net);
    expect(network.kindLabel).toBe('網路');
    expect(network.state).toBe('使用中');
    expect(network.rows).toEqual(expect.arrayContaining([{ label: '轉送方式', value: 'NAT' }, { label: '自動啟動', value: '是' }]));
    expect(describeLink(t, nic).rows.filter((r) => r.label.endsWith('位址'))).toEqual([
      { label: 'IPv4 位址', value: '192.168.122.45/24 — DHCP 租約、ARP/NDP 表' },
      { label: 'IPv6 位址', value: 'fd00::45/64 — 客體代理程式' },
    ]);
    expect(nicPinAction(t, nic)?.label).toBe('把 192.168.122.45 固定給這張網路卡');
    expect(fdbRows(t, bridge).map((r) => [r.kind, r.age, r.owner])).toEqual([
      ['自身（連接埠本身的位址過濾）', undefined, '多點傳送群組'],
      ['學習得來', '7 秒', `虛擬機器 centos7 的網路卡 ${nic.mac}`],
      ['學習得來', '5 分鐘', unknownOwner()],
      ['永久（橋接器為這個連接埠建立的項目）', undefined, '裝置 vnet0，centos7 的 TAP 裝置'],
    ]);
    expect(unknownOwner()).toMatch(/^不明/);
    expect(fdbNote({ ...bridge, fdb: [] })).toBe('這個橋接器尚未學到任何位址。');
  });
});
