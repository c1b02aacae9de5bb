import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBridgeLinkJson, parseIpLinkJson } from '../../../shared/hostnet/iplink.ts';
import { parseFdbJson, parseNeighJson } from '../../../shared/hostnet/neighbours.ts';
import { parseDhcpLeases, parseDomIfAddr } from '../../../shared/libvirt/addresses.ts';
import { parseDomainXml } from '../../../shared/libvirt/domain.ts';
import { parseNetworkXml } from '../../../shared/libvirt/network.ts';
import { buildHostTopology, type HostInput } from '../../../shared/topology/build.ts';
import { nicAddresses } from '../../../shared/topology/build-addresses.ts';
import { demoTopology } from '../../../shared/topology/demo.ts';
import type { BridgeNode, NetworkNode, NicLink } from '../../../shared/topology/model.ts';
import { topologySchema } from '../../../shared/topology/schema.ts';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');
const TABLE = '-'.repeat(60);

// The demo host (centos7: 52:54:00:7e:f8:5c on default via vnet0, 52:54:00:07:b8:72 on isolated
// via vnet1), with leases, a neighbour table, a guest agent and the bridges' forwarding databases.
function demoInput(extra: Partial<HostInput>, agent?: string): HostInput {
  const demo = demoTopology();
  const xmlOf = (name: string) => (demo.nodes.find((n) => n.name === name) as { xml: string }).xml;
  const net = (name: string, leases?: string) => ({ record: parseNetworkXml(xmlOf(name)), xml: xmlOf(name), active: true, autostart: false, persistent: true, ...(leases ? { leases: parseDhcpLeases(leases) } : {}) });
  const centos = xmlOf('centos7');
  return {
    host: demo.hosts[0]!,
    networks: [
      net('default', `x\n${TABLE}\n 2026-12-01 12:01:18   52:54:00:7e:f8:5c   ipv4   192.168.122.45/24   centos7   -\n 2026-12-01 12:02:00   52:54:00:aa:bb:cc   ipv4   192.168.122.46/24   -   -\n`),
      net('isolated'),
    ],
    domains: [
      {
        record: parseDomainXml(centos), xml: centos, state: 'running', persistent: true,
        inactive: { record: parseDomainXml(centos), xml: centos },
        ...(agent ? { agentAddresses: parseDomIfAddr(agent) } : {}),
      },
    ],
    interfaces: parseIpLinkJson(fixture('host/demo-ip-link.json')),
    bridgePorts: parseBridgeLinkJson(fixture('host/demo-bridge-link.json')),
    ...extra,
  };
}

const nic = (links: readonly { kind: string }[], mac: string) => links.find((l): l is NicLink => l.kind === 'nic' && (l as NicLink).mac === mac)!;

describe('NIC addresses', () => {
  it('come from the lease of the network the NIC is on, the neighbour table and the guest agent, each with its sources', () => {
    const agent = ` Name MAC address Protocol Address\n${TABLE}\n lo 00:00:00:00:00:00 ipv4 127.0.0.1/8\n eth0 52:54:00:7e:f8:5c ipv4 192.168.122.45/24\n eth0 52:54:00:7e:f8:5c ipv6 fd00::45/64\n eth1 52:54:00:07:b8:72 ipv4 10.0.0.9/24\n`;
    const neighbours = parseNeighJson(JSON.stringify([
      { dst: '192.168.122.45', dev: 'virbr0', lladdr: '52:54:00:7e:f8:5c', state: ['REACHABLE'] },
      { dst: '192.168.123.8', dev: 'virbr1', lladdr: '52:54:00:07:b8:72', state: ['STALE'] },
    ]));
    const built = buildHostTopology(demoInput({ neighbours }, agent));
    expect(nic(built.links, '52:54:00:7e:f8:5c').addresses).toEqual([
      { family: 'ipv4', ip: '192.168.122.45', prefix: 24, sources: ['lease', 'arp', 'agent'] },
      { family: 'ipv6', ip: 'fd00::45', prefix: 64, sources: ['agent'] },
    ]);
    expect(nic(built.links, '52:54:00:07:b8:72').addresses).toEqual([
      { family: 'ipv4', ip: '192.168.123.8', sources: ['arp'] },
      { family: 'ipv4', ip: '10.0.0.9', prefix: 24, sources: ['agent'] },
    ]);
    // a config-only NIC (not in the running VM) has none
    const leases = (built.nodes.find((n) => n.name === 'default') as NetworkNode).leases;
    expect(leases?.map((l) => `${l.mac} ${l.ip}/${l.prefix} ${l.hostname ?? '-'}`)).toEqual([
      '52:54:00:7e:f8:5c 192.168.122.45/24 centos7',
      '52:54:00:aa:bb:cc 192.168.122.46/24 -',
    ]);
    expect((built.nodes.find((n) => n.name === 'isolated') as NetworkNode).leases).toBeUndefined();
    expect(topologySchema.safeParse({ ...built, layout: {} }).success).toBe(true);
  });

  it('are left out where nothing was heard, and a lease of another network is not the NIC\'s', () => {
    const built = buildHostTopology(demoInput({}));
    expect(nic(built.links, '52:54:00:07:b8:72').addresses).toBeUndefined();
    expect(nicAddresses('52:54:00:07:b8:72', { lease: [{ mac: '52:54:00:7e:f8:5c', family: 'ipv4', ip: '1.2.3.4' }] })).toBeUndefined();
  });
});

describe('who is on a bridge', () => {
  const fdb = parseFdbJson(JSON.stringify([
    { mac: '33:33:00:00:00:01', ifname: 'virbr0', flags: ['self'], state: 'permanent' },
    { mac: '52:54:00:0a:cd:21', ifname: 'virbr0', updated: 300, flags: [], master: 'virbr0', state: 'permanent' },
    { mac: '52:54:00:7e:f8:5c', ifname: 'vnet0', used: 2, updated: 7, flags: [], master: 'virbr0', state: '' },
    { mac: 'fe:54:00:7e:f8:5c', ifname: 'vnet0', updated: 300, flags: [], master: 'virbr0', state: 'permanent' },
    { mac: '33:33:ff:7e:f8:5c', ifname: 'vnet0', flags: ['self'], state: 'permanent' },
    { mac: '02:de:ad:be:ef:01', ifname: 'vnet0', updated: 31, flags: [], master: 'virbr0', state: '' },
    { mac: '52:54:00:07:b8:72', ifname: 'vnet1', updated: 4, flags: [], master: 'virbr1', state: '' },
    { mac: '52:54:00:12:34:57', ifname: 'eth1', flags: ['self'], state: 'permanent' },
  ]));
  const built = buildHostTopology(demoInput({ fdb }));
  const bridge = (name: string) => built.nodes.find((n): n is BridgeNode => n.kind === 'bridge' && n.name === name)!;
  const centos = built.nodes.find((n) => n.name === 'centos7')!.id;

  it('lists what `bridge fdb show br BRIDGE` lists, each MAC named by the VM NIC or device that owns it', () => {
    expect(bridge('virbr0').fdb).toEqual([
      { mac: '33:33:00:00:00:01', port: 'virbr0', kind: 'self', owner: { kind: 'group' } },
      { mac: '52:54:00:0a:cd:21', port: 'virbr0', kind: 'permanent', owner: { kind: 'device', device: 'virbr0' } },
      { mac: '52:54:00:7e:f8:5c', port: 'vnet0', kind: 'learned', age: 7, owner: { kind: 'nic', vm: centos } },
      { mac: 'fe:54:00:7e:f8:5c', port: 'vnet0', kind: 'permanent', owner: { kind: 'device', device: 'vnet0' } },
      { mac: '33:33:ff:7e:f8:5c', port: 'vnet0', kind: 'self', owner: { kind: 'group' } },
      // nobody on this host has it: a guest behind a nested bridge, or a spoofed address
      { mac: '02:de:ad:be:ef:01', port: 'vnet0', kind: 'learned', age: 31 },
    ]);
    expect(bridge('virbr1').fdb?.map((e) => e.mac)).toEqual(['52:54:00:07:b8:72']);
    // eth1 is in no bridge: its own filter is nobody's bridge table
    expect(built.nodes.filter((n): n is BridgeNode => n.kind === 'bridge').flatMap((b) => b.fdb ?? []).some((e) => e.port === 'eth1')).toBe(false);
  });

  it('is not claimed when the forwarding databases were not read', () => {
    expect(buildHostTopology(demoInput({})).nodes.filter((n): n is BridgeNode => n.kind === 'bridge').every((b) => b.fdb === undefined)).toBe(true);
  });
});
