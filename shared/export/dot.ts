// Graphviz DOT: one cluster per host, each object with its kind's shape and state, each link
// styled as the app draws it. Every node carries the app's position (`pos`, in points, y up),
// so `neato -n2` draws the app's arrangement; `dot` lays the graph out afresh by its own rules.
import type { ViewKind } from '../topology/views.ts';
import type { Topology } from '../topology/model.ts';
import type { ViewEdge } from '../topology/views.ts';
import { COLOURS, exportGraph, type ExportNode } from './graph.ts';

const SHAPES: Record<ExportNode['kind'], string> = {
  network: 'ellipse',
  bridge: 'cylinder',
  tap: 'diamond',
  vm: 'box',
  physical: 'hexagon',
  missing: 'octagon',
  endpoint: 'cds',
};

const PIXELS_PER_INCH = 72;

/**
 * A DOT double-quoted string. Backslashes are doubled (Graphviz reads `\n`, `\N`, `\G`, `\l`
 * in labels), quotes escaped, and `&` written as an entity, since Graphviz decodes entities
 * such as `&lt;` in ordinary labels. Input is already one line (see oneLine).
 */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/&/g, '&amp;')}"`;
}

/** Lines of a label, each escaped, joined by DOT's centred line break. */
function dotLines(...lines: string[]): { quoted: string } {
  return { quoted: `"${lines.map((l) => dotString(l).slice(1, -1)).join('\\n')}"` };
}

type Value = string | number | { quoted: string };

const attrs = (pairs: Record<string, Value>): string =>
  `[${Object.entries(pairs)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? v : typeof v === 'string' ? dotString(v) : v.quoted}`)
    .join(', ')}]`;

function nodeLine(n: ExportNode): string {
  const style = ['filled'];
  if (n.kind === 'vm') style.push('rounded');
  if (n.kind === 'missing' || n.status === 'off') style.push('dashed');
  const colour = n.kind === 'missing' ? COLOURS.kind.missing : COLOURS.status[n.status];
  return `    ${dotString(n.id)} ${attrs({
    label: dotLines(n.label, n.what),
    shape: SHAPES[n.kind],
    style: style.join(','),
    color: colour,
    fillcolor: COLOURS.nodeFill,
    fontcolor: n.kind === 'missing' ? COLOURS.kind.missing : COLOURS.text,
    // a device nothing brings back after a reboot: a double border, as in the app
    ...(n.persistence === 'none' ? { peripheries: 2 } : {}),
    width: +(n.width / PIXELS_PER_INCH).toFixed(3),
    height: +(n.height / PIXELS_PER_INCH).toFixed(3),
    pos: `${n.at.x},${-n.at.y}!`,
    tooltip: `${n.label} — ${n.what}, ${n.state}`,
  })}`;
}

function edgeLine(e: ViewEdge): string {
  const style: Record<string, Value> = { label: e.label, color: COLOURS.edge[e.kind], fontcolor: COLOURS.textMuted };
  if (e.kind === 'uses') style.penwidth = 3;
  if (e.kind === 'uplink') style.dir = 'forward';
  else if (e.kind === 'port') Object.assign(style, { dir: 'back', arrowtail: 'box' });
  else style.dir = 'none';
  if (e.toMissing) Object.assign(style, { color: COLOURS.kind.missing, style: 'dashed' });
  if (e.pending === 'live-only') style.style = 'dashed';
  if (e.pending === 'config-only') style.style = 'dotted';
  return `  ${dotString(e.source)} -> ${dotString(e.target)} ${attrs(style)}`;
}

export function toDot(topology: Topology, view: ViewKind): string {
  const graph = exportGraph(topology, view);
  const lines = [
    `// VirtWire topology, ${view} view. Positions are the app's: neato -n2 -Tsvg keeps them, dot lays out anew.`,
    'digraph virtwire {',
    '  graph [fontname="sans-serif", compound=true, outputorder="edgesfirst"];',
    '  node [fontname="sans-serif", fontsize=10, penwidth=2];',
    '  edge [fontname="sans-serif", fontsize=8, penwidth=2];',
  ];
  graph.hosts.forEach((host, i) => {
    lines.push(`  subgraph ${dotString(`cluster_${i}`)} {`);
    lines.push(`    graph ${attrs({ label: host.label, style: 'rounded,filled', color: COLOURS.hostBorder, fillcolor: COLOURS.hostFill, fontcolor: COLOURS.textMuted })};`);
    for (const n of host.nodes) lines.push(nodeLine(n));
    lines.push('  }');
  });
  for (const n of graph.loose) lines.push(nodeLine(n).slice(2));
  for (const e of graph.edges) lines.push(edgeLine(e));
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
