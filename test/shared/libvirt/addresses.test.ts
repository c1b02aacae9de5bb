import { describe, expect, it } from 'vitest';
import { parseDhcpLeases, parseDomIfAddr } from '../../../shared/libvirt/addresses.ts';

// As virsh 9.0 printed them in the lab.
const LEASES = ` Expiry Time           MAC address         Protocol   IP address           Hostname   Client ID or DUID
------------------------------------------------------------------------------------------------------------
 2026-12-01 12:01:18   52:54:00:00:01:01   ipv4       192.168.122.99/24    guest1     01:52:54:00:00:01:01
 2026-12-01 12:01:21   52:54:00:00:02:01   ipv4       192.168.122.171/24   -          -
 2026-12-01 12:03:00   52:54:00:00:02:01   ipv6       fd00::5/64           guest2     00:04:aa:bb
`;

describe('virsh net-dhcp-leases', () => {
  it('reads each lease: expiry, MAC, family, address, prefix, hostname and client id ("-" is none)', () => {
    expect(parseDhcpLeases(LEASES)).toEqual([
      { expiry: '2026-12-01 12:01:18', mac: '52:54:00:00:01:01', family: 'ipv4', ip: '192.168.122.99', prefix: 24, hostname: 'guest1', clientId: '01:52:54:00:00:01:01' },
      { expiry: '2026-12-01 12:01:21', mac: '52:54:00:00:02:01', family: 'ipv4', ip: '192.168.122.171', prefix: 24 },
      { expiry: '2026-12-01 12:03:00', mac: '52:54:00:00:02:01', family: 'ipv6', ip: 'fd00::5', prefix: 64, hostname: 'guest2', clientId: '00:04:aa:bb' },
    ]);
  });

  it('reads an empty table and ignores what is not one', () => {
    expect(parseDhcpLeases(' Expiry Time   MAC address   Protocol   IP address   Hostname   Client ID or DUID\n-----------------------------------------------------------------------------------\n\n')).toEqual([]);
    expect(parseDhcpLeases('error: Requested operation is not valid: network is not active')).toEqual([]);
    expect(parseDhcpLeases('')).toEqual([]);
  });
});

describe('virsh domifaddr --full', () => {
  it('reads each address with its interface and MAC', () => {
    const text = ` Name       MAC address          Protocol     Address
-------------------------------------------------------------------------------
 vnet0      52:54:00:00:01:01    ipv4         192.168.122.99/24
 vnet1      52:54:00:00:01:02    ipv4         192.168.123.100/24
 vnet1      52:54:00:00:01:02    ipv6         fe80::5054:ff:fe00:102/64
`;
    expect(parseDomIfAddr(text)).toEqual([
      { name: 'vnet0', mac: '52:54:00:00:01:01', family: 'ipv4', ip: '192.168.122.99', prefix: 24 },
      { name: 'vnet1', mac: '52:54:00:00:01:02', family: 'ipv4', ip: '192.168.123.100', prefix: 24 },
      { name: 'vnet1', mac: '52:54:00:00:01:02', family: 'ipv6', ip: 'fe80::5054:ff:fe00:102', prefix: 64 },
    ]);
  });

  it('carries an interface\'s name and MAC to its further addresses when virsh prints "-" (no --full)', () => {
    const text = ` Name       MAC address          Protocol     Address
-------------------------------------------------------------------------------
 eth0       52:54:00:00:01:01    ipv4         192.168.122.99/24
 -          -                    ipv6         fd00::99/64
 lo         00:00:00:00:00:00    ipv4         127.0.0.1/8
`;
    expect(parseDomIfAddr(text).map((a) => `${a.name} ${a.mac} ${a.ip}`)).toEqual([
      'eth0 52:54:00:00:01:01 192.168.122.99',
      'eth0 52:54:00:00:01:01 fd00::99',
      'lo 00:00:00:00:00:00 127.0.0.1',
    ]);
  });

  it('reads nothing from an error or a table without rows', () => {
    expect(parseDomIfAddr('error: argument unsupported: QEMU guest agent is not configured')).toEqual([]);
    expect(parseDomIfAddr(' Name MAC address Protocol Address\n------------------------------------------\n')).toEqual([]);
  });
});
