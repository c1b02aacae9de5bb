// The cytoscape stylesheet: a shape and icon per kind of object, state by border colour,
// links styled by kind, NICs only live dashed and only in the config dotted, hosts as groups around their objects;
// placeholders for what is missing hollow, devices gone on reboot with a double border.
import type { NodeSingular, StylesheetJson } from 'cytoscape';
import { KIND_SIZES } from '../../shared/export/graph.ts';
import { NODE_KINDS, type NodeKind } from '../../shared/topology/model.ts';
import { aggregateStyle } from './aggregateStyle.ts';
import { connectStyle } from './connectStyle.ts';
import { kindIconUri } from './icons.ts';
import type { GraphPalette } from './palette.ts';

type Shape = 'ellipse' | 'barrel' | 'round-diamond' | 'round-rectangle' | 'round-hexagon' | 'round-tag' | 'round-octagon';

/** Sizes are shared with the exports (DOT, draw.io), which draw each kind at the app's size. */
export const KIND_SHAPES: Record<NodeKind, { shape: Shape; width: number; height: number }> = {
  network: { shape: 'ellipse', ...KIND_SIZES.network },
  bridge: { shape: 'barrel', ...KIND_SIZES.bridge },
  tap: { shape: 'round-diamond', ...KIND_SIZES.tap },
  vm: { shape: 'round-rectangle', ...KIND_SIZES.vm },
  physical: { shape: 'round-hexagon', ...KIND_SIZES.physical },
  missing: { shape: 'round-octagon', ...KIND_SIZES.missing },
  endpoint: { shape: 'round-tag', ...KIND_SIZES.endpoint },
};

export const EDGE_FONT_SIZE = 9;
const LABEL_FONT = 'Inter, "Segoe UI", system-ui, sans-serif';

function kindRules(palette: GraphPalette): StylesheetJson {
  return NODE_KINDS.map((kind) => {
    const { shape, width, height } = KIND_SHAPES[kind];
    return {
      selector: `node[kind = "${kind}"]`,
      style: {
        shape,
        width,
        height,
        'background-image': kindIconUri(kind, palette.kind[kind]),
        'background-width': kind === 'tap' || kind === 'endpoint' ? '18px' : '24px',
        'background-height': kind === 'tap' || kind === 'endpoint' ? '18px' : '24px',
      },
    };
  });
}

export function graphStyle(palette: GraphPalette): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        'background-color': palette.nodeFill,
        'border-width': 2.5,
        'border-color': palette.status.ok,
        // the label: set on each object (labels.ts)
        color: palette.text,
        'font-family': LABEL_FONT,
        'font-size': 11,
        // labels too small to read are not drawn (keeps a zoomed-out big host fast)
        'min-zoomed-font-size': 6,
        'font-weight': 600,
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 5,
        'text-background-color': palette.labelBackground,
        'text-background-opacity': 0.85,
        'text-background-padding': '2px',
        'text-background-shape': 'roundrectangle',
        // host boxes below (node.host), objects and links above them
        'z-compound-depth': 'top',
      },
    },
    ...kindRules(palette),
    { selector: 'node[status = "off"]', style: { 'border-color': palette.status.off, 'border-style': 'dashed', color: palette.textMuted } },
    { selector: 'node[status = "warn"]', style: { 'border-color': palette.status.warn } },
    // Not on the host: drawn hollow, in the missing colour, so nothing reads it as real.
    {
      selector: 'node[kind = "missing"]',
      style: { 'border-color': palette.kind.missing, 'border-style': 'dashed', 'background-opacity': 0.35, color: palette.kind.missing },
    },
    { selector: 'node[kind = "endpoint"]', style: { 'border-width': 1.5, 'font-size': 10, 'font-weight': 500 } },
    // A bridge or TAP nothing recreates after a reboot.
    { selector: 'node[persistence = "none"]', style: { 'border-style': 'double', 'border-width': 5 } },
    { selector: 'edge[toMissing = "yes"]', style: { 'line-color': palette.kind.missing, 'line-style': 'dashed' } },
    {
      selector: 'node.host',
      style: {
        shape: 'round-rectangle',
        'background-color': palette.hostFill,
        'background-opacity': 1,
        'background-image': 'none',
        'border-width': 1.5,
        'border-style': 'solid',
        'border-color': palette.hostBorder,
        label: 'data(label)',
        // its size and place: fitted around its objects (hostBoxes.ts)
        color: palette.textMuted,
        'font-size': 13,
        'font-weight': 700,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -6,
        'text-background-opacity': 0,
        'z-compound-depth': 'bottom',
      },
    },
    // A host being reconnected: its picture is from when the connection was lost (GraphAdapter.markStale).
    {
      selector: 'node.host.stale',
      style: {
        label: (host: NodeSingular) => `${String(host.data('label'))}\n${String(host.scratch('staleNote') ?? '')}`,
        'text-wrap': 'wrap',
        'font-weight': 600,
        'border-style': 'dashed',
        'border-color': palette.status.off,
        'background-opacity': 0.45,
        color: palette.textMuted,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 2,
        'curve-style': 'bezier',
        'line-color': palette.edge.port,
        // the label: set on each link, hidden on links too short for it (labels.ts)
        color: palette.textMuted,
        'font-family': LABEL_FONT,
        'min-zoomed-font-size': 6,
        'font-size': EDGE_FONT_SIZE,
        'text-rotation': 'autorotate',
        'text-background-color': palette.labelBackground,
        'text-background-opacity': 0.9,
        'text-background-padding': '2px',
        'text-background-shape': 'roundrectangle',
        'z-compound-depth': 'top',
      },
    },
    { selector: 'edge[kind = "nic"], edge[kind = "backs"]', style: { 'line-color': palette.edge.nic, width: 2.5 } },
    { selector: 'edge[kind = "port"]', style: { 'line-color': palette.edge.port, 'source-arrow-shape': 'square', 'source-arrow-color': palette.edge.port, 'arrow-scale': 0.7 } },
    { selector: 'edge[kind = "uses"]', style: { 'line-color': palette.edge.uses, width: 3.5 } },
    { selector: 'edge[kind = "uplink"]', style: { 'line-color': palette.edge.uplink, 'target-arrow-shape': 'triangle', 'target-arrow-color': palette.edge.uplink } },
    { selector: 'edge.short.hover, edge.short:selected', style: { 'z-index': 10 } },
    { selector: 'edge[pending = "live-only"]', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 4] } },
    { selector: 'edge[pending = "config-only"]', style: { 'line-style': 'dashed', 'line-dash-pattern': [2, 4], opacity: 0.75 } },
    // A comparison with a saved file (compare.svelte.ts) marks what differs; the selection still shows on top.
    ...(['added', 'changed', 'removed'] as const).flatMap((mark) => [
      { selector: `node.diff-${mark}`, style: { 'border-color': palette.diff[mark], 'border-width': 5, 'border-style': 'solid' as const, 'underlay-color': palette.diff[mark], 'underlay-opacity': 0.18, 'underlay-padding': 6 } },
      { selector: `edge.diff-${mark}`, style: { 'line-color': palette.diff[mark], width: 4 } },
    ]),
    ...aggregateStyle(palette),
    // search and focus mode
    { selector: 'node.dim', style: { opacity: 0.3 } },
    { selector: 'edge.dim', style: { opacity: 0.2 } },
    { selector: 'node.match', style: { 'underlay-color': palette.selection, 'underlay-opacity': 0.3, 'underlay-padding': 8, 'z-index': 20 } },
    { selector: 'node.faded', style: { opacity: 0.12 } },
    { selector: 'edge.faded', style: { opacity: 0.06 } },
    { selector: 'node:selected', style: { 'border-color': palette.selection, 'border-width': 4, 'border-style': 'solid' } },
    { selector: 'node.host:selected', style: { 'border-width': 1.5, 'border-color': palette.hostBorder } },
    {
      selector: 'edge:selected',
      style: {
        'line-color': palette.selection,
        'source-arrow-color': palette.selection,
        'target-arrow-color': palette.selection,
        width: 4,
        color: palette.text,
      },
    },
    { selector: 'node:active, edge:active', style: { 'overlay-color': palette.selection, 'overlay-opacity': 0.12 } },
    ...connectStyle(palette),
  ];
}
