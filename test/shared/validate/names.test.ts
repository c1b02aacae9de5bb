import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { en } from '../../../shared/i18n/en.ts';
import { type Message, say, sayEnglish, translator } from '../../../shared/i18n/index.ts';
import {
  assertValid, checkDhcpRange, checkInterfaceName, checkIpAddress, checkLibvirtName, checkMac, checkSubnet, dhcpRangeProblem,
  interfaceNameProblem, ipAddressProblem, libvirtNameProblem, macProblem, parseIp, subnetProblem,
} from '../../../shared/validate/names.ts';

const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;
const ifnameChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.@+é'.split(''));

describe('checkInterfaceName', () => {
  it('accepts the names hosts really use', () => {
    for (const name of ['eth0', 'virbr0', 'virbr0-nic', 'vnet12', 'vm-vnic', 'enp3s0f1', 'br.100', 'ovs_br', 'a']) {
      expect(checkInterfaceName(name)).toBeUndefined();
    }
  });

  it('accepts any 1–15 byte name of allowed characters that does not start with "-" and is not . or ..', () => {
    fc.assert(
      fc.property(fc.string({ unit: ifnameChar, minLength: 1, maxLength: 15 }), (name) => {
        fc.pre(utf8Bytes(name) <= 15 && !name.startsWith('-') && name !== '.' && name !== '..');
        expect(checkInterfaceName(name)).toBeUndefined();
      }),
    );
  });

  it('refuses names over 15 bytes, counting UTF-8 bytes not characters', () => {
    expect(checkInterfaceName('a'.repeat(16))).toMatch(/16 bytes long; Linux allows at most 15/);
    expect(checkInterfaceName('é'.repeat(8))).toMatch(/16 bytes/);
    fc.assert(
      fc.property(fc.string({ unit: ifnameChar, minLength: 16, maxLength: 40 }), (name) => {
        expect(checkInterfaceName(name)).toBeDefined();
      }),
    );
  });

  it('refuses any name containing "/", ":", whitespace or NUL', () => {
    const bad = fc.constantFrom('/', ':', ' ', '\t', '\n', '\0');
    fc.assert(
      fc.property(fc.string({ unit: ifnameChar, maxLength: 6 }), bad, fc.string({ unit: ifnameChar, maxLength: 6 }), (a, c, b) => {
        expect(checkInterfaceName(a + c + b)).toBeDefined();
      }),
    );
  });

  it('refuses empty, ".", ".." and a leading "-" with a clear message', () => {
    expect(checkInterfaceName('')).toBe('An interface name cannot be empty.');
    expect(checkInterfaceName('.')).toBe('"." cannot be an interface name.');
    expect(checkInterfaceName('..')).toBe('".." cannot be an interface name.');
    expect(checkInterfaceName('-rf')).toBe('The interface name "-rf" cannot start with "-".');
  });
});

describe('checkLibvirtName', () => {
  it('accepts names with spaces, dots and unicode, which libvirt allows', () => {
    for (const name of ['default', 'my net', 'web01.example', 'réseau', 'a-b_c']) expect(checkLibvirtName(name)).toBeUndefined();
  });

  it('refuses "/", line breaks, NUL, a leading "-" and the empty name, and nothing else', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), (name) => {
        const bad = /[/\n\r\0]/.test(name) || name.startsWith('-');
        expect(checkLibvirtName(name) !== undefined).toBe(bad);
      }),
    );
    expect(checkLibvirtName('')).toBeDefined();
  });
});

describe('checkMac', () => {
  const octet = fc.integer({ min: 0, max: 255 });
  const hex = (n: number) => n.toString(16).padStart(2, '0');

  it('accepts every unicast MAC in either case and refuses multicast ones', () => {
    fc.assert(
      fc.property(fc.array(octet, { minLength: 6, maxLength: 6 }), fc.boolean(), (bytes, upper) => {
        const text = bytes.map(hex).join(':');
        const mac = upper ? text.toUpperCase() : text;
        expect(checkMac(mac) === undefined).toBe((bytes[0]! & 1) === 0);
      }),
    );
  });

  it('refuses malformed MACs with an example of the right form', () => {
    for (const mac of ['', '52:54:00:12:34', '52-54-00-12-34-56', '5254.0012.3456', '52:54:00:12:34:5g', '52:54:00:12:34:56:78']) {
      expect(checkMac(mac)).toMatch(/is not a MAC address/);
    }
    expect(checkMac('01:00:5e:00:00:01')).toMatch(/multicast/);
  });
});

describe('IP addresses and subnets', () => {
  it('agrees with Node on every generated IPv4 and IPv6 address', () => {
    fc.assert(fc.property(fc.ipV4(), (ip) => {
      expect(parseIp(ip)?.family).toBe('ipv4');
    }));
    fc.assert(fc.property(fc.ipV6(), (ip) => {
      expect(parseIp(ip)?.family).toBe('ipv6');
    }));
  });

  it('agrees with Node on random strings of address characters', () => {
    const unit = fc.constantFrom(...'0123456789abcdefAF:.'.split(''));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 45 }), (text) => {
        const expected = isIP(text);
        const got = parseIp(text);
        expect(got ? (got.family === 'ipv4' ? 4 : 6) : 0).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads IPv6 forms by value', () => {
    expect(parseIp('::')?.value).toBe(0n);
    expect(parseIp('::1')?.value).toBe(1n);
    expect(parseIp('::ffff:192.168.0.1')?.value).toBe((0xffffn << 32n) | 0xc0a80001n);
    expect(parseIp('2001:db8::1')).toEqual(parseIp('2001:0db8:0:0:0:0:0:1'));
    for (const bad of ['1.2.3.4::', ':::', '1::2::3', '01.2.3.4', 'fe80::1%eth0', '1:2:3:4:5:6:7:8:9']) expect(parseIp(bad)).toBeUndefined();
    expect(checkIpAddress('192.168.1.1', 'ipv6')).toBe('"192.168.1.1" is not an IPv6 address.');
  });

  it('accepts CIDR subnets with a prefix within the family and refuses others', () => {
    fc.assert(fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), (ip, p) => {
      expect(checkSubnet(`${ip}/${p}`)).toBeUndefined();
    }));
    fc.assert(fc.property(fc.ipV6(), fc.integer({ min: 0, max: 128 }), (ip, p) => {
      expect(checkSubnet(`${ip}/${p}`)).toBeUndefined();
    }));
    fc.assert(fc.property(fc.ipV4(), fc.integer({ min: 33, max: 999 }), (ip, p) => {
      expect(checkSubnet(`${ip}/${p}`)).toBeDefined();
    }));
    for (const bad of ['192.168.122.0', '192.168.122.0/', '192.168.122.0/024', 'fd00::/129', '/24']) expect(checkSubnet(bad)).toBeDefined();
  });
});

describe('checkDhcpRange', () => {
  it('accepts libvirt default range and refuses ranges that leave the subnet or run backwards', () => {
    expect(checkDhcpRange('192.168.122.2', '192.168.122.254', '192.168.122.1/24')).toBeUndefined();
    expect(checkDhcpRange('192.168.122.2', '192.168.123.10', '192.168.122.1/24')).toBe('192.168.123.10 is outside the subnet 192.168.122.1/24.');
    expect(checkDhcpRange('192.168.122.200', '192.168.122.100', '192.168.122.1/24')).toMatch(/starts \(192.168.122.200\) after it ends/);
    expect(checkDhcpRange('192.168.122.0', '192.168.122.9', '192.168.122.1/24')).toMatch(/network address/);
    expect(checkDhcpRange('192.168.122.2', '192.168.122.255', '192.168.122.1/24')).toMatch(/broadcast address/);
    expect(checkDhcpRange('2001:db8:ac10:fd01::1:10', '2001:db8:ac10:fd01::1:ff', '2001:db8:ac10:fd01::1/64')).toBeUndefined();
    expect(checkDhcpRange('192.168.122.2', '192.168.122.9', 'fd00::1/64')).toBe('"192.168.122.2" is not an IPv6 address.');
  });

  it('accepts every ordered pair of host addresses inside any IPv4 subnet', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 8, max: 30 }), fc.nat(), fc.nat(), (ip, prefix, x, y) => {
        const hosts = 2 ** (32 - prefix) - 2;
        const [a, b] = [x % hosts, y % hosts].sort((m, n) => m - n) as [number, number];
        const base = Number(parseIp(ip)!.value) >>> (32 - prefix) << (32 - prefix) >>> 0;
        const text = (n: number) => [24, 16, 8, 0].map((s) => ((base + 1 + n) >>> s) & 255).join('.');
        expect(checkDhcpRange(text(a), text(b), `${ip}/${prefix}`)).toBeUndefined();
        if (a !== b) expect(checkDhcpRange(text(b), text(a), `${ip}/${prefix}`)).toBeDefined();
      }),
    );
  });
});

describe('assertValid', () => {
  it('throws the problem as an invalid-input error', () => {
    expect(() => assertValid(checkInterfaceName('a/b'))).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(() => assertValid(undefined)).not.toThrow();
  });
});

describe('problems in the reader’s language', () => {
  const zh = translator('zh-TW');
  /** Latin words a Chinese sentence keeps: the value itself, and names of standards and systems. */
  const KEPT = /NUL|Linux|MAC|IPv[46]|IP|CIDR|DHCP|fd00::1/g;
  const leftEnglish = (text: string, value: string) => text.split(value).join('').replace(KEPT, '').match(/[A-Za-z]{2,}/g);

  const cases: [string, Message | undefined, string | undefined][] = [
    ['', interfaceNameProblem(''), checkInterfaceName('')],
    ['a'.repeat(16), interfaceNameProblem('a'.repeat(16)), checkInterfaceName('a'.repeat(16))],
    ['..', interfaceNameProblem('..'), checkInterfaceName('..')],
    ['a\0b', interfaceNameProblem('a\0b'), checkInterfaceName('a\0b')],
    ['a/b', interfaceNameProblem('a/b'), checkInterfaceName('a/b')],
    ['a b', interfaceNameProblem('a b'), checkInterfaceName('a b')],
    ['-rf', interfaceNameProblem('-rf'), checkInterfaceName('-rf')],
    ['', libvirtNameProblem(''), checkLibvirtName('')],
    ['n\0', libvirtNameProblem('n\0'), checkLibvirtName('n\0')],
    ['n/1', libvirtNameProblem('n/1'), checkLibvirtName('n/1')],
    ['n\n', libvirtNameProblem('n\n'), checkLibvirtName('n\n')],
    ['-n', libvirtNameProblem('-n'), checkLibvirtName('-n')],
    ['52:54:00', macProblem('52:54:00'), checkMac('52:54:00')],
    ['01:00:5e:00:00:01', macProblem('01:00:5e:00:00:01'), checkMac('01:00:5e:00:00:01')],
    ['fd00::1', ipAddressProblem('fd00::1', 'ipv4'), checkIpAddress('fd00::1', 'ipv4')],
    ['10.0.0.1', ipAddressProblem('10.0.0.1', 'ipv6'), checkIpAddress('10.0.0.1', 'ipv6')],
    ['nope', ipAddressProblem('nope'), checkIpAddress('nope')],
    ['10.0.0.0', subnetProblem('10.0.0.0'), checkSubnet('10.0.0.0')],
    ['10.0.1.5', dhcpRangeProblem('10.0.0.5', '10.0.1.5', '10.0.0.1/24'), checkDhcpRange('10.0.0.5', '10.0.1.5', '10.0.0.1/24')],
    ['10.0.0.0', dhcpRangeProblem('10.0.0.0', '10.0.0.9', '10.0.0.1/24'), checkDhcpRange('10.0.0.0', '10.0.0.9', '10.0.0.1/24')],
    ['10.0.0.255', dhcpRangeProblem('10.0.0.2', '10.0.0.255', '10.0.0.1/24'), checkDhcpRange('10.0.0.2', '10.0.0.255', '10.0.0.1/24')],
    ['10.0.0.9', dhcpRangeProblem('10.0.0.9', '10.0.0.2', '10.0.0.1/24'), checkDhcpRange('10.0.0.9', '10.0.0.2', '10.0.0.1/24')],
  ];

  it('gives every refusal as a message whose English is the check’s own text', () => {
    for (const [value, problem, text] of cases) {
      expect(problem, JSON.stringify(value)).toBeDefined();
      expect(sayEnglish(problem!)).toBe(text);
    }
    const checkKeys = Object.keys(en).filter((key) => /^checks\.(name|mac|ip)\./.test(key));
    expect([...new Set(cases.map(([, problem]) => problem!.key))].sort()).toEqual(checkKeys.sort());
  });

  it('says every refusal in Traditional Chinese, quoting the value as it is', () => {
    for (const [value, problem] of cases) {
      const text = say(zh, problem!);
      expect(text, text).toMatch(/\p{Script=Han}/u);
      expect(leftEnglish(text, value.replace(/[\0\n]/g, '')), text).toBeNull();
    }
    expect(say(zh, interfaceNameProblem('-rf')!)).toBe('介面名稱「-rf」不能以「-」開頭。');
    expect(say(zh, dhcpRangeProblem('10.0.0.9', '10.0.0.2', '10.0.0.1/24')!)).toBe('DHCP 範圍的起點（10.0.0.9）在終點（10.0.0.2）之後。');
  });

  it('throws a message as an error that carries it, in English and as key and arguments', () => {
    const problem = libvirtNameProblem('a/b')!;
    expect(() => assertValid(problem)).toThrow(expect.objectContaining({ code: 'invalid-input', message: 'The name "a/b" cannot contain "/".', says: problem }));
  });
});
