// Semantic zoom, the pure part: which VMs collapse into one aggregate when a big host is zoomed
// out. Each VM belongs to the hub (network, bridge, placeholder or physical NIC) it is wired to
// and drawn nearest to — the one the layout put it around — together with what only it has: the
// TAPs backing its NICs and its NIC endpoints. A hub with at least `minVms` such VMs gets an
// aggregate; a VM's wires to other hubs become one merged link per hub, counted in VMs, so a VM
// on two networks is counted once, in the aggregate it is drawn in, and its second network is a
// link from that aggregate. semanticZoom.ts draws them.
import type { Point } from '../../shared/topology/model.ts';
import { t } from '../state/i18n.svelte.ts';

/** a hub with fewer VMs drawn around it never collapses */
export const MIN_AGGREGATE_VMS = 30;

export const AGGREGATE_KIND = 'aggregate';
export const AGGREGATE_LINK_KIND = 'aggregate-link';
/** Classes: members of a collapsed aggregate; an aggregate (and its links) while its VMs show. */
export const HIDDEN_CLASS = 'agg-hidden';
export const OPEN_CLASS = 'agg-open';

/** What a VM may be wired to and gathered around. */
const HUB_KINDS = new Set(['network', 'bridge', 'missing', 'physical']);
/** Room around the outermost VM: half a VM's diagonal and a margin. */
const VM_ROOM = 60;

export interface AggregateNodeInput {
  id: string;
  kind: string;
  label: string;
  state?: string;
  /** the host's element, when the node is drawn inside one's box */
  inHost?: string;
  position?: Point;
}

export interface AggregateEdgeInput {
  id: string;
  kind: string;
  source: string;
  target: string;
}

export interface AggregateLink {
  id: string;
  /** the aggregate */
  source: string;
  /** a hub, or another aggregate */
  target: string;
  /** how many of the aggregate's VMs are wired to the target */
  vms: number;
  label: string;
  /** the drawn links it stands for */
  edges: string[];
}

export interface Aggregate {
  id: string;
  hub: string;
  inHost: string | undefined;
  /** the VMs it holds, in the order given */
  vms: string[];
  running: number;
  /** its VMs, their TAPs and NIC endpoints: everything it hides */
  members: string[];
  label: string;
  centre: Point;
  radius: number;
  links: AggregateLink[];
}

export const aggregateId = (hubId: string): string => `aggregate:${hubId}`;

/** "net3 · 42 VMs, 40 running", in the user's language */
export function aggregateLabel(hub: string, vms: number, running: number): string {
  return t('graph.aggregate', { hub, vms, running });
}

const distance = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

/** The aggregates of a drawing: one per hub with at least `minVms` VMs around it. */
export function computeAggregates(
  nodes: readonly AggregateNodeInput[],
  edges: readonly AggregateEdgeInput[],
  minVms: number = MIN_AGGREGATE_VMS,
): Aggregate[] {
  const byId = new Map(nodes.map((n) => [n.id, n] as const));
  const neighbours = new Map<string, { edge: string; other: string }[]>();
  const add = (from: string, edge: string, other: string): void => {
    const list = neighbours.get(from);
    if (list) list.push({ edge, other });
    else neighbours.set(from, [{ edge, other }]);
  };
  for (const e of edges) {
    add(e.source, e.id, e.target);
    add(e.target, e.id, e.source);
  }
  const kindOf = (id: string): string | undefined => byId.get(id)?.kind;
  const isHub = (id: string): boolean => HUB_KINDS.has(kindOf(id) ?? '');
  // A network's bridge stands for the network: VMs plugged into it (wiring view) gather there.
  const networkOf = new Map<string, string>();
  for (const e of edges) if (e.kind === 'uses' && kindOf(e.source) === 'network' && !networkOf.has(e.target)) networkOf.set(e.target, e.source);
  const hubOf = (id: string): string => networkOf.get(id) ?? id;

  // Each VM's own satellites (TAPs backing its NICs, its endpoints) and the hubs it is wired to.
  const ownerOf = new Map<string, string>();
  const hubsOf = new Map<string, string[]>();
  for (const vm of nodes) {
    if (vm.kind !== 'vm') continue;
    const hubs = new Set<string>();
    for (const { other } of neighbours.get(vm.id) ?? []) {
      const kind = kindOf(other);
      if (isHub(other)) hubs.add(hubOf(other));
      else if (kind === 'tap' || kind === 'endpoint') {
        // a TAP or endpoint some other VM also reaches is not this VM's alone
        if (ownerOf.has(other) && ownerOf.get(other) !== vm.id) continue;
        ownerOf.set(other, vm.id);
        for (const next of neighbours.get(other) ?? []) if (isHub(next.other)) hubs.add(hubOf(next.other));
      }
    }
    if (hubs.size > 0) hubsOf.set(vm.id, [...hubs].sort());
  }

  // A VM's home is the hub it is drawn around. With one hub that is plain. A VM on several sits
  // on the ring of one of them, facing the others, and may well be nearer to a small hub next
  // door than to its own: it belongs to the hub within whose ring of single-hub VMs it lies
  // (relative to that ring's size), else to the nearest.
  const positionOf = (id: string): Point | undefined => byId.get(id)?.position;
  const reach = new Map<string, number>();
  for (const [vm, hubs] of hubsOf) {
    if (hubs.length !== 1) continue;
    const [at, hub] = [positionOf(vm), positionOf(hubs[0]!)];
    if (at && hub) reach.set(hubs[0]!, Math.max(reach.get(hubs[0]!) ?? 0, distance(at, hub)));
  }
  const homes = new Map<string, string[]>();
  for (const vm of nodes) {
    const hubs = hubsOf.get(vm.id);
    if (!hubs) continue;
    let home = hubs[0]!;
    const at = vm.position;
    if (hubs.length > 1 && at) {
      let best = Infinity;
      let nearest = Infinity;
      let nearestHub = home;
      for (const hub of hubs) {
        const p = positionOf(hub);
        if (!p) continue;
        const d = distance(at, p);
        if (d < nearest) [nearest, nearestHub] = [d, hub];
        const ring = reach.get(hub) ?? 0;
        if (ring > 0 && d <= ring + VM_ROOM && d / ring < best) [best, home] = [d / ring, hub];
      }
      if (best === Infinity) home = nearestHub;
    }
    const list = homes.get(home);
    if (list) list.push(vm.id);
    else homes.set(home, [vm.id]);
  }
  for (const [satellite, vm] of ownerOf) {
    // a TAP plugged into something other than a hub (another VM's TAP?) stays drawn
    if ((neighbours.get(satellite) ?? []).some(({ other }) => other !== vm && !isHub(other))) ownerOf.delete(satellite);
  }
  const satellitesOf = new Map<string, string[]>();
  for (const [satellite, vm] of ownerOf) {
    const list = satellitesOf.get(vm);
    if (list) list.push(satellite);
    else satellitesOf.set(vm, [satellite]);
  }

  const aggregates: Aggregate[] = [];
  const aggregateOf = new Map<string, string>();
  for (const [hubId, vms] of homes) {
    if (vms.length < minVms) continue;
    const hub = byId.get(hubId)!;
    const id = aggregateId(hubId);
    const members = vms.flatMap((vm) => [vm, ...(satellitesOf.get(vm) ?? [])]);
    for (const m of members) aggregateOf.set(m, id);
    const placed = vms.map((vm) => byId.get(vm)!.position).filter((p): p is Point => p !== undefined);
    const centre = hub.position ?? (placed.length > 0 ? { x: placed.reduce((s, p) => s + p.x, 0) / placed.length, y: placed.reduce((s, p) => s + p.y, 0) / placed.length } : { x: 0, y: 0 });
    let reach = 0;
    for (const p of placed) reach = Math.max(reach, distance(centre, p));
    const running = vms.filter((vm) => byId.get(vm)!.state === 'running').length;
    aggregates.push({
      id,
      hub: hubId,
      inHost: hub.inHost,
      vms,
      running,
      members,
      label: aggregateLabel(hub.label, vms.length, running),
      centre,
      radius: reach + VM_ROOM,
      links: [],
    });
  }

  // Wires from an aggregate's members to anything outside it, merged per far end.
  for (const aggregate of aggregates) {
    const far = new Map<string, { vms: Set<string>; edges: string[] }>();
    for (const member of aggregate.members) {
      const vm = kindOf(member) === 'vm' ? member : ownerOf.get(member)!;
      for (const { edge, other } of neighbours.get(member) ?? []) {
        // its own hub (or the hub's bridge) is where it is drawn: no link needed
        if (aggregateOf.get(other) === aggregate.id || hubOf(other) === aggregate.hub) continue;
        const target = aggregateOf.get(other) ?? other;
        const entry = far.get(target) ?? { vms: new Set<string>(), edges: [] };
        entry.vms.add(vm);
        entry.edges.push(edge);
        far.set(target, entry);
      }
    }
    for (const [target, { vms, edges: merged }] of [...far].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      aggregate.links.push({ id: `${aggregate.id}→${target}`, source: aggregate.id, target, vms: vms.size, label: t('graph.aggregateVms', { vms: vms.size }), edges: merged });
    }
  }
  return aggregates;
}
