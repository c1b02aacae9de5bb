// The create/edit forms as plain values: what each field says is wrong while it is typed
// (the shared validators), the NetworkSpec and Intent a filled form makes, and the network XML
// it previews. The same checks run again in the planner; these only make them instant.
import { ApiError } from '../../shared/errors.ts';
import type { Message, MessageKey } from '../../shared/i18n/index.ts';
import { HostView } from '../../shared/plan/host.ts';
import { freeVirbr, networkXml } from '../../shared/plan/index.ts';
import { checkNetworkSpec, specOf } from '../../shared/plan/networkSpec.ts';
import type { NetworkMode, NetworkSpec, SubnetSpec } from '../../shared/plan/types.ts';
import type { DhcpHost, NetworkNode, Topology } from '../../shared/topology/model.ts';
import { dhcpRangeProblem, interfaceNameProblem, ipAddressProblem, libvirtNameProblem, macProblem, parseSubnet, subnetProblem } from '../../shared/validate/names.ts';
import { errorText, t, tell } from '../state/i18n.svelte.ts';

/** A check's problem in the user's language. */
const said = (problem: Message | undefined): string | undefined => (problem === undefined ? undefined : tell(problem));

export function nameProblem(name: string, taken: ReadonlySet<string>): string | undefined {
  return said(interfaceNameProblem(name)) ?? (taken.has(name) ? t('netForm.nameTaken', { name }) : undefined);
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

const MODE_KEYS: Record<NetworkMode, MessageKey> = {
  isolated: 'netForm.mode.isolated',
  nat: 'netForm.mode.nat',
  route: 'netForm.mode.route',
  open: 'netForm.mode.open',
  bridge: 'netForm.mode.bridge',
};

/** A kind of network as the form offers it, in the user's words. */
export const modeLabel = (mode: NetworkMode): string => t(MODE_KEYS[mode]);

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
    const problem = said(macProblem(mac!)) ?? (ip === undefined ? t('netForm.needsIp') : said(ipAddressProblem(ip, 'ipv4')));
    if (problem || words.length > 3) return { hosts, problem: t('netForm.line', { line: i + 1, problem: problem ?? t('netForm.lineFormat') }) };
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
  if (form.name) out.name = said(libvirtNameProblem(form.name));
  if (form.bridge) out.bridge = said(interfaceNameProblem(form.bridge));
  if (form.mode === 'bridge' && !form.bridge) out.bridge = t('netForm.chooseBridge');
  if (form.ipv4) out.ipv4 = said(subnetProblem(form.ipv4)) ?? (parseSubnet(form.ipv4)?.address.family === 'ipv4' ? undefined : t('netForm.notIpv4', { value: form.ipv4 }));
  if (form.ipv6) out.ipv6 = said(subnetProblem(form.ipv6)) ?? (parseSubnet(form.ipv6)?.address.family === 'ipv6' ? undefined : t('netForm.notIpv6', { value: form.ipv6 }));
  if (form.dhcpStart || form.dhcpEnd) {
    out.dhcpStart = form.ipv4 ? said(dhcpRangeProblem(form.dhcpStart, form.dhcpEnd, form.ipv4)) : t('netForm.rangeNeedsSubnet');
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
    return { problem: errorText(ApiError.from(e)) };
  }
}

/** Names of the host's interfaces, for the "already exists" checks. */
export function interfaceNames(topology: Topology, hostId: string): Set<string> {
  return hostView(topology, hostId).interfaceNames();
}
