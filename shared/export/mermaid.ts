// Mermaid flowchart, for Markdown wikis (GitHub, GitLab, Azure DevOps, Obsidian…): one
// subgraph per host, each object with a shape for its kind, each link drawn as the app draws
// it. Mermaid lays the chart out itself; it has no way to take the app's positions.
import type { Topology } from '../topology/model.ts';
import type { ViewEdge, ViewKind } from '../topology/views.ts';
import { COLOURS, exportGraph, type ExportNode } from './graph.ts';

/** Opening and closing brackets of each kind's shape. */
const SHAPES: Record<ExportNode['kind'], [string, string]> = {
  network: ['([', '])'],
  bridge: ['[(', ')]'],
  tap: ['{', '}'],
  vm: ['(', ')'],
  physical: ['{{', '}}'],
  missing: ['[/', '/]'],
  endpoint: ['>', ']'],
};

/**
 * Text inside a Mermaid `"…"` label. Mermaid reads `#name;` and `#123;` as entities and
 * labels as HTML, so `#`, `"`, `&`, `<`, `>`, the backslash and the backtick (which starts a
 * Markdown string) are written as entity codes. In a label of several lines Mermaid also
 * breaks the line at a backslash followed by `n`, even one written as an entity: a word
 * joiner (U+2060, invisible) is put between the two. Input is already one line (see oneLine).
 */
export function mermaidText(text: string): string {
  return text.replace(/[#"&<>`\\]/g, (c) => `#${c.charCodeAt(0)};`).replace(/#92;n/g, '#92;#8288;n');
}

const quoted = (...lines: string[]): string => `"${lines.map(mermaidText).join('<br>')}"`;

/** How each link is drawn: no arrow for a NIC or a port, thick for a network's bridge, an arrow for an uplink. */
function arrow(e: ViewEdge): string {
  if (e.pending || e.toMissing) return e.kind === 'uplink' ? '-.->' : '-.-';
  if (e.kind === 'uses') return '===';
  if (e.kind === 'uplink') return '-->';
  return '---';
}

export function toMermaid(topology: Topology, view: ViewKind): string {
  const graph = exportGraph(topology, view);
  const ids = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`] as const));
  const lines = ['flowchart TB', `  %% VirtWire topology, ${view} view`];
  const nodeLine = (n: ExportNode, indent: string): string => {
    const [open, close] = SHAPES[n.kind];
    return `${indent}${ids.get(n.id)}${open}${quoted(n.label, n.what)}${close}`;
  };
  graph.hosts.forEach((host, i) => {
    lines.push(`  subgraph h${i}[${quoted(host.label)}]`);
    for (const n of host.nodes) lines.push(nodeLine(n, '    '));
    lines.push('  end');
  });
  for (const n of graph.loose) lines.push(nodeLine(n, '  '));
  for (const e of graph.edges) {
    const label = e.label ? `|${quoted(e.label)}|` : '';
    lines.push(`  ${ids.get(e.source)} ${arrow(e)}${label} ${ids.get(e.target)}`);
  }

  for (const [kind, colour] of Object.entries(COLOURS.kind)) {
    if (kind === 'missing') continue;
    lines.push(`  classDef ${kind} fill:${COLOURS.nodeFill},stroke:${colour},stroke-width:2px,color:${COLOURS.text}`);
  }
  lines.push(`  classDef off stroke:${COLOURS.status.off},stroke-dasharray:4 3,color:${COLOURS.textMuted}`);
  lines.push(`  classDef warn stroke:${COLOURS.status.warn}`);
  lines.push(`  classDef missing stroke:${COLOURS.kind.missing},stroke-dasharray:4 3,color:${COLOURS.kind.missing}`);
  const byClass = new Map<string, string[]>();
  const add = (name: string, id: string): void => void (byClass.get(name) ?? byClass.set(name, []).get(name)!).push(id);
  for (const n of graph.nodes) {
    add(n.kind, ids.get(n.id)!);
    if (n.kind !== 'missing' && n.status !== 'ok') add(n.status, ids.get(n.id)!);
  }
  for (const [name, members] of byClass) lines.push(`  class ${members.join(',')} ${name}`);
  graph.hosts.forEach((_, i) => lines.push(`  style h${i} fill:${COLOURS.hostFill},stroke:${COLOURS.hostBorder},color:${COLOURS.textMuted}`));
  const byColour = new Map<string, number[]>();
  graph.edges.forEach((e, i) => {
    const colour = e.toMissing ? COLOURS.kind.missing : COLOURS.edge[e.kind];
    (byColour.get(colour) ?? byColour.set(colour, []).get(colour)!).push(i);
  });
  for (const [colour, indexes] of byColour) lines.push(`  linkStyle ${indexes.join(',')} stroke:${colour},stroke-width:2px`);
  return `${lines.join('\n')}\n`;
}
