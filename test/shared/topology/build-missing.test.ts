import { describe, expect, it } from 'vitest';
import { hostConfigNames, ifupdownNames, networkdNetdevNames, nmcliConnectionDevices } from '../../../shared/hostnet/host-config.ts';
import { parseIpLinkJson } from '../../../shared/hostnet/iplink.ts';
import { parseOvsListing } from '../../../shared/hostnet/ovs.ts';
import { parseDomainXml } from '../../../shared/libvirt/domain.ts';
import { buildHostTopology, type HostInput } from '../../../shared/topology/build.ts';
import { demoTopology } from '../../../shared/topology/demo.ts';
import { parseTopologyFile, serializeTopology } from '../../../shared/topology/file.ts';
import { nodeId } from '../../../shared/topology/ids.ts';
import type { HostRecord, NicLink } from '../../../shared/topology/model.ts';
import { summarizeTopology } from '../../../electron/cli/summary.ts';

const host: HostRecord = { id: 'root@h', label: 'h', ssh: { host: 'h', port: 22, user: 'root' }, uri: 'qemu:///system', capturedAt: '2026-11-28T12:00:00.000Z' };
const id = (kind: Parameters<typeof nodeId>[1], key: string) => nodeId('root@h', kind, key);
const iface = (ifindex: number, ifname: string, linkinfo?: object, extra: object = {}) =>
  ({ ifindex, ifname, flags: ['UP'], mtu: 1500, operstate: 'UP', link_type: 'ether', ...(linkinfo ? { linkinfo } : {}), ...extra });
const UUID = '0dd0dd00-0000-4000-8000-000000000001';
const ODD = `<domain type='kvm'><name>vm-odd</name><uuid>${UUID}</uuid><devices>
  <interface type='network'><mac address='52:54:00:0d:00:01'/><source network='gone-net'/></interface>
  <interface type='bridge'><mac address='52:54:00:0d:00:02'/><source bridge='br-gone'/></interface>
  <interface type='direct'><mac address='52:54:00:0d:00:03'/><source dev='nosuch0' mode='vepa'/></interface>
  <interface type='direct'><mac address='52:54:00:0d:00:04'/><source dev='vethlab0' mode='bridge'/></interface>
  <interface type='ethernet'><mac address='52:54:00:0d:00:05'/><target dev='tapgone'/></interface>
  <interface type='network'><mac address='52:54:00:0d:00:06'/><source network='gone-net'/></interface>
  <interface type='bridge'><mac address='52:54:00:0d:00:07'/><source bridge='ovsbr0'/><virtualport type='openvswitch'/></interface>
</devices></domain>`;

function build(extra: Partial<HostInput> = {}) {
  return buildHostTopology({
    host,
    networks: [],
    domains: [{ record: parseDomainXml(ODD), xml: ODD, state: 'shut off', persistent: true }],
    interfaces: parseIpLinkJson(JSON.stringify([
      iface(2, 'vethlab0', { info_kind: 'veth' }),
      iface(3, 'ovsbr0', { info_kind: 'openvswitch' }),
      iface(4, 'ovs-system', { info_kind: 'openvswitch' }),
      iface(5, 'tapovs', { info_kind: 'tun', info_data: { type: 'tap' }, info_slave_kind: 'openvswitch' }, { master: 'ovs-system' }),
      iface(6, 'brhand', { info_kind: 'bridge' }),
      iface(7, 'brconf', { info_kind: 'bridge' }),
    ])),
    ...extra,
  });
}

describe('NICs on what the host does not have, and on devices that are not NICs', () => {
  const built = build({ ovsBridges: parseOvsListing('bridge ovsbr0\nport tapovs\n'), hostConfigNames: new Set(['brconf']) });
  const target = (mac: string) => built.links.find((l): l is NicLink => l.kind === 'nic' && l.mac === mac)?.target;

  it('draws a NIC on an undefined network, a missing bridge or a missing device to one shared placeholder each', () => {
    expect(target('52:54:00:0d:00:01')).toBe(id('missing', 'network/gone-net'));
    expect(target('52:54:00:0d:00:06')).toBe(id('missing', 'network/gone-net'));
    expect(target('52:54:00:0d:00:02')).toBe(id('missing', 'bridge/br-gone'));
    expect(target('52:54:00:0d:00:03')).toBe(id('missing', 'device/nosuch0'));
    expect(built.nodes.filter((n) => n.kind === 'missing').map((n) => [n.name, n.kind === 'missing' && n.expected])).toEqual([
      ['br-gone', 'bridge'], ['nosuch0', 'device'], ['gone-net', 'network'],
    ]);
  });

  it('links a macvtap NIC to the veth it sits on, with its mode, and a TAP-less ethernet NIC to its endpoint', () => {
    expect(target('52:54:00:0d:00:04')).toBe(id('physical', 'vethlab0'));
    expect(built.nodes.find((n) => n.id === id('physical', 'vethlab0'))).toMatchObject({ linkKind: 'veth', persistence: 'none' });
    expect(built.links.find((l): l is NicLink => l.kind === 'nic' && l.mac === '52:54:00:0d:00:04')?.sourceMode).toBe('bridge');
    expect(target('52:54:00:0d:00:05')).toBe(id('endpoint', `${UUID}/52:54:00:0d:00:05/ethernet`));
  });

  it('knows OVS bridges and their ports from ovsdb, and what brings each device back', () => {
    expect(built.nodes.find((n) => n.id === id('bridge', 'ovsbr0'))).toMatchObject({ bridgeType: 'ovs', persistence: 'ovsdb' });
    expect(built.links.map((l) => l.id)).toContain(`port:${id('tap', 'tapovs')}->${id('bridge', 'ovsbr0')}`);
    expect(built.nodes.find((n) => n.id === id('bridge', 'brhand'))).toMatchObject({ persistence: 'none' });
    expect(built.nodes.find((n) => n.id === id('bridge', 'brconf'))).toMatchObject({ persistence: 'host-config' });
    expect(build().nodes.find((n) => n.id === id('bridge', 'brhand'))).toMatchObject({ persistence: 'unknown' });
  });

  it('draws whatever is plugged into a bridge as its port: a container veth, a VXLAN tunnel, a dummy', () => {
    const t = buildHostTopology({
      host, networks: [], domains: [],
      interfaces: parseIpLinkJson(JSON.stringify([
        iface(3, 'br-ct', { info_kind: 'bridge' }),
        iface(4, 'veth-ct0', { info_kind: 'veth' }, { master: 'br-ct' }),
        iface(5, 'vx100', { info_kind: 'vxlan' }, { master: 'br-ct' }),
        iface(6, 'dummy0', { info_kind: 'dummy' }, { master: 'br-ct' }),
        iface(7, 'veth-free', { info_kind: 'veth' }),
      ])),
    });
    expect(t.nodes.map((n) => `${n.kind} ${n.name}`).sort()).toEqual(['bridge br-ct', 'physical dummy0', 'physical veth-ct0', 'physical vx100']);
    expect(t.nodes.find((n) => n.name === 'vx100')).toMatchObject({ linkKind: 'vxlan' });
    expect(t.links.map((l) => l.id).sort()).toEqual(['dummy0', 'veth-ct0', 'vx100'].map((d) => `port:${id('physical', d)}->${id('bridge', 'br-ct')}`).sort());
  });

  it('finds an OVS bridge ovsdb lists even when nothing names it', () => {
    const t = buildHostTopology({
      host, networks: [], domains: [], ovsBridges: [{ name: 'ovs-lone', ports: [] }],
      interfaces: parseIpLinkJson(JSON.stringify([iface(3, 'ovs-lone', { info_kind: 'openvswitch' })])),
    });
    expect(t.nodes.map((n) => `${n.kind} ${n.name}`)).toEqual(['bridge ovs-lone']);
    expect(t.nodes[0]).toMatchObject({ bridgeType: 'ovs', ovsDatapath: 'system' });
  });

  it('knows a userspace-datapath OVS bridge, whose own port `ip link` shows as a TAP, for a bridge', () => {
    const t = buildHostTopology({
      host, networks: [], domains: [], ovsBridges: parseOvsListing('bridge ovsbr0\nport ovs-tap0\n'),
      interfaces: parseIpLinkJson(JSON.stringify([
        iface(3, 'ovsbr0', { info_kind: 'tun', info_data: { type: 'tap' } }),
        iface(4, 'ovs-tap0', { info_kind: 'tun', info_data: { type: 'tap' } }),
      ])),
    });
    expect(t.nodes.map((n) => `${n.kind} ${n.name}`)).toEqual(['bridge ovsbr0', 'tap ovs-tap0']);
    expect(t.nodes[0]).toMatchObject({ bridgeType: 'ovs', ovsDatapath: 'netdev', persistence: 'ovsdb' });
    expect(t.links.map((l) => l.id)).toEqual([`port:${id('tap', 'ovs-tap0')}->${id('bridge', 'ovsbr0')}`]);
  });

  it('lists every NIC in `virtwire show`, missing targets named as such', () => {
    const text = summarizeTopology({ ...built, layout: {} }, 'h');
    expect(text).toMatch(/^missing network gone-net — not on this host.*\n {2}vm-odd {2}52:54:00:0d:00:01 .*\n {2}vm-odd {2}52:54:00:0d:00:06 /m);
    expect(text).toMatch(/^physical NIC vethlab0 \(up\)\n {2}vm-odd {2}52:54:00:0d:00:04 {2}direct\/bridge/m);
    expect(text).toMatch(/^endpoint ethernet tapgone — no host object/m);
    for (let i = 1; i <= 7; i += 1) expect(text).toContain(`52:54:00:0d:00:0${i}`);
  });
});

describe('the host configuration that keeps devices', () => {
  it('reads ifupdown stanzas, networkd netdevs and saved NetworkManager connections', () => {
    expect(ifupdownNames('auto lo br0\n# iface commented\niface br0 inet static\n  bridge_ports eno1\nallow-hotplug eno2\n')).toEqual(['lo', 'br0', 'br0', 'eno2']);
    expect(networkdNetdevNames('[Match]\nName=eth0\n[NetDev]\nName = br1\nKind=bridge\n')).toEqual(['br1']);
    expect(nmcliConnectionDevices('bridge-br2:br2:bridge:/etc/NetworkManager/system-connections/br2.nmconnection\ntmp:br3:bridge:/run/NetworkManager/system-connections/tmp.nmconnection\nnp:br4:bridge:/run/NetworkManager/system-connections/netplan-br4.nmconnection\nwired\\:1::ethernet:/etc/x\n'))
      .toEqual(['br2', 'br4']);
    expect([...hostConfigNames({ ifupdown: 'auto br0\n', networkd: '[NetDev]\nName=br1\n' })].sort()).toEqual(['br0', 'br1']);
  });
});

describe('files saved with unlinkedNics', () => {
  it('opens them with each unlinked NIC as a link to a placeholder or an endpoint', () => {
    const file = JSON.parse(serializeTopology(demoTopology(), '2026-11-28T12:00:00.000Z')) as { nodes: Record<string, unknown>[]; links: Record<string, unknown>[] };
    file.nodes = file.nodes.filter((n) => n.kind !== 'missing' && n.kind !== 'endpoint');
    file.links = file.links.filter((l) => !(String(l.target).includes('/missing/') || String(l.target).includes('/endpoint/')));
    const vm = file.nodes.find((n) => n.kind === 'vm')!;
    vm.unlinkedNics = [
      { mac: '52:54:00:5e:11:03', type: 'user', model: 'e1000', live: true, config: true },
      { mac: '52:54:00:3c:aa:04', type: 'network', model: 'virtio', source: 'lab-net', live: true, config: true },
    ];
    const opened = parseTopologyFile(JSON.stringify(file));
    expect(opened.nodes.some((n) => 'unlinkedNics' in n)).toBe(false);
    const vmId = String(vm.id);
    const nics = opened.links.filter((l): l is NicLink => l.kind === 'nic' && l.source === vmId);
    expect(nics).toHaveLength(4);
    expect(opened.nodes.find((n) => n.kind === 'missing')).toMatchObject({ name: 'lab-net', expected: 'network' });
    expect(opened.nodes.find((n) => n.kind === 'endpoint')).toMatchObject({ nicType: 'user', vm: vmId, mac: '52:54:00:5e:11:03' });
    expect(parseTopologyFile(serializeTopology(opened, '2026-11-28T12:00:00.000Z'))).toEqual(opened);
  });
});

describe('large inputs (no array spread into a call)', () => {
  it('builds a host whose VMs have 200,000 NICs on networks that are not there', () => {
    // four VMs of 50,000 NICs each: one VM's XML would be over the XML size limit
    const domains = [0, 1, 2, 3].map((vm) => {
      const nics: string[] = [];
      for (let i = vm * 50_000; i < (vm + 1) * 50_000; i++) {
        const hex = i.toString(16).padStart(6, '0');
        nics.push(`<interface type='network'><mac address='52:54:00:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4)}'/><source network='gone${i}'/></interface>`);
      }
      const xml = `<domain type='kvm'><name>vm${vm}</name><uuid>${UUID.slice(0, -1)}${vm}</uuid><devices>${nics.join('')}</devices></domain>`;
      return { record: parseDomainXml(xml), xml, state: 'shut off', persistent: true };
    });
    const topology = buildHostTopology({ host, networks: [], domains, interfaces: [] });
    expect(topology.nodes.filter((n) => n.kind === 'missing')).toHaveLength(200_000);
    expect(topology.links).toHaveLength(200_000);
  }, 60_000);

  it('reads an ifupdown auto line naming 200,000 interfaces', () => {
    const names = Array.from({ length: 200_000 }, (_, i) => `eth${i}`);
    expect(ifupdownNames(`auto ${names.join(' ')}\n`)).toHaveLength(200_000);
  });
});
