// What may be done, once: which objects a drag can start from, what a drop on an object
// makes (an Intent), and which changes libvirt's own objects refuse — each answered with the
// reason in the user's words. The renderer asks these to mark targets and refuse early; the
// planner asks the same functions about the objects it looked up, so neither allows what the
// other refuses. What only the host can answer at plan time (an inactive network, a
// protected interface, root) stays with the planner: those are questions, not refusals.
import type { BridgeNode, HostObjectNode, MissingNode, NicLink, Topology, TopologyNode, VmNode } from '../topology/model.ts';
import { english, msg, type Message } from './say.ts';
import type { Intent, NicTarget } from './types.ts';

/** A refusal: `reason` in English, `says` the same as a catalogue message, for the reader's language. */
export type Refused = { ok: false; reason: string; says: Message };
export type ConnectCheck = { ok: true; intent: Intent } | Refused;
export type StartCheck = { ok: true } | Refused;

/** A drag that moves an existing NIC: the link whose far end is being dragged. */
export interface MovingNic {
  linkId: string;
}

// Each rule comes twice: `…Says` gives the reason as a catalogue message (what the planner
// throws, what a reader sees in their language), and the plain one its English.
type Says = Message | undefined;
const inEnglish = (says: Says): string | undefined => (says === undefined ? undefined : english(says));

const refuse = (says: Message): Refused => ({ ok: false, reason: english(says), says });
const verdict = (problem: Says, intent: () => Intent): ConnectCheck => (problem === undefined ? { ok: true, intent: intent() } : refuse(problem));

const ARTICLE: Record<HostObjectNode['kind'], Message['key']> = {
  vm: 'plan.rule.a.vm',
  network: 'plan.rule.a.network',
  bridge: 'plan.rule.a.bridge',
  tap: 'plan.rule.a.tap',
  physical: 'plan.rule.a.physical',
};

const MISSING: Record<MissingNode['expected'], Message['key']> = {
  network: 'plan.rule.missing.network',
  bridge: 'plan.rule.missing.bridge',
  device: 'plan.rule.missing.device',
};

const article = (node: TopologyNode): Message =>
  node.kind === 'missing' || node.kind === 'endpoint' ? msg('plan.rule.quoted', { name: node.name }) : msg(ARTICLE[node.kind]);

export const offlineReasonSays = (node: TopologyNode): Message => msg('plan.rule.offline', { name: node.name });
export const offlineReason = (node: TopologyNode): string => english(offlineReasonSays(node));

/**
 * Why nothing connects to or from `node`: it is drawn so that every NIC has a far end, but
 * it is not an object on the host.
 */
export function notAnObjectProblemSays(node: TopologyNode): Says {
  if (node.kind === 'missing') return msg(MISSING[node.expected], { name: node.name });
  if (node.kind === 'endpoint') return msg('plan.rule.endpoint', { name: node.name, mac: node.mac });
  return undefined;
}
export const notAnObjectProblem = (node: TopologyNode): string | undefined => inEnglish(notAnObjectProblemSays(node));

/** The bridge a TAP or physical NIC is plugged into, if any. */
export function masterOf(topology: Topology, device: TopologyNode): BridgeNode | undefined {
  const port = topology.links.find((l) => l.kind === 'port' && l.source === device.id);
  const master = port ? topology.nodes.find((n) => n.id === port.target) : undefined;
  return master?.kind === 'bridge' ? master : undefined;
}

/**
 * Why `node` may not be plugged, unplugged or deleted by hand: libvirt made it for a VM NIC
 * (TapNode.vm) or for a network (managedBy), and makes and removes it again itself.
 */
export function managedDeviceProblemSays(topology: Topology, node: TopologyNode): Says {
  if (node.kind === 'tap' && node.vm) {
    // TapNode.vm is the VM's node id; older files and tests hold its name
    const vm = topology.nodes.find((n) => n.id === node.vm)?.name ?? node.vm;
    return msg('plan.rule.tapOfVm', { name: node.name, vm });
  }
  if ((node.kind === 'tap' || node.kind === 'bridge') && node.managedBy) {
    return msg(node.kind === 'tap' ? 'plan.rule.tapOfNetwork' : 'plan.rule.bridgeOfNetwork', { name: node.name, network: node.managedBy });
  }
  return undefined;
}
export const managedDeviceProblem = (topology: Topology, node: TopologyNode): string | undefined => inEnglish(managedDeviceProblemSays(topology, node));

/** Why a VM NIC may not be attached to, or moved onto, `target`. */
export function nicTargetProblemSays(target: TopologyNode): Says {
  const odd = notAnObjectProblemSays(target);
  if (odd !== undefined) return odd;
  if (target.kind === 'network') return undefined;
  if (target.kind === 'bridge') {
    return target.managedBy ? msg('plan.rule.bridgeOfNetworkNic', { bridge: target.name, network: target.managedBy }) : undefined;
  }
  if (target.kind === 'vm') return msg('plan.rule.vmToVm');
  return msg('plan.rule.vmOnto', { what: article(target) });
}
export const nicTargetProblem = (target: TopologyNode): string | undefined => inEnglish(nicTargetProblemSays(target));

/** What the preview says of every macvtap NIC: the host and the guest cannot talk over it. */
export const macvtapCaveatSays = (dev: string): Message => msg('plan.rule.macvtapCaveat', { dev });
export const macvtapCaveat = (dev: string): string => english(macvtapCaveatSays(dev));

/** Why a macvtap (direct) NIC may not sit on `device`. */
export function macvtapTargetProblemSays(topology: Topology, device: TopologyNode): Says {
  const odd = notAnObjectProblemSays(device);
  if (odd !== undefined) return odd;
  if (device.kind === 'bridge') return msg('plan.rule.macvtapOnBridge', { name: device.name });
  if (device.kind !== 'physical') return msg('plan.rule.macvtapOnto', { what: article(device) });
  const master = masterOf(topology, device);
  if (master) return msg('plan.rule.macvtapOnPort', { name: device.name, bridge: master.name });
  return undefined;
}
export const macvtapTargetProblem = (topology: Topology, device: TopologyNode): string | undefined => inEnglish(macvtapTargetProblemSays(topology, device));

/** Why this NIC cannot be moved at all: only network and bridge NICs have a source to change. */
export function nicMoveProblemSays(vm: VmNode, nic: NicLink): Says {
  if (nic.type === 'network' || nic.type === 'bridge') return undefined;
  return msg('plan.rule.nicNotMovable', { mac: nic.mac, vm: vm.name, type: nic.type });
}
export const nicMoveProblem = (vm: VmNode, nic: NicLink): string | undefined => inEnglish(nicMoveProblemSays(vm, nic));

/** Why `device` may not be plugged into or unplugged from a bridge by hand. */
export function portDeviceProblemSays(topology: Topology, device: TopologyNode): Says {
  const odd = notAnObjectProblemSays(device);
  if (odd !== undefined) return odd;
  if (device.kind !== 'tap' && device.kind !== 'physical') return msg('plan.rule.notAPort', { name: device.name, what: article(device) });
  return managedDeviceProblemSays(topology, device);
}
export const portDeviceProblem = (topology: Topology, device: TopologyNode): string | undefined => inEnglish(portDeviceProblemSays(topology, device));

/** Why `device` may not be plugged into `bridge`. */
export function portPlugProblemSays(topology: Topology, device: TopologyNode, bridge: TopologyNode): Says {
  const from = portDeviceProblemSays(topology, device);
  if (from !== undefined) return from;
  const odd = notAnObjectProblemSays(bridge);
  if (odd !== undefined) return odd;
  const what = msg(device.kind === 'tap' ? 'plan.rule.A.tap' : 'plan.rule.A.physical');
  if (bridge.kind === 'network') {
    return bridge.bridge ? msg('plan.rule.plugNetworkVia', { what, bridge: bridge.bridge }) : msg('plan.rule.plugNetwork', { what });
  }
  if (bridge.kind !== 'bridge') return msg('plan.rule.plugOnto', { what, target: article(bridge) });
  if (masterOf(topology, device)?.id === bridge.id) return msg('plan.rule.alreadyPlugged', { device: device.name, bridge: bridge.name });
  return undefined;
}
export const portPlugProblem = (topology: Topology, device: TopologyNode, bridge: TopologyNode): string | undefined =>
  inEnglish(portPlugProblemSays(topology, device, bridge));

/** Why `device` may not be deleted by hand. */
export function deviceDeleteProblemSays(topology: Topology, device: TopologyNode): Says {
  const odd = notAnObjectProblemSays(device);
  if (odd !== undefined) return odd;
  if (device.kind !== 'bridge' && device.kind !== 'tap') return msg('plan.rule.notDeletable', { name: device.name, what: article(device) });
  return managedDeviceProblemSays(topology, device);
}
export const deviceDeleteProblem = (topology: Topology, device: TopologyNode): string | undefined => inEnglish(deviceDeleteProblemSays(topology, device));

/** Whether a drag may start from `node`; `liveHosts` are the ids of the connected hosts. */
export function canStartConnect(topology: Topology, liveHosts: ReadonlySet<string>, node: TopologyNode): StartCheck {
  const odd = notAnObjectProblemSays(node);
  if (odd !== undefined) return refuse(odd);
  if (!liveHosts.has(node.host)) return refuse(offlineReasonSays(node));
  if (node.kind === 'vm') return { ok: true };
  if (node.kind === 'tap' || node.kind === 'physical') {
    const problem = managedDeviceProblemSays(topology, node);
    return problem === undefined ? { ok: true } : refuse(problem);
  }
  return refuse(msg('plan.rule.dragFrom', { what: article(node) }));
}

function nicOf(topology: Topology, linkId: string): { nic: NicLink; vm: VmNode } | undefined {
  const nic = topology.links.find((l): l is NicLink => l.id === linkId && l.kind === 'nic');
  const vm = nic ? topology.nodes.find((n) => n.id === nic.source) : undefined;
  return nic && vm?.kind === 'vm' ? { nic, vm } : undefined;
}

/** Whether the far end of NIC link `linkId` may be dragged to move the NIC. */
export function canMoveNic(topology: Topology, liveHosts: ReadonlySet<string>, linkId: string): StartCheck {
  const found = nicOf(topology, linkId);
  if (!found) return refuse(msg('plan.rule.nicGone'));
  const start = canStartConnect(topology, liveHosts, found.vm);
  if (!start.ok) return start;
  const problem = nicMoveProblemSays(found.vm, found.nic);
  return problem === undefined ? start : refuse(problem);
}

/** Where a NIC on `target` goes; only meaningful once nicTargetProblem(target) is undefined. */
export function nicTargetOf(target: TopologyNode): NicTarget {
  return target.kind === 'network' ? { kind: 'network', network: target.name } : { kind: 'bridge', bridge: target.name };
}

function moveTarget(topology: Topology, vm: TopologyNode, target: TopologyNode, moving: MovingNic): ConnectCheck {
  const found = nicOf(topology, moving.linkId);
  if (!found || found.vm.id !== vm.id) return refuse(msg('plan.rule.nicGone'));
  const { nic } = found;
  const problem = nicMoveProblemSays(found.vm, nic) ?? (target.id === nic.target ? msg('plan.rule.nicAlreadyOn', { mac: nic.mac, name: target.name }) : nicTargetProblemSays(target));
  return verdict(problem, () => ({ kind: 'nic-move', vm: vm.name, mac: nic.mac, target: nicTargetOf(target) }));
}

/** What dropping a drag from `source` on `target` does, or why it does nothing. */
export function checkConnect(
  topology: Topology,
  liveHosts: ReadonlySet<string>,
  source: TopologyNode,
  target: TopologyNode,
  moving?: MovingNic,
): ConnectCheck {
  const start = canStartConnect(topology, liveHosts, source);
  if (!start.ok) return start;
  if (target.id === source.id) return refuse(msg('plan.rule.dropElsewhere'));
  if (target.host !== source.host) return refuse(msg('plan.rule.sameHost'));
  if (moving) return moveTarget(topology, source, target, moving);
  if (source.kind === 'vm' && target.kind === 'physical') {
    // a VM dropped on a physical NIC: a macvtap NIC on it, bridge mode unless the dialog says otherwise
    return verdict(macvtapTargetProblemSays(topology, target), () => ({ kind: 'nic-attach', vm: source.name, target: { kind: 'direct', dev: target.name, mode: 'bridge' }, model: 'virtio' }));
  }
  if (source.kind === 'vm') {
    return verdict(nicTargetProblemSays(target), () => ({ kind: 'nic-attach', vm: source.name, target: nicTargetOf(target), model: 'virtio' }));
  }
  return verdict(portPlugProblemSays(topology, source, target), () => ({ kind: 'port-plug', device: source.name, bridge: target.name }));
}
