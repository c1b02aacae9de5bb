// Focus mode's reach: what is wired to the object in focus (GraphAdapter fades the rest).
import type cytoscape from 'cytoscape';

/** How far from the VM each kind sits along a wire: VM, its TAP, the bridge, the network or uplink. */
const WIRE_RANK: Record<string, number> = { vm: 0, endpoint: 0, tap: 1, bridge: 2, network: 3, physical: 3, missing: 3 };

/**
 * What is wired to a node: its neighbours, and onwards along each wire in the same direction
 * (from a VM up through its TAP and bridge to the network; from a network down through its
 * bridge and TAPs to the VMs), with the edges between them. Other ports of a VM's bridge are
 * not its wires.
 */
export function wiredTo(start: cytoscape.CollectionReturnValue): cytoscape.CollectionReturnValue {
  if (start.empty()) return start;
  const rank = (n: cytoscape.NodeSingular): number => WIRE_RANK[String(n.data('kind'))] ?? 0;
  // grown in place, its ids in a set: a union copies the collection, and has() or edgesWith()
  // make a collection of each element they test (focus on a network of 2,000 VMs: 160 ms, now 20)
  const found = start.nodes().union(start.nodes());
  const ids = new Set(start.nodes().map((n) => n.id()));
  let frontier: { node: cytoscape.NodeSingular; direction: number }[] = [{ node: start.nodes()[0]!, direction: 0 }];
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const { node, direction } of frontier) {
      node.neighborhood().nodes().forEach((n) => {
        if (n.data('kind') === 'host' || ids.has(n.id())) return;
        const step = Math.sign(rank(n) - rank(node));
        if (direction !== 0 && step !== direction) return;
        found.merge(n);
        ids.add(n.id());
        if (step !== 0) next.push({ node: n, direction: step });
      });
    }
    frontier = next;
  }
  const edges = found.connectedEdges().filter((e) => ids.has(e.source().id()) && ids.has(e.target().id()));
  return found.union(edges);
}
