// Drag-connect rules: which objects a drag can start from, which objects it may end on, and
// the change (Intent) a drop makes — or, for everything refused, why, in the user's words.
import type { Intent } from '../../shared/plan/types.ts';
import type { NicLink, Topology, TopologyNode } from '../../shared/topology/model.ts';

export type ConnectCheck = { ok: true; intent: Intent } | { ok: false; reason: string };
export type StartCheck = { ok: true } | { ok: false; reason: string };

/** A drag that moves an existing NIC: the link whose far end is being dragged. */
export interface MovingNic {
  linkId: string;
}

const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

const ARTICLE: Record<TopologyNode['kind'], string> = {
  vm: 'a VM',
  network: 'a network',
  bridge: 'a bridge',
  tap: 'a TAP',
  physical: 'a physical NIC',
};

export function offlineReason(node: TopologyNode): string {
  return `“${node.name}” comes from a saved file, not a connected host: connect to its host to change it.`;
}

/** Whether a drag may start from `node`; `liveHosts` are the ids of the connected hosts. */
export function canStartConnect(topology: Topology, liveHosts: ReadonlySet<string>, node: TopologyNode): StartCheck {
  if (!liveHosts.has(node.host)) return refuse(offlineReason(node));
  switch (node.kind) {
    case 'vm':
      return { ok: true };
    case 'tap':
      if (node.vm) return refuse(`TAP “${node.name}” belongs to a NIC of VM “${node.vm}”; libvirt plugs it. Drag the VM instead.`);
      return { ok: true };
    case 'physical':
      return { ok: true };
    default:
      return refuse(`Drag from a VM, a TAP or a physical NIC; ${ARTICLE[node.kind]} is what they connect to.`);
  }
}

function bridgeOf(topology: Topology, device: TopologyNode): TopologyNode | undefined {
  const port = topology.links.find((l) => l.kind === 'port' && l.source === device.id);
  return port ? topology.nodes.find((n) => n.id === port.target) : undefined;
}

function vmTarget(vm: TopologyNode, target: TopologyNode): ConnectCheck {
  if (target.kind === 'network') {
    return { ok: true, intent: { kind: 'nic-attach', vm: vm.name, target: { kind: 'network', network: target.name }, model: 'virtio' } };
  }
  if (target.kind === 'bridge') {
    if (target.managedBy) return refuse(`Bridge “${target.name}” belongs to network “${target.managedBy}”: drop the VM on the network instead.`);
    return { ok: true, intent: { kind: 'nic-attach', vm: vm.name, target: { kind: 'bridge', bridge: target.name }, model: 'virtio' } };
  }
  if (target.kind === 'vm') return refuse('VMs connect through a network or a bridge, not to each other directly.');
  return refuse(`A VM cannot be plugged into ${ARTICLE[target.kind]}: drop it on a network or a bridge.`);
}

function deviceTarget(topology: Topology, device: TopologyNode, target: TopologyNode): ConnectCheck {
  const what = device.kind === 'tap' ? 'A TAP' : 'A physical NIC';
  if (target.kind === 'bridge') {
    if (bridgeOf(topology, device)?.id === target.id) return refuse(`“${device.name}” is already plugged into “${target.name}”.`);
    return { ok: true, intent: { kind: 'port-plug', device: device.name, bridge: target.name } };
  }
  if (target.kind === 'network') {
    const via = target.bridge ? `: plug it into its bridge “${target.bridge}” instead` : '';
    return refuse(`${what} is plugged into a bridge, not into a network${via}.`);
  }
  return refuse(`${what} can only be plugged into a bridge, not into ${ARTICLE[target.kind]}.`);
}

function moveTarget(nic: NicLink, vm: TopologyNode, target: TopologyNode): ConnectCheck {
  if (target.id === nic.target) return refuse(`The NIC ${nic.mac} is already on “${target.name}”.`);
  const attach = vmTarget(vm, target);
  if (!attach.ok || attach.intent.kind !== 'nic-attach') return attach;
  return { ok: true, intent: { kind: 'nic-move', vm: vm.name, mac: nic.mac, target: attach.intent.target } };
}

/** What dropping a drag from `source` on `target` does. */
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
  if (moving) {
    const nic = topology.links.find((l): l is NicLink => l.id === moving.linkId && l.kind === 'nic');
    if (!nic || nic.source !== source.id) return refuse('That NIC is no longer there.');
    return moveTarget(nic, source, target);
  }
  return source.kind === 'vm' ? vmTarget(source, target) : deviceTarget(topology, source, target);
}

/** The ids of the hosts drawn from live connections. */
export function liveHostIdsOf(hosts: Iterable<{ host: { id: string } }>): ReadonlySet<string> {
  return new Set([...hosts].map((h) => h.host.id));
}
