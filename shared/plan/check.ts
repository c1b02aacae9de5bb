// Input checks that run before any plan exists. Each throws ApiError('invalid-input') with a
// message naming the field and the problem, in the user's words. Name, MAC and address shapes
// come from the shared validators; what only a planner knows (subnets, DHCP hosts, NIC models)
// is checked here.
import type { DhcpHost } from '../topology/model.ts';
import * as names from '../validate/names.ts';
import { contains, formatSubnet, maxPrefix, parseAddress, subnetOf, type Family, type Subnet } from './address.ts';
import { msg, refusal, type Message } from './say.ts';
import type { Intent, NetworkSpec, NicTarget, SubnetSpec } from './types.ts';

/** Shows a hostile value without letting it break the message (newlines, control characters). */
function shown(value: string): string {
  return JSON.stringify(value);
}

/** What a name is of, as the planner asks for it: a VM's, a network's, a bridge's… */
export type NameOf = 'VM' | 'network' | 'bridge' | 'device' | 'forward device' | 'interface' | 'TAP';

const NAME_FIELDS: Record<NameOf, Message['key']> = {
  VM: 'plan.field.vmName',
  network: 'plan.field.networkName',
  bridge: 'plan.field.bridgeName',
  device: 'plan.field.deviceName',
  'forward device': 'plan.field.forwardDeviceName',
  interface: 'plan.field.interfaceName',
  TAP: 'plan.field.tapName',
};

/** A field's problem as the shared validators say it. */
function check(field: Message, problem: Message | undefined): void {
  if (problem !== undefined) throw refusal('plan.check.bad', { field, problem });
}

/**
 * libvirt object names (VMs, networks). Leading or trailing whitespace is refused too:
 * VirtWire reads names from XML trimmed, so such a network could never be found again.
 */
export function checkLibvirtName(what: NameOf, name: string): string {
  const field = msg(NAME_FIELDS[what]);
  check(field, names.libvirtNameProblem(name));
  if (name.trim() !== name) throw refusal('plan.check.whitespace', { field, name: shown(name) });
  return name;
}

/** Linux interface names (bridges, TAPs, NICs). */
export function checkInterfaceName(what: NameOf, name: string): string {
  check(msg(NAME_FIELDS[what]), names.interfaceNameProblem(name));
  return name;
}

/** Returned lower-cased because NICs are matched by MAC and libvirt keeps whatever case it was given. */
export function checkMac(mac: string): string {
  check(msg('plan.field.mac'), names.macProblem(mac));
  return mac.toLowerCase();
}

/** NIC models are short words (virtio, e1000e, rtl8139); anything else is not a model. */
export function checkModel(model: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/.test(model)) throw refusal('plan.check.model', { model: shown(model) });
  return model;
}

/** DNS domain: dot-separated labels of letters, digits and inner hyphens. */
export function checkDomain(domain: string): string {
  const label = '[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
  if (domain.length > 253 || !new RegExp(`^${label}(\\.${label})*$`).test(domain)) {
    throw refusal('plan.check.domain', { domain: shown(domain) });
  }
  return domain;
}

function address(family: Family, field: Message, text: string): bigint {
  const value = parseAddress(family, text);
  if (value === undefined) throw refusal('plan.check.bad', { field, problem: names.ipAddressProblem(text, family) ?? shown(text) });
  return value;
}

function checkDhcpHost(family: Family, subnet: Subnet, host: DhcpHost): void {
  if (host.mac !== undefined) checkMac(host.mac);
  if (host.name !== undefined && !/^[A-Za-z0-9][A-Za-z0-9.-]{0,62}$/.test(host.name)) {
    throw refusal('plan.check.dhcpHostName', { name: shown(host.name) });
  }
  if (host.id !== undefined && !/^[0-9A-Fa-f]{1,2}(:[0-9A-Fa-f]{1,2})+$/.test(host.id)) {
    throw refusal('plan.check.dhcpClientId', { id: shown(host.id) });
  }
  // libvirt matches IPv4 hosts by MAC or name and IPv6 hosts by client id or name.
  const key = family === 'ipv4' ? host.mac ?? host.name : host.id ?? host.name;
  if (key === undefined) throw refusal(family === 'ipv4' ? 'plan.check.dhcpHostNeedsMac' : 'plan.check.dhcpHostNeedsId');
  if (host.ip === undefined) throw refusal('plan.check.dhcpHostNoIp', { host: key });
  if (!contains(subnet, address(family, msg('plan.field.dhcpHostAddress'), host.ip))) {
    throw refusal('plan.check.dhcpHostOutside', { ip: host.ip, subnet: formatSubnet(subnet) });
  }
}

/** Checks a network's subnet and everything inside it; returns the subnet for overlap checks. */
export function checkSubnet(family: Family, spec: SubnetSpec): Subnet {
  const label = family === 'ipv4' ? 'IPv4' : 'IPv6';
  const host = address(family, msg('plan.field.address', { family: label }), spec.address);
  // The two host bits left at /30 (/126) are the least a network with a gateway and one guest needs.
  if (!Number.isInteger(spec.prefix) || spec.prefix < 1 || spec.prefix > maxPrefix(family) - 2) {
    throw refusal('plan.check.prefix', { family: label, prefix: String(spec.prefix), max: String(maxPrefix(family) - 2) });
  }
  const subnet = subnetOf(family, host, spec.prefix);
  if (host === subnet.base) throw refusal('plan.check.subnetAddress', { address: spec.address });
  if (spec.dhcpRange) {
    const { start, end } = spec.dhcpRange;
    check(msg('plan.field.dhcpRange'), names.dhcpRangeProblem(start, end, `${spec.address}/${spec.prefix}`));
    const [first, last] = [address(family, msg('plan.field.dhcpRangeStart'), start), address(family, msg('plan.field.dhcpRangeEnd'), end)];
    if (host >= first && host <= last) throw refusal('plan.check.rangeHasHost', { start, end, address: spec.address });
  }
  for (const dhcpHost of spec.dhcpHosts ?? []) checkDhcpHost(family, subnet, dhcpHost);
  return subnet;
}

/**
 * Every name an intent carries, checked before anything is read from or sent to the host: a
 * hostile or malformed name is refused without a single command (a preview reads the host first).
 */
export function checkIntentNames(intent: Intent): void {
  const target = (t: NicTarget) =>
    t.kind === 'network' ? checkLibvirtName('network', t.network) : t.kind === 'bridge' ? checkInterfaceName('bridge', t.bridge) : checkInterfaceName('device', t.dev);
  const spec = (s: NetworkSpec) => {
    checkLibvirtName('network', s.name);
    if (s.bridge) checkInterfaceName('bridge', s.bridge);
    if (s.forwardDev) checkInterfaceName('forward device', s.forwardDev);
  };
  switch (intent.kind) {
    case 'nic-attach':
      checkLibvirtName('VM', intent.vm);
      target(intent.target);
      if (intent.model !== undefined) checkModel(intent.model);
      if (intent.mac !== undefined) checkMac(intent.mac);
      return;
    case 'nic-detach':
    case 'nic-link':
      checkLibvirtName('VM', intent.vm);
      checkMac(intent.mac);
      return;
    case 'nic-move':
      checkLibvirtName('VM', intent.vm);
      checkMac(intent.mac);
      target(intent.target);
      return;
    case 'nic-modify':
      checkLibvirtName('VM', intent.vm);
      checkMac(intent.mac);
      if (intent.changes.target) target(intent.changes.target);
      if (intent.changes.model !== undefined) checkModel(intent.changes.model);
      return;
    case 'network-create':
      if (intent.xml === undefined) spec(intent.spec);
      return;
    case 'network-edit':
      checkLibvirtName('network', intent.network);
      if (intent.xml === undefined) spec(intent.spec);
      return;
    case 'network-dns-hosts':
    case 'network-start':
    case 'network-stop':
    case 'network-delete':
    case 'network-autostart':
      checkLibvirtName('network', intent.network);
      return;
    case 'bridge-create':
    case 'bridge-delete':
      checkInterfaceName('bridge', intent.name);
      return;
    case 'tap-create':
    case 'tap-delete':
      checkInterfaceName('TAP', intent.name);
      return;
    case 'port-plug':
      checkInterfaceName('interface', intent.device);
      checkInterfaceName('bridge', intent.bridge);
      return;
    case 'port-unplug':
    case 'device-state':
      checkInterfaceName('interface', intent.device);
      return;
    case 'vm-start':
    case 'vm-shutdown':
    case 'vm-destroy':
      checkLibvirtName('VM', intent.vm);
      return;
    case 'dhcp-host-pin':
    case 'dhcp-host-unpin':
      checkLibvirtName('network', intent.network);
      checkMac(intent.mac);
      return;
  }
}
