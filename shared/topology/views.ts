// The two ways the graph shows one topology.
//   logical — VMs wired to the networks and bridges their NICs are on; TAPs that merely back
//             a VM NIC are folded into the NIC edge.
//   wiring  — what `brctl show` sees: VM → TAP → bridge, network → its bridge, uplinks.
import { isVmRunning, type NicLink, type NodeKind, type Persistence, type Topology, type TopologyLink, type TopologyNode } from './model.ts';
import { FollowedNodeIndex } from './node-index.ts';

export type ViewKind = 'logical' | 'wiring';
export const VIEW_KINDS: readonly ViewKind[] = ['logical', 'wiring'];

/** ok = active/running/up, off = inactive/shut off/down, warn = paused or otherwise degraded */
export type NodeStatus = 'ok' | 'off' | 'warn';

export interface ViewNode {
  id: string;
  kind: NodeKind;
  label: string;
  host: string;
  state: string;
  status: NodeStatus;
  /** of a device: what brings it back after a reboot */
  persistence?: Persistence;
}

export type ViewEdgeKind = 'nic' | 'port' | 'uses' | 'uplink' | 'backs';

export interface ViewEdge {
  id: string;
  kind: ViewEdgeKind;
  source: string;
  target: string;
  label: string;
  /** a NIC of a running VM that exists only live (gone on reboot) or only in its config */
  pending?: 'live-only' | 'config-only';
  /** the topology link this edge draws */
  link: string;
  /** a NIC on something the host does not have */
  toMissing?: true;
}

export interface GraphView {
  hosts: { id: string; label: string }[];
  nodes: ViewNode[];
  edges: ViewEdge[];
}

export function nodeStatus(node: TopologyNode): NodeStatus {
  switch (node.kind) {
    case 'network':
      return node.active ? 'ok' : 'off';
    case 'vm':
      if (node.state === 'running') return 'ok';
      if (!isVmRunning(node.state)) return node.state === 'crashed' ? 'warn' : 'off';
      return 'warn';
    case 'missing':
      return 'warn';
    case 'endpoint':
      return node.state === 'link down' ? 'off' : 'ok';
    default:
      return node.up ? 'ok' : 'off';
  }
}

export function nicLabel(nic: NicLink): string {
  const parts = [nic.mac];
  // the address the host knows it by, IPv4 first (the details panel lists them all)
  const address = nic.addresses?.find((a) => a.family === 'ipv4') ?? nic.addresses?.[0];
  if (address) parts.push(address.ip);
  if (nic.model) parts.push(nic.model);
  if (nic.type === 'direct') parts.push(`macvtap ${nic.sourceMode ?? 'vepa'}`);
  if (nic.linkState === 'down') parts.push('link down');
  return parts.join(' · ');
}

function nicPending(nic: NicLink, vm: TopologyNode | undefined): ViewEdge['pending'] {
  if (nic.live && !nic.config) return 'live-only';
  if (!nic.live && nic.config && vm?.kind === 'vm' && isVmRunning(vm.state)) return 'config-only';
  return undefined;
}

function withPending(edge: ViewEdge, pending: ViewEdge['pending']): ViewEdge {
  return pending ? { ...edge, pending } : edge;
}

/**
 * The objects by id and the TAPs by host and name (a NIC's target device names the TAP backing
 * it), followed from one topology's objects to the next: a live patch builds the view again.
 */
const objectIndex = new FollowedNodeIndex();

/**
 * Each object's view node, kept while the object is (a topology's objects are replaced when
 * they change, never changed in place) and frozen, as it is shared: a live patch builds the
 * view of a big host again, and the graph passes over a node it drew from the same object.
 */
const viewNodes = new WeakMap<TopologyNode, ViewNode>();

function viewNode(n: TopologyNode): ViewNode {
  let node = viewNodes.get(n);
  if (node) return node;
  node = { id: n.id, kind: n.kind, label: n.name, host: n.host, state: n.state, status: nodeStatus(n) };
  if ('persistence' in n && n.persistence !== undefined) node.persistence = n.persistence;
  viewNodes.set(n, Object.freeze(node));
  return node;
}

/** The edge of a NIC drawn as VM → the TAP backing it (wiring view); otherwise a link's edge has the link's id. */
export const backsEdgeId = (linkId: string): string => `${linkId}/backs`;

/** The ids a link's edge can have in a view. */
export const edgeIdsOf = (linkId: string): readonly string[] => [linkId, backsEdgeId(linkId)];

/** what a link's edge was made from: besides the link, the objects a NIC's edge reads */
interface EdgeSource {
  view: ViewKind;
  vm: TopologyNode | undefined;
  target: TopologyNode | undefined;
  tap: TopologyNode | undefined;
  edge: ViewEdge;
}

/** Each link's edge, kept (frozen) while the link and what its edge reads are the same objects. */
const viewEdges = new WeakMap<TopologyLink, EdgeSource>();

/**
 * The edge of a link; of a NIC, from its VM (whether it is running: pending), what it is on
 * (missing or not) and, in the wiring view, the TAP backing it.
 */
function viewEdge(l: TopologyLink, view: ViewKind, vm: TopologyNode | undefined, target: TopologyNode | undefined, tap: TopologyNode | undefined): ViewEdge {
  const kept = viewEdges.get(l);
  if (kept && kept.view === view && kept.vm === vm && kept.target === target && kept.tap === tap) return kept.edge;
  const edge = Object.freeze(makeEdge(l, view, vm, target, tap));
  viewEdges.set(l, { view, vm, target, tap, edge });
  return edge;
}

function makeEdge(l: TopologyLink, view: ViewKind, vm: TopologyNode | undefined, target: TopologyNode | undefined, tap: TopologyNode | undefined): ViewEdge {
  if (l.kind !== 'nic') return { id: l.id, kind: l.kind, source: l.source, target: l.target, label: l.kind, link: l.id };
  const pending = nicPending(l, vm);
  if (tap) return withPending({ id: backsEdgeId(l.id), kind: 'backs', source: l.source, target: tap.id, label: nicLabel(l), link: l.id }, pending);
  const toMissing = target?.kind === 'missing' ? { toMissing: true as const } : {};
  const label = view === 'logical' && l.targetDev ? `${nicLabel(l)} (${l.targetDev})` : nicLabel(l);
  return withPending({ id: l.id, kind: 'nic', source: l.source, target: l.target, label, link: l.id, ...toMissing }, pending);
}

export function buildView(topology: Topology, view: ViewKind): GraphView {
  // the index's maps are used in this call only: the next one changes them
  const { byId, taps } = objectIndex.update(topology.nodes);
  const backingTap = (nic: NicLink): TopologyNode | undefined => {
    const vm = byId.get(nic.source);
    return vm && nic.targetDev ? taps.get(`${vm.host}\u0000${nic.targetDev}`) : undefined;
  };

  const hidden = new Set<string>();
  if (view === 'logical') {
    for (const l of topology.links) {
      if (l.kind !== 'nic') continue;
      const tap = backingTap(l);
      if (tap) hidden.add(tap.id);
    }
    for (const n of topology.nodes) if (n.kind === 'tap' && n.vm) hidden.add(n.id);
  }

  const nodes: ViewNode[] = topology.nodes.filter((n) => !hidden.has(n.id)).map(viewNode);

  const edges: ViewEdge[] = [];
  for (const l of topology.links) {
    if (hidden.has(l.source) || hidden.has(l.target)) continue;
    if (l.kind !== 'nic') edges.push(viewEdge(l, view, undefined, undefined, undefined));
    else edges.push(viewEdge(l, view, byId.get(l.source), byId.get(l.target), view === 'wiring' ? backingTap(l) : undefined));
  }

  return {
    hosts: topology.hosts.map((h) => ({ id: h.id, label: h.label })),
    nodes,
    edges,
  };
}
