// draw.io (diagrams.net) XML: an uncompressed <mxfile> whose one page holds each host as a
// container with its objects inside, at the app's positions, and every link as a connector
// between them, so the picture opens laid out as in the app and stays editable.
import type { Topology } from '../topology/model.ts';
import type { ViewEdge, ViewKind } from '../topology/views.ts';
import { boundsOf, COLOURS, exportGraph, type ExportNode } from './graph.ts';

const SHAPES: Record<ExportNode['kind'], string> = {
  network: 'ellipse',
  bridge: 'shape=cylinder3;boundedLbl=1;size=6',
  tap: 'rhombus',
  vm: 'rounded=1',
  physical: 'shape=hexagon;perimeter=hexagonPerimeter2;size=0.25',
  missing: 'rounded=1;arcSize=40',
  endpoint: 'shape=step;perimeter=stepPerimeter;size=0.2',
};

/** Room around a host's objects inside its container, and for its title. */
const PADDING = 40;
const TITLE = 30;

/**
 * An XML attribute value. Labels are plain text (no `html=1` in any style), so only XML's own
 * characters are escaped. Input is already one line (see oneLine), so it holds no control
 * character XML 1.0 forbids.
 */
const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function xmlAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
}

const LINE_BREAK = '&#10;';

const styleOf = (pairs: Record<string, string | number>, shape = ''): string =>
  [shape, ...Object.entries(pairs).map(([k, v]) => `${k}=${v}`)].filter(Boolean).join(';') + ';';

function nodeStyle(n: ExportNode): string {
  const stroke = n.kind === 'missing' ? COLOURS.kind.missing : COLOURS.status[n.status];
  return styleOf(
    {
      whiteSpace: 'wrap',
      fillColor: COLOURS.nodeFill,
      strokeColor: stroke,
      strokeWidth: n.persistence === 'none' ? 4 : 2,
      fontColor: n.kind === 'missing' ? COLOURS.kind.missing : COLOURS.text,
      fontSize: 11,
      // the name under the shape, as in the app
      verticalLabelPosition: 'bottom',
      verticalAlign: 'top',
      ...(n.kind === 'missing' || n.status === 'off' ? { dashed: 1 } : {}),
    },
    SHAPES[n.kind],
  );
}

function edgeStyle(e: ViewEdge): string {
  const colour = e.toMissing ? COLOURS.kind.missing : COLOURS.edge[e.kind];
  return styleOf({
    endArrow: e.kind === 'uplink' ? 'block' : 'none',
    startArrow: e.kind === 'port' ? 'box' : 'none',
    strokeColor: colour,
    strokeWidth: e.kind === 'uses' ? 3 : 2,
    fontColor: COLOURS.textMuted,
    fontSize: 9,
    labelBackgroundColor: '#ffffff',
    ...(e.pending || e.toMissing ? { dashed: 1, dashPattern: e.pending === 'config-only' ? '2 4' : '6 4' } : {}),
  });
}

function geometry(x: number, y: number, width: number, height: number): string {
  return `<mxGeometry x="${Math.round(x)}" y="${Math.round(y)}" width="${Math.round(width)}" height="${Math.round(height)}" as="geometry"/>`;
}

export function toDrawio(topology: Topology, view: ViewKind): string {
  const graph = exportGraph(topology, view);
  const ids = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`] as const));
  const cells = ['<mxCell id="0"/>', '<mxCell id="1" parent="0"/>'];
  const vertex = (n: ExportNode, parent: string, dx: number, dy: number): string =>
    `<mxCell id="${ids.get(n.id)}" value="${xmlAttribute(n.label)}${LINE_BREAK}${xmlAttribute(n.what)}" ` +
    `tooltip="${xmlAttribute(`${n.label} — ${n.what}, ${n.state}`)}" style="${nodeStyle(n)}" vertex="1" parent="${parent}">` +
    `${geometry(n.at.x - n.width / 2 - dx, n.at.y - n.height / 2 - dy, n.width, n.height)}</mxCell>`;

  graph.hosts.forEach((host, i) => {
    if (host.nodes.length === 0) return;
    const box = boundsOf(host.nodes);
    const x = box.minX - PADDING;
    const y = box.minY - PADDING - TITLE;
    const style = styleOf(
      {
        startSize: TITLE,
        rounded: 1,
        container: 1,
        collapsible: 0,
        fillColor: COLOURS.hostFill,
        swimlaneFillColor: COLOURS.hostFill,
        strokeColor: COLOURS.hostBorder,
        fontColor: COLOURS.textMuted,
        fontStyle: 1,
      },
      'swimlane',
    );
    cells.push(
      `<mxCell id="h${i}" value="${xmlAttribute(host.label)}" style="${style}" vertex="1" parent="1">` +
        `${geometry(x, y, box.maxX - box.minX + 2 * PADDING, box.maxY - box.minY + 2 * PADDING + TITLE)}</mxCell>`,
    );
    for (const n of host.nodes) cells.push(vertex(n, `h${i}`, x, y));
  });
  for (const n of graph.loose) cells.push(vertex(n, '1', 0, 0));
  graph.edges.forEach((e, i) => {
    cells.push(
      `<mxCell id="e${i}" value="${xmlAttribute(e.label)}" style="${edgeStyle(e)}" edge="1" parent="1" ` +
        `source="${ids.get(e.source)}" target="${ids.get(e.target)}"><mxGeometry relative="1" as="geometry"/></mxCell>`,
    );
  });
  const name = view === 'logical' ? 'Logical view' : 'Wiring view';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<mxfile host="VirtWire" type="device">',
    `  <diagram id="virtwire-${view}" name="${name}">`,
    '    <mxGraphModel grid="1" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="0" pageScale="1" math="0" shadow="0">',
    '      <root>',
    ...cells.map((c) => `        ${c}`),
    '      </root>',
    '    </mxGraphModel>',
    '  </diagram>',
    '</mxfile>',
    '',
  ].join('\n');
}
