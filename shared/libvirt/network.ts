// Reads a libvirt network definition (`virsh net-dumpxml`) into the facts VirtWire draws.
// Reference: https://libvirt.org/formatnetwork.html
import { ApiError } from '../errors.ts';
import { FORWARD_MODES, type DhcpHost, type DhcpRange, type ForwardMode, type IpConfig } from '../topology/model.ts';
import { attr, child, children, parseXml, rootElement, text, type XmlValue } from './xml.ts';

export interface PortGroup {
  name: string;
  isDefault: boolean;
}

export interface DnsHost {
  ip: string;
  hostnames: string[];
}

export interface NetworkRecord {
  name: string;
  uuid?: string;
  forward: ForwardMode;
  /** `<forward dev=…>`: the host interface NAT/routed traffic leaves by */
  forwardDev?: string;
  /** `<forward><interface dev=…>`: the pool of host interfaces (bridge/private/vepa/passthrough) */
  forwardInterfaces: string[];
  /** `<forward><pf dev=…>`: SR-IOV physical functions whose VFs are handed out */
  forwardPfs: string[];
  bridge?: string;
  stp?: boolean;
  delay?: number;
  mac?: string;
  domain?: string;
  mtu?: number;
  ips: IpConfig[];
  /** `<virtualport type=…>`; `openvswitch` means the bridge is an OVS bridge */
  virtualport?: string;
  portgroups: PortGroup[];
  dnsHosts: DnsHost[];
}

const REPEATABLE = [
  'network.ip',
  'network.ip.dhcp.range',
  'network.ip.dhcp.host',
  'network.forward.interface',
  'network.forward.pf',
  'network.portgroup',
  'network.dns.host',
  'network.dns.host.hostname',
];

export function parseNetworkXml(xml: string): NetworkRecord {
  const root = rootElement(parseXml(xml, REPEATABLE), 'network');
  const name = text(child(root, 'name'))?.trim();
  if (!name) throw ApiError.said('invalid-input', { key: 'checks.xml.networkNoName', values: { element: '<name>' } });
  const forward = child(root, 'forward');
  const bridge = child(root, 'bridge');
  const record: NetworkRecord = {
    name,
    forward: forwardMode(forward),
    forwardInterfaces: devs(forward, 'interface'),
    forwardPfs: devs(forward, 'pf'),
    ips: children(root, 'ip').map(ipConfig),
    portgroups: children(root, 'portgroup').flatMap(portGroup),
    dnsHosts: children(child(root, 'dns'), 'host').flatMap(dnsHost),
  };
  setIfDefined(record, 'uuid', text(child(root, 'uuid'))?.trim());
  setIfDefined(record, 'forwardDev', attr(forward, 'dev'));
  setIfDefined(record, 'bridge', attr(bridge, 'name'));
  setIfDefined(record, 'stp', onOff(attr(bridge, 'stp')));
  setIfDefined(record, 'delay', toInt(attr(bridge, 'delay')));
  setIfDefined(record, 'mac', attr(child(root, 'mac'), 'address'));
  setIfDefined(record, 'domain', attr(child(root, 'domain'), 'name'));
  setIfDefined(record, 'mtu', toInt(attr(child(root, 'mtu'), 'size')));
  setIfDefined(record, 'virtualport', attr(child(root, 'virtualport'), 'type'));
  return record;
}

/** Leaves optional fields absent rather than `undefined`, so records compare and serialise cleanly. */
function setIfDefined<T, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function forwardMode(forward: XmlValue | undefined): ForwardMode {
  if (forward === undefined) return 'isolated';
  // `<forward/>` with no mode is NAT: libvirt writes it back as mode='nat'.
  const mode = attr(forward, 'mode') ?? 'nat';
  if (!(FORWARD_MODES as readonly string[]).includes(mode) || mode === 'isolated') {
    throw ApiError.said('invalid-input', { key: 'checks.xml.unknownForwardMode', values: { mode } });
  }
  return mode as ForwardMode;
}

function devs(forward: XmlValue | undefined, tag: string): string[] {
  return children(forward, tag).flatMap((el) => attr(el, 'dev') ?? []);
}

function ipConfig(ip: XmlValue): IpConfig {
  const address = attr(ip, 'address') ?? '';
  const family = attr(ip, 'family') === 'ipv6' || address.includes(':') ? 'ipv6' : 'ipv4';
  const dhcp = child(ip, 'dhcp');
  return {
    family,
    address,
    prefix: ipPrefix(family, address, attr(ip, 'prefix'), attr(ip, 'netmask')),
    dhcpRanges: children(dhcp, 'range').flatMap(dhcpRange),
    dhcpHosts: children(dhcp, 'host').map(dhcpHost),
  };
}

/**
 * An `<ip>`'s prefix length: from `prefix`, else from `netmask`, else libvirt's own default
 * (classful for IPv4 — 10/8, 172.16/16, 192.168/24 — and /64 for IPv6).
 */
function ipPrefix(family: 'ipv4' | 'ipv6', address: string, prefix?: string, netmask?: string): number {
  const explicit = toInt(prefix);
  if (explicit !== undefined) return explicit;
  if (netmask !== undefined) return netmaskPrefix(netmask);
  if (family === 'ipv6') return 64;
  const first = Number(address.split('.')[0]);
  if (first < 128) return 8;
  if (first < 192) return 16;
  return 24;
}

function netmaskPrefix(netmask: string): number {
  const octets = netmask.split('.').map(Number);
  const valid = octets.length === 4 && octets.every((o) => Number.isInteger(o) && o >= 0 && o <= 255);
  const bits = valid ? octets.map((o) => o.toString(2).padStart(8, '0')).join('') : '';
  if (!/^1*0*$/.test(bits) || !bits) {
    throw ApiError.said('invalid-input', { key: 'checks.xml.badNetmask', values: { netmask } });
  }
  return bits.indexOf('0') === -1 ? 32 : bits.indexOf('0');
}

function dhcpRange(range: XmlValue): DhcpRange[] {
  const start = attr(range, 'start');
  const end = attr(range, 'end');
  return start !== undefined && end !== undefined ? [{ start, end }] : [];
}

function dhcpHost(host: XmlValue): DhcpHost {
  const out: DhcpHost = {};
  setIfDefined(out, 'mac', attr(host, 'mac'));
  setIfDefined(out, 'id', attr(host, 'id'));
  setIfDefined(out, 'name', attr(host, 'name'));
  setIfDefined(out, 'ip', attr(host, 'ip'));
  return out;
}

function portGroup(group: XmlValue): PortGroup[] {
  const name = attr(group, 'name');
  return name === undefined ? [] : [{ name, isDefault: attr(group, 'default') === 'yes' }];
}

function dnsHost(host: XmlValue): DnsHost[] {
  const ip = attr(host, 'ip');
  if (ip === undefined) return [];
  return [{ ip, hostnames: children(host, 'hostname').flatMap((h) => text(h)?.trim() ?? []) }];
}

function onOff(value: string | undefined): boolean | undefined {
  return value === undefined ? undefined : value === 'on' || value === 'yes';
}

function toInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number.parseInt(value, 10);
}
