import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBridgeLinkJson, parseIpLinkJson } from '../../../shared/hostnet/iplink.ts';
import { parseDomainXml } from '../../../shared/libvirt/domain.ts';
import { parseNetworkXml } from '../../../shared/libvirt/network.ts';
import { buildHostTopology, type HostInput, type NetworkInput } from '../../../shared/topology/build.ts';
import { demoTopology } from '../../../shared/topology/demo.ts';
import { hostId, linkId, nodeId } from '../../../shared/topology/ids.ts';
import type { HostRecord, NicLink, TopologyNode, VmNode } from '../../../shared/topology/model.ts';
import { topologySchema } from '../../../shared/topology/schema.ts';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

const network = (xml: string, active = true, autostart = false, persistent = true): NetworkInput =>
  ({ record: parseNetworkXml(xml), xml, active, autostart, persistent });

/** The node's facts that the builder decides, without the raw XML it only carries along. */
function facts(node: TopologyNode): Record<string, unknown> {
  const { xml: _xml, ...rest } = node as TopologyNode & { xml?: string };
  return rest;
}

describe('buildHostTopology: the demo host from raw XML and JSON', () => {
  const demo = demoTopology();
  const host = demo.hosts[0]!;
  const xmlOf = (name: string) => (demo.nodes.find((n) => n.name === name) as { xml: string }).xml;
  // The demo draws default's uplink to eth0; libvirt only names it when the XML says
  // `dev='eth0'` (otherwise NAT leaves by whatever the default route is), so the probe's
  // XML for this host says so.
  const defaultXml = xmlOf('default').replace("<forward mode='nat'>", "<forward mode='nat' dev='eth0'>");
  const input: HostInput = {
    host,
    networks: [network(defaultXml, true, true), network(xmlOf('isolated'), true, false)],
    domains: [
      {
        record: parseDomainXml(xmlOf('centos7')), xml: xmlOf('centos7'), state: 'running', persistent: true,
        inactive: { record: parseDomainXml(xmlOf('centos7')), xml: xmlOf('centos7') },
      },
    ],
    interfaces: parseIpLinkJson(fixture('host/demo-ip-link.json')),
    bridgePorts: parseBridgeLinkJson(fixture('host/demo-bridge-link.json')),
    // the demo's hand-made bridge and TAP are in no configuration file
    hostConfigNames: new Set(['eth0']),
  };
  const built = buildHostTopology(input);

  it('has exactly the demo nodes, with the same facts', () => {
    const expected = new Map(demo.nodes.map((n) => [n.id, facts(n)]));
    // the one fact the XML adds: the forward dev behind the demo's uplink
    const defaultNet = demo.nodes.find((n) => n.name === 'default')!;
    expected.set(defaultNet.id, { ...facts(defaultNet), forwardDev: 'eth0' });
    expect(built.nodes.map((n) => n.id)).toEqual([...expected.keys()].sort());
    for (const node of built.nodes) expect(facts(node)).toEqual(expected.get(node.id));
  });

  it('has exactly the demo links', () => {
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect(built.links).toEqual([...demo.links].sort(byId));
  });

  it('draws a NAT network without its own dev to the default route\'s NIC', () => {
    const viaRoute = buildHostTopology({
      ...input,
      networks: [network(xmlOf('default'), true, true), input.networks[1]!],
      defaultRouteDev: 'eth0',
    });
    const uplinks = viaRoute.links.filter((l) => l.kind === 'uplink');
    expect(uplinks.map((l) => [l.source, l.target])).toEqual([
      [demo.nodes.find((n) => n.name === 'default')!.id, demo.nodes.find((n) => n.name === 'eth0')!.id],
    ]);
    const withoutRoute = buildHostTopology({ ...input, networks: [network(xmlOf('default'), true, true), input.networks[1]!] });
    expect(withoutRoute.links.some((l) => l.kind === 'uplink')).toBe(false);
    expect(withoutRoute.nodes.some((n) => n.name === 'eth0')).toBe(false);
  });

  it('shows a running VM NIC as live only when the persistent definition is not known', () => {
    const liveOnly = buildHostTopology({ ...input, domains: [{ ...input.domains[0]!, inactive: undefined }] });
    const nics = liveOnly.links.filter((l): l is NicLink => l.kind === 'nic');
    expect(nics.map((n) => [n.mac, n.live, n.config]).sort()).toEqual([
      ['52:54:00:07:b8:72', true, false],
      ['52:54:00:3c:aa:04', true, false],
      ['52:54:00:5e:11:03', true, false],
      ['52:54:00:7e:f8:5c', true, false],
    ]);
  });

  it('is a valid topology and deterministic whatever the input order', () => {
    expect(topologySchema.safeParse({ ...built, layout: {} }).success).toBe(true);
    const shuffled = buildHostTopology({
      ...input,
      networks: [...input.networks].reverse(),
      interfaces: [...input.interfaces].reverse(),
      bridgePorts: [...input.bridgePorts!].reverse(),
    });
    expect(shuffled).toEqual(built);
    expect(JSON.stringify(buildHostTopology(input))).toBe(JSON.stringify(built));
  });

  it('leaves out NICs that join no virtual network, veths and loopback', () => {
    const names = built.nodes.map((n) => n.name);
    expect(names).not.toContain('eth1');
    expect(names).not.toContain('veth-a');
    expect(names).not.toContain('lo');
  });
});

describe('buildHostTopology: a host with every kind of NIC', () => {
  const host: HostRecord = {
    id: hostId({ host: 'lab', port: 2222, user: 'root' }),
    label: 'lab',
    ssh: { host: 'lab', port: 2222, user: 'root' },
    uri: 'qemu:///system',
    capturedAt: '2026-11-28T12:00:00.000Z',
  };
  const h = host.id;
  const uuid = { default: '9a05da11-e96b-47f3-8253-a3a482e445f5', isolated: '0b4a5f1e-6c43-4c7e-9b1f-2d7a9e3c8f10', ovs: '3f0c1d2e-4b5a-4c6d-8e7f-9a0b1c2d3e4f', lab: '7e6d5c4b-3a29-4817-a6b5-c4d3e2f1a0b9' };
  const defaultXml = `<network><name>default</name><uuid>${uuid.default}</uuid><forward mode='nat' dev='eth0'/><bridge name='virbr0' stp='on' delay='0'/><ip address='192.168.122.1' netmask='255.255.255.0'><dhcp><range start='192.168.122.2' end='192.168.122.254'/></dhcp></ip></network>`;
  const isolatedXml = `<network><name>isolated</name><uuid>${uuid.isolated}</uuid><bridge name='virbr1'/></network>`;
  const ovsXml = `<network><name>ovsnet</name><uuid>${uuid.ovs}</uuid><forward mode='bridge'/><bridge name='ovsbr0'/><virtualport type='openvswitch'/><portgroup name='web'/></network>`;
  const labXml = `<network><name>lab</name><uuid>${uuid.lab}</uuid><bridge name='virbr9'/></network>`;
  const web01 = { live: fixture('domain/web01-live.xml'), inactive: fixture('domain/web01-inactive.xml') };
  const db01Xml = `<domain type='kvm'><name>db01</name><uuid>11111111-2222-4333-8444-555555555555</uuid><devices><interface type='network'><mac address='52:54:00:db:00:01'/><source network='default'/><model type='virtio'/></interface></devices></domain>`;
  const built = buildHostTopology({
    host,
    networks: [network(defaultXml, true, true), network(isolatedXml), network(ovsXml), network(labXml, false)],
    domains: [
      {
        record: parseDomainXml(web01.live), xml: web01.live, state: 'running', persistent: true,
        inactive: { record: parseDomainXml(web01.inactive), xml: web01.inactive },
      },
      { record: parseDomainXml(db01Xml), xml: db01Xml, state: 'shut off', persistent: true },
    ],
    interfaces: parseIpLinkJson(fixture('host/web-ip-link.json')),
  });
  const node = (kind: TopologyNode['kind'], key: string) => built.nodes.find((n) => n.id === nodeId(h, kind, key));
  const webId = nodeId(h, 'vm', '4d1c2b3a-5e6f-4a7b-8c9d-0e1f2a3b4c5d');
  const nics = built.links.filter((l): l is NicLink => l.kind === 'nic' && l.source === webId);
  const nic = (mac: string) => nics.filter((n) => n.mac === mac).map((n) => [n.target, n.live, n.config]);

  it('links each NIC to what it names, merging live and persistent by MAC', () => {
    expect(nic('52:54:00:6b:3c:01')).toEqual([[nodeId(h, 'network', uuid.default), true, true]]);
    expect(nic('52:54:00:6b:3c:02')).toEqual([[nodeId(h, 'bridge', 'tester'), true, true]]);
    expect(nic('52:54:00:6b:3c:03')).toEqual([[nodeId(h, 'physical', 'eth1'), true, true]]);
    expect(nic('52:54:00:6b:3c:04')).toEqual([[nodeId(h, 'tap', 'vm-vnic'), true, true]]);
    expect(nic('52:54:00:6b:3c:08')).toEqual([[nodeId(h, 'network', uuid.ovs), true, true]]);
    expect(nic('52:54:00:6b:3c:09')).toEqual([[nodeId(h, 'network', uuid.isolated), true, false]]);
    expect(nic('52:54:00:6b:3c:0a')).toEqual([[nodeId(h, 'network', uuid.isolated), false, true]]);
    expect(nics.find((n) => n.mac === '52:54:00:6b:3c:02')?.linkState).toBe('down');
    expect(nics.find((n) => n.mac === '52:54:00:6b:3c:03')?.sourceMode).toBe('bridge');
    expect(nics).toHaveLength(10);
  });

  it('links user, vhost-user and hostdev NICs to an endpoint node each, saying what they are on', () => {
    const vm = node('vm', '4d1c2b3a-5e6f-4a7b-8c9d-0e1f2a3b4c5d') as VmNode;
    const endpoint = (mac: string, type: string) => nodeId(h, 'endpoint', `${vm.uuid}/${mac}/${type}`);
    expect(nic('52:54:00:6b:3c:05')).toEqual([[endpoint('52:54:00:6b:3c:05', 'user'), true, true]]);
    expect(nic('52:54:00:6b:3c:06')).toEqual([[endpoint('52:54:00:6b:3c:06', 'vhostuser'), true, true]]);
    expect(nic('52:54:00:6b:3c:07')).toEqual([[endpoint('52:54:00:6b:3c:07', 'hostdev'), true, true]]);
    const names = ['05', '06', '07'].map((m) => built.nodes.find((n) => n.kind === 'endpoint' && n.mac === `52:54:00:6b:3c:${m}`)?.name);
    expect(names).toEqual(['user (SLIRP)', 'vhostuser /run/vhost/web01.sock server', 'hostdev 0000:3b:10.2']);
    expect(vm.inactiveXml).toBe(web01.inactive);
  });

  it('shows a shut-off VM with its NICs in the config only', () => {
    const db = built.links.filter((l): l is NicLink => l.kind === 'nic' && l.mac === '52:54:00:db:00:01');
    expect(db.map((n) => [n.target, n.live, n.config, n.targetDev])).toEqual([
      [nodeId(h, 'network', uuid.default), false, true, undefined],
    ]);
    expect(node('vm', '11111111-2222-4333-8444-555555555555')?.state).toBe('shut off');
  });

  it('ties TAPs to their VM and network, and knows which devices libvirt owns', () => {
    expect(node('tap', 'vnet0')).toMatchObject({ vm: webId, managedBy: 'default', state: 'up' });
    expect(node('tap', 'vnet1')).toMatchObject({ vm: webId, managedBy: null });
    expect(node('tap', 'vnet2')).toMatchObject({ vm: webId, managedBy: 'ovsnet' });
    expect(node('tap', 'vnet3')).toMatchObject({ vm: webId, managedBy: 'isolated' });
    expect(node('tap', 'vm-vnic')).toMatchObject({ vm: webId, managedBy: null });
    expect(node('bridge', 'virbr0')).toMatchObject({ bridgeType: 'linux', managedBy: 'default' });
    expect(node('bridge', 'tester')).toMatchObject({ bridgeType: 'linux', managedBy: null });
    expect(node('bridge', 'ovsbr0')).toMatchObject({ bridgeType: 'ovs', managedBy: null });
  });

  it('draws ports, uses and uplinks, and leaves out what is not virtual networking', () => {
    const ids = new Set(built.links.map((l) => l.id));
    const port = (dev: string, kind: 'tap' | 'physical', bridge: string) =>
      linkId('port', nodeId(h, kind, dev), nodeId(h, 'bridge', bridge));
    expect(ids).toContain(port('vnet0', 'tap', 'virbr0'));
    expect(ids).toContain(port('vnet2', 'tap', 'ovsbr0'));
    expect(ids).toContain(port('enp5s0', 'physical', 'tester'));
    expect(ids).toContain(linkId('uses', nodeId(h, 'network', uuid.ovs), nodeId(h, 'bridge', 'ovsbr0')));
    expect(ids).toContain(linkId('uplink', nodeId(h, 'network', uuid.default), nodeId(h, 'physical', 'eth0')));
    // the inactive network's bridge does not exist, so there is nothing for it to use
    expect(built.links.filter((l) => l.source === nodeId(h, 'network', uuid.lab))).toEqual([]);
    expect(node('network', uuid.lab)).toMatchObject({ state: 'inactive', active: false, bridge: 'virbr9' });
    const names = built.nodes.map((n) => n.name);
    for (const absent of ['eth2', 'ovs-system', 'macvtap0', 'lo']) expect(names).not.toContain(absent);
    for (const link of built.links) {
      expect(built.nodes.some((n) => n.id === link.source)).toBe(true);
      expect(built.nodes.some((n) => n.id === link.target)).toBe(true);
    }
    expect(topologySchema.safeParse({ ...built, layout: {} }).success).toBe(true);
  });
});

describe('buildHostTopology: devices that stand in for NICs, and OVS bridges named only by a VM', () => {
  const host: HostRecord = {
    id: 'root@h', label: 'h', ssh: { host: 'h', port: 22, user: 'root' }, uri: 'qemu:///system', capturedAt: '2026-11-28T12:00:00.000Z',
  };
  const iface = (ifindex: number, ifname: string, linkinfo?: object, extra: object = {}) =>
    ({ ifindex, ifname, flags: ['UP'], mtu: 1500, operstate: 'UP', link_type: 'ether', ...(linkinfo ? { linkinfo } : {}), ...extra });
  const routedXml = `<network><name>routed</name><uuid>aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee</uuid><forward mode='route' dev='bond0'/><bridge name='virbr5'/></network>`;
  const vmXml = `<domain type='kvm'><name>ovs-vm</name><uuid>12345678-1234-4234-8234-123456789abc</uuid><devices><interface type='bridge'><mac address='52:54:00:0f:0f:01'/><source bridge='br-int'/><virtualport type='openvswitch'/><target dev='vnet7'/></interface></devices></domain>`;
  const built = buildHostTopology({
    host,
    networks: [network(routedXml)],
    domains: [{ record: parseDomainXml(vmXml), xml: vmXml, state: 'running', persistent: false }],
    interfaces: parseIpLinkJson(JSON.stringify([
      iface(2, 'bond0', { info_kind: 'bond' }),
      iface(3, 'virbr5', { info_kind: 'bridge' }),
      iface(4, 'veth1', { info_kind: 'veth', info_slave_kind: 'bridge' }, { master: 'virbr5' }),
      iface(5, 'ovs-system', { info_kind: 'openvswitch' }),
      iface(6, 'br-int', { info_kind: 'openvswitch' }),
      iface(7, 'vnet7', { info_kind: 'tun', info_data: { type: 'tap' }, info_slave_kind: 'openvswitch' }, { address: 'fe:54:00:0f:0f:01', master: 'ovs-system' }),
    ])),
  });
  const id = (kind: TopologyNode['kind'], key: string) => nodeId('root@h', kind, key);

  it('draws a bond as the uplink, and a veth on the bridge as a port of it (something else is wired there)', () => {
    expect(built.nodes.map((n) => n.id)).toContain(id('physical', 'bond0'));
    expect(built.links.map((l) => l.id)).toContain(linkId('uplink', id('network', 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'), id('physical', 'bond0')));
    expect(built.nodes.find((n) => n.name === 'veth1')).toMatchObject({ kind: 'physical', linkKind: 'veth' });
    expect(built.links.map((l) => l.id)).toContain(linkId('port', id('physical', 'veth1'), id('bridge', 'virbr5')));
  });

  it('shows an OVS bridge a VM NIC names, with the NIC and its TAP on it', () => {
    expect(built.nodes.find((n) => n.id === id('bridge', 'br-int'))).toMatchObject({ bridgeType: 'ovs', managedBy: null });
    expect(built.nodes.map((n) => n.name)).not.toContain('ovs-system');
    const vm = id('vm', '12345678-1234-4234-8234-123456789abc');
    expect(built.links.map((l) => l.id)).toEqual(expect.arrayContaining([
      linkId('nic', vm, id('bridge', 'br-int'), '52:54:00:0f:0f:01'),
      linkId('port', id('tap', 'vnet7'), id('bridge', 'br-int')),
    ]));
    expect(built.nodes.find((n) => n.id === id('tap', 'vnet7'))).toMatchObject({ vm, managedBy: null });
  });
});
