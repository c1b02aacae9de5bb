// Reads the host's own view of its interfaces: `ip -j -d link show` and `bridge -j link show`
// (iproute2's JSON output) into typed records.
import { ApiError } from '../errors.ts';

/** What an interface is, for drawing: libvirt and hand-made bridges, TAPs, real NICs. */
export type InterfaceClass = 'bridge' | 'tap' | 'physical' | 'loopback' | 'other';

export interface HostInterface {
  name: string;
  index: number;
  class: InterfaceClass;
  /** `linkinfo.info_kind`: bridge, tun, veth, openvswitch, macvtap, vlan… */
  kind?: string;
  /** for kind tun: tap (layer 2, what VMs use) or tun (layer 3) */
  tunType?: string;
  /** `linkinfo.info_slave_kind`: what the master is (bridge, openvswitch, bond…) */
  portKind?: string;
  /** the bridge (or bond, or ovs-system) this interface is plugged into */
  master?: string;
  mac?: string;
  mtu?: number;
  flags: string[];
  /** kernel operstate: UP, DOWN, UNKNOWN, LOWERLAYERDOWN… (carrier, not admin state) */
  operstate: string;
  /** administratively up (`ip link set … up`), the state a user controls */
  up: boolean;
  linkType?: string;
}

export interface BridgePort {
  name: string;
  index: number;
  master?: string;
  /** STP port state: forwarding, disabled, listening, learning, blocking */
  state?: string;
  mtu?: number;
}

type Json = Record<string, unknown>;

export function parseIpLinkJson(json: string): HostInterface[] {
  return entries(json, 'ip -j -d link show').flatMap((raw) => {
    const name = str(raw.ifname);
    const index = num(raw.ifindex);
    if (name === undefined || index === undefined) return [];
    const linkinfo = obj(raw.linkinfo);
    const kind = str(linkinfo?.info_kind);
    const tunType = kind === 'tun' ? str(obj(linkinfo?.info_data)?.type) : undefined;
    const flags = strings(raw.flags);
    const record: HostInterface = {
      name,
      index,
      class: classify(raw, kind, tunType, flags),
      flags,
      operstate: str(raw.operstate) ?? 'UNKNOWN',
      up: flags.includes('UP'),
    };
    const optional = {
      kind,
      tunType,
      portKind: str(linkinfo?.info_slave_kind),
      master: str(raw.master),
      mac: str(raw.address)?.toLowerCase(),
      mtu: num(raw.mtu),
      linkType: str(raw.link_type),
    };
    for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(record, { [key]: value });
    return [record];
  });
}

/**
 * A TAP is a tun device in tap mode (libvirt's vnetN, virbrN-nic, hand-made ones).
 * A physical NIC has a bus parent (`parentbus`/`parentdev`) or, on kernels and drivers that
 * do not report one, no link kind at all on an Ethernet link — every virtual device the
 * kernel makes (veth, bridge, tun, vlan, macvtap, dummy…) reports its kind with `-d`.
 */
function classify(raw: Json, kind: string | undefined, tunType: string | undefined, flags: string[]): InterfaceClass {
  if (raw.link_type === 'loopback' || flags.includes('LOOPBACK')) return 'loopback';
  if (kind === 'bridge') return 'bridge';
  if (kind === 'tun') return tunType === 'tap' ? 'tap' : 'other';
  if (kind !== undefined) return 'other';
  if (raw.parentbus !== undefined || raw.parentdev !== undefined || raw.link_type === 'ether') return 'physical';
  return 'other';
}

export function parseBridgeLinkJson(json: string): BridgePort[] {
  return entries(json, 'bridge -j link show').flatMap((raw) => {
    const name = str(raw.ifname);
    const index = num(raw.ifindex);
    if (name === undefined || index === undefined) return [];
    const port: BridgePort = { name, index };
    const master = str(raw.master);
    const state = str(raw.state);
    const mtu = num(raw.mtu);
    if (master !== undefined) port.master = master;
    if (state !== undefined) port.state = state;
    if (mtu !== undefined) port.mtu = mtu;
    return [port];
  });
}


/** The objects of a JSON array; an empty output counts as none (old iproute2 prints nothing). */
function entries(json: string, command: string): Json[] {
  if (json.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (err) {
    throw ApiError.said('invalid-input', { key: 'checks.output.notJson', values: { command } }, String(err));
  }
  if (!Array.isArray(parsed)) {
    throw ApiError.said('invalid-input', { key: 'checks.output.notList', values: { command } });
  }
  return parsed.flatMap((item) => (obj(item) ? [item as Json] : []));
}

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
