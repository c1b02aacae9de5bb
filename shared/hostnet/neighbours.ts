// Who the host has heard from: the bridges' forwarding databases (`bridge -j -s fdb show`) and
// the neighbour table (`ip -j neigh show`, ARP for IPv4 and NDP for IPv6). Pure parsers of
// iproute2's JSON output; entries that do not look like what they claim are skipped, not thrown.
import { ApiError } from '../errors.ts';
import type { FdbKind } from '../topology/model.ts';

/** One forwarding-database entry; FdbKind (learned, permanent, static, self) in topology/model.ts. */
export interface FdbRecord {
  mac: string;
  /** the port (or the bridge itself) the entry is on */
  dev: string;
  /** the bridge whose table holds it; absent for `self` entries */
  master?: string;
  kind: FdbKind;
  vlan?: number;
  /** seconds since the entry was last refreshed (`-s`), when the kernel says */
  updated?: number;
}

export interface NeighbourRecord {
  ip: string;
  family: 'ipv4' | 'ipv6';
  dev: string;
  mac: string;
  /** REACHABLE, STALE, DELAY, PERMANENT… */
  state: string;
}

type Json = Record<string, unknown>;

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

function list(json: string, command: string): Json[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.trim() === '' ? '[]' : json);
  } catch (err) {
    throw ApiError.said('invalid-input', { key: 'checks.output.notJson', values: { command } }, String(err));
  }
  if (!Array.isArray(parsed)) throw ApiError.said('invalid-input', { key: 'checks.output.notList', values: { command } });
  return parsed.filter((e): e is Json => typeof e === 'object' && e !== null);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** `bridge -j -s fdb show`. */
export function parseFdbJson(json: string): FdbRecord[] {
  const out: FdbRecord[] = [];
  for (const e of list(json, 'bridge -j -s fdb show')) {
    const mac = str(e.mac)?.toLowerCase();
    const dev = str(e.ifname);
    if (!mac || !MAC.test(mac) || !dev) continue;
    const flags = Array.isArray(e.flags) ? e.flags.filter((f): f is string => typeof f === 'string') : [];
    const state = str(e.state) ?? '';
    const master = str(e.master);
    // An entry with `self` and no master is the device's own filter; one with a master is the bridge's.
    const kind: FdbKind = flags.includes('self') && !master ? 'self' : state === 'permanent' ? 'permanent' : state === 'static' ? 'static' : 'learned';
    const record: FdbRecord = { mac, dev, kind };
    if (master) record.master = master;
    const vlan = num(e.vlan);
    if (vlan !== undefined) record.vlan = vlan;
    const updated = num(e.updated);
    if (updated !== undefined) record.updated = updated;
    out.push(record);
  }
  return out;
}

/** `ip -j neigh show`: entries with a link-layer address (not FAILED or INCOMPLETE ones). */
export function parseNeighJson(json: string): NeighbourRecord[] {
  const out: NeighbourRecord[] = [];
  for (const e of list(json, 'ip -j neigh show')) {
    const ip = str(e.dst);
    const mac = str(e.lladdr)?.toLowerCase();
    const dev = str(e.dev);
    if (!ip || !mac || !MAC.test(mac) || !dev) continue;
    const states = Array.isArray(e.state) ? e.state.filter((s): s is string => typeof s === 'string') : [];
    if (states.includes('FAILED') || states.includes('INCOMPLETE')) continue;
    out.push({ ip, family: ip.includes(':') ? 'ipv6' : 'ipv4', dev, mac, state: states.join(' ') || 'UNKNOWN' });
  }
  return out;
}

/** Multicast and broadcast MACs (first octet's lowest bit set): groups a device listens to, nobody's NIC. */
export function isGroupMac(mac: string): boolean {
  return (parseInt(mac.slice(0, 2), 16) & 1) === 1;
}
