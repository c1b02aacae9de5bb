// The topology model: what VirtWire knows about one or more hosts' virtual networking.
// It is pure data (JSON-serialisable) and is also the saved file format (see file.ts).

// network, bridge, tap and physical are real objects on the host; `missing` and `endpoint`
// are drawn so that every VM NIC has a far end, and are never objects a change can act on.
export const NODE_KINDS = ['network', 'bridge', 'tap', 'vm', 'physical', 'missing', 'endpoint'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const LINK_KINDS = ['nic', 'port', 'uses', 'uplink'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** A libvirt network's forward mode; `isolated` when it has no `<forward>` element. */
export const FORWARD_MODES = [
  'nat',
  'route',
  'open',
  'bridge',
  'private',
  'vepa',
  'passthrough',
  'hostdev',
  'isolated',
] as const;
export type ForwardMode = (typeof FORWARD_MODES)[number];

export interface SshTarget {
  host: string;
  port: number;
  user: string;
}

export interface HostRecord {
  id: string;
  label: string;
  ssh: SshTarget;
  /** libvirt connection URI, e.g. qemu:///system */
  uri: string;
  /** ISO-8601 time the host's state was read */
  capturedAt: string;
}

export interface DhcpRange {
  start: string;
  end: string;
}

export interface DhcpHost {
  mac?: string;
  id?: string;
  name?: string;
  ip?: string;
}

export interface IpConfig {
  family: 'ipv4' | 'ipv6';
  address: string;
  prefix: number;
  dhcpRanges: DhcpRange[];
  dhcpHosts: DhcpHost[];
}

/**
 * A lease the network's dnsmasq handed out (`virsh net-dhcp-leases`), as read at capture time.
 * Absent on networks of files saved before leases were read.
 */
export interface DhcpLease {
  mac: string;
  family: 'ipv4' | 'ipv6';
  ip: string;
  prefix?: number;
  hostname?: string;
  /** DHCP client id (IPv4) or DUID (IPv6) */
  clientId?: string;
  /** when the lease runs out, as virsh prints it (the host's local time) */
  expiry?: string;
}

/**
 * Where the host learned a NIC's address: its network's DHCP lease, the host's neighbour table
 * (ARP / NDP), or the QEMU guest agent inside the VM.
 */
export const ADDRESS_SOURCES = ['lease', 'arp', 'agent'] as const;
export type AddressSource = (typeof ADDRESS_SOURCES)[number];

export interface NicAddress {
  family: 'ipv4' | 'ipv6';
  ip: string;
  prefix?: number;
  /** every source that reported it, in ADDRESS_SOURCES order */
  sources: AddressSource[];
}

/**
 * An entry of a Linux bridge's forwarding database (`bridge -j -s fdb show`):
 *   learned   — the bridge saw frames from this MAC on this port; ages out
 *   permanent — the bridge's own entry for one of its ports' (or its own) address
 *   static    — added by hand; never ages
 *   self      — in the port's own address filter, not the bridge's table (its unicast address
 *               and the multicast groups it listens to)
 */
export const FDB_KINDS = ['learned', 'permanent', 'static', 'self'] as const;
export type FdbKind = (typeof FDB_KINDS)[number];

/**
 * Who on the host owns an FDB entry's MAC: a VM NIC (by the VM node id and the NIC's MAC), a
 * host device (by interface name), or a multicast group; absent when nobody on the host does
 * (a guest behind a nested bridge, or a spoofed address).
 */
export type FdbOwner = { kind: 'nic'; vm: string } | { kind: 'device'; device: string } | { kind: 'group' };

export interface FdbEntry {
  mac: string;
  /** the port (or the bridge itself) the entry is on */
  port: string;
  kind: FdbKind;
  vlan?: number;
  /** learned and static entries: seconds since the bridge last saw the MAC, at capture time */
  age?: number;
  owner?: FdbOwner;
}

interface NodeBase {
  id: string;
  /** id of the HostRecord this object lives on */
  host: string;
  name: string;
  /** human-readable state: active/inactive, running/shut off/paused, up/down */
  state: string;
}

export interface NetworkNode extends NodeBase {
  kind: 'network';
  uuid?: string;
  forward: ForwardMode;
  /** Linux bridge the network uses, when it has one */
  bridge?: string;
  /** forward dev / interface the network forwards through, when known */
  forwardDev?: string;
  ips: IpConfig[];
  domain?: string;
  active: boolean;
  autostart: boolean;
  persistent: boolean;
  xml?: string;
  /** its dnsmasq's leases; absent when not read (an inactive network, an older file) */
  leases?: DhcpLease[];
}

export interface VmNode extends NodeBase {
  kind: 'vm';
  uuid: string;
  xml?: string;
  /** the persistent (inactive) definition, when it differs from the live one */
  inactiveXml?: string;
  persistent?: boolean;
}

export type BridgeType = 'linux' | 'ovs';

/**
 * Whether a device comes back after the host reboots, and what brings it back:
 *   libvirt     — a libvirt network or VM makes it (see managedBy, TapNode.vm)
 *   host-config — the host's network configuration creates it (ifupdown, systemd-networkd,
 *                 NetworkManager)
 *   ovsdb       — an Open vSwitch bridge, kept in the OVS database
 *   hardware    — a real NIC
 *   none        — nothing does: made by hand (`ip link add`, `ip tuntap add`), gone on reboot
 *   unknown     — the host's configuration could not be read
 */
export const PERSISTENCE = ['libvirt', 'host-config', 'ovsdb', 'hardware', 'none', 'unknown'] as const;
export type Persistence = (typeof PERSISTENCE)[number];

interface DeviceBase extends NodeBase {
  mac?: string;
  mtu?: number;
  up: boolean;
  /** name of the libvirt network that created/owns this device, or null when made by hand */
  managedBy: string | null;
  /** absent in files saved before it was read */
  persistence?: Persistence;
}

export interface BridgeNode extends DeviceBase {
  kind: 'bridge';
  bridgeType?: BridgeType;
  /**
   * An OVS bridge's datapath: `system` (the kernel's openvswitch module; `ip link` kind
   * openvswitch) or `netdev` (userspace, as with DPDK; the bridge's own port is a TAP)
   */
  ovsDatapath?: 'system' | 'netdev';
  /** a Linux bridge's forwarding database; absent when not read (OVS, an older file) */
  fdb?: FdbEntry[];
}

export interface TapNode extends DeviceBase {
  kind: 'tap';
  /** the VM whose NIC this TAP backs (libvirt vnetN), when known */
  vm?: string;
}

/**
 * A host device that is not a bridge or a TAP: a real NIC, or a bond, VLAN, veth or other
 * virtual device standing in for one (an uplink, a bridge port, a macvtap's lower device).
 */
export interface PhysicalNode extends DeviceBase {
  kind: 'physical';
  /** `ip -d link` kind (bond, vlan, veth…) of a device that is not a real NIC */
  linkKind?: string;
}

export const MISSING_KINDS = ['network', 'bridge', 'device'] as const;
export type MissingKind = (typeof MISSING_KINDS)[number];

/**
 * Something VM NICs name that this host does not have: an undefined network, a bridge or a
 * (macvtap) device that does not exist. One per host, kind and name, shared by every NIC
 * naming it. A VM with such a NIC in its definition does not start.
 */
export interface MissingNode extends NodeBase {
  kind: 'missing';
  /** what the NICs expected to find under this name */
  expected: MissingKind;
}

/**
 * The far end of one VM NIC that has no host object to link to: user-mode (SLIRP, passt),
 * a TAP-less ethernet NIC, a passed-through PCI device (hostdev), a vhost-user socket, a
 * vDPA device, or a socket tunnel (mcast, udp, server, client). One per NIC; `name` is what
 * the graph shows, e.g. "user (SLIRP)", "mcast 230.0.0.1:5558".
 */
export interface EndpointNode extends NodeBase {
  kind: 'endpoint';
  /** libvirt interface type of the NIC */
  nicType: string;
  /** what the NIC's `<source>` names (socket path, address:port, PCI address), when anything */
  source?: string;
  /** the VM node whose NIC this is */
  vm: string;
  mac: string;
}

export type TopologyNode = NetworkNode | VmNode | BridgeNode | TapNode | PhysicalNode | MissingNode | EndpointNode;

/** The kinds that are real objects on a host (what a change can act on). */
export type HostObjectNode = Exclude<TopologyNode, MissingNode | EndpointNode>;

interface LinkBase {
  id: string;
  source: string;
  target: string;
}

/**
 * A VM NIC: from the VM to what it is on — a network, a bridge, the device of a macvtap
 * (direct) NIC, the TAP of an ethernet NIC, a `missing` placeholder, or the NIC's own
 * `endpoint`. Every NIC of every VM is one (or, when its live and persistent definitions
 * differ in where it is, two) of these.
 */
export interface NicLink extends LinkBase {
  kind: 'nic';
  mac: string;
  model?: string;
  /** libvirt interface type: network, bridge, direct, ethernet, user, vhostuser, hostdev… */
  type: string;
  /** type direct: macvtap mode (bridge, vepa, private, passthrough) */
  sourceMode?: string;
  portgroup?: string;
  /** `<virtualport type=…>`: openvswitch, 802.1Qbg, 802.1Qbh, midonet */
  virtualport?: string;
  /** `<vlan>` tags, e.g. "42" or "trunk 42,48" */
  vlan?: string;
  /** the host-side device (libvirt `<target dev=…>`), e.g. vnet0 */
  targetDev?: string;
  /** present in the running VM */
  live: boolean;
  /** present in the persistent definition */
  config: boolean;
  /** link state set by domif-setlink; absent means up */
  linkState?: 'up' | 'down';
  /** a live NIC's addresses as the host knows them; absent when none were read */
  addresses?: NicAddress[];
}

/** A TAP or physical NIC plugged into a bridge. */
export interface PortLink extends LinkBase {
  kind: 'port';
}

/** A libvirt network using its bridge. */
export interface UsesLink extends LinkBase {
  kind: 'uses';
}

/** A NAT, routed or bridged network forwarding through a physical NIC. */
export interface UplinkLink extends LinkBase {
  kind: 'uplink';
}

export type TopologyLink = NicLink | PortLink | UsesLink | UplinkLink;

export interface Point {
  x: number;
  y: number;
}

export type Layout = Record<string, Point>;

export interface Topology {
  hosts: HostRecord[];
  nodes: TopologyNode[];
  links: TopologyLink[];
  layout: Layout;
}

export function emptyTopology(): Topology {
  return { hosts: [], nodes: [], links: [], layout: {} };
}

// `virsh domstate` names for a domain without a qemu process; anything else (running,
// paused, pmsuspended, in shutdown, blocked) still has one, with a live XML and live NICs.
// Older libvirt and some tools write `shutoff`.
const VM_NOT_RUNNING: ReadonlySet<string> = new Set(['shut off', 'shutoff', 'crashed']);

/** Whether a VM in this `virsh domstate` state has a running qemu process (so live NICs). */
export function isVmRunning(state: string): boolean {
  return !VM_NOT_RUNNING.has(state);
}
