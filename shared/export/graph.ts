// What every exporter draws: the app's view of a topology (logical or wiring, the same
// buildView the graph uses), each object at the position the app gives it (saved positions,
// else the app's automatic layout), with the words and colours the app uses for it.
import { autoLayout } from '../topology/layout.ts';
import type { NodeKind, Point, Topology, TopologyNode } from '../topology/model.ts';
import { buildView, type ViewEdge, type ViewKind, type ViewNode } from '../topology/views.ts';
import { visible } from '../text/visible.ts';

export interface ExportNode extends ViewNode {
  /** centre, in the app's coordinates (pixels, y downwards) */
  at: Point;
  /** what the object is, in words: "network · NAT", "bridge · OVS", "missing network" */
  what: string;
  /** the kind's drawn size in the app, in pixels */
  width: number;
  height: number;
}

export interface ExportHost {
  id: string;
  label: string;
  nodes: ExportNode[];
}

export interface ExportGraph {
  view: ViewKind;
  hosts: ExportHost[];
  /** objects on no host of the file (a file normally has none) */
  loose: ExportNode[];
  nodes: ExportNode[];
  edges: ViewEdge[];
}

/** The size of each kind's shape in the app's graph: renderer/graph/style.ts draws them at these sizes. */
export const KIND_SIZES: Record<NodeKind, { width: number; height: number }> = {
  network: { width: 72, height: 46 },
  bridge: { width: 68, height: 34 },
  tap: { width: 36, height: 36 },
  vm: { width: 58, height: 46 },
  physical: { width: 48, height: 42 },
  missing: { width: 44, height: 44 },
  endpoint: { width: 34, height: 28 },
};

/** The app's light theme colours (renderer/app.css), so exports look like the graph. */
export const COLOURS = {
  text: '#1b2230',
  textMuted: '#5e6a7b',
  nodeFill: '#ffffff',
  hostFill: '#eef2f7',
  hostBorder: '#c8d0dc',
  kind: {
    network: '#2563eb',
    bridge: '#7c3aed',
    tap: '#0e7490',
    vm: '#c026d3',
    physical: '#475569',
    missing: '#c2410c',
    endpoint: '#64748b',
  } satisfies Record<NodeKind, string>,
  status: { ok: '#16a34a', off: '#9aa3af', warn: '#d97706' },
  edge: { nic: '#3b82f6', backs: '#3b82f6', port: '#7b8797', uses: '#8b5cf6', uplink: '#ea580c' },
} as const;

const FORWARD_WORDS: Record<string, string> = {
  nat: 'NAT',
  route: 'routed',
  open: 'open',
  bridge: 'bridged',
  private: 'private',
  vepa: 'VEPA',
  passthrough: 'passthrough',
  hostdev: 'hostdev',
  isolated: 'isolated',
};

function describe(node: TopologyNode | undefined, kind: NodeKind): string {
  switch (node?.kind) {
    case 'network':
      return `network · ${FORWARD_WORDS[node.forward] ?? node.forward}`;
    case 'bridge':
      return node.bridgeType === 'ovs' ? 'bridge · OVS' : 'bridge';
    case 'tap':
      return 'TAP';
    case 'vm':
      return 'VM';
    case 'physical':
      return node.linkKind ? `NIC · ${node.linkKind}` : 'physical NIC';
    case 'missing':
      return `missing ${node.expected}`;
    case 'endpoint':
      return `NIC endpoint · ${node.nicType}`;
    default:
      return kind;
  }
}

/**
 * One line of text from a file or a host, safe in every export: control characters (newlines
 * too), bidirectional overrides and line separators are written as visible escapes (`\x0a`), so
 * a hostile name can neither break the file's syntax across lines nor reorder what is shown.
 * Each format then escapes its own special characters.
 */
export function oneLine(text: string): string {
  // A lone surrogate, U+FFFE or U+FFFF has no place in XML or UTF-8 text.
  return visible(text).replace(/[\uD800-\uDFFF\uFFFE\uFFFF]/gu, '\uFFFD');
}

export function exportGraph(topology: Topology, view: ViewKind): ExportGraph {
  const graph = buildView(topology, view);
  const positions = autoLayout(topology);
  const byId = new Map(topology.nodes.map((n) => [n.id, n] as const));
  const nodes: ExportNode[] = graph.nodes.map((n) => ({
    ...n,
    label: oneLine(n.label),
    at: positions[n.id] ?? { x: 0, y: 0 },
    what: oneLine(describe(byId.get(n.id), n.kind)),
    ...KIND_SIZES[n.kind],
  }));
  const hostIds = new Set(graph.hosts.map((h) => h.id));
  const hosts: ExportHost[] = graph.hosts.map((h) => ({ id: h.id, label: oneLine(h.label), nodes: [] }));
  const hostOf = new Map(hosts.map((h) => [h.id, h] as const));
  const loose: ExportNode[] = [];
  for (const n of nodes) (hostIds.has(n.host) ? hostOf.get(n.host)!.nodes : loose).push(n);
  const edges = graph.edges.map((e) => ({ ...e, label: oneLine(e.label) }));
  return { view, hosts, loose, nodes, edges };
}

/** The smallest box around some nodes' shapes, in the app's coordinates. */
export function boundsOf(nodes: readonly ExportNode[]): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of nodes) {
    minX = Math.min(minX, n.at.x - n.width / 2);
    maxX = Math.max(maxX, n.at.x + n.width / 2);
    minY = Math.min(minY, n.at.y - n.height / 2);
    maxY = Math.max(maxY, n.at.y + n.height / 2);
  }
  if (minX === Infinity) return { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  return { minX, minY, maxX, maxY };
}
