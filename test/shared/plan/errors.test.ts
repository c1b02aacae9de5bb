// Bad input is refused before any plan exists, with a message naming the problem.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors.ts';
import { planIntent } from '../../../shared/plan/planner.ts';
import type { HostContext, Intent, NetworkSpec } from '../../../shared/plan/types.ts';
import { NAT_SPEC } from './cases.ts';
import { HOST, ROOT, labTopology } from './hosts.ts';

function refusal(intent: Intent, ctx: HostContext = ROOT): ApiError {
  try {
    planIntent(intent, labTopology(), ctx);
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error(`planned ${intent.kind} without complaint`);
}

const create = (spec: Partial<NetworkSpec>): Intent => ({ kind: 'network-create', spec: { ...NAT_SPEC, ...spec } });

const cases: [string, Intent, string | RegExp][] = [
  ['unknown VM', { kind: 'vm-start', vm: 'ghost' }, 'There is no VM named "ghost" on this host.'],
  ['unknown network', { kind: 'nic-attach', vm: 'centos7', target: { kind: 'network', network: 'nope' } }, 'There is no network named "nope" on this host.'],
  ['unknown bridge', { kind: 'port-plug', device: 'tap-free', bridge: 'br9' }, 'There is no interface named "br9" on this host.'],
  ['not a bridge', { kind: 'nic-attach', vm: 'centos7', target: { kind: 'bridge', bridge: 'eth1' } }, '"eth1" is a physical, not a bridge.'],
  ['unknown NIC', { kind: 'nic-detach', vm: 'centos7', mac: '52:54:00:99:99:99' }, 'VM "centos7" has no NIC with MAC 52:54:00:99:99:99.'],
  ['bad MAC', { kind: 'nic-detach', vm: 'centos7', mac: '52:54:00:99:99' }, /^Bad MAC address: "52:54:00:99:99" is not a MAC address/],
  ['multicast MAC', { kind: 'nic-attach', vm: 'web01', target: { kind: 'network', network: 'default' }, mac: '01:00:5e:00:00:01' }, /multicast/],
  ['MAC in use', { kind: 'nic-attach', vm: 'web01', target: { kind: 'network', network: 'default' }, mac: '52:54:00:7E:F8:5C' }, 'MAC 52:54:00:7e:f8:5c is already used by a NIC on this host.'],
  ['bad model', { kind: 'nic-attach', vm: 'web01', target: { kind: 'network', network: 'default' }, model: 'virtio --live' }, '"virtio --live" is not a NIC model name such as virtio or e1000e.'],
  ['moving onto the same network', { kind: 'nic-move', vm: 'centos7', mac: '52:54:00:7e:f8:5c', target: { kind: 'network', network: 'default' } }, 'NIC 52:54:00:7e:f8:5c of VM "centos7" is already on network `default`.'],
  ['link already down', { kind: 'nic-link', vm: 'db', mac: '52:54:00:aa:00:01', state: 'down' }, 'The link of NIC 52:54:00:aa:00:01 of VM "db" is already down.'],
  ['duplicate network', create({ name: 'default' }), 'A network named "default" already exists on this host.'],
  ['network name with slash', create({ name: 'a/b' }), /^Bad network name: The name "a\/b" cannot contain "\/"\./],
  ['bridge name too long', create({ bridge: 'virbr-much-too-long' }), /^Bad bridge name: .*19 bytes long; Linux allows at most 15\./],
  ['bridge name in use', create({ bridge: 'virbr1' }), 'An interface named "virbr1" already exists on this host.'],
  ['overlapping subnet', create({ ipv4: { address: '192.168.122.129', prefix: 25 } }), 'The subnet 192.168.122.128/25 overlaps network "default" (192.168.122.0/24).'],
  ['overlapping IPv6 subnet', create({ ipv6: { address: 'fd00:9::8:1', prefix: 112 } }), 'The subnet fd00:9::8:0/112 overlaps network "scratch" (fd00:9::/64).'],
  ['DHCP range outside subnet', create({ ipv4: { address: '192.168.50.1', prefix: 24, dhcpRange: { start: '192.168.50.10', end: '192.168.51.10' } } }), /^Bad DHCP range: 192\.168\.51\.10 is outside the subnet 192\.168\.50\.1\/24\./],
  ['DHCP range over the host address', create({ ipv4: { address: '192.168.50.1', prefix: 24, dhcpRange: { start: '192.168.50.1', end: '192.168.50.9' } } }), "The DHCP range 192.168.50.1–192.168.50.9 includes the host's own address 192.168.50.1."],
  ['static host outside subnet', create({ ipv4: { address: '192.168.50.1', prefix: 24, dhcpHosts: [{ mac: '52:54:00:50:00:02', ip: '10.0.0.2' }] } }), 'The static DHCP host address 10.0.0.2 is outside the subnet 192.168.50.0/24.'],
  ['subnet address as host', create({ ipv4: { address: '192.168.50.0', prefix: 24 } }), /192\.168\.50\.0 is the subnet's own address/],
  ['not an address', create({ ipv4: { address: '192.168.500.1', prefix: 24 } }), /^Bad IPv4 address: "192\.168\.500\.1" is not an IPv4 address\./],
  ['NAT without IPv4', create({ ipv4: undefined }), 'A NAT network needs an IPv4 subnet.'],
  ['bridged with a subnet', { kind: 'network-create', spec: { name: 'lan', mode: 'bridge', bridge: 'br0', ipv4: { address: '10.1.0.1', prefix: 24 } } }, /^A bridged network takes its addresses from the host's LAN/],
  ['bridged onto a libvirt bridge', { kind: 'network-create', spec: { name: 'lan', mode: 'bridge', bridge: 'virbr0' } }, 'Bridge "virbr0" belongs to network "default"; a bridged network joins a bridge made on the host.'],
  ['hand-edited XML not well-formed', { kind: 'network-create', spec: NAT_SPEC, xml: '<network><name>x</name>' }, /not well-formed XML/],
  ['rename by edit', { kind: 'network-edit', network: 'lab', spec: { name: 'lab2', mode: 'route' } }, 'Renaming network "lab" is not supported; create a new network instead.'],
  ['edit XML without the uuid', { kind: 'network-edit', network: 'lab', spec: NAT_SPEC, xml: '<network><name>lab</name></network>' }, /must keep network "lab"'s <uuid>5d1c7a2e/],
  ['start a running network', { kind: 'network-start', network: 'default' }, 'Network "default" is already running.'],
  ['stop a stopped network', { kind: 'network-stop', network: 'lab' }, 'Network "lab" is not running.'],
  ['autostart a transient network', { kind: 'network-autostart', network: 'scratch', enabled: true }, 'Network "scratch" is transient; only defined networks can start at boot.'],
  ['duplicate bridge', { kind: 'bridge-create', name: 'tester' }, 'An interface named "tester" already exists on this host.'],
  ['bridge named like a network bridge', { kind: 'tap-create', name: 'virbr7' }, 'An interface named "virbr7" already exists on this host.'],
  ['interface name with colon', { kind: 'tap-create', name: 'eth0:1' }, /^Bad TAP name: .*cannot contain "\/" or ":"\./],
  ['delete a libvirt bridge', { kind: 'bridge-delete', name: 'virbr0' }, 'Bridge “virbr0” belongs to network “default”; libvirt makes and removes it with the network. Change the network instead.'],
  ['delete a VM TAP', { kind: 'tap-delete', name: 'vnet0' }, 'TAP “vnet0” belongs to a NIC of VM “centos7”; libvirt plugs it and removes it with the NIC. Change the NIC instead.'],
  ['plug a bridge', { kind: 'port-plug', device: 'tester', bridge: 'br0' }, '“tester” is a bridge; only TAPs and physical NICs plug into a bridge.'],
  ['unplug a VM TAP', { kind: 'port-unplug', device: 'vnet0' }, 'TAP “vnet0” belongs to a NIC of VM “centos7”; libvirt plugs it and removes it with the NIC. Change the NIC instead.'],
  ['attach to a libvirt bridge', { kind: 'nic-attach', vm: 'web01', target: { kind: 'bridge', bridge: 'virbr0' } }, 'Bridge “virbr0” belongs to network “default”: connect the VM to the network instead.'],
  ['plug where it is', { kind: 'port-plug', device: 'eth1', bridge: 'br0' }, '“eth1” is already plugged into “br0”.'],
  ['unplug a free TAP', { kind: 'port-unplug', device: 'tap-free' }, '"tap-free" is not plugged into a bridge.'],
  ['already up', { kind: 'device-state', device: 'eth1', up: true }, '"eth1" is already up.'],
  ['start a running VM', { kind: 'vm-start', vm: 'centos7' }, 'VM "centos7" is already running.'],
  ['force off a shut-off VM', { kind: 'vm-destroy', vm: 'web01' }, 'VM "web01" is not running.'],
];

describe('planner refusals', () => {
  it.each(cases)('%s', (_name, intent, message) => {
    const error = refusal(intent);
    expect(error.code).toBe('invalid-input');
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });

  it('explains an inactive network to a running VM and offers to start it', () => {
    const error = refusal({ kind: 'nic-attach', vm: 'centos7', target: { kind: 'network', network: 'lab' } });
    expect(error.message).toBe('Network "lab" is not running, so running VM "centos7" cannot be connected to it. Start the network first.');
    expect(error.data).toEqual({ offer: { kind: 'network-start', network: 'lab' } });
  });

  it('refuses a protected interface until the risk is confirmed, naming it', () => {
    for (const intent of [
      { kind: 'device-state', device: 'eth0', up: false },
      { kind: 'port-plug', device: 'eth0', bridge: 'br0' },
    ] as Intent[]) {
      const error = refusal(intent);
      expect(error.message).toBe('"eth0" carries the SSH session or the default route; this change can cut VirtWire off from the host. Confirm the risk separately to go ahead.');
      expect(error.data).toEqual({ risk: { kind: 'protected-interface', interfaces: ['eth0'] } });
      const plan = planIntent({ ...intent, confirmRisk: true } as Intent, labTopology(), ROOT);
      expect(plan.warnings[0]).toMatch(/^"eth0" carries the SSH session/);
    }
  });

  it('refuses host-device changes on a profile with neither root nor sudo', () => {
    const error = refusal({ kind: 'bridge-create', name: 'br-test' }, { ...ROOT, isRoot: false, useSudo: false });
    expect(error.code).toBe('permission');
  });

  it('plans a delete of a network running VMs use, as destructive, naming them', () => {
    const plan = planIntent({ kind: 'network-delete', network: 'default' }, labTopology(), ROOT);
    expect(plan.destructive).toBe(true);
    expect(plan.affects.vms).toEqual(['centos7']);
    expect(plan.affects.summary[0]).toBe('Deleting `default` disconnects 1 running VM: centos7.');
  });

  it('only sees the objects of the host the context names', () => {
    const error = refusal({ kind: 'vm-start', vm: 'web01' }, { ...ROOT, hostId: `${HOST}:2222` });
    expect(error.message).toBe('There is no VM named "web01" on this host.');
  });
});
