import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBridgeLinkJson, parseIpLinkJson } from '../../../shared/hostnet/iplink.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/hostnet/${name}`, import.meta.url), 'utf8');

describe('parseIpLinkJson', () => {
  const links = parseIpLinkJson(fixture('ip-link.json'));
  const byName = new Map(links.map((l) => [l.name, l]));

  it('classifies every interface recorded in the namespace', () => {
    expect(links.map((l) => [l.name, l.class])).toEqual([
      ['lo', 'loopback'],
      ['virbr0', 'bridge'],
      ['virbr0-nic', 'tap'],
      ['vnet0', 'tap'],
      ['vm-vnic', 'tap'],
      ['tester', 'bridge'],
      ['veth-b', 'other'],
      ['veth-a', 'other'],
      ['tun0', 'other'],
    ]);
  });

  it('reads master, MAC, MTU, kinds and admin state', () => {
    expect(byName.get('vnet0')).toMatchObject({
      kind: 'tun', tunType: 'tap', portKind: 'bridge', master: 'virbr0', mac: 'fe:54:00:7e:f8:5c',
      mtu: 1500, up: true, operstate: 'DOWN',
    });
    expect(byName.get('vm-vnic')).toMatchObject({ master: 'tester', up: false });
    expect(byName.get('virbr0')).toMatchObject({ kind: 'bridge', mac: '52:54:00:0a:cd:21', up: true });
    expect(byName.get('virbr0')?.master).toBeUndefined();
    expect(byName.get('veth-a')).toMatchObject({ kind: 'veth', master: 'virbr0', up: true });
    expect(byName.get('tun0')).toMatchObject({ kind: 'tun', tunType: 'tun', linkType: 'none' });
  });

  it('sees a NIC with a bus parent as physical', () => {
    expect(parseIpLinkJson(fixture('ip-link-physical.json'))).toEqual([
      {
        name: 'eth0', index: 2, class: 'physical', mac: '52:54:00:12:34:56', mtu: 1500, linkType: 'ether',
        flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], operstate: 'UP', up: true,
      },
    ]);
  });

  it('sees an Ethernet link with no kind and no bus parent as physical, but not an OVS port', () => {
    const json = JSON.stringify([
      { ifindex: 7, ifname: 'enp3s0', flags: ['UP'], link_type: 'ether', linkinfo: { info_slave_kind: 'bridge' }, master: 'br0' },
      { ifindex: 8, ifname: 'ovsbr0', flags: [], link_type: 'ether', linkinfo: { info_kind: 'openvswitch' } },
    ]);
    expect(parseIpLinkJson(json).map((l) => [l.name, l.class, l.master])).toEqual([
      ['enp3s0', 'physical', 'br0'],
      ['ovsbr0', 'other', undefined],
    ]);
  });

  it('treats empty output as no interfaces and refuses what is not a JSON list', () => {
    expect(parseIpLinkJson('  \n')).toEqual([]);
    expect(() => parseIpLinkJson('Device "x" does not exist.')).toThrow(/not JSON/);
    expect(() => parseIpLinkJson('{"ifname":"a"}')).toThrow(/not a JSON list/);
  });

  it('skips entries without a name or index instead of guessing', () => {
    expect(parseIpLinkJson('[{"ifname":"a"},{"ifindex":3},null,7]')).toEqual([]);
  });

  it('keeps a hostile "__proto__" key from polluting objects', () => {
    const links = parseIpLinkJson('[{"ifindex":1,"ifname":"x","__proto__":{"polluted":true},"linkinfo":{"__proto__":{"a":1}}}]');
    expect(links).toHaveLength(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseBridgeLinkJson', () => {
  it('reads each bridge port with its bridge and STP state', () => {
    expect(parseBridgeLinkJson(fixture('bridge-link.json'))).toEqual([
      { name: 'virbr0-nic', index: 3, master: 'virbr0', state: 'disabled', mtu: 1500 },
      { name: 'vnet0', index: 4, master: 'virbr0', state: 'disabled', mtu: 1500 },
      { name: 'vm-vnic', index: 5, master: 'tester', state: 'disabled', mtu: 1500 },
      { name: 'veth-a', index: 8, master: 'virbr0', state: 'listening', mtu: 1500 },
    ]);
  });
});
