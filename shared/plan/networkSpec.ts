// Checks a network form (or a hand-edited XML read back into one) against the host: names,
// bridge, subnets, and overlap with the host's other networks.
import { parseNetworkXml } from '../libvirt/network.ts';
import type { IpConfig, NetworkNode } from '../topology/model.ts';
import { formatSubnet, overlaps, parseAddress, subnetOf, type Family, type Subnet } from './address.ts';
import { checkDomain, checkInterfaceName, checkLibvirtName, checkSubnet } from './check.ts';
import type { HostView } from './host.ts';
import { refusal } from './say.ts';
import { NETWORK_MODES, type NetworkMode, type NetworkSpec, type SubnetSpec } from './types.ts';

function subnetOfIp(ip: IpConfig): Subnet | undefined {
  const address = parseAddress(ip.family, ip.address);
  return address === undefined ? undefined : subnetOf(ip.family, address, ip.prefix);
}

function checkNoOverlap(view: HostView, subnet: Subnet, self: NetworkNode | undefined): void {
  for (const other of view.networks()) {
    if (other === self) continue;
    for (const ip of other.ips) {
      const theirs = subnetOfIp(ip);
      if (theirs && overlaps(subnet, theirs)) {
        throw refusal('plan.network.overlaps', { subnet: formatSubnet(subnet), network: other.name, theirs: formatSubnet(theirs) });
      }
    }
  }
}

/** The first free virbrN: what libvirt itself would pick, shown in the preview before it runs. */
export function freeVirbr(view: HostView): string {
  const used = view.interfaceNames();
  let n = 0;
  while (used.has(`virbr${n}`)) n++;
  return `virbr${n}`;
}

function checkBridge(view: HostView, spec: NetworkSpec, self: NetworkNode | undefined): string {
  if (spec.mode === 'bridge') {
    if (!spec.bridge) throw refusal('plan.network.needsBridge');
    const bridge = view.bridge(spec.bridge);
    if (bridge.managedBy && bridge.managedBy !== self?.name) {
      throw refusal('plan.network.bridgeManaged', { bridge: bridge.name, network: bridge.managedBy });
    }
    return bridge.name;
  }
  if (!spec.bridge) return self?.bridge ?? freeVirbr(view);
  const name = checkInterfaceName('bridge', spec.bridge);
  if (name !== self?.bridge && view.interfaceNames().has(name)) throw refusal('plan.interfaceExists', { name });
  return name;
}

/**
 * Checks `spec` for a new network (`self` undefined) or an edit of `self`, and returns it
 * with the bridge resolved and empty fields dropped. Throws ApiError('invalid-input').
 */
export function checkNetworkSpec(view: HostView, spec: NetworkSpec, self?: NetworkNode): NetworkSpec {
  checkLibvirtName('network', spec.name);
  if (!(NETWORK_MODES as readonly string[]).includes(spec.mode)) throw refusal('plan.network.badMode', { mode: String(spec.mode) });
  if (!self && view.findNetwork(spec.name)) throw refusal('plan.network.exists', { name: spec.name });
  const out: NetworkSpec = { name: spec.name, mode: spec.mode, bridge: checkBridge(view, spec, self) };
  if (spec.mode === 'bridge' && (spec.ipv4 || spec.ipv6 || spec.domain || spec.forwardDev)) {
    throw refusal('plan.network.bridgedNoAddresses');
  }
  if (spec.forwardDev) {
    if (spec.mode !== 'nat' && spec.mode !== 'route') throw refusal('plan.network.forwardOnlyNatRoute');
    out.forwardDev = checkInterfaceName('forward device', spec.forwardDev);
    if (!view.findDevice(out.forwardDev)) throw refusal('plan.host.noInterface', { name: out.forwardDev });
  }
  if (spec.mode === 'nat' && !spec.ipv4) throw refusal('plan.network.natNeedsIpv4');
  if (spec.mode === 'route' && !spec.ipv4 && !spec.ipv6) throw refusal('plan.network.routeNeedsSubnet');
  if (spec.domain) out.domain = checkDomain(spec.domain);
  const families: [Family, SubnetSpec | undefined][] = [['ipv4', spec.ipv4], ['ipv6', spec.ipv6]];
  for (const [family, subnet] of families) {
    if (!subnet) continue;
    checkNoOverlap(view, checkSubnet(family, subnet), self);
    out[family] = subnet;
  }
  return out;
}

function subnetSpec(ip: IpConfig): SubnetSpec {
  const out: SubnetSpec = { address: ip.address, prefix: ip.prefix };
  if (ip.dhcpRanges[0]) out.dhcpRange = { ...ip.dhcpRanges[0] };
  if (ip.dhcpHosts.length > 0) out.dhcpHosts = ip.dhcpHosts.map((h) => ({ ...h }));
  return out;
}

interface NetworkFacts {
  name: string;
  forward: string;
  bridge?: string;
  forwardDev?: string;
  domain?: string;
  ips: IpConfig[];
}

/**
 * The form a network (from the topology, or read from hand-edited XML) corresponds to.
 * Throws when it has parts the form cannot express, because planning from a lossy copy
 * would silently drop them.
 */
export function specOf(network: NetworkFacts): NetworkSpec {
  if (!(NETWORK_MODES as readonly string[]).includes(network.forward)) {
    throw refusal('plan.network.uneditableMode', { network: network.name, mode: network.forward });
  }
  const spec: NetworkSpec = { name: network.name, mode: network.forward as NetworkMode };
  if (network.bridge) spec.bridge = network.bridge;
  if (network.forwardDev) spec.forwardDev = network.forwardDev;
  if (network.domain) spec.domain = network.domain;
  for (const family of ['ipv4', 'ipv6'] as const) {
    const ips = network.ips.filter((ip) => ip.family === family);
    if (ips.length > 1 || (ips[0]?.dhcpRanges.length ?? 0) > 1) {
      throw refusal('plan.network.several', { network: network.name, family });
    }
    if (ips[0]) spec[family] = subnetSpec(ips[0]);
  }
  return spec;
}

/** Reads hand-edited XML back into a form so it passes the same checks as the form. */
export function specOfXml(xml: string): { spec: NetworkSpec; uuid?: string } {
  const record = parseNetworkXml(xml);
  return { spec: specOf(record), ...(record.uuid ? { uuid: record.uuid } : {}) };
}
