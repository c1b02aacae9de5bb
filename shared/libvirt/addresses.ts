// What libvirt knows about guests' addresses: `virsh net-dhcp-leases NET` (the network's
// dnsmasq leases) and `virsh domifaddr DOMAIN --source lease|agent --full`. virsh prints both
// as text tables only, so they are read column by column; a line that does not fit is skipped.
// Reference: virsh(1) net-dhcp-leases, domifaddr.

export interface LeaseRecord {
  /** "2026-12-01 12:01:18", the host's local time as virsh prints it */
  expiry?: string;
  mac: string;
  family: 'ipv4' | 'ipv6';
  ip: string;
  prefix?: number;
  hostname?: string;
  clientId?: string;
}

export interface IfAddrRecord {
  /** the host-side device (lease source) or the guest's own interface name (agent) */
  name?: string;
  mac: string;
  family: 'ipv4' | 'ipv6';
  ip: string;
  prefix?: number;
}

const MAC = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/;
const dash = (v: string | undefined): string | undefined => (v === undefined || v === '-' || v === '' ? undefined : v);

function address(text: string): { ip: string; prefix?: number } | undefined {
  const [ip, prefix] = text.split('/');
  if (!ip || !/^[0-9a-fA-F.:]+$/.test(ip)) return undefined;
  const n = prefix === undefined ? undefined : Number(prefix);
  return n !== undefined && Number.isInteger(n) && n >= 0 && n <= 128 ? { ip, prefix: n } : { ip };
}

const family = (p: string | undefined): 'ipv4' | 'ipv6' | undefined => (p === 'ipv4' || p === 'ipv6' ? p : undefined);

/** The rows of a virsh table: the lines after the dashed rule, split on runs of spaces. */
function rows(text: string): string[][] {
  const lines = text.split('\n');
  const rule = lines.findIndex((l) => /^-{10,}\s*$/.test(l.trim()));
  return (rule < 0 ? [] : lines.slice(rule + 1)).map((l) => l.trim()).filter(Boolean).map((l) => l.split(/\s+/));
}

/** `virsh net-dhcp-leases NET`: Expiry Time (date and time), MAC, Protocol, IP/prefix, Hostname, Client ID. */
export function parseDhcpLeases(text: string): LeaseRecord[] {
  const out: LeaseRecord[] = [];
  for (const cols of rows(text)) {
    // The expiry is two words ("2026-12-01 12:01:18"); find the MAC rather than count on it.
    const at = cols.findIndex((c) => MAC.test(c));
    const fam = family(cols[at + 1]);
    const addr = address(cols[at + 2] ?? '');
    if (at < 0 || !fam || !addr) continue;
    const lease: LeaseRecord = { mac: cols[at]!.toLowerCase(), family: fam, ...addr };
    const expiry = cols.slice(0, at).join(' ');
    if (expiry) lease.expiry = expiry;
    const hostname = dash(cols[at + 3]);
    if (hostname) lease.hostname = hostname;
    const clientId = dash(cols[at + 4]);
    if (clientId) lease.clientId = clientId;
    out.push(lease);
  }
  return out;
}

/** `virsh domifaddr DOMAIN --full`: Name, MAC address, Protocol, Address/prefix. */
export function parseDomIfAddr(text: string): IfAddrRecord[] {
  const out: IfAddrRecord[] = [];
  let last: { name?: string; mac: string } | undefined;
  for (const cols of rows(text)) {
    if (cols.length < 4) continue;
    const [name, mac, proto, addr] = cols as [string, string, string, string];
    // Without --full virsh leaves the name and MAC of an interface's further addresses as "-".
    const owner = MAC.test(mac) ? { name: dash(name), mac: mac.toLowerCase() } : mac === '-' ? last : undefined;
    const fam = family(proto);
    const parsed = address(addr);
    if (!owner || !fam || !parsed) continue;
    last = owner;
    out.push({ ...(owner.name ? { name: owner.name } : {}), mac: owner.mac, family: fam, ...parsed });
  }
  return out;
}
