// The bundled demo: the host every KVM user knows (default NAT network, an isolated network,
// one VM on both, and a hand-made bridge with a TAP) — with the VM also on user-mode
// networking, and on a network that has since been deleted.
import { hostId, linkId, nodeId } from './ids.ts';
import type { HostRecord, Topology, TopologyLink, TopologyNode } from './model.ts';

const DEFAULT_UUID = '9a05da11-e96b-47f3-8253-a3a482e445f5';
const ISOLATED_UUID = '0b4a5f1e-6c43-4c7e-9b1f-2d7a9e3c8f10';
const CENTOS_UUID = 'c7a5fdbd-cdaf-9455-926a-d65c16db1809';

const DEFAULT_XML = `<network>
  <name>default</name>
  <uuid>${DEFAULT_UUID}</uuid>
  <forward mode='nat'>
    <nat>
      <port start='1024' end='65535'/>
    </nat>
  </forward>
  <bridge name='virbr0' stp='on' delay='0'/>
  <mac address='52:54:00:0a:cd:21'/>
  <ip address='192.168.122.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.122.2' end='192.168.122.254'/>
    </dhcp>
  </ip>
</network>
`;

const ISOLATED_XML = `<network>
  <name>isolated</name>
  <uuid>${ISOLATED_UUID}</uuid>
  <bridge name='virbr1' stp='on' delay='0'/>
  <mac address='52:54:00:d8:4e:9b'/>
</network>
`;

const CENTOS_XML = `<domain type='kvm' id='1'>
  <name>centos7</name>
  <uuid>${CENTOS_UUID}</uuid>
  <memory unit='KiB'>2097152</memory>
  <vcpu placement='static'>2</vcpu>
  <os>
    <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>
    <boot dev='hd'/>
  </os>
  <features>
    <acpi/>
    <apic/>
  </features>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/var/lib/libvirt/images/centos7.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='network'>
      <mac address='52:54:00:7e:f8:5c'/>
      <source network='default' portid='1f3c2b1e-2d0b-4e9d-8d5a-6f1f5b2c9a01' bridge='virbr0'/>
      <target dev='vnet0'/>
      <model type='virtio'/>
      <alias name='net0'/>
    </interface>
    <interface type='network'>
      <mac address='52:54:00:07:b8:72'/>
      <source network='isolated' portid='7d2e0c4a-9b8f-4a51-a1c3-0e6b2f4d8c12' bridge='virbr1'/>
      <target dev='vnet1'/>
      <model type='virtio'/>
      <alias name='net1'/>
    </interface>
    <interface type='user'>
      <mac address='52:54:00:5e:11:03'/>
      <model type='e1000'/>
      <alias name='net2'/>
    </interface>
    <interface type='network'>
      <mac address='52:54:00:3c:aa:04'/>
      <source network='lab-net'/>
      <model type='virtio'/>
      <alias name='net3'/>
    </interface>
    <console type='pty'>
      <target type='serial' port='0'/>
    </console>
  </devices>
</domain>
`;

export function demoTopology(): Topology {
  const host: HostRecord = {
    id: hostId({ host: 'kvm-host', port: 22, user: 'root' }),
    label: 'kvm-host',
    ssh: { host: 'kvm-host', port: 22, user: 'root' },
    uri: 'qemu:///system',
    capturedAt: '2026-11-28T12:00:00.000Z',
  };
  const h = host.id;
  const id = {
    eth0: nodeId(h, 'physical', 'eth0'),
    defaultNet: nodeId(h, 'network', DEFAULT_UUID),
    isolatedNet: nodeId(h, 'network', ISOLATED_UUID),
    virbr0: nodeId(h, 'bridge', 'virbr0'),
    virbr1: nodeId(h, 'bridge', 'virbr1'),
    tester: nodeId(h, 'bridge', 'tester'),
    vnet0: nodeId(h, 'tap', 'vnet0'),
    vnet1: nodeId(h, 'tap', 'vnet1'),
    vmVnic: nodeId(h, 'tap', 'vm-vnic'),
    virbr1Nic: nodeId(h, 'tap', 'virbr1-nic'),
    centos7: nodeId(h, 'vm', CENTOS_UUID),
    slirp: nodeId(h, 'endpoint', `${CENTOS_UUID}/52:54:00:5e:11:03/user`),
    labNet: nodeId(h, 'missing', 'network/lab-net'),
  };
  const nodes: TopologyNode[] = [
    { id: id.eth0, host: h, kind: 'physical', name: 'eth0', state: 'up', mac: '52:54:00:12:34:56', mtu: 1500, up: true, managedBy: null, persistence: 'hardware' },
    {
      id: id.defaultNet, host: h, kind: 'network', name: 'default', state: 'active', uuid: DEFAULT_UUID,
      forward: 'nat', bridge: 'virbr0',
      ips: [{ family: 'ipv4', address: '192.168.122.1', prefix: 24, dhcpRanges: [{ start: '192.168.122.2', end: '192.168.122.254' }], dhcpHosts: [] }],
      active: true, autostart: true, persistent: true, xml: DEFAULT_XML,
    },
    {
      id: id.isolatedNet, host: h, kind: 'network', name: 'isolated', state: 'active', uuid: ISOLATED_UUID,
      forward: 'isolated', bridge: 'virbr1', ips: [], active: true, autostart: false, persistent: true, xml: ISOLATED_XML,
    },
    { id: id.virbr0, host: h, kind: 'bridge', name: 'virbr0', state: 'up', mac: '52:54:00:0a:cd:21', mtu: 1500, up: true, managedBy: 'default', bridgeType: 'linux', persistence: 'libvirt' },
    { id: id.virbr1, host: h, kind: 'bridge', name: 'virbr1', state: 'up', mac: '52:54:00:d8:4e:9b', mtu: 1500, up: true, managedBy: 'isolated', bridgeType: 'linux', persistence: 'libvirt' },
    { id: id.tester, host: h, kind: 'bridge', name: 'tester', state: 'down', mac: '6a:1f:0e:53:c2:77', mtu: 1500, up: false, managedBy: null, bridgeType: 'linux', persistence: 'none' },
    { id: id.vnet0, host: h, kind: 'tap', name: 'vnet0', state: 'up', mac: 'fe:54:00:7e:f8:5c', mtu: 1500, up: true, managedBy: 'default', vm: id.centos7, persistence: 'libvirt' },
    { id: id.vnet1, host: h, kind: 'tap', name: 'vnet1', state: 'up', mac: 'fe:54:00:07:b8:72', mtu: 1500, up: true, managedBy: 'isolated', vm: id.centos7, persistence: 'libvirt' },
    { id: id.vmVnic, host: h, kind: 'tap', name: 'vm-vnic', state: 'down', mac: '5e:9a:31:c4:0b:e2', mtu: 1500, up: false, managedBy: null, persistence: 'none' },
    { id: id.virbr1Nic, host: h, kind: 'tap', name: 'virbr1-nic', state: 'down', mac: '52:54:00:d8:4e:9b', mtu: 1500, up: false, managedBy: 'isolated', persistence: 'libvirt' },
    { id: id.centos7, host: h, kind: 'vm', name: 'centos7', state: 'running', uuid: CENTOS_UUID, xml: CENTOS_XML, persistent: true },
    {
      id: id.slirp, host: h, kind: 'endpoint', name: 'user (SLIRP)', state: 'link up', nicType: 'user', source: '(SLIRP)',
      vm: id.centos7, mac: '52:54:00:5e:11:03',
    },
    { id: id.labNet, host: h, kind: 'missing', name: 'lab-net', state: 'missing', expected: 'network' },
  ];
  const nic = (target: string, mac: string, dev?: string, type = 'network', model = 'virtio'): TopologyLink => ({
    id: linkId('nic', id.centos7, target, mac),
    kind: 'nic', source: id.centos7, target, mac, model, type, ...(dev ? { targetDev: dev } : {}), live: true, config: true,
  });
  const simple = (kind: 'port' | 'uses' | 'uplink', source: string, target: string): TopologyLink => ({
    id: linkId(kind, source, target), kind, source, target,
  });
  const links: TopologyLink[] = [
    simple('uses', id.defaultNet, id.virbr0),
    simple('uses', id.isolatedNet, id.virbr1),
    simple('uplink', id.defaultNet, id.eth0),
    nic(id.defaultNet, '52:54:00:7e:f8:5c', 'vnet0'),
    nic(id.isolatedNet, '52:54:00:07:b8:72', 'vnet1'),
    nic(id.slirp, '52:54:00:5e:11:03', undefined, 'user', 'e1000'),
    nic(id.labNet, '52:54:00:3c:aa:04'),
    simple('port', id.vnet0, id.virbr0),
    simple('port', id.vnet1, id.virbr1),
    simple('port', id.virbr1Nic, id.virbr1),
    simple('port', id.vmVnic, id.tester),
  ];
  return { hosts: [host], nodes, links, layout: {} };
}
