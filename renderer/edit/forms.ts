// The create/edit forms as plain values: what each field says is wrong while it is typed
// (the shared validators), the NetworkSpec and Intent a filled form makes, and the network XML
// it previews. The same checks run again in the planner; these only make them instant.
import { ApiError } from '../../shared/errors.ts';
import { HostView } from '../../shared/plan/host.ts';
import { freeVirbr, networkXml } from '../../shared/plan/index.ts';
import { checkNetworkSpec, specOf } from '../../shared/plan/networkSpec.ts';
import type { NetworkMode, NetworkSpec, SubnetSpec } from '../../shared/plan/types.ts';
import type { DhcpHost, NetworkNode, Topology } from '../../shared/topology/model.ts';
import { checkDhcpRange, checkInterfaceName, checkIpAddress, checkLibvirtName, checkMac, checkSubnet, parseSubnet } from '../../shared/validate/names.ts';

export function nameProblem(name: string, taken: ReadonlySet<string>): string | undefined {
  return checkInterfaceName(name) ?? (taken.has(name) ? `An interface named “${name}” already exists on this host.` : undefined);
}

export interface NetworkForm {
  mode: NetworkMode;
  name: string;
  /** empty: the first free virbrN (mode bridge: the host bridge to join) */
  bridge: string;
  /** IPv4 subnet as the host's address in CIDR form, e.g. 192.168.150.1/24 */
  ipv4: string;
  dhcpStart: string;
  dhcpEnd: string;
  ipv6: string;
  domain: string;
  /** one static DHCP host a line: MAC IP [name] */
  dhcpHosts: string;
}

export type FormProblems = Partial<Record<keyof NetworkForm, string>>;

export const MODE_LABELS: Record<NetworkMode, string> = {
  isolated: 'Isolated — VMs reach each other and the host only',
  nat: 'NAT — VMs reach outside through the host',
  route: 'Routed — VMs are routed, no NAT',
  open: 'Open — routed, no firewall rules',
  bridge: 'Bridged onto a host bridge',
};

export function emptyNetworkForm(): NetworkForm {
  return { mode: 'isolated', name: '', bridge: '', ipv4: '', dhcpStart: '', dhcpEnd: '', ipv6: '', domain: '', dhcpHosts: '' };
}

/** The form an existing network fills; throws with the reason when the form cannot show it. */
export function networkFormOf(network: NetworkNode): NetworkForm {
  const spec = specOf(network);
  const hosts = spec.ipv4?.dhcpHosts ?? [];
  return {
    mode: spec.mode,
    name: spec.name,
    bridge: spec.bridge ?? '',
    ipv4: spec.ipv4 ? `${spec.ipv4.address}/${spec.ipv4.prefix}` : '',
    dhcpStart: spec.ipv4?.dhcpRange?.start ?? '',
    dhcpEnd: spec.ipv4?.dhcpRange?.end ?? '',
    ipv6: spec.ipv6 ? `${spec.ipv6.address}/${spec.ipv6.prefix}` : '',
    domain: spec.domain ?? '',
    dhcpHosts: hosts.map((h) => [h.mac ?? '', h.ip ?? '', h.name ?? ''].join(' ').trim()).join('\n'),
  };
}

function parseDhcpHosts(text: string): { hosts: DhcpHost[]; problem?: string } {
  const hosts: DhcpHost[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    const words = line.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    const [mac, ip, name] = words;
    const problem = checkMac(mac!) ?? (ip === undefined ? 'needs an IP address after the MAC' : checkIpAddress(ip, 'ipv4'));
    if (problem || words.length > 3) return { hosts, problem: `Line ${i + 1}: ${problem ?? 'write MAC, IP and an optional name'}` };
    hosts.push({ mac: mac!, ip: ip!, ...(name ? { name } : {}) });
  }
  return { hosts };
}

function subnetSpec(cidr: string): SubnetSpec | undefined {
  const subnet = parseSubnet(cidr);
  return subnet ? { address: cidr.slice(0, cidr.indexOf('/')), prefix: subnet.prefix } : undefined;
}

/** Each field's problem, as the user types. */
export function networkFormProblems(form: NetworkForm): FormProblems {
  const out: FormProblems = {};
  if (form.name) out.name = checkLibvirtName(form.name);
  if (form.bridge) out.bridge = checkInterfaceName(form.bridge);
  if (form.mode === 'bridge' && !form.bridge) out.bridge = 'Choose the host bridge this network joins.';
  if (form.ipv4) out.ipv4 = checkSubnet(form.ipv4) ?? (parseSubnet(form.ipv4)?.address.family === 'ipv4' ? undefined : `“${form.ipv4}” is not an IPv4 subnet.`);
  if (form.ipv6) out.ipv6 = checkSubnet(form.ipv6) ?? (parseSubnet(form.ipv6)?.address.family === 'ipv6' ? undefined : `“${form.ipv6}” is not an IPv6 subnet.`);
  if (form.dhcpStart || form.dhcpEnd) {
    out.dhcpStart = form.ipv4 ? checkDhcpRange(form.dhcpStart, form.dhcpEnd, form.ipv4) : 'A DHCP range needs an IPv4 subnet.';
  }
  if (form.dhcpHosts.trim()) out.dhcpHosts = parseDhcpHosts(form.dhcpHosts).problem;
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

export function networkSpecOf(form: NetworkForm): NetworkSpec {
  const spec: NetworkSpec = { name: form.name.trim(), mode: form.mode };
  if (form.bridge.trim()) spec.bridge = form.bridge.trim();
  const ipv4 = subnetSpec(form.ipv4.trim());
  if (ipv4) {
    if (form.dhcpStart && form.dhcpEnd) ipv4.dhcpRange = { start: form.dhcpStart.trim(), end: form.dhcpEnd.trim() };
    const { hosts } = parseDhcpHosts(form.dhcpHosts);
    if (hosts.length) ipv4.dhcpHosts = hosts;
    spec.ipv4 = ipv4;
  }
  const ipv6 = subnetSpec(form.ipv6.trim());
  if (ipv6) spec.ipv6 = ipv6;
  if (form.domain.trim()) spec.domain = form.domain.trim();
  return spec;
}

function hostView(topology: Topology, hostId: string): HostView {
  return new HostView(topology, { hostId, uri: '', isRoot: true, useSudo: false, protectedInterfaces: [] });
}

/**
 * The XML the planner would define for this form on this host (the free virbrN filled in), or
 * the reason it would refuse the form, e.g. a subnet overlapping another network.
 */
export function previewNetwork(topology: Topology, hostId: string, spec: NetworkSpec, self?: NetworkNode): { xml: string } | { problem: string } {
  const view = hostView(topology, hostId);
  try {
    const checked = checkNetworkSpec(view, spec, self);
    return { xml: networkXml({ ...checked, bridge: checked.bridge || freeVirbr(view) }, self?.uuid) };
  } catch (e) {
    return { problem: ApiError.from(e).message };
  }
}

/** Names of the host's interfaces, for the "already exists" checks. */
export function interfaceNames(topology: Topology, hostId: string): Set<string> {
  return hostView(topology, hostId).interfaceNames();
}
