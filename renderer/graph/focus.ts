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
  let found = start.union(start);
  let frontier: { node: cytoscape.NodeSingular; direction: number }[] = [{ node: start.nodes()[0]!, direction: 0 }];
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const { node, direction } of frontier) {
      node.neighborhood().nodes().forEach((n) => {
        if (n.data('kind') === 'host' || found.has(n)) return;
        const step = Math.sign(rank(n) - rank(node));
        if (direction !== 0 && step !== direction) return;
        found = found.union(n);
        if (step !== 0) next.push({ node: n, direction: step });
      });
    }
    frontier = next;
  }
  const nodes = found.nodes();
  return nodes.union(nodes.edgesWith(nodes));
}
