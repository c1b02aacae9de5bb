// The topology model: what VirtWire knows about one or more hosts' virtual networking.
// It is pure data (JSON-serialisable) and is also the saved file format (see file.ts).

export const NODE_KINDS = ['network', 'bridge', 'tap', 'vm', 'physical'] as const;
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
}

export interface VmNode extends NodeBase {
  kind: 'vm';
  uuid: string;
  xml?: string;
  /** the persistent (inactive) definition, when it differs from the live one */
  inactiveXml?: string;
  persistent?: boolean;
  /**
   * NICs with nothing on this host to draw a link to: user-mode (SLIRP), vhost-user and
   * hostdev NICs, and NICs naming a network, bridge or device that does not exist.
   */
  unlinkedNics?: UnlinkedNic[];
}

/** A VM NIC that is not drawn as a link; see VmNode.unlinkedNics. */
export interface UnlinkedNic {
  mac: string;
  /** libvirt interface type: user, vhostuser, hostdev, network… */
  type: string;
  model?: string;
  targetDev?: string;
  /** what the NIC names on the host (network, bridge, device or socket path), when anything */
  source?: string;
  live: boolean;
  config: boolean;
  linkState?: 'up' | 'down';
}

export type BridgeType = 'linux' | 'ovs';

interface DeviceBase extends NodeBase {
  mac?: string;
  mtu?: number;
  up: boolean;
  /** name of the libvirt network that created/owns this device, or null when made by hand */
  managedBy: string | null;
}

export interface BridgeNode extends DeviceBase {
  kind: 'bridge';
  bridgeType?: BridgeType;
}

export interface TapNode extends DeviceBase {
  kind: 'tap';
  /** the VM whose NIC this TAP backs (libvirt vnetN), when known */
  vm?: string;
}

export interface PhysicalNode extends DeviceBase {
  kind: 'physical';
}

export type TopologyNode = NetworkNode | VmNode | BridgeNode | TapNode | PhysicalNode;

interface LinkBase {
  id: string;
  source: string;
  target: string;
}

/** A VM NIC: from the VM to the network or bridge the NIC is on. */
export interface NicLink extends LinkBase {
  kind: 'nic';
  mac: string;
  model?: string;
  /** libvirt interface type: network, bridge, direct, ethernet, user, vhostuser, hostdev… */
  type: string;
  /** the host-side device (libvirt `<target dev=…>`), e.g. vnet0 */
  targetDev?: string;
  /** present in the running VM */
  live: boolean;
  /** present in the persistent definition */
  config: boolean;
  /** link state set by domif-setlink; absent means up */
  linkState?: 'up' | 'down';
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
