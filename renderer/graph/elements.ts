// GraphView (what to draw) + positions → cytoscape elements. Hosts become boxes drawn around
// their objects (hostBoxes.ts), which name their host's element in IN_HOST.
import type { ElementDefinition } from 'cytoscape';
import type { Layout, Point } from '../../shared/topology/model.ts';
import type { GraphView, ViewEdge, ViewNode } from '../../shared/topology/views.ts';
import { language, t } from '../state/i18n.svelte.ts';
import { IN_HOST } from './hostBoxes.ts';

type ViewHost = GraphView['hosts'][number];

/** Hosts live in the same id space as objects in cytoscape, so their ids are prefixed. */
export const hostElementId = (hostId: string): string => `host:${hostId}`;

/** A bridge port, a network's bridge or an uplink is labelled with its kind, in the user's language; a NIC with its own label. */
function edgeLabel(edge: ViewEdge): string {
  const kind = edge.kind;
  return (kind === 'port' || kind === 'uses' || kind === 'uplink') && edge.label === kind ? t(`graph.link.${kind}`) : edge.label;
}

export function graphElements(view: GraphView, positions: Layout): ElementDefinition[] {
  const hostIds = new Set(view.hosts.map((h) => h.id));
  return [...view.hosts.map(hostElement), ...view.nodes.map((n) => nodeElement(n, positions[n.id], hostIds)), ...view.edges.map(edgeElement)];
}

function hostElement(h: ViewHost): ElementDefinition {
  return { group: 'nodes', data: { id: hostElementId(h.id), kind: 'host', label: h.label }, classes: 'host', selectable: false };
}

function nodeElement(n: ViewNode, position: Point | undefined, hostIds: ReadonlySet<string>): ElementDefinition {
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
}

function edgeElement(e: ViewEdge): ElementDefinition {
  return {
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
  };
}

/** What an element was last made from: its view object and, for an object, its position. */
interface Source {
  view: object;
  x: number | undefined;
  y: number | undefined;
}

/**
 * Whether two view objects have the same fields. They are object literals of plain values
 * (views.ts), so for..in sees only their own keys (testing each key with hasOwn as well made
 * comparing 6,000 of them take about twice as long).
 */
function sameFields(a: object, b: object): boolean {
  if (a === b) return true;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let count = 0;
  for (const key in x) {
    count += 1;
    if (x[key] !== y[key]) return false;
  }
  for (const _ in y) count -= 1;
  return count === 0;
}

/**
 * Makes the elements of successive views, remembering what each was made from: an element
 * whose view object has the same fields as last time, at the same position, is not made again
 * (a live patch changes a few of a big host's thousands; making them all took longer than the
 * rest of the patch). The words of labels are the language's: a change of language makes all again.
 */
export class ElementMaker {
  private sources = new Map<string, Source>();
  private hostIds = '';
  private locale = '';

  /**
   * The definitions of the elements not as last made, and how many elements the view wants;
   * `wanted` gives their ids, when asked for (a set of a big host's thousands of ids, made on
   * every live patch, is only needed when something may have gone).
   */
  changes(view: GraphView, positions: Layout): { count: number; wanted: () => Set<string>; changed: ElementDefinition[] } {
    const hostIds = new Set(view.hosts.map((h) => h.id));
    const hostKey = [...hostIds].join('\u0000');
    // which hosts are drawn decides each object's IN_HOST; the language, each link's label
    if (hostKey !== this.hostIds || language.locale !== this.locale) this.sources.clear();
    this.hostIds = hostKey;
    this.locale = language.locale;
    let count = 0;
    const changed: ElementDefinition[] = [];
    /** whether the element is to be made (again), remembering what from */
    const isNew = (id: string, view: object, at: Point | undefined): boolean => {
      count += 1;
      const last = this.sources.get(id);
      if (last !== undefined && last.x === at?.x && last.y === at?.y && sameFields(last.view, view)) return false;
      this.sources.set(id, { view, x: at?.x, y: at?.y });
      return true;
    };
    for (const h of view.hosts) if (isNew(hostElementId(h.id), h, undefined)) changed.push(hostElement(h));
    for (const n of view.nodes) {
      const at = positions[n.id];
      if (isNew(n.id, n, at)) changed.push(nodeElement(n, at, hostIds));
    }
    for (const e of view.edges) if (isNew(e.id, e, undefined)) changed.push(edgeElement(e));
    const wanted = (): Set<string> => new Set([...view.hosts.map((h) => hostElementId(h.id)), ...view.nodes.map((n) => n.id), ...view.edges.map((e) => e.id)]);
    return { count, wanted, changed };
  }

  /** Forgets what an element was made from (it was taken out of the drawing): it is made again when wanted. */
  forget(id: string): void {
    this.sources.delete(id);
  }

  /** Forgets everything (the drawing was made anew). */
  clear(): void {
    this.sources.clear();
  }
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

/** keys whose change leaves an object's size as it was (a box around it need not be fitted again) */
const STATE_KEYS = new Set(['state', 'status']);

/** Whether `b` differs from `a` (both definitions of the same element) only in its state. */
export function onlyStateChanged(a: ElementDefinition | undefined, b: ElementDefinition): boolean {
  if (a === undefined || a.position?.x !== b.position?.x || a.position?.y !== b.position?.y) return false;
  const before = a.data as Record<string, unknown>;
  const after = b.data as Record<string, unknown>;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].every((key) => STATE_KEYS.has(key) || before[key] === after[key]);
}
