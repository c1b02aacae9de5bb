// Checks for every name and address VirtWire puts into a command or an XML document.
// Each check returns the problem in the user's words, or undefined when the value is fine,
// so a form can show the message next to the field and a planner can refuse the step.
import { ApiError } from '../errors.ts';

const utf8 = new TextEncoder();

/**
 * A Linux interface name as the kernel's dev_valid_name() accepts it: 1–15 bytes, not
 * `.` or `..`, no `/`, `:` (alias syntax) or whitespace. A leading `-` and NUL are refused
 * too: they would read as an option or end the argument on the host's command line.
 */
export function checkInterfaceName(name: string): string | undefined {
  if (name.length === 0) return 'An interface name cannot be empty.';
  const bytes = utf8.encode(name).length;
  if (bytes > 15) return `The interface name "${name}" is ${bytes} bytes long; Linux allows at most 15.`;
  if (name === '.' || name === '..') return `"${name}" cannot be an interface name.`;
  if (name.includes('\0')) return 'An interface name cannot contain a NUL character.';
  if (/[/:]/.test(name)) return `The interface name "${name}" cannot contain "/" or ":".`;
  if (/\s/.test(name)) return `The interface name "${name}" cannot contain spaces or other whitespace.`;
  if (name.startsWith('-')) return `The interface name "${name}" cannot start with "-".`;
  return undefined;
}

/** A libvirt network or VM name: libvirt refuses `/` and newlines; `-` and NUL as above. */
export function checkLibvirtName(name: string): string | undefined {
  if (name.length === 0) return 'A name cannot be empty.';
  if (name.includes('\0')) return 'A name cannot contain a NUL character.';
  if (name.includes('/')) return `The name "${name}" cannot contain "/".`;
  if (/[\n\r]/.test(name)) return 'A name cannot contain a line break.';
  if (name.startsWith('-')) return `The name "${name}" cannot start with "-".`;
  return undefined;
}

/**
 * A NIC's MAC address: six colon-separated hex pairs, and unicast (the lowest bit of the
 * first byte clear), since libvirt and the kernel refuse a multicast MAC on an interface.
 */
export function checkMac(mac: string): string | undefined {
  if (!/^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/i.test(mac)) {
    return `"${mac}" is not a MAC address (six hex pairs separated by colons, e.g. 52:54:00:12:34:56).`;
  }
  if (Number.parseInt(mac.slice(0, 2), 16) & 1) return `"${mac}" is a multicast address; a NIC needs a unicast MAC.`;
  return undefined;
}

export type IpFamily = 'ipv4' | 'ipv6';

export interface IpAddress {
  family: IpFamily;
  value: bigint;
}

const BITS: Record<IpFamily, number> = { ipv4: 32, ipv6: 128 };

/** Dotted quad; octets with leading zeros are refused, since some tools read them as octal. */
function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^(?:0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

/** RFC 4291 text form: eight groups, one `::` at most, an optional dotted-quad tail. No zone id. */
function parseIPv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const all = [...head, ...tail];
  const last = all[all.length - 1];
  let v4Tail: bigint | undefined;
  if (last?.includes('.')) {
    if (!text.endsWith(last)) return undefined;
    v4Tail = parseIPv4(last);
    if (v4Tail === undefined) return undefined;
    (tail.length ? tail : head).pop();
  }
  for (const g of [...head, ...tail]) if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
  const needed = v4Tail === undefined ? 8 : 6;
  const present = head.length + tail.length;
  if (halves.length === 1 ? present !== needed : present > needed - 1) return undefined;
  const words = [...head, ...new Array<string>(needed - present).fill('0'), ...tail].map((g) => Number.parseInt(g, 16));
  let value = words.reduce((acc, w) => (acc << 16n) | BigInt(w), 0n);
  if (v4Tail !== undefined) value = (value << 32n) | v4Tail;
  return value;
}

export function parseIp(text: string): IpAddress | undefined {
  const v4 = parseIPv4(text);
  if (v4 !== undefined) return { family: 'ipv4', value: v4 };
  const v6 = text.includes(':') ? parseIPv6(text) : undefined;
  return v6 === undefined ? undefined : { family: 'ipv6', value: v6 };
}

export function checkIpAddress(text: string, family?: IpFamily): string | undefined {
  const ip = parseIp(text);
  if (!ip || (family && ip.family !== family)) {
    const what = family === 'ipv4' ? 'an IPv4 address' : family === 'ipv6' ? 'an IPv6 address' : 'an IP address';
    return `"${text}" is not ${what}.`;
  }
  return undefined;
}

export interface Subnet {
  address: IpAddress;
  prefix: number;
}

export function parseSubnet(cidr: string): Subnet | undefined {
  const match = /^([^/]+)\/(0|[1-9]\d{0,2})$/.exec(cidr);
  const address = match ? parseIp(match[1]!) : undefined;
  const prefix = Number(match?.[2]);
  if (!address || prefix > BITS[address.family]) return undefined;
  return { address, prefix };
}

/** A subnet in CIDR form, e.g. 192.168.122.1/24 (host bits may be set: it is the gateway's address). */
export function checkSubnet(cidr: string): string | undefined {
  if (parseSubnet(cidr)) return undefined;
  return `"${cidr}" is not a subnet in CIDR form (e.g. 192.168.122.1/24 or fd00::1/64).`;
}

/**
 * A DHCP range: both ends addresses of the subnet's family, inside it, start not after end,
 * and for IPv4 neither the subnet's network nor its broadcast address.
 */
export function checkDhcpRange(start: string, end: string, cidr: string): string | undefined {
  const subnet = parseSubnet(cidr);
  if (!subnet) return checkSubnet(cidr);
  const family = subnet.address.family;
  const problem = checkIpAddress(start, family) ?? checkIpAddress(end, family);
  if (problem) return problem;
  const first = parseIp(start)!.value;
  const last = parseIp(end)!.value;
  const hostBits = BigInt(BITS[family] - subnet.prefix);
  const network = (subnet.address.value >> hostBits) << hostBits;
  const broadcast = network + (1n << hostBits) - 1n;
  for (const [text, value] of [[start, first], [end, last]] as const) {
    if (value < network || value > broadcast) return `${text} is outside the subnet ${cidr}.`;
    if (family === 'ipv4' && subnet.prefix < 31 && (value === network || value === broadcast)) {
      return `${text} is the ${value === network ? 'network' : 'broadcast'} address of ${cidr}.`;
    }
  }
  if (first > last) return `The DHCP range starts (${start}) after it ends (${end}).`;
  return undefined;
}

/** Turns a check's problem into the invalid-input error that crosses IPC. */
export function assertValid(problem: string | undefined): void {
  if (problem !== undefined) throw new ApiError('invalid-input', problem);
}
