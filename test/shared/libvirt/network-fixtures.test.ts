// Every file of libvirt's own networkxml2xml test data parses, with the facts VirtWire draws
// extracted as written in each file (expected values copied from the files by hand).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNetworkXml, type NetworkRecord } from '../../../shared/libvirt/network.ts';
import type { DhcpHost, DhcpRange, IpConfig } from '../../../shared/topology/model.ts';

const FIXTURES = new URL('../fixtures/libvirt-network-xml/', import.meta.url);
const UUID_9B = '81ff0d90-c91e-6742-64da-4a736edb9a9b';
const UUID_9C = '81ff0d90-c91e-6742-64da-4a736edb9a9c';

const v4 = (address: string, prefix: number, dhcpRanges: DhcpRange[] = [], dhcpHosts: DhcpHost[] = []): IpConfig =>
  ({ family: 'ipv4', address, prefix, dhcpRanges, dhcpHosts });
const v6 = (address: string, prefix: number, dhcpRanges: DhcpRange[] = [], dhcpHosts: DhcpHost[] = []): IpConfig =>
  ({ family: 'ipv6', address, prefix, dhcpRanges, dhcpHosts });

const RANGE_122 = [{ start: '192.168.122.2', end: '192.168.122.254' }];
const HOSTS_AB: DhcpHost[] = [
  { mac: '00:16:3e:77:e2:ed', name: 'a.example.com', ip: '192.168.122.10' },
  { mac: '00:16:3e:3e:a9:1a', name: 'b.example.com', ip: '192.168.122.11' },
];
const HOSTS_V6: DhcpHost[] = [
  { id: '0:4:7e:7d:f0:7d:a8:bc:c5:d2:13:32:11:ed:16:ea:84:63', ip: '2001:db8:ac10:fd01::1:20' },
  { name: 'paul', ip: '2001:db8:ac10:fd01::1:21' },
  { id: '0:3:0:1:0:16:3e:11:22:33', name: 'peter.xyz', ip: '2001:db8:ac10:fd01::1:22' },
  { id: '0:3:0:1:0:16:3e:44:55:33', ip: '2001:db8:ac10:fd01::1:23' },
  { id: '0:1:0:1:18:aa:62:fe:0:16:3e:44:55:66', name: 'badbob', ip: '2001:db8:ac10:fd01::1:24' },
];
// The five <ip> elements shared by the nat-network-* variants; 10.24.10.1 has no prefix or
// netmask, so libvirt's classful default (/8) applies.
const FIVE_IPS = [
  v4('192.168.122.1', 24, RANGE_122, HOSTS_AB),
  v4('192.168.123.1', 24),
  v6('2001:db8:ac10:fe01::1', 64),
  v6('2001:db8:ac10:fd01::1', 64),
  v4('10.24.10.1', 8),
];
const NAT_ETH1 = { name: 'default', uuid: UUID_9B, forward: 'nat', forwardDev: 'eth1', bridge: 'virbr0' } as const;
const LEASETIME = { ...NAT_ETH1, forwardInterfaces: ['eth1'], stp: true, delay: 0, ips: [v4('192.168.122.1', 24, RANGE_122, HOSTS_AB)] };
const NETBOOT = {
  name: 'netboot', uuid: UUID_9B, forward: 'nat', forwardDev: undefined, bridge: 'virbr1', stp: false, delay: 1,
  domain: 'example.com', ips: [v4('192.168.122.1', 24, RANGE_122)],
};
const DNS_HOSTS = [
  { ip: '192.168.122.122', hostnames: ['pudding'] },
  { ip: '192.168.122.1', hostnames: ['host', 'gateway'] },
  { ip: '192.168.122.2', hostnames: ['shared', 'names'] },
  { ip: 'fd8f:1391:3a82:150::c0a8:9603', hostnames: ['shared', 'names'] },
];
const OVS_GROUPS = [{ name: 'bob', isDefault: true }, { name: 'alice', isDefault: false }];
const ETH1_TO_5 = ['eth1', 'eth2', 'eth3', 'eth4', 'eth5'];

type Expected = Partial<Record<keyof NetworkRecord, unknown>>;

const IN: Record<string, Expected> = {
  '8021Qbh-net.xml': {
    name: '8021Qbh-net', uuid: '81ff0d90-c91e-6742-64da-4a736edb9a8c', forward: 'private', forwardDev: 'eth1',
    forwardInterfaces: ETH1_TO_5, bridge: undefined, ips: [], virtualport: '802.1Qbh',
  },
  'dhcp6-nat-network.xml': {
    ...NAT_ETH1, uuid: UUID_9B, stp: true, delay: 0,
    ips: [
      v4('192.168.122.1', 24, RANGE_122, HOSTS_AB),
      v4('192.168.123.1', 24),
      v6('2001:db8:ac10:fd01::1', 64, [{ start: '2001:db8:ac10:fd01::1:10', end: '2001:db8:ac10:fd01::1:ff' }], HOSTS_V6),
      v4('10.24.10.1', 8),
    ],
  },
  'dhcp6host-routed-network.xml': {
    name: 'local', forward: 'route', forwardDev: 'eth1', bridge: 'virbr1', mac: '12:34:56:78:9A:BC',
    ips: [v4('192.168.122.1', 24, [], HOSTS_AB), v6('2001:db8:ac10:fd01::1', 64, [], HOSTS_V6)],
  },
  'empty-allow-ipv6.xml': { name: 'empty', uuid: UUID_9C, forward: 'isolated', bridge: 'virbr7', mac: '52:54:00:17:3F:47', ips: [] },
  'host-bridge-net.xml': { name: 'host-bridge-net', forward: 'bridge', bridge: 'br0', ips: [] },
  'hostdev-pf-driver-model.xml': { name: 'hostdev', forward: 'hostdev', forwardPfs: ['eth2'], forwardInterfaces: [], bridge: undefined },
  'hostdev.xml': { name: 'hostdev', forward: 'hostdev', forwardPfs: [], forwardInterfaces: [], bridge: undefined, ips: [] },
  'isolated-network.xml': {
    name: 'private', forward: 'isolated', bridge: 'virbr2',
    ips: [v4('192.168.152.1', 24, [{ start: '192.168.152.2', end: '192.168.152.254' }])],
  },
  'isolated-ports.xml': { name: 'port-isolation-test', forward: 'bridge', bridge: 'br0' },
  'leasetime-hours.xml': LEASETIME,
  'leasetime-infinite.xml': LEASETIME,
  'leasetime-minutes.xml': LEASETIME,
  'leasetime-seconds.xml': LEASETIME,
  'metadata.xml': { name: 'host-bridge-net', forward: 'bridge', bridge: 'br0', ips: [] },
  'nat-network-dns-forwarders.xml': { ...NAT_ETH1, uuid: UUID_9C, forwardDev: 'eth0', ips: [v4('192.168.122.1', 24)] },
  'nat-network-dns-hosts.xml': { ...NAT_ETH1, uuid: UUID_9C, forwardDev: 'eth0', dnsHosts: DNS_HOSTS },
  'nat-network-dns-local-domain.xml': { ...NAT_ETH1, uuid: UUID_9C, forwardDev: 'eth0', domain: 'example.com' },
  'nat-network-dns-srv-record-minimal.xml': { ...NAT_ETH1, forwardInterfaces: ['eth1'], mac: undefined, ips: FIVE_IPS },
  'nat-network-dns-txt-record.xml': { ...NAT_ETH1, ips: FIVE_IPS },
  'nat-network-explicit-flood.xml': { ...NAT_ETH1, ips: FIVE_IPS },
  'nat-network-forward-nat-ipv6.xml': { ...NAT_ETH1, forwardDev: undefined, ips: [v6('2001:db8:ac10:fe01::1', 64)] },
  'nat-network-forward-nat-no-address.xml': { ...NAT_ETH1, ips: FIVE_IPS },
  'nat-network-mtu.xml': { ...NAT_ETH1, mtu: 7000, ips: FIVE_IPS },
  'nat-network.xml': { ...NAT_ETH1, ips: [v4('192.168.122.1', 24, RANGE_122, HOSTS_AB)] },
  'netboot-network.xml': NETBOOT,
  'netboot-proxy-network.xml': NETBOOT,
  'netboot-tftp.xml': {
    name: 'tftp-only', uuid: 'eb486e5c-4df5-42ee-ae4a-ad8557998d00', forward: 'nat', bridge: 'virbr0', stp: false,
    delay: 1, ips: [v4('192.168.122.1', 24)],
  },
  'open-network-with-forward-dev.xml': { name: 'open', forward: 'open', forwardDev: 'eth0', bridge: 'virbr1', mac: '12:34:56:78:9A:BC' },
  'open-network.xml': { name: 'open', forward: 'open', forwardDev: undefined, bridge: 'virbr1', ips: [v4('192.168.122.1', 24)] },
  'openvswitch-net.xml': {
    name: 'openvswitch-net', uuid: '81ff0d90-c92e-6742-64da-4a736edb9a8b', forward: 'bridge', bridge: undefined,
    virtualport: 'openvswitch', portgroups: OVS_GROUPS,
  },
  'passthrough-address-crash.xml': {
    name: 'passthrough_001', uuid: '50e92386-8dd1-4a95-8a4b-9a888274eb66', forward: 'passthrough', forwardPfs: [],
  },
  'passthrough-pf.xml': {
    name: 'local', forward: 'passthrough', forwardPfs: ['eth0'], forwardInterfaces: ['eth10', 'eth11'],
    ips: [v4('192.168.122.1', 24)],
  },
  'routed-network.xml': { name: 'local', forward: 'route', forwardDev: 'eth1', bridge: 'virbr1', ips: [v4('192.168.122.1', 24)] },
  'vepa-net.xml': {
    name: 'vepa-net', forward: 'vepa', forwardDev: undefined, forwardInterfaces: ['eth1', 'eth2', 'eth3'],
    virtualport: '802.1Qbg', portgroups: OVS_GROUPS,
  },
};

// libvirt's normalised output: mostly the input again, plus what libvirt fills in.
const OUT: Record<string, Expected> = {
  '8021Qbh-net.xml': IN['8021Qbh-net.xml']!,
  'dhcp6host-routed-network.xml': { ...IN['dhcp6host-routed-network.xml'], forwardInterfaces: ['eth1'] },
  'empty-allow-ipv6.xml': { ...IN['empty-allow-ipv6.xml'], stp: true, delay: 0 },
  'host-bridge-net.xml': IN['host-bridge-net.xml']!,
  'isolated-network.xml': { ...IN['isolated-network.xml'], stp: true, delay: 0 },
  'isolated-ports.xml': IN['isolated-ports.xml']!,
  'leasetime-hours.xml': LEASETIME,
  'leasetime-infinite.xml': LEASETIME,
  'leasetime-minutes.xml': LEASETIME,
  'leasetime-seconds.xml': LEASETIME,
  'nat-network-dns-forwarders.xml': { ...IN['nat-network-dns-forwarders.xml'], forwardInterfaces: ['eth0'] },
  'nat-network-dns-hosts.xml': { ...IN['nat-network-dns-hosts.xml'], forwardInterfaces: ['eth0'] },
  'nat-network-dns-srv-record-minimal.xml': { ...IN['nat-network-dns-srv-record-minimal.xml'], mac: '52:54:00:00:00:00' },
  'nat-network-dns-txt-record.xml': { ...NAT_ETH1, forwardInterfaces: ['eth1'], ips: FIVE_IPS },
  'nat-network-explicit-flood.xml': { ...NAT_ETH1, forwardInterfaces: ['eth1'], stp: true, ips: FIVE_IPS },
  'nat-network-forward-nat-ipv6.xml': { ...IN['nat-network-forward-nat-ipv6.xml'], stp: true, delay: 0 },
  'nat-network-forward-nat-no-address.xml': { ...NAT_ETH1, forwardInterfaces: ['eth1'], ips: FIVE_IPS },
  'nat-network-mtu.xml': { ...IN['nat-network-mtu.xml'], forwardInterfaces: ['eth1'] },
  'nat-network.xml': { ...IN['nat-network.xml'], stp: true, delay: 0 },
  'netboot-network.xml': NETBOOT,
  'netboot-proxy-network.xml': NETBOOT,
  'openvswitch-net.xml': {
    ...IN['openvswitch-net.xml'],
    portgroups: [...OVS_GROUPS, { name: 'native', isDefault: false }],
  },
  'passthrough-pf.xml': { ...IN['passthrough-pf.xml'], forwardInterfaces: [] },
  'routed-network.xml': { ...IN['routed-network.xml'], stp: true, delay: 0 },
  'vepa-net.xml': { ...IN['vepa-net.xml'], forwardDev: 'eth1' },
};

describe.each([
  ['in', IN],
  ['out', OUT],
] as const)('libvirt networkxml2xml %s/', (folder, expected) => {
  const dir = new URL(`${folder}/`, FIXTURES);

  it('has an expectation for every file in the folder', () => {
    expect(Object.keys(expected).sort()).toEqual(readdirSync(dir).filter((f) => f.endsWith('.xml')).sort());
  });

  it.each(Object.entries(expected))('%s', (file, facts) => {
    const record = parseNetworkXml(readFileSync(new URL(file, dir), 'utf8'));
    // Compare only the facts listed; toEqual treats a listed `undefined` as "absent".
    const listed = Object.fromEntries(Object.keys(facts).map((k) => [k, record[k as keyof NetworkRecord]]));
    expect(listed).toEqual(facts);
  });
});
