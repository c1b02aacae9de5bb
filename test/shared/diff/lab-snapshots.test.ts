// The diff and the desired-state plan on a pair of real snapshots of the lab host (`virtwire
// snapshot`, 2026-12-01): fixtures/lab-before.json as seeded, fixtures/lab-after.json after
//   virsh detach-interface guest1 52:54:00:00:01:02 --live --config
//   virsh detach-interface guest2 52:54:00:00:02:01 --config          (running: config only)
//   virsh attach-interface vm-off3 network isolated 52:54:00:00:05:09 e1000e --config
//   virsh domif-setlink guest3 52:54:00:00:06:03 up
//   virsh update-device vm-off1 (its NIC's source default → isolated) --config
//   virsh net-undefine routed; virsh net-define vw-new (10.77.0.1/24)
//   virsh net-update isolated: DHCP range → 192.168.123.50-192.168.123.60; net-autostart default --disable
//   ip link add vw-br9 type bridge; ip tuntap add vw-tap9; ip link set vm-vnic master virbr1
//   virsh domrename vm-off2 vm-off2b
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeItem, diffTopologies } from '../../../shared/diff/index.ts';
import { planDesired } from '../../../shared/plan/desired.ts';
import type { HostContext } from '../../../shared/plan/types.ts';
import { parseTopologyFile } from '../../../shared/topology/file.ts';

const load = (name: string) => parseTopologyFile(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const before = load('lab-before.json');
const after = load('lab-after.json');
const host = after.hosts[0]!.id;
const ctx: HostContext = { hostId: host, uri: 'qemu:///system', isRoot: true, useSudo: false, protectedInterfaces: [] };

describe('a saved lab host against the host changed by hand', () => {
  const diff = diffTopologies(before, before.hosts[0]!.id, after, host);

  it('lists exactly what was changed, and nothing of what was not', () => {
    expect(diff.items.map(describeItem)).toEqual([
      'network default: autostart yes → no',
      'network isolated: ipv4 DHCP range 192.168.123.2-192.168.123.254 → 192.168.123.50-192.168.123.60',
      'network routed: in the file, not on the host (forward route, bridge virbr2, ipv4 192.168.124.1/24)',
      'network vw-new: on the host, not in the file (forward isolated, bridge vwnewbr0, ipv4 10.77.0.1/24)',
      'bridge vw-br9: on the host, not in the file (type linux)',
      'TAP vm-vnic: bridge tester → virbr1',
      'TAP vw-tap9: on the host, not in the file',
      'VM vm-off2b: name vm-off2 → vm-off2b',
      'NIC 52:54:00:00:01:02 of VM guest1: in the file, not on the host (source network isolated)',
      'NIC 52:54:00:00:02:01 of VM guest2: config yes → no',
      'NIC 52:54:00:00:06:03 of VM guest3: link down → up',
      'NIC 52:54:00:00:03:01 of VM vm-off1: source network default → network isolated',
      'NIC 52:54:00:00:04:02 of VM vm-off2b: source network routed → network routed (missing)',
      'NIC 52:54:00:00:05:01 of VM vm-off3: source network routed → network routed (missing)',
      'NIC 52:54:00:00:05:09 of VM vm-off3: on the host, not in the file (source network isolated)',
    ]);
    expect(diff.notes).toEqual([]);
    expect(diffTopologies(before, host, before, host).items).toEqual([]);
  });

  it('plans the way back in order, in place where libvirt can, each step with when it takes effect', () => {
    const plan = planDesired(diff, before, after, ctx);
    expect(plan.plan!.steps.map((s) => `${s.argv.slice(s.argv[0] === 'virsh' ? 3 : 0).join(' ')} [${s.impact?.when}]`)).toEqual([
      'net-define --file /dev/stdin [now]',
      'net-update --network isolated --command delete --section ip-dhcp-range --xml /dev/stdin --parent-index 0 --live --config [now]',
      'net-update --network isolated --command add-last --section ip-dhcp-range --xml /dev/stdin --parent-index 0 --live --config [now]',
      'net-autostart --network default [host-boot]',
      'ip link set dev vm-vnic master tester [now]',
      'attach-device --domain guest1 --file /dev/stdin --live --config [now]',
      'attach-device --domain guest2 --file /dev/stdin --config [vm-restart]',
      'domif-setlink --domain guest3 --interface 52:54:00:00:06:03 --state down [now]',
      'domif-setlink --domain guest3 --interface 52:54:00:00:06:03 --state down --config [vm-restart]',
      'update-device --domain vm-off1 --file /dev/stdin --config [vm-next-start]',
    ]);
    // routed comes back under its UUID, stopped as it was; its VMs' NICs name it already
    const define = plan.plan!.steps[0]!.stdin!;
    const routed = before.nodes.find((n) => n.kind === 'network' && n.name === 'routed');
    expect(define).toContain(`<uuid>${routed?.kind === 'network' ? routed.uuid : ''}</uuid>`);
    expect(define).toContain("<forward mode='route'/>");
    // guest1's NIC comes back whole, from the saved XML, without what libvirt assigns
    const nic = plan.plan!.steps[5]!.stdin!;
    expect(nic).toMatch(/<mac address='52:54:00:00:01:02'\/>/);
    expect(nic).not.toMatch(/<address |<alias |<target dev='vnet/);
    expect(plan.leftAlone.map((u) => describeItem(u.item))).toEqual([
      'network vw-new: on the host, not in the file (forward isolated, bridge vwnewbr0, ipv4 10.77.0.1/24)',
      'bridge vw-br9: on the host, not in the file (type linux)',
      'TAP vw-tap9: on the host, not in the file',
      'NIC 52:54:00:00:05:09 of VM vm-off3: on the host, not in the file (source network isolated)',
    ]);
    expect(plan.cannot.map((u) => `${describeItem(u.item)}: ${u.reason}`)).toEqual(['VM vm-off2b: name vm-off2 → vm-off2b: VirtWire does not rename VMs']);
  });

  it('with prune also removes what came after: a NIC before the NICs are put back, the network, TAP and bridge last', () => {
    const plan = planDesired(diff, before, after, ctx, { prune: true });
    const argv = plan.plan!.steps.map((s) => s.argv.slice(s.argv[0] === 'virsh' ? 3 : 0).join(' '));
    const detach = argv.indexOf('detach-interface --domain vm-off3 --type network --mac 52:54:00:00:05:09 --config');
    expect(detach).toBeGreaterThan(argv.indexOf('ip link set dev vm-vnic master tester'));
    expect(detach).toBeLessThan(argv.indexOf('attach-device --domain guest1 --file /dev/stdin --live --config'));
    expect(argv.slice(-3)).toEqual(['net-undefine --network vw-new', 'ip tuntap del dev vw-tap9 mode tap', 'ip link del dev vw-br9']);
    expect(plan.leftAlone).toEqual([]);
  });
});
