import { describe, expect, it } from 'vitest';
import { isGroupMac, parseFdbJson, parseNeighJson } from '../../../shared/hostnet/neighbours.ts';

// Lines of `bridge -j -s fdb show` as the lab host printed them (iproute2 6.1, kernel 6.1).
const FDB = JSON.stringify([
  { mac: '33:33:00:00:00:01', ifname: 'virbr0', flags: ['self'], state: 'permanent' },
  { mac: '52:54:00:22:9a:e4', ifname: 'virbr0', used: 52, updated: 52, flags: [], master: 'virbr0', state: 'permanent' },
  { mac: '52:54:00:00:01:01', ifname: 'vnet0', used: 23, updated: 9, flags: [], master: 'virbr0', state: '' },
  { mac: 'fe:54:00:00:01:01', ifname: 'vnet0', used: 48, updated: 48, flags: [], master: 'virbr0', state: 'permanent' },
  { mac: '33:33:ff:00:01:01', ifname: 'vnet0', flags: ['self'], state: 'permanent' },
  { mac: '02:00:00:00:00:09', ifname: 'eth1', vlan: 42, flags: [], master: 'br0', state: 'static' },
  { mac: 'not-a-mac', ifname: 'vnet0', flags: [], master: 'virbr0' },
  { mac: '52:54:00:00:01:02', flags: [], master: 'virbr1' },
]);

describe('bridge -j -s fdb show', () => {
  it('tells learned, permanent, static and self entries apart, with the age of what ages', () => {
    expect(parseFdbJson(FDB)).toEqual([
      { mac: '33:33:00:00:00:01', dev: 'virbr0', kind: 'self' },
      { mac: '52:54:00:22:9a:e4', dev: 'virbr0', master: 'virbr0', kind: 'permanent', updated: 52 },
      { mac: '52:54:00:00:01:01', dev: 'vnet0', master: 'virbr0', kind: 'learned', updated: 9 },
      { mac: 'fe:54:00:00:01:01', dev: 'vnet0', master: 'virbr0', kind: 'permanent', updated: 48 },
      { mac: '33:33:ff:00:01:01', dev: 'vnet0', kind: 'self' },
      { mac: '02:00:00:00:00:09', dev: 'eth1', master: 'br0', kind: 'static', vlan: 42 },
    ]);
  });

  it('reads an empty table, and refuses output that is not a JSON list', () => {
    expect(parseFdbJson('')).toEqual([]);
    expect(parseFdbJson('[]\n')).toEqual([]);
    expect(() => parseFdbJson('Object "fdb" is unknown, try "bridge help".')).toThrow(/not JSON/);
    expect(() => parseFdbJson('{"mac":"x"}')).toThrow(/not a JSON list/);
  });
});

describe('ip -j neigh show', () => {
  it('keeps entries with a link-layer address, by family, and skips failed ones', () => {
    const json = JSON.stringify([
      { dst: '192.168.122.99', dev: 'virbr0', lladdr: '52:54:00:00:01:01', state: ['REACHABLE'] },
      { dst: 'fe80::5054:ff:fe00:101', dev: 'virbr0', lladdr: '52:54:00:00:01:01', router: null, state: ['STALE'] },
      { dst: '192.168.122.7', dev: 'virbr0', state: ['FAILED'] },
      { dst: '192.168.122.8', dev: 'virbr0', lladdr: '52:54:00:00:09:09', state: ['INCOMPLETE'] },
    ]);
    expect(parseNeighJson(json)).toEqual([
      { ip: '192.168.122.99', family: 'ipv4', dev: 'virbr0', mac: '52:54:00:00:01:01', state: 'REACHABLE' },
      { ip: 'fe80::5054:ff:fe00:101', family: 'ipv6', dev: 'virbr0', mac: '52:54:00:00:01:01', state: 'STALE' },
    ]);
  });
});

describe('group MACs', () => {
  it('are the multicast and broadcast addresses, not a NIC\'s', () => {
    expect(isGroupMac('33:33:00:00:00:01')).toBe(true);
    expect(isGroupMac('01:00:5e:00:00:6a')).toBe(true);
    expect(isGroupMac('ff:ff:ff:ff:ff:ff')).toBe(true);
    expect(isGroupMac('52:54:00:00:01:01')).toBe(false);
    expect(isGroupMac('fe:54:00:00:01:01')).toBe(false);
  });
});
