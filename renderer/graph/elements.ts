// GraphView (what to draw) + positions → cytoscape elements. Hosts become boxes drawn around
// their objects (hostBoxes.ts), which name their host's element in IN_HOST.
import type { ElementDefinition } from 'cytoscape';
import type { Layout } from '../../shared/topology/model.ts';
import type { GraphView, ViewEdge } from '../../shared/topology/views.ts';
import { t } from '../state/i18n.svelte.ts';
import { IN_HOST } from './hostBoxes.ts';

/** Hosts live in the same id space as objects in cytoscape, so their ids are prefixed. */
export const hostElementId = (hostId: string): string => `host:${hostId}`;

/** A bridge port, a network's bridge or an uplink is labelled with its kind, in the user's language; a NIC with its own label. */
function edgeLabel(edge: ViewEdge): string {
  const kind = edge.kind;
  return (kind === 'port' || kind === 'uses' || kind === 'uplink') && edge.label === kind ? t(`graph.link.${kind}`) : edge.label;
}

export function graphElements(view: GraphView, positions: Layout): ElementDefinition[] {
  const hostIds = new Set(view.hosts.map((h) => h.id));
  const hosts: ElementDefinition[] = view.hosts.map((h) => ({
    group: 'nodes',
    data: { id: hostElementId(h.id), kind: 'host', label: h.label },
    classes: 'host',
    selectable: false,
  }));
  const nodes: ElementDefinition[] = view.nodes.map((n) => {
    const position = positions[n.id];
    return {
      group: 'nodes',
      data: {
        id: n.id,
        kind: n.kind,
        label: n.label,
        state: n.state,
        status: n.status,
        ...(n.persistence ? { persistence: n.persistence } : {}),
        ...(hostIds.has(n.host) ? { [IN_HOST]: hostElementId(n.host) } : {}),
      },
      ...(position ? { position: { x: position.x, y: position.y } } : {}),
    };
  });
  const edges: ElementDefinition[] = view.edges.map((e) => ({
    group: 'edges',
    data: {
      id: e.id,
      kind: e.kind,
      source: e.source,
      target: e.target,
      label: edgeLabel(e),
      link: e.link,
      ...(e.pending ? { pending: e.pending } : {}),
      ...(e.toMissing ? { toMissing: 'yes' } : {}),
    },
  }));
  return [...hosts, ...nodes, ...edges];
}

/**
 * Whether two element definitions (as graphElements makes them: data of plain values, a
 * position, classes, flags) draw the same; compared field by field, which for the thousands of
 * a big host's elements costs far less than comparing them as text.
 */
export function sameDefinition(a: ElementDefinition | undefined, b: ElementDefinition): boolean {
  if (a === undefined) return false;
  if (a.group !== b.group || a.classes !== b.classes || a.selectable !== b.selectable || a.grabbable !== b.grabbable) return false;
  if (a.position?.x !== b.position?.x || a.position?.y !== b.position?.y) return false;
  const keys = Object.keys(b.data);
  if (keys.length !== Object.keys(a.data).length) return false;
  const data = a.data as Record<string, unknown>;
  return keys.every((key) => data[key] === (b.data as Record<string, unknown>)[key]);
}
