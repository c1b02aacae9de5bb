// `virtwire show`: a saved topology as text — how many of each kind, then every network
// (and every bridge no network owns), and everything else a VM NIC is on, each with its VM
// NICs, so every NIC of every VM is listed once, missing targets and endpoints named as such.
// Every name and detail from the file goes through `visible`: a file can hold any text, and
// none of it may drive the terminal. Nothing spreads an array into a call: a file may hold
// hundreds of thousands of links.
import { visible } from '../../shared/text/visible.ts';
import { NODE_KINDS, type NicLink, type Topology, type TopologyNode } from '../../shared/topology/model.ts';
import { byNaturalName } from '../../shared/text/natural.ts';
import { t } from './i18n.ts';

function nicType(l: NicLink): string {
  return l.type === 'direct' && l.sourceMode ? `direct/${l.sourceMode}` : l.type;
}

function nicLines(nics: NicLink[], byId: Map<string, TopologyNode>): string[] {
  if (nics.length === 0) return [`  ${t('cli.show.noNics')}`];
  const rows = [...nics].sort(byNaturalName((l) => byId.get(l.source)?.name ?? l.source, (l) => l.mac)).map((l) => [byId.get(l.source)?.name ?? l.source, l.mac, nicType(l), l.model ?? '-', l.targetDev ?? '-'].map(visible));
  const last = rows[0]!.length - 1;
  const widths = rows[0]!.map(() => 0);
  for (const r of rows) r.forEach((cell, i) => (widths[i] = Math.max(widths[i]!, cell.length)));
  return rows.map((r) => `  ${r.map((cell, i) => (i < last ? cell.padEnd(widths[i]!) : cell)).join('  ')}`);
}

/** The heading of a node's section, or undefined when it gets none. */
function heading(node: TopologyNode, hasNics: boolean): string | undefined {
  const name = visible(node.name);
  const state = visible(node.state);
  switch (node.kind) {
    case 'network': {
      const forward = visible(node.forward);
      return node.bridge ? t('cli.show.network', { name, forward, state, bridge: visible(node.bridge) }) : t('cli.show.networkNoBridge', { name, forward, state });
    }
    case 'bridge':
      if (node.managedBy === null) return t('cli.show.bridgeUnmanaged', { name, state });
      return hasNics ? t('cli.show.bridgeOf', { name, state, network: visible(node.managedBy) }) : undefined;
    case 'missing':
      return t('cli.show.missing', { expected: node.expected, name });
    case 'endpoint':
      return t('cli.show.endpoint', { name });
    case 'tap':
      return hasNics ? t('cli.show.tap', { name, state }) : undefined;
    case 'physical':
      return hasNics ? t('cli.show.physical', { name, state }) : undefined;
    case 'vm':
      return undefined;
  }
}

export function summarizeTopology(topology: Topology, title: string): string {
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  const nicsOn = new Map<string, NicLink[]>();
  for (const l of topology.links) {
    if (l.kind !== 'nic') continue;
    const on = nicsOn.get(l.target);
    if (on) on.push(l);
    else nicsOn.set(l.target, [l]);
  }
  const counts = Object.fromEntries(NODE_KINDS.map((kind) => [kind, 0]));
  for (const node of topology.nodes) counts[node.kind]! += 1;
  const lines = [
    visible(title),
    t('cli.show.totals', { hosts: topology.hosts.length, objects: topology.nodes.length, links: topology.links.length }),
    t('cli.show.kinds', counts),
  ];
  const kindOrder = new Map<string, number>(NODE_KINDS.map((kind, i) => [kind, i]));
  const inOrder = [...topology.nodes].sort(
    (a, b) => kindOrder.get(a.kind)! - kindOrder.get(b.kind)! || byNaturalName<TopologyNode>((n) => n.name, (n) => n.id)(a, b),
  );
  for (const node of inOrder) {
    const nics = nicsOn.get(node.id) ?? [];
    const title = heading(node, nics.length > 0);
    if (!title) continue;
    lines.push('', title);
    for (const line of nicLines(nics, byId)) lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}
