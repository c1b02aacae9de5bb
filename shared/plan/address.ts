// Subnet arithmetic the planner needs beyond checking an address's shape: whether an address
// lies inside a subnet and whether two subnets overlap. Addresses are bigints (parsed by the
// shared validators) so IPv4 and IPv6 share one code path.
import { parseIp, type IpFamily } from '../validate/names.ts';

export type Family = IpFamily;

const BITS: Record<Family, number> = { ipv4: 32, ipv6: 128 };

/** The address as a number, or undefined when it is not an address of that family. */
export function parseAddress(family: Family, text: string): bigint | undefined {
  const ip = parseIp(text);
  return ip?.family === family ? ip.value : undefined;
}

export interface Subnet {
  family: Family;
  /** first address of the subnet */
  base: bigint;
  prefix: number;
}

export function subnetOf(family: Family, address: bigint, prefix: number): Subnet {
  const hostBits = BigInt(BITS[family] - prefix);
  return { family, base: (address >> hostBits) << hostBits, prefix };
}

export function lastAddress(subnet: Subnet): bigint {
  return subnet.base + (1n << BigInt(BITS[subnet.family] - subnet.prefix)) - 1n;
}

export function contains(subnet: Subnet, address: bigint): boolean {
  return address >= subnet.base && address <= lastAddress(subnet);
}

export function overlaps(a: Subnet, b: Subnet): boolean {
  return a.family === b.family && a.base <= lastAddress(b) && b.base <= lastAddress(a);
}

export function maxPrefix(family: Family): number {
  return BITS[family];
}

/** `192.168.122.0/24`, for messages. */
export function formatSubnet(subnet: Subnet): string {
  if (subnet.family === 'ipv4') {
    const bytes = [24n, 16n, 8n, 0n].map((shift) => String((subnet.base >> shift) & 0xffn));
    return `${bytes.join('.')}/${subnet.prefix}`;
  }
  const groups = [...Array(8).keys()].map((i) => ((subnet.base >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  return `${groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::')}/${subnet.prefix}`;
}
