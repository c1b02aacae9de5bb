// What may be done, once: which objects a drag can start from, what a drop on an object
// makes (an Intent), and which changes libvirt's own objects refuse — each answered with the
// reason in the user's words. The renderer asks these to mark targets and refuse early; the
// planner asks the same functions about the objects it looked up, so neither allows what the
// other refuses. What only the host can answer at plan time (an inactive network, a
// protected interface, root) stays with the planner: those are questions, not refusals.
import type { BridgeNode, HostObjectNode, MissingNode, NicLink, Topology, TopologyNode, VmNode } from '../topology/model.ts';
import type { Intent, NicTarget } from './types.ts';

export type ConnectCheck = { ok: true; intent: Intent } | { ok: false; reason: string };
export type StartCheck = { ok: true } | { ok: false; reason: string };

/** A drag that moves an existing NIC: the link whose far end is being dragged. */
export interface MovingNic {
  linkId: string;
}

const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });
const verdict = (problem: string | undefined, intent: () => Intent): ConnectCheck => (problem === undefined ? { ok: true, intent: intent() } : refuse(problem));

const ARTICLE: Record<HostObjectNode['kind'], string> = {
  vm: 'a VM',
  network: 'a network',
  bridge: 'a bridge',
  tap: 'a TAP',
  physical: 'a physical NIC',
};

const MISSING: Record<MissingNode['expected'], string> = { network: 'Network', bridge: 'Bridge', device: 'Device' };

const article = (node: TopologyNode): string => (node.kind === 'missing' || node.kind === 'endpoint' ? `“${node.name}”` : ARTICLE[node.kind]);

export function offlineReason(node: TopologyNode): string {
  return `“${node.name}” comes from a saved file, not a connected host: connect to its host to change it.`;
}

/**
 * Why nothing connects to or from `node`: it is drawn so that every NIC has a far end, but
 * it is not an object on the host.
 */
export function notAnObjectProblem(node: TopologyNode): string | undefined {
  if (node.kind === 'missing') return `${MISSING[node.expected]} “${node.name}” does not exist on this host; a NIC only names it. Nothing can be connected to or from it.`;
  if (node.kind === 'endpoint') return `“${node.name}” is where NIC ${node.mac} ends, outside the host’s networks and bridges. Nothing can be connected to or from it.`;
  return undefined;
}

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
export function managedDeviceProblem(topology: Topology, node: TopologyNode): string | undefined {
  if (node.kind === 'tap' && node.vm) {
    // TapNode.vm is the VM's node id; older files and tests hold its name
    const vm = topology.nodes.find((n) => n.id === node.vm)?.name ?? node.vm;
    return `TAP “${node.name}” belongs to a NIC of VM “${vm}”; libvirt plugs it and removes it with the NIC. Change the NIC instead.`;
  }
  if ((node.kind === 'tap' || node.kind === 'bridge') && node.managedBy) {
    const what = node.kind === 'tap' ? 'TAP' : 'Bridge';
    return `${what} “${node.name}” belongs to network “${node.managedBy}”; libvirt makes and removes it with the network. Change the network instead.`;
  }
  return undefined;
}

/** Why a VM NIC may not be attached to, or moved onto, `target`. */
export function nicTargetProblem(target: TopologyNode): string | undefined {
  const odd = notAnObjectProblem(target);
  if (odd !== undefined) return odd;
  if (target.kind === 'network') return undefined;
  if (target.kind === 'bridge') {
    return target.managedBy ? `Bridge “${target.name}” belongs to network “${target.managedBy}”: connect the VM to the network instead.` : undefined;
  }
  if (target.kind === 'vm') return 'VMs connect through a network or a bridge, not to each other directly.';
  return `A VM cannot be plugged into ${article(target)}: drop it on a network or a bridge.`;
}

/** What the preview says of every macvtap NIC: the host and the guest cannot talk over it. */
export function macvtapCaveat(dev: string): string {
  return `With macvtap the host itself cannot reach the guest over this NIC: traffic between them does not loop back through \`${dev}\` (use a bridge or a libvirt network for host ↔ guest traffic).`;
}

/** Why a macvtap (direct) NIC may not sit on `device`. */
export function macvtapTargetProblem(topology: Topology, device: TopologyNode): string | undefined {
  const odd = notAnObjectProblem(device);
  if (odd !== undefined) return odd;
  if (device.kind === 'bridge') return `“${device.name}” is a bridge: connect the VM to it as a bridge, not through macvtap.`;
  if (device.kind !== 'physical') return `A macvtap NIC sits on a host device such as a physical NIC, not on ${article(device)}.`;
  const master = masterOf(topology, device);
  if (master) return `“${device.name}” is a port of bridge “${master.name}”, which holds its traffic: macvtap cannot sit on it. Connect the VM to “${master.name}” instead.`;
  return undefined;
}

/** Why this NIC cannot be moved at all: only network and bridge NICs have a source to change. */
export function nicMoveProblem(vm: VmNode, nic: NicLink): string | undefined {
  if (nic.type === 'network' || nic.type === 'bridge') return undefined;
  return `NIC ${nic.mac} of VM “${vm.name}” is of type ${nic.type}; only network and bridge NICs can be moved.`;
}

/** Why `device` may not be plugged into or unplugged from a bridge by hand. */
export function portDeviceProblem(topology: Topology, device: TopologyNode): string | undefined {
  const odd = notAnObjectProblem(device);
  if (odd !== undefined) return odd;
  if (device.kind !== 'tap' && device.kind !== 'physical') return `“${device.name}” is ${article(device)}; only TAPs and physical NICs plug into a bridge.`;
  return managedDeviceProblem(topology, device);
}

/** Why `device` may not be plugged into `bridge`. */
export function portPlugProblem(topology: Topology, device: TopologyNode, bridge: TopologyNode): string | undefined {
  const from = portDeviceProblem(topology, device);
  if (from !== undefined) return from;
  const odd = notAnObjectProblem(bridge);
  if (odd !== undefined) return odd;
  const what = device.kind === 'tap' ? 'A TAP' : 'A physical NIC';
  if (bridge.kind === 'network') {
    const via = bridge.bridge ? `: plug it into its bridge “${bridge.bridge}” instead` : '';
    return `${what} is plugged into a bridge, not into a network${via}.`;
  }
  if (bridge.kind !== 'bridge') return `${what} can only be plugged into a bridge, not into ${article(bridge)}.`;
  if (masterOf(topology, device)?.id === bridge.id) return `“${device.name}” is already plugged into “${bridge.name}”.`;
  return undefined;
}

/** Why `device` may not be deleted by hand. */
export function deviceDeleteProblem(topology: Topology, device: TopologyNode): string | undefined {
  const odd = notAnObjectProblem(device);
  if (odd !== undefined) return odd;
  if (device.kind !== 'bridge' && device.kind !== 'tap') return `“${device.name}” is ${article(device)}; only bridges and TAPs can be deleted.`;
  return managedDeviceProblem(topology, device);
}

/** Whether a drag may start from `node`; `liveHosts` are the ids of the connected hosts. */
export function canStartConnect(topology: Topology, liveHosts: ReadonlySet<string>, node: TopologyNode): StartCheck {
  const odd = notAnObjectProblem(node);
  if (odd !== undefined) return refuse(odd);
  if (!liveHosts.has(node.host)) return refuse(offlineReason(node));
  if (node.kind === 'vm') return { ok: true };
  if (node.kind === 'tap' || node.kind === 'physical') {
    const problem = managedDeviceProblem(topology, node);
    return problem === undefined ? { ok: true } : refuse(problem);
  }
  return refuse(`Drag from a VM, a TAP or a physical NIC; ${article(node)} is what they connect to.`);
}

function nicOf(topology: Topology, linkId: string): { nic: NicLink; vm: VmNode } | undefined {
  const nic = topology.links.find((l): l is NicLink => l.id === linkId && l.kind === 'nic');
  const vm = nic ? topology.nodes.find((n) => n.id === nic.source) : undefined;
  return nic && vm?.kind === 'vm' ? { nic, vm } : undefined;
}

/** Whether the far end of NIC link `linkId` may be dragged to move the NIC. */
export function canMoveNic(topology: Topology, liveHosts: ReadonlySet<string>, linkId: string): StartCheck {
  const found = nicOf(topology, linkId);
  if (!found) return refuse('That NIC is no longer there.');
  const start = canStartConnect(topology, liveHosts, found.vm);
  if (!start.ok) return start;
  const problem = nicMoveProblem(found.vm, found.nic);
  return problem === undefined ? start : refuse(problem);
}

/** Where a NIC on `target` goes; only meaningful once nicTargetProblem(target) is undefined. */
export function nicTargetOf(target: TopologyNode): NicTarget {
  return target.kind === 'network' ? { kind: 'network', network: target.name } : { kind: 'bridge', bridge: target.name };
}

function moveTarget(topology: Topology, vm: TopologyNode, target: TopologyNode, moving: MovingNic): ConnectCheck {
  const found = nicOf(topology, moving.linkId);
  if (!found || found.vm.id !== vm.id) return refuse('That NIC is no longer there.');
  const { nic } = found;
  const problem = nicMoveProblem(found.vm, nic) ?? (target.id === nic.target ? `The NIC ${nic.mac} is already on “${target.name}”.` : nicTargetProblem(target));
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
  if (target.id === source.id) return refuse('Drop it on another object.');
  if (target.host !== source.host) return refuse('Both ends must be on the same host.');
  if (moving) return moveTarget(topology, source, target, moving);
  if (source.kind === 'vm' && target.kind === 'physical') {
    // a VM dropped on a physical NIC: a macvtap NIC on it, bridge mode unless the dialog says otherwise
    return verdict(macvtapTargetProblem(topology, target), () => ({ kind: 'nic-attach', vm: source.name, target: { kind: 'direct', dev: target.name, mode: 'bridge' }, model: 'virtio' }));
  }
  if (source.kind === 'vm') {
    return verdict(nicTargetProblem(target), () => ({ kind: 'nic-attach', vm: source.name, target: nicTargetOf(target), model: 'virtio' }));
  }
  return verdict(portPlugProblem(topology, source, target), () => ({ kind: 'port-plug', device: source.name, bridge: target.name }));
}
