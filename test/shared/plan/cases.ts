// Every operation the planner knows, in the situations that change its commands. Shared by
// the golden, inverse and hostile-name tests.
import type { Intent, NetworkSpec } from '../../../shared/plan/types.ts';

export interface PlanCase {
  name: string;
  intent: Intent;
  /** host-device steps differ between root and sudo profiles; virsh steps do not */
  profiles: ('root' | 'sudo')[];
}

const both: PlanCase['profiles'] = ['root', 'sudo'];
const root: PlanCase['profiles'] = ['root'];

export const NAT_SPEC: NetworkSpec = {
  name: 'office', mode: 'nat', forwardDev: 'eth0', domain: 'office.example',
  ipv4: { address: '192.168.50.1', prefix: 24, dhcpRange: { start: '192.168.50.100', end: '192.168.50.200' }, dhcpHosts: [{ mac: '52:54:00:50:00:01', name: 'printer', ip: '192.168.50.10' }] },
  ipv6: { address: 'fd00:50::1', prefix: 64, dhcpRange: { start: 'fd00:50::100', end: 'fd00:50::1ff' } },
};

const LAB_SPEC: NetworkSpec = {
  name: 'lab', mode: 'route', bridge: 'virbr7', domain: 'lab.example',
  ipv4: { address: '10.10.0.1', prefix: 24, dhcpRange: { start: '10.10.0.100', end: '10.10.0.199' }, dhcpHosts: [{ mac: '52:54:00:aa:00:01', name: 'db', ip: '10.10.0.10' }] },
};

export const CASES: PlanCase[] = [
  { name: 'nic-attach-network-running', intent: { kind: 'nic-attach', vm: 'centos7', target: { kind: 'network', network: 'default' } }, profiles: root },
  { name: 'nic-attach-network-shutoff', intent: { kind: 'nic-attach', vm: 'web01', target: { kind: 'network', network: 'isolated' }, model: 'e1000e' }, profiles: root },
  { name: 'nic-attach-inactive-network-shutoff', intent: { kind: 'nic-attach', vm: 'web01', target: { kind: 'network', network: 'lab' } }, profiles: root },
  { name: 'nic-attach-bridge-running-with-mac', intent: { kind: 'nic-attach', vm: 'centos7', target: { kind: 'bridge', bridge: 'br0' }, mac: '52:54:00:AB:CD:EF' }, profiles: root },
  { name: 'nic-attach-bridge-shutoff', intent: { kind: 'nic-attach', vm: 'web01', target: { kind: 'bridge', bridge: 'tester' } }, profiles: root },
  { name: 'nic-detach-running', intent: { kind: 'nic-detach', vm: 'centos7', mac: '52:54:00:7e:f8:5c' }, profiles: root },
  { name: 'nic-detach-running-live-only', intent: { kind: 'nic-detach', vm: 'db', mac: '52:54:00:aa:00:01' }, profiles: root },
  { name: 'nic-detach-running-config-only', intent: { kind: 'nic-detach', vm: 'db', mac: '52:54:00:aa:00:02' }, profiles: root },
  { name: 'nic-detach-shutoff', intent: { kind: 'nic-detach', vm: 'web01', mac: '52:54:00:3b:00:01' }, profiles: root },
  { name: 'nic-link-down-running', intent: { kind: 'nic-link', vm: 'centos7', mac: '52:54:00:07:b8:72', state: 'down' }, profiles: root },
  { name: 'nic-link-up-running-live-only', intent: { kind: 'nic-link', vm: 'db', mac: '52:54:00:aa:00:01', state: 'up' }, profiles: root },
  { name: 'nic-link-down-shutoff', intent: { kind: 'nic-link', vm: 'web01', mac: '52:54:00:3b:00:01', state: 'down' }, profiles: root },
  { name: 'nic-move-network-running', intent: { kind: 'nic-move', vm: 'centos7', mac: '52:54:00:07:b8:72', target: { kind: 'network', network: 'default' } }, profiles: root },
  { name: 'nic-move-to-bridge-running', intent: { kind: 'nic-move', vm: 'centos7', mac: '52:54:00:7e:f8:5c', target: { kind: 'bridge', bridge: 'br0' } }, profiles: root },
  { name: 'nic-move-shutoff', intent: { kind: 'nic-move', vm: 'web01', mac: '52:54:00:3b:00:01', target: { kind: 'network', network: 'lab' } }, profiles: root },
  { name: 'nic-move-to-ovs-bridge-shutoff', intent: { kind: 'nic-move', vm: 'web01', mac: '52:54:00:3b:00:01', target: { kind: 'bridge', bridge: 'ovsbr0' } }, profiles: root },
  { name: 'nic-move-running-live-and-config-differ', intent: { kind: 'nic-move', vm: 'db', mac: '52:54:00:aa:00:01', target: { kind: 'network', network: 'isolated' } }, profiles: root },
  { name: 'nic-detach-shutoff-rich', intent: { kind: 'nic-detach', vm: 'web01', mac: '52:54:00:3b:00:01' }, profiles: root },
  { name: 'nic-attach-ovs-bridge-running', intent: { kind: 'nic-attach', vm: 'centos7', target: { kind: 'bridge', bridge: 'ovsbr0' } }, profiles: root },
  { name: 'network-create-nat', intent: { kind: 'network-create', spec: NAT_SPEC, autostart: true }, profiles: root },
  { name: 'network-create-isolated-defined-only', intent: { kind: 'network-create', spec: { name: 'quiet', mode: 'isolated' }, start: false }, profiles: root },
  { name: 'network-create-bridged', intent: { kind: 'network-create', spec: { name: 'lan', mode: 'bridge', bridge: 'br0' } }, profiles: root },
  { name: 'network-create-from-xml', intent: { kind: 'network-create', spec: { name: 'ignored', mode: 'isolated' }, xml: "<network>\n  <name>handmade</name>\n  <bridge name='virbr20'/>\n  <ip address='172.20.0.1' prefix='16'/>\n</network>\n" }, profiles: root },
  { name: 'network-start', intent: { kind: 'network-start', network: 'lab' }, profiles: root },
  { name: 'network-stop', intent: { kind: 'network-stop', network: 'default' }, profiles: root },
  { name: 'network-stop-transient', intent: { kind: 'network-stop', network: 'scratch' }, profiles: root },
  { name: 'network-delete-active-autostart', intent: { kind: 'network-delete', network: 'default' }, profiles: root },
  { name: 'network-delete-inactive', intent: { kind: 'network-delete', network: 'lab' }, profiles: root },
  { name: 'network-autostart-on', intent: { kind: 'network-autostart', network: 'isolated', enabled: true }, profiles: root },
  { name: 'network-autostart-off', intent: { kind: 'network-autostart', network: 'default', enabled: false }, profiles: root },
  {
    name: 'network-edit-dhcp-hosts',
    intent: { kind: 'network-edit', network: 'lab', spec: { ...LAB_SPEC, ipv4: { ...LAB_SPEC.ipv4!, dhcpHosts: [{ mac: '52:54:00:aa:00:09', name: 'web', ip: '10.10.0.11' }] } } },
    profiles: root,
  },
  {
    name: 'network-edit-redefine-running',
    intent: { kind: 'network-edit', network: 'default', spec: { name: 'default', mode: 'nat', domain: 'lab.example', ipv4: { address: '192.168.122.1', prefix: 24, dhcpRange: { start: '192.168.122.100', end: '192.168.122.254' } } } },
    profiles: root,
  },
  {
    name: 'network-edit-dhcp-range-running',
    intent: { kind: 'network-edit', network: 'default', spec: { name: 'default', mode: 'nat', ipv4: { address: '192.168.122.1', prefix: 24, dhcpRange: { start: '192.168.122.100', end: '192.168.122.254' } } } },
    profiles: root,
  },
  { name: 'network-edit-redefine-inactive', intent: { kind: 'network-edit', network: 'lab', spec: { ...LAB_SPEC, mode: 'nat' } }, profiles: root },
  { name: 'bridge-create', intent: { kind: 'bridge-create', name: 'br-test' }, profiles: both },
  { name: 'bridge-create-ovs', intent: { kind: 'bridge-create', name: 'ovsbr9', type: 'ovs' }, profiles: both },
  { name: 'bridge-delete-ovs', intent: { kind: 'bridge-delete', name: 'ovsbr0' }, profiles: both },
  { name: 'port-plug-ovs-from-linux', intent: { kind: 'port-plug', device: 'eth1', bridge: 'ovsbr0' }, profiles: both },
  { name: 'port-plug-linux-from-ovs', intent: { kind: 'port-plug', device: 'ovs-tap0', bridge: 'br0' }, profiles: both },
  { name: 'port-unplug-ovs', intent: { kind: 'port-unplug', device: 'ovs-tap0' }, profiles: both },
  { name: 'bridge-delete-with-ports', intent: { kind: 'bridge-delete', name: 'br0' }, profiles: both },
  { name: 'bridge-delete-down', intent: { kind: 'bridge-delete', name: 'tester' }, profiles: both },
  { name: 'tap-create', intent: { kind: 'tap-create', name: 'tap-test' }, profiles: both },
  { name: 'tap-delete-plugged', intent: { kind: 'tap-delete', name: 'vm-vnic' }, profiles: both },
  { name: 'tap-delete-free', intent: { kind: 'tap-delete', name: 'tap-free' }, profiles: both },
  { name: 'port-plug-tap', intent: { kind: 'port-plug', device: 'tap-free', bridge: 'br0' }, profiles: both },
  { name: 'port-plug-moves-physical', intent: { kind: 'port-plug', device: 'eth1', bridge: 'tester' }, profiles: both },
  { name: 'port-plug-protected-confirmed', intent: { kind: 'port-plug', device: 'eth0', bridge: 'br0', confirmRisk: true }, profiles: both },
  { name: 'port-unplug', intent: { kind: 'port-unplug', device: 'eth1' }, profiles: both },
  { name: 'device-up', intent: { kind: 'device-state', device: 'tester', up: true }, profiles: both },
  { name: 'device-down', intent: { kind: 'device-state', device: 'eth1', up: false }, profiles: both },
  { name: 'vm-start', intent: { kind: 'vm-start', vm: 'web01' }, profiles: root },
  { name: 'vm-shutdown', intent: { kind: 'vm-shutdown', vm: 'centos7' }, profiles: root },
  { name: 'vm-destroy', intent: { kind: 'vm-destroy', vm: 'centos7' }, profiles: root },
];
