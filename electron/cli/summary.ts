// `virtwire show`: a saved topology as text — how many of each kind, then every network
// (and every bridge no network owns) with the VM NICs attached to it.
import { NODE_KINDS, type NicLink, type NodeKind, type Topology, type TopologyNode } from '../../shared/topology/model.ts';

const KIND_NAMES: Record<NodeKind, [string, string]> = {
  network: ['network', 'networks'],
  bridge: ['bridge', 'bridges'],
  tap: ['TAP', 'TAPs'],
  vm: ['VM', 'VMs'],
  physical: ['physical NIC', 'physical NICs'],
};

function count(n: number, [one, many]: [string, string]): string {
  return `${n} ${n === 1 ? one : many}`;
}

function nicLines(topology: Topology, byId: Map<string, TopologyNode>, target: string): string[] {
  const nics = topology.links.filter((l): l is NicLink => l.kind === 'nic' && l.target === target);
  if (nics.length === 0) return ['  (no VM NICs)'];
  const rows = nics.map((l) => [byId.get(l.source)?.name ?? l.source, l.mac, l.model ?? '-', l.targetDev ?? '-']);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `  ${r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ')}`);
}

export function summarizeTopology(topology: Topology, title: string): string {
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  const counts = NODE_KINDS.map((kind) => count(topology.nodes.filter((n) => n.kind === kind).length, KIND_NAMES[kind]));
  const lines = [
    title,
    `${count(topology.hosts.length, ['host', 'hosts'])}, ${count(topology.nodes.length, ['object', 'objects'])}, ${count(topology.links.length, ['link', 'links'])}`,
    counts.join(', '),
  ];
  for (const node of topology.nodes) {
    if (node.kind === 'network') {
      const bridge = node.bridge ? `bridge ${node.bridge}` : 'no bridge';
      lines.push('', `network ${node.name} (${node.forward}, ${node.state}) — ${bridge}`, ...nicLines(topology, byId, node.id));
    } else if (node.kind === 'bridge' && node.managedBy === null) {
      lines.push('', `bridge ${node.name} (${node.state}) — not managed by a network`, ...nicLines(topology, byId, node.id));
    }
  }
  return `${lines.join('\n')}\n`;
}
