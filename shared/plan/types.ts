// What the planner takes and gives: a user's wish (Intent), the host it runs on (HostContext),
// and the ordered, previewable, undoable commands that carry it out (Plan of Steps).
// Everything here is plain JSON so a Plan crosses IPC and the browser-mode socket intact.
import type { DhcpHost } from '../topology/model.ts';
import type { MacvtapMode } from '../libvirt/nic-props.ts';
import type { DhcpHostIntent } from './dhcp-host.ts';
import type { DnsHost } from '../libvirt/network.ts';
import type { Message } from '../i18n/index.ts';
import type { StepImpact } from './impact.ts';
import type { NicChanges } from './nic-modify.ts';
import type { Operation, OperationCommand } from './ops.ts';

/** Where a change lands: the running VM, its saved definition, both, or the host itself. */
export type StepScope = 'live' | 'config' | 'both' | 'host';

/**
 * One command without its undo: the typed operation, and what commandOf (ops.ts) makes of it —
 * the argv that runs, its stdin, and the words the preview shows. Whether the runner elevates
 * it (`sudo -n --`) is decided from `needs` by the runner alone, for the profile it runs on.
 */
export type StepAction = OperationCommand & { op: Operation };

export interface Step extends StepAction {
  /**
   * The command that undoes this one. It is a StepAction rather than a Step so a Plan has
   * no cycles; `invertStep` turns it back into a full Step whose inverse is this one.
   */
  inverse: StepAction | null;
  /** why `inverse` is null, in English; `irreversibleSays` as a catalogue message */
  irreversibleReason?: string;
  irreversibleSays?: Message;
  /** the exact line the host's shell receives (quoting and `sudo -n --` included), set when previewed */
  commandLine?: string;
  /** when the step takes effect (impact.ts), from the host as planned against */
  impact?: StepImpact;
}

export interface PlanAffects {
  /** names of the VMs this plan touches or disconnects */
  vms: string[];
  /** sentences such as "stopping `default` disconnects 3 running VMs: a, b, c", in English */
  summary: string[];
  /** the same sentences as catalogue messages, one for one (absent in plans recorded before messages) */
  summarySays?: Message[];
}

export interface Plan {
  intent: Intent;
  /** a plan made of several intents (a saved topology as desired state): all of them, `intent` first */
  intents?: Intent[];
  /** what a plan of several intents is for, in words (a change to several selected objects, bulk.ts); `titleSays` as a message */
  title?: string;
  titleSays?: Message;
  steps: Step[];
  affects: PlanAffects;
  /** any step is destructive: the preview cannot be skipped */
  destructive: boolean;
  /** in English; `warningSays` are the same as catalogue messages, one for one */
  warnings: string[];
  warningSays?: Message[];
}

export interface HostContext {
  /** the HostRecord id whose objects the intent names */
  hostId: string;
  /** libvirt connection URI; every virsh argv starts `virsh -c URI` */
  uri: string;
  isRoot: boolean;
  /** the profile may run root-only steps through `sudo -n` */
  useSudo: boolean;
  /** interfaces carrying the SSH session or the default route */
  protectedInterfaces: string[];
}

export interface PlanOptions {
  /** makes a MAC for a NIC attached without one; tests pass a deterministic one */
  macFactory?: () => string;
}

/** One side of a VM: the running VM, or its saved definition. */
export type NicSide = 'live' | 'config';

/**
 * Where a VM NIC goes: a libvirt network, a Linux bridge, or (direct) a macvtap on a host
 * device such as a physical NIC.
 */
export type NicTarget =
  | { kind: 'network'; network: string }
  | { kind: 'bridge'; bridge: string }
  | { kind: 'direct'; dev: string; mode: MacvtapMode };

/** At most this many changes in one plan made for several selected objects (bulk.ts). */
export const MAX_BULK = 200;

export const NETWORK_MODES = ['isolated', 'nat', 'route', 'open', 'bridge'] as const;
export type NetworkMode = (typeof NETWORK_MODES)[number];

export interface SubnetSpec {
  /** the host's own address on the network, e.g. 192.168.100.1 */
  address: string;
  prefix: number;
  dhcpRange?: { start: string; end: string };
  dhcpHosts?: DhcpHost[];
}

/** What the network form fills in. */
export interface NetworkSpec {
  name: string;
  mode: NetworkMode;
  /**
   * mode `bridge`: the existing host bridge the network joins (required).
   * Other modes: the bridge libvirt creates; empty means the first free virbrN on the host.
   */
  bridge?: string;
  /** nat/route: the host interface traffic leaves by; empty lets the host's routing decide */
  forwardDev?: string;
  ipv4?: SubnetSpec;
  ipv6?: SubnetSpec;
  /** DNS domain handed out by the network's dnsmasq */
  domain?: string;
}

/** Changes to host devices may touch a protected interface only with this set. */
interface RiskConfirmation {
  confirmRisk?: boolean;
}

export type Intent =
  /**
   * `element`: the whole `<interface>` to attach (a NIC from a saved file, with `mac` its MAC),
   * kept as it is — model, driver, filter, link state… — with its source on `target`. `scope`:
   * only to the running VM or only to its saved definition, where the NIC is missing on that side
   * (it may exist on the other, with the same MAC)
   */
  | { kind: 'nic-attach'; vm: string; target: NicTarget; model?: string; mac?: string; element?: string; scope?: NicSide }
  /** `scope`: only the running VM's copy of the NIC, or only its saved definition's */
  | { kind: 'nic-detach'; vm: string; mac: string; scope?: NicSide }
  | { kind: 'nic-link'; vm: string; mac: string; state: 'up' | 'down' }
  | { kind: 'nic-move'; vm: string; mac: string; target: NicTarget }
  /** model, link, bandwidth, MTU, VLAN, macvtap mode of an existing NIC, in place (nic-modify.ts); `scope`: one side only */
  | { kind: 'nic-modify'; vm: string; mac: string; changes: NicChanges; scope?: NicSide }
  /** `xml` is the hand-edited preview; when set it is defined instead of the spec's XML */
  | { kind: 'network-create'; spec: NetworkSpec; xml?: string; start?: boolean; autostart?: boolean }
  | { kind: 'network-start'; network: string }
  | { kind: 'network-stop'; network: string }
  | { kind: 'network-delete'; network: string }
  | { kind: 'network-autostart'; network: string; enabled: boolean }
  | { kind: 'network-edit'; network: string; spec: NetworkSpec; xml?: string }
  /** DNS host entries added and removed in place (network-dns.ts) */
  | { kind: 'network-dns-hosts'; network: string; add: DnsHost[]; remove: DnsHost[] }
  /** `type` ovs makes an Open vSwitch bridge (ovs-vsctl add-br); the default is a Linux bridge */
  | ({ kind: 'bridge-create'; name: string; type?: 'linux' | 'ovs' } & RiskConfirmation)
  | ({ kind: 'bridge-delete'; name: string } & RiskConfirmation)
  | ({ kind: 'tap-create'; name: string } & RiskConfirmation)
  | ({ kind: 'tap-delete'; name: string } & RiskConfirmation)
  | ({ kind: 'port-plug'; device: string; bridge: string } & RiskConfirmation)
  | ({ kind: 'port-unplug'; device: string } & RiskConfirmation)
  | ({ kind: 'device-state'; device: string; up: boolean } & RiskConfirmation)
  | { kind: 'vm-start'; vm: string }
  | { kind: 'vm-shutdown'; vm: string }
  | { kind: 'vm-destroy'; vm: string }
  | DhcpHostIntent;

export type IntentKind = Intent['kind'];
