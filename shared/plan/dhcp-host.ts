// Pinning an address: the lease a NIC holds made a static DHCP host of its network
// (`<ip><dhcp><host mac=… name=… ip=…/>`), so dnsmasq always hands that NIC that address; and
// unpinning, which removes the host entry. Both change the network in place with `net-update`
// (the running network and its definition; a stopped network's definition only), so no VM loses
// its link, and each is undone by the other. The <host> element is made by the XML builder
// (networkXml.ts), never by pasting values into text.
// Reference: virsh(1) net-update, https://libvirt.org/formatnetwork.html#addressing
import type { DhcpHost, NetworkNode } from '../topology/model.ts';
import { checkMac, checkSubnet } from './check.ts';
import type { HostView } from './host.ts';
import type { VmScope } from './ops.ts';
import { dhcpHostWhat } from './networkEdit.ts';
import { dhcpHostXml } from './networkXml.ts';
import type { PlanParts } from './parts.ts';
import { msg, refusal } from './say.ts';
import { undoable } from './step.ts';

export type DhcpHostIntent =
  /** `name`: the host name dnsmasq gives it (the lease's hostname, usually); optional */
  | { kind: 'dhcp-host-pin'; network: string; mac: string; ip: string; name?: string }
  | { kind: 'dhcp-host-unpin'; network: string; mac: string };

/** A running network changes now and in its definition; a transient one only now; a stopped one only in its definition. */
function updateScope(network: NetworkNode): VmScope {
  if (!network.active) return 'config';
  return network.persistent ? 'both' : 'live';
}

const sameMac = (a: string | undefined, b: string): boolean => a !== undefined && a.toLowerCase() === b.toLowerCase();

/** The `<ip>` element (by index, as net-update's --parent-index counts them) whose IPv4 subnet has `ip`. */
function ipv4Holding(network: NetworkNode, ip: string): number {
  const index = network.ips.findIndex((c) => {
    if (c.family !== 'ipv4') return false;
    try {
      checkSubnet('ipv4', { address: c.address, prefix: c.prefix, dhcpHosts: [{ mac: '52:54:00:00:00:00', ip }] });
      return true;
    } catch {
      return false;
    }
  });
  if (index < 0) {
    const subnets = network.ips.filter((c) => c.family === 'ipv4').map((c) => `${c.address}/${c.prefix}`);
    if (subnets.length === 0) throw refusal('plan.dhcp.noSubnet', { ip, network: network.name });
    throw refusal('plan.dhcp.notInSubnet', { ip, network: network.name, count: subnets.length, subnets: subnets.join(', ') });
  }
  return index;
}

/** Static hosts of every IPv4 subnet of the network, with the index of their `<ip>`. */
function staticHosts(network: NetworkNode): { ipIndex: number; host: DhcpHost }[] {
  return network.ips.flatMap((c, ipIndex) => (c.family === 'ipv4' ? c.dhcpHosts.map((host) => ({ ipIndex, host })) : []));
}

function step(view: HostView, network: NetworkNode, ipIndex: number, command: 'add-last' | 'delete', host: DhcpHost) {
  const what = dhcpHostWhat(host.ip, host.mac ?? host.name);
  const op = { op: 'net-dhcp-host', network: network.name, ipIndex, xml: `${dhcpHostXml(host)}\n`, ...what, scope: updateScope(network) } as const;
  return undoable(view.ctx, { ...op, command }, { ...op, command: command === 'add-last' ? 'delete' : 'add-last' });
}

export function planDhcpHostPin(view: HostView, intent: Extract<DhcpHostIntent, { kind: 'dhcp-host-pin' }>): PlanParts {
  const network = view.network(intent.network);
  const mac = checkMac(intent.mac);
  const ipIndex = ipv4Holding(network, intent.ip);
  const subnet = network.ips[ipIndex]!;
  const host: DhcpHost = { mac, ...(intent.name ? { name: intent.name } : {}), ip: intent.ip };
  // the MAC, the name and the address, checked as the network form checks a static host
  checkSubnet('ipv4', { address: subnet.address, prefix: subnet.prefix, dhcpHosts: [host] });
  if (intent.ip === subnet.address) throw refusal('plan.dhcp.hostsOwn', { ip: intent.ip, network: network.name });
  for (const other of staticHosts(network)) {
    if (sameMac(other.host.mac, mac)) {
      throw refusal('plan.dhcp.macPinned', { mac, network: network.name, ip: other.host.ip ?? msg('plan.dhcp.none') });
    }
    if (other.host.ip === intent.ip) {
      throw refusal('plan.dhcp.ipPinned', { ip: intent.ip, network: network.name, who: other.host.mac ?? other.host.name ?? msg('plan.dhcp.anotherHost') });
    }
  }
  const warnings = network.active ? [] : [msg('plan.dhcp.pinStopped', { network: network.name })];
  return {
    steps: [step(view, network, ipIndex, 'add-last', host)],
    summary: [msg('plan.dhcp.pinned', { network: network.name, mac, ip: intent.ip })],
    warnings,
  };
}

export function planDhcpHostUnpin(view: HostView, intent: Extract<DhcpHostIntent, { kind: 'dhcp-host-unpin' }>): PlanParts {
  const network = view.network(intent.network);
  const mac = checkMac(intent.mac);
  const pinned = staticHosts(network).filter((h) => sameMac(h.host.mac, mac));
  if (pinned.length === 0) throw refusal('plan.dhcp.notPinned', { mac, network: network.name });
  return {
    steps: pinned.map(({ ipIndex, host }) => step(view, network, ipIndex, 'delete', host)),
    summary: [msg('plan.dhcp.unpinned', { network: network.name, ips: pinned.map((p) => p.host.ip).join(', '), mac })],
  };
}
