// Checks for every name and address VirtWire puts into a command or an XML document.
// Each check returns the problem as a catalogue message (…Problem), or undefined when the value
// is fine, so a form can show it next to the field in the user's language and a planner can
// refuse the step; the check… functions give the same problem in English.
import { ApiError } from '../errors.ts';
import { type Message, sayEnglish } from '../i18n/index.ts';

const utf8 = new TextEncoder();

const english = (problem: Message | undefined): string | undefined => (problem === undefined ? undefined : sayEnglish(problem));

/**
 * A Linux interface name as the kernel's dev_valid_name() accepts it: 1–15 bytes, not
 * `.` or `..`, no `/`, `:` (alias syntax) or whitespace. A leading `-` and NUL are refused
 * too: they would read as an option or end the argument on the host's command line.
 */
export function interfaceNameProblem(name: string): Message | undefined {
  if (name.length === 0) return { key: 'checks.name.interfaceEmpty' };
  const bytes = utf8.encode(name).length;
  if (bytes > 15) return { key: 'checks.name.interfaceTooLong', values: { name, bytes: String(bytes) } };
  if (name === '.' || name === '..') return { key: 'checks.name.interfaceDots', values: { name } };
  if (name.includes('\0')) return { key: 'checks.name.interfaceNul' };
  if (/[/:]/.test(name)) return { key: 'checks.name.interfaceSlash', values: { name } };
  if (/\s/.test(name)) return { key: 'checks.name.interfaceSpace', values: { name } };
  if (name.startsWith('-')) return { key: 'checks.name.interfaceDash', values: { name } };
  return undefined;
}

export const checkInterfaceName = (name: string): string | undefined => english(interfaceNameProblem(name));

/** A libvirt network or VM name: libvirt refuses `/` and newlines; `-` and NUL as above. */
export function libvirtNameProblem(name: string): Message | undefined {
  if (name.length === 0) return { key: 'checks.name.empty' };
  if (name.includes('\0')) return { key: 'checks.name.nul' };
  if (name.includes('/')) return { key: 'checks.name.slash', values: { name } };
  if (/[\n\r]/.test(name)) return { key: 'checks.name.lineBreak' };
  if (name.startsWith('-')) return { key: 'checks.name.dash', values: { name } };
  return undefined;
}

export const checkLibvirtName = (name: string): string | undefined => english(libvirtNameProblem(name));

/**
 * A NIC's MAC address: six colon-separated hex pairs, and unicast (the lowest bit of the
 * first byte clear), since libvirt and the kernel refuse a multicast MAC on an interface.
 */
export function macProblem(mac: string): Message | undefined {
  if (!/^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/i.test(mac)) return { key: 'checks.mac.format', values: { mac } };
  if (Number.parseInt(mac.slice(0, 2), 16) & 1) return { key: 'checks.mac.multicast', values: { mac } };
  return undefined;
}

export const checkMac = (mac: string): string | undefined => english(macProblem(mac));

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

export function ipAddressProblem(text: string, family?: IpFamily): Message | undefined {
  const ip = parseIp(text);
  if (!ip || (family && ip.family !== family)) {
    return { key: family === 'ipv4' ? 'checks.ip.notIpv4' : family === 'ipv6' ? 'checks.ip.notIpv6' : 'checks.ip.notIp', values: { text } };
  }
  return undefined;
}

export const checkIpAddress = (text: string, family?: IpFamily): string | undefined => english(ipAddressProblem(text, family));

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
export function subnetProblem(cidr: string): Message | undefined {
  return parseSubnet(cidr) ? undefined : { key: 'checks.ip.notSubnet', values: { cidr } };
}

export const checkSubnet = (cidr: string): string | undefined => english(subnetProblem(cidr));

/**
 * A DHCP range: both ends addresses of the subnet's family, inside it, start not after end,
 * and for IPv4 neither the subnet's network nor its broadcast address.
 */
export function dhcpRangeProblem(start: string, end: string, cidr: string): Message | undefined {
  const subnet = parseSubnet(cidr);
  if (!subnet) return subnetProblem(cidr);
  const family = subnet.address.family;
  const problem = ipAddressProblem(start, family) ?? ipAddressProblem(end, family);
  if (problem) return problem;
  const first = parseIp(start)!.value;
  const last = parseIp(end)!.value;
  const hostBits = BigInt(BITS[family] - subnet.prefix);
  const network = (subnet.address.value >> hostBits) << hostBits;
  const broadcast = network + (1n << hostBits) - 1n;
  for (const [text, value] of [[start, first], [end, last]] as const) {
    if (value < network || value > broadcast) return { key: 'checks.ip.outsideSubnet', values: { address: text, cidr } };
    if (family === 'ipv4' && subnet.prefix < 31 && (value === network || value === broadcast)) {
      return { key: value === network ? 'checks.ip.networkAddress' : 'checks.ip.broadcastAddress', values: { address: text, cidr } };
    }
  }
  if (first > last) return { key: 'checks.ip.rangeBackwards', values: { start, end } };
  return undefined;
}

export const checkDhcpRange = (start: string, end: string, cidr: string): string | undefined => english(dhcpRangeProblem(start, end, cidr));

/** Turns a check's problem into the invalid-input error that crosses IPC (a message: said in each reader's language). */
export function assertValid(problem: Message | string | undefined): void {
  if (problem === undefined) return;
  throw typeof problem === 'string' ? new ApiError('invalid-input', problem) : ApiError.said('invalid-input', problem);
}
