// Builds one host's part of the Topology from what the probe read there. Pure: the same
// input always gives the same nodes and links, in the same order, with the same ids.
//
// What becomes a node: every libvirt network and VM; every Linux bridge, every OVS bridge
// (from ovsdb, or named by a network or a VM NIC), every TAP; a physical NIC only when it is
// a bridge port or a network's uplink, and any device a direct (macvtap) NIC sits on — the
// rest of the host's NICs are not part of its virtual networking. Bonds, teams, VLAN devices,
// veths, tunnels and any other device plugged into a bridge are drawn as physical NICs (with
// their `ip -d link` kind), since they stand in for a NIC there.
//
// Where a NIC's link goes, by type — every NIC gets one:
//   network   → the network node, also for networks of forward mode bridge: the NIC names
//               the network, and the network's own `uses` link shows the bridge behind it
//   bridge    → the bridge node
//   direct    → the device the macvtap sits on
//   ethernet  → the TAP it names (`<target dev>`), whose port link shows any bridge
//   a network, bridge or device that is not on the host → a `missing` placeholder of that name
//   user, hostdev, vhostuser, vdpa, mcast, udp, server, client, and ethernet without a TAP
//             → an `endpoint` node of its own, saying what the NIC is attached to
import type { BridgePort, HostInterface } from '../hostnet/iplink.ts';
import type { FdbRecord, NeighbourRecord } from '../hostnet/neighbours.ts';
import type { LeaseRecord } from '../libvirt/addresses.ts';
import type { OvsBridge } from '../hostnet/ovs.ts';
import type { DomainNic } from '../libvirt/domain.ts';
import type { NetworkRecord } from '../libvirt/network.ts';
import { bridgeFdb, leaseOf, nicAddresses, type MacOwners } from './build-addresses.ts';
import { buildVm, compare, vmNodeId, type DomainInput } from './build-nics.ts';
import { linkId, nodeId } from './ids.ts';
import {
  isVmRunning,
  type BridgeNode, type ForwardMode, type HostRecord, type MissingKind, type MissingNode, type NetworkNode, type Persistence,
  type PhysicalNode, type TapNode, type TopologyLink, type TopologyNode,
} from './model.ts';

export type { DomainInput } from './build-nics.ts';

export interface NetworkInput {
  record: NetworkRecord;
  xml: string;
  active: boolean;
  autostart: boolean;
  persistent: boolean;
  /** `virsh net-dhcp-leases`, when read */
  leases?: LeaseRecord[];
}

export interface HostInput {
  host: HostRecord;
  networks: NetworkInput[];
  domains: DomainInput[];
  /** `ip -j -d link show` */
  interfaces: HostInterface[];
  /** `bridge -j link show`; fills in a port's bridge when `ip link` lacks `master` */
  bridgePorts?: BridgePort[];
  /** device of the default route (`ip -j route show default`): where NAT and routed
   *  networks without a `dev` of their own send their traffic */
  defaultRouteDev?: string;
  /** Open vSwitch's bridges and their ports; absent when OVS is not there or not readable */
  ovsBridges?: OvsBridge[];
  /** interface names the host's configuration creates at boot; absent when it was not read */
  hostConfigNames?: ReadonlySet<string>;
  /** `bridge -j -s fdb show`: the Linux bridges' forwarding databases; absent when not read */
  fdb?: FdbRecord[];
  /** `ip -j neigh show`: the host's ARP / NDP table; absent when not read */
  neighbours?: NeighbourRecord[];
}

export interface HostTopology {
  hosts: HostRecord[];
  nodes: TopologyNode[];
  links: TopologyLink[];
}

// Forward modes in which libvirt creates (and deletes) the network's bridge itself.
const OWNS_BRIDGE: ReadonlySet<ForwardMode> = new Set(['nat', 'route', 'open', 'isolated']);
const NIC_LIKE_KINDS = new Set(['bond', 'team', 'vlan']);

export function buildHostTopology(input: HostInput): HostTopology {
  const h = input.host.id;
  const ifaces = new Map(input.interfaces.map((i) => [i.name, i]));
  const masters = new Map(input.bridgePorts?.flatMap((p) => (p.master ? [[p.name, p.master] as const] : [])) ?? []);
  const masterOf = (i: HostInterface) => i.master ?? masters.get(i.name);
  const nodes: TopologyNode[] = [];
  const links: TopologyLink[] = [];
  const simple = (kind: 'port' | 'uses' | 'uplink', source: string, target: string) =>
    links.push({ id: linkId(kind, source, target), kind, source, target });

  // Networks, active ones first so an active network wins a bridge name shared with a stale definition.
  const networks = [...input.networks].sort((a, b) => Number(b.active) - Number(a.active));
  const networkByName = new Map<string, NetworkNode>();
  const bridgeOwner = new Map<string, NetworkInput>();
  for (const net of networks) {
    const node = networkNode(h, net);
    networkByName.set(node.name, node);
    nodes.push(node);
    if (net.record.bridge && !bridgeOwner.has(net.record.bridge)) bridgeOwner.set(net.record.bridge, net);
  }

  const uplinksOf = (net: NetworkInput): string[] => {
    const own = uplinks(net.record);
    const routed = net.record.forward === 'nat' || net.record.forward === 'route';
    return own.length === 0 && routed && input.defaultRouteDev ? [input.defaultRouteDev] : own;
  };
  const nicLike = (name: string | undefined) => {
    const i = name === undefined ? undefined : ifaces.get(name);
    return i && (i.class === 'physical' || (i.class === 'other' && NIC_LIKE_KINDS.has(i.kind ?? ''))) ? i : undefined;
  };
  // OVS bridges look like any other openvswitch device to `ip link` (so does the datapath
  // `ovs-system`); one is known to be a bridge when ovsdb lists it, or when a network or a
  // VM NIC names it as one (a probe without ovsdb access still places those).
  const ovsBridges = new Set<string>(input.ovsBridges?.map((b) => b.name));
  const ovsPortOf = new Map(input.ovsBridges?.flatMap((b) => b.ports.map((p) => [p, b.name] as const)));
  const allNics = input.domains.flatMap((d) => [...d.record.nics, ...(d.inactive?.record.nics ?? [])]);
  for (const net of input.networks) if (net.record.virtualport === 'openvswitch' && net.record.bridge) ovsBridges.add(net.record.bridge);
  for (const nic of allNics) if (nic.type === 'bridge' && nic.source.bridge) ovsBridges.add(nic.source.bridge);
  // A userspace-datapath (netdev) bridge's own port is a TAP to `ip link`: ovsdb says it is a bridge.
  const isBridge = (i: HostInterface) => i.class === 'bridge' || (ovsBridges.has(i.name) && (i.kind === 'openvswitch' || i.class === 'tap'));

  // Devices: bridges and TAPs always; NIC-like devices only where they join virtual networking.
  const nicOfTap = runningNics(h, input.domains);
  const wanted = new Set<string>();
  for (const net of input.networks) for (const dev of uplinksOf(net)) if (nicLike(dev)) wanted.add(dev);
  // A macvtap can sit on any device (a veth, a dummy…), and the NIC is drawn to it.
  for (const nic of allNics) if (nic.type === 'direct' && nic.source.dev && ifaces.has(nic.source.dev)) wanted.add(nic.source.dev);
  const bridgeOf = (i: HostInterface): string | undefined => ovsPortOf.get(i.name) ?? masterOf(i);
  // Whatever is plugged into a bridge is part of its wiring, whatever it is: a NIC, a bond, a
  // veth from a container, a VXLAN or GRE tunnel, a dummy…
  for (const i of input.interfaces) {
    const master = ifaces.get(bridgeOf(i) ?? '');
    if (master && isBridge(master) && !isBridge(i) && i.class !== 'tap' && i.class !== 'loopback') wanted.add(i.name);
  }
  const persistence = persistenceRule(input.hostConfigNames);
  const deviceIds = new Map<string, string>();
  for (const i of input.interfaces) {
    const node = isBridge(i)
      ? bridgeNode(h, i, bridgeOwner.get(i.name))
      : i.class === 'tap'
        ? tapNode(h, i, nicOfTap(i), bridgeOwner, networkByName)
        : wanted.has(i.name) && i.class !== 'loopback'
          ? physicalNode(h, i)
          : undefined;
    if (!node) continue;
    node.persistence = persistence(node, i);
    nodes.push(node);
    deviceIds.set(i.name, node.id);
  }
  if (input.fdb) {
    const owners = macOwners(h, input);
    for (const node of nodes) {
      if (node.kind !== 'bridge' || node.bridgeType === 'ovs') continue;
      const ports = new Set(input.interfaces.filter((i) => masterOf(i) === node.name).map((i) => i.name));
      node.fdb = bridgeFdb(node.name, input.fdb, ports, owners);
    }
  }

  // Network wiring: its bridge, its uplinks.
  for (const net of networks) {
    const id = networkByName.get(net.record.name)!.id;
    const bridge = deviceIds.get(net.record.bridge ?? '');
    if (bridge) simple('uses', id, bridge);
    for (const dev of new Set(uplinksOf(net))) {
      const target = deviceIds.get(dev);
      if (target && nicLike(dev)) simple('uplink', id, target);
    }
  }

  // Ports. OVS ports report the datapath `ovs-system` as master, not their bridge: ovsdb
  // says which bridge; without it, a TAP of an OVS network is placed on the bridge its
  // running NIC names.
  for (const i of input.interfaces) {
    const source = deviceIds.get(i.name);
    if (!source || isBridge(i)) continue;
    const master = ovsPortOf.get(i.name) ?? (masterOf(i) === 'ovs-system' ? nicOfTap(i)?.nic.source.bridge : masterOf(i));
    const target = deviceIds.get(master ?? '');
    if (target && isBridge(ifaces.get(master!)!)) simple('port', source, target);
  }

  // VMs and their NICs.
  const missing = new Map<string, MissingNode>();
  const missingId = (expected: MissingKind, name: string): string => {
    const id = nodeId(h, 'missing', `${expected}/${name}`);
    if (!missing.has(id)) missing.set(id, { id, host: h, kind: 'missing', name, state: 'missing', expected });
    return id;
  };
  const bridgeId = (name: string) => {
    const i = ifaces.get(name);
    return i && isBridge(i) ? deviceIds.get(i.name) : undefined;
  };
  const resolve = (nic: DomainNic): string | undefined => {
    const { network, bridge, dev } = nic.source;
    switch (nic.type) {
      case 'network':
        return network === undefined ? undefined : (networkByName.get(network)?.id ?? missingId('network', network));
      case 'bridge':
        return bridge === undefined ? undefined : (bridgeId(bridge) ?? missingId('bridge', bridge));
      case 'direct':
        return dev === undefined ? undefined : (deviceIds.get(dev) ?? missingId('device', dev));
      case 'ethernet':
        return ifaces.get(nic.targetDev ?? '')?.class === 'tap' ? deviceIds.get(nic.targetDev!) : undefined;
      default:
        return undefined;
    }
  };
  const leasesOn = new Map(input.networks.map((n) => [networkByName.get(n.record.name)?.id, n.leases] as const));
  for (const domain of input.domains) {
    const vm = buildVm(h, domain, resolve);
    for (const link of vm.links) {
      if (!link.live) continue;
      const lease = leasesOn.get(link.target);
      const addresses = nicAddresses(link.mac, { lease, arp: input.neighbours, agent: domain.agentAddresses });
      if (addresses) link.addresses = addresses;
    }
    // Element by element: spreading a large array into push() overflows the stack.
    nodes.push(vm.node);
    for (const endpoint of vm.endpoints) nodes.push(endpoint);
    for (const link of vm.links) links.push(link);
  }
  for (const node of missing.values()) nodes.push(node);

  return {
    hosts: [input.host],
    nodes: nodes.sort((a, b) => compare(a.id, b.id)),
    links: dedupe(links).sort((a, b) => compare(a.id, b.id)),
  };
}

function networkNode(h: string, net: NetworkInput): NetworkNode {
  const r = net.record;
  const node: NetworkNode = {
    id: nodeId(h, 'network', r.uuid ?? r.name),
    host: h,
    kind: 'network',
    name: r.name,
    state: net.active ? 'active' : 'inactive',
    forward: r.forward,
    ips: r.ips,
    active: net.active,
    autostart: net.autostart,
    persistent: net.persistent,
    xml: net.xml,
  };
  if (net.leases) node.leases = net.leases.map(leaseOf);
  const forwardDev = r.forwardDev ?? r.forwardPfs[0] ?? r.forwardInterfaces[0];
  if (r.uuid !== undefined) node.uuid = r.uuid;
  if (r.bridge !== undefined) node.bridge = r.bridge;
  if (forwardDev !== undefined) node.forwardDev = forwardDev;
  if (r.domain !== undefined) node.domain = r.domain;
  return node;
}

/** The host devices a network's traffic leaves by: `dev`, SR-IOV PFs and the interface pool. */
function uplinks(r: NetworkRecord): string[] {
  return [...(r.forwardDev ? [r.forwardDev] : []), ...r.forwardPfs, ...r.forwardInterfaces];
}

function device(h: string, i: HostInterface, kind: 'bridge' | 'tap' | 'physical') {
  const base = { id: nodeId(h, kind, i.name), host: h, name: i.name, state: i.up ? 'up' : 'down', up: i.up, managedBy: null };
  return { ...base, ...(i.mac !== undefined ? { mac: i.mac } : {}), ...(i.mtu !== undefined ? { mtu: i.mtu } : {}) };
}

function bridgeNode(h: string, i: HostInterface, owner: NetworkInput | undefined): BridgeNode {
  const ovs = i.class !== 'bridge';
  // libvirt makes and removes the bridges of NAT, routed, open and isolated networks; the
  // bridge of a forward-mode-bridge network (and every OVS bridge) is the user's own.
  const managedBy = !ovs && owner && OWNS_BRIDGE.has(owner.record.forward) ? owner.record.name : null;
  const node: BridgeNode = { ...device(h, i, 'bridge'), kind: 'bridge', bridgeType: ovs ? 'ovs' : 'linux', managedBy };
  if (ovs) node.ovsDatapath = i.kind === 'openvswitch' ? 'system' : 'netdev';
  return node;
}

function tapNode(
  h: string,
  i: HostInterface,
  nic: RunningNic | undefined,
  bridgeOwner: Map<string, NetworkInput>,
  networkByName: Map<string, NetworkNode>,
): TapNode {
  const node: TapNode = { ...device(h, i, 'tap'), kind: 'tap' };
  if (nic) node.vm = nic.vm;
  // A VM's vnetN belongs to the network its NIC is on; `virbrN-nic` (which older libvirt
  // made to pin the bridge's MAC) belongs to the network whose bridge it names.
  const viaNic = nic?.nic.type === 'network' ? nic.nic.source.network : undefined;
  const nicOf = i.name.endsWith('-nic') ? bridgeOwner.get(i.name.slice(0, -4)) : undefined;
  const owner = viaNic ?? (nicOf && OWNS_BRIDGE.has(nicOf.record.forward) ? nicOf.record.name : undefined);
  if (owner !== undefined && networkByName.has(owner)) node.managedBy = owner;
  return node;
}

function physicalNode(h: string, i: HostInterface): PhysicalNode {
  const node: PhysicalNode = { ...device(h, i, 'physical'), kind: 'physical' };
  if (i.class !== 'physical' && i.kind !== undefined) node.linkKind = i.kind;
  return node;
}

/**
 * What brings a device back after a reboot. A TAP plugged into an OVS bridge is not kept by
 * ovsdb: ovsdb keeps the port record, but the kernel device is gone until someone makes it.
 */
function persistenceRule(configNames: ReadonlySet<string> | undefined) {
  return (node: BridgeNode | TapNode | PhysicalNode, i: HostInterface): Persistence => {
    if (node.managedBy !== null || (node.kind === 'tap' && node.vm !== undefined)) return 'libvirt';
    if (node.kind === 'bridge' && node.bridgeType === 'ovs') return 'ovsdb';
    if (i.class === 'physical') return 'hardware';
    if (configNames === undefined) return 'unknown';
    return configNames.has(i.name) ? 'host-config' : 'none';
  };
}

/** Whose MAC is whose: the NICs of the VMs (the running VM's, else the definition's), then the host's interfaces. */
function macOwners(h: string, input: HostInput): MacOwners {
  const nics = new Map<string, string>();
  for (const d of input.domains) {
    const vm = vmNodeId(h, d.record);
    for (const nic of [...d.record.nics, ...(d.inactive?.record.nics ?? [])]) if (nic.mac && !nics.has(nic.mac.toLowerCase())) nics.set(nic.mac.toLowerCase(), vm);
  }
  const devices = new Map<string, string>();
  for (const i of input.interfaces) if (i.mac && !devices.has(i.mac.toLowerCase())) devices.set(i.mac.toLowerCase(), i.name);
  return { nics, devices };
}

type RunningNic = { vm: string; nic: DomainNic };

/**
 * Finds the running VM NIC a TAP backs: by `<target dev>`, else (a live NIC whose XML lacks
 * one) by MAC, since libvirt gives a VM's TAP the NIC's MAC with the first byte set to fe.
 */
function runningNics(h: string, domains: DomainInput[]): (tap: HostInterface) => RunningNic | undefined {
  const byDev = new Map<string, RunningNic>();
  const byMacTail = new Map<string, RunningNic>();
  for (const d of domains) {
    if (!isVmRunning(d.state)) continue;
    const vm = vmNodeId(h, d.record);
    for (const nic of d.record.nics) {
      if (nic.targetDev) byDev.set(nic.targetDev, { vm, nic });
      else if (nic.mac) byMacTail.set(nic.mac.slice(2), { vm, nic });
    }
  }
  return (tap) => byDev.get(tap.name) ?? (tap.mac?.startsWith('fe') ? byMacTail.get(tap.mac.slice(2)) : undefined);
}

function dedupe(links: TopologyLink[]): TopologyLink[] {
  return [...new Map(links.map((l) => [l.id, l])).values()];
}
