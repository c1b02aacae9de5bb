// Inputs for the planner tests: the demo host grown with the cases the demo lacks (a shut-off
// VM, live-only and config-only NICs, an inactive and a transient network, a spare physical
// NIC and a protected one), host profiles, and a deterministic MAC factory.
import { demoTopology } from '../../../shared/topology/demo.ts';
import { linkId, nodeId } from '../../../shared/topology/ids.ts';
import type { NetworkNode, NicLink, Topology, TopologyNode } from '../../../shared/topology/model.ts';
import type { HostContext } from '../../../shared/plan/types.ts';

export const HOST = 'root@kvm-host';

export const ROOT: HostContext = { hostId: HOST, uri: 'qemu:///system', isRoot: true, useSudo: false, protectedInterfaces: ['eth0'] };
export const SUDO: HostContext = { ...ROOT, isRoot: false, useSudo: true };
export const PROFILES = { root: ROOT, sudo: SUDO } as const;

/** 52:54:00:00:00:01, …:02, … — a fresh sequence per call, so every plan is reproducible. */
export function macFactory(): () => string {
  let n = 0;
  return () => `52:54:00:00:00:${(++n).toString(16).padStart(2, '0')}`;
}

const LAB_XML = `<network>
  <name>lab</name>
  <uuid>5d1c7a2e-3b4f-4e6a-8c9d-0a1b2c3d4e5f</uuid>
  <forward mode='route'/>
  <bridge name='virbr7' stp='on' delay='0'/>
  <domain name='lab.example'/>
  <ip address='10.10.0.1' prefix='24'>
    <dhcp>
      <range start='10.10.0.100' end='10.10.0.199'/>
      <host mac='52:54:00:aa:00:01' name='db' ip='10.10.0.10'/>
    </dhcp>
  </ip>
</network>
`;

const id = (kind: 'vm' | 'network' | 'bridge' | 'tap' | 'physical', key: string) => nodeId(HOST, kind, key);

function nic(vm: string, target: string, mac: string, fields: Partial<NicLink>): NicLink {
  return { id: linkId('nic', vm, target, mac), kind: 'nic', source: vm, target, mac, model: 'virtio', type: 'network', live: true, config: true, ...fields };
}

// web01's NIC carries everything a real NIC may (portgroup, driver queues, bandwidth, a packet
// filter with a parameter, link state, MTU, boot order, a PCI address): undo and move must keep it all.
const WEB01_XML = `<domain type='kvm'>
  <name>web01</name>
  <uuid>11111111-2222-3333-4444-555555555555</uuid>
  <devices>
    <interface type='network'>
      <mac address='52:54:00:3b:00:01'/>
      <source network='default' portgroup='web'/>
      <model type='virtio'/>
      <driver name='vhost' queues='2'/>
      <bandwidth>
        <inbound average='1000' peak='2000' burst='1024'/>
        <outbound average='500'/>
      </bandwidth>
      <filterref filter='clean-traffic'>
        <parameter name='IP' value='192.168.122.50'/>
      </filterref>
      <link state='up'/>
      <mtu size='1400'/>
      <boot order='1'/>
      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
    </interface>
  </devices>
</domain>
`;

// db runs with a hot-plugged live-only NIC on tester, and has a config-only NIC with a VLAN tag.
const DB_XML = `<domain type='kvm' id='7'>
  <name>db</name>
  <uuid>66666666-7777-8888-9999-000000000000</uuid>
  <devices>
    <interface type='bridge'>
      <mac address='52:54:00:aa:00:01'/>
      <source bridge='tester'/>
      <target dev='vnet7'/>
      <model type='virtio'/>
      <link state='down'/>
      <alias name='net0'/>
      <address type='pci' domain='0x0000' bus='0x02' slot='0x00' function='0x0'/>
    </interface>
  </devices>
</domain>
`;

const DB_INACTIVE_XML = `<domain type='kvm'>
  <name>db</name>
  <uuid>66666666-7777-8888-9999-000000000000</uuid>
  <devices>
    <interface type='network'>
      <mac address='52:54:00:aa:00:02'/>
      <source network='default'/>
      <model type='e1000e'/>
      <vlan>
        <tag id='42'/>
      </vlan>
    </interface>
  </devices>
</domain>
`;

/** The demo host plus: shut-off `web01`, running `db`, networks `lab` (inactive) and `scratch` (transient), NICs eth1 and br0, OVS bridge ovsbr0 with TAP ovs-tap0. */
export function labTopology(): Topology {
  const topology = demoTopology();
  const defaultNet = topology.nodes.find((n) => n.name === 'default')!;
  const tester = topology.nodes.find((n) => n.name === 'tester')!;
  const lab: NetworkNode = {
    id: id('network', 'lab'), host: HOST, kind: 'network', name: 'lab', state: 'inactive', uuid: '5d1c7a2e-3b4f-4e6a-8c9d-0a1b2c3d4e5f',
    forward: 'route', bridge: 'virbr7', domain: 'lab.example', active: false, autostart: false, persistent: true, xml: LAB_XML,
    ips: [{ family: 'ipv4', address: '10.10.0.1', prefix: 24, dhcpRanges: [{ start: '10.10.0.100', end: '10.10.0.199' }], dhcpHosts: [{ mac: '52:54:00:aa:00:01', name: 'db', ip: '10.10.0.10' }] }],
  };
  const scratch: NetworkNode = {
    id: id('network', 'scratch'), host: HOST, kind: 'network', name: 'scratch', state: 'active', forward: 'isolated', bridge: 'virbr9',
    ips: [{ family: 'ipv6', address: 'fd00:9::1', prefix: 64, dhcpRanges: [], dhcpHosts: [] }],
    active: true, autostart: false, persistent: false, xml: "<network>\n  <name>scratch</name>\n  <bridge name='virbr9'/>\n  <ip family='ipv6' address='fd00:9::1' prefix='64'/>\n</network>\n",
  };
  const nodes: TopologyNode[] = [
    lab,
    scratch,
    { id: id('vm', 'web01'), host: HOST, kind: 'vm', name: 'web01', state: 'shut off', uuid: '11111111-2222-3333-4444-555555555555', persistent: true, xml: WEB01_XML },
    { id: id('vm', 'db'), host: HOST, kind: 'vm', name: 'db', state: 'running', uuid: '66666666-7777-8888-9999-000000000000', persistent: true, xml: DB_XML, inactiveXml: DB_INACTIVE_XML },
    { id: id('physical', 'eth1'), host: HOST, kind: 'physical', name: 'eth1', state: 'up', mac: '52:54:00:12:34:57', up: true, managedBy: null },
    { id: id('bridge', 'br0'), host: HOST, kind: 'bridge', name: 'br0', state: 'up', up: true, managedBy: null, bridgeType: 'linux' },
    { id: id('tap', 'tap-free'), host: HOST, kind: 'tap', name: 'tap-free', state: 'down', up: false, managedBy: null },
    { id: id('bridge', 'ovsbr0'), host: HOST, kind: 'bridge', name: 'ovsbr0', state: 'up', up: true, managedBy: null, bridgeType: 'ovs', ovsDatapath: 'netdev' },
    { id: id('tap', 'ovs-tap0'), host: HOST, kind: 'tap', name: 'ovs-tap0', state: 'up', up: true, managedBy: null },
  ];
  topology.nodes.push(...nodes);
  topology.links.push(
    nic(id('vm', 'web01'), defaultNet.id, '52:54:00:3b:00:01', { live: false }),
    nic(id('vm', 'db'), tester.id, '52:54:00:aa:00:01', { type: 'bridge', config: false, linkState: 'down' }),
    nic(id('vm', 'db'), defaultNet.id, '52:54:00:aa:00:02', { live: false, model: 'e1000e' }),
    { id: linkId('port', id('physical', 'eth1'), id('bridge', 'br0')), kind: 'port', source: id('physical', 'eth1'), target: id('bridge', 'br0') },
    { id: linkId('port', id('tap', 'ovs-tap0'), id('bridge', 'ovsbr0')), kind: 'port', source: id('tap', 'ovs-tap0'), target: id('bridge', 'ovsbr0') },
  );
  return topology;
}
