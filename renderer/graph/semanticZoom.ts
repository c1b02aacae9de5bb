// Semantic zoom on the graph: zoomed out below COLLAPSE_BELOW, the VMs around each busy hub
// (aggregate.ts decides which) are hidden and one aggregate is drawn in their place — a disc
// around the hub, labelled "net3 · 42 VMs, 40 running" — with their other wires merged into one
// link per hub. Zoomed in past EXPAND_ABOVE (the gap keeps it from flickering), clicking an
// aggregate, or selecting something inside one shows its VMs again, where they were: they are
// only hidden (display: none), never moved. The switch waits for the zoom to settle, so a
// wheel or pinch gesture is never held up by it.
import type { CollectionArgument, CollectionReturnValue, Core, EdgeCollection, ElementDefinition, EventObject, NodeCollection, SingularElementArgument } from 'cytoscape';
import { t } from '../state/i18n.svelte.ts';
import {
  type Aggregate,
  AGGREGATE_KIND,
  AGGREGATE_LINK_KIND,
  type AggregateEdgeInput,
  type AggregateNodeInput,
  computeAggregates,
  HIDDEN_CLASS,
  MIN_AGGREGATE_VMS,
  OPEN_CLASS,
} from './aggregate.ts';
import { IN_HOST } from './hostBoxes.ts';

/** zoom below which busy hubs collapse into aggregates */
export const COLLAPSE_BELOW = 0.3;
/** zoom above which they expand again */
export const EXPAND_ABOVE = 0.42;
/** how long the zoom must stay still before aggregates collapse or expand */
const SETTLE_MS = 120;
/** a refresh waits for an idle moment at most this long */
const IDLE_TIMEOUT = 300;
const FIT_PADDING = 60;
/** data cytoscape cannot change on an element in place */
const FIXED_KEYS = ['source', 'target'] as const;
/** an aggregate's element keeps the definition it was drawn from (as text) in this scratch */
const DRAWN = 'aggregateDrawn';
/** the event the graph emits after aggregates were shown or hidden (the minimap redraws) */
export const AGGREGATES_CHANGED = 'aggregateschange';

function readDrawing(cy: Core): { nodes: AggregateNodeInput[]; edges: AggregateEdgeInput[]; vms: number } {
  const nodes: AggregateNodeInput[] = [];
  const edges: AggregateEdgeInput[] = [];
  let vms = 0;
  cy.nodes().forEach((n) => {
    const kind = String(n.data('kind'));
    if (kind === 'host' || kind === AGGREGATE_KIND) return;
    if (kind === 'vm') vms += 1;
    const { x, y } = n.position();
    const inHost = n.data(IN_HOST) as string | undefined;
    nodes.push({ id: n.id(), kind, label: String(n.data('label')), state: n.data('state') as string | undefined, position: { x, y }, ...(inHost ? { inHost } : {}) });
  });
  if (vms < MIN_AGGREGATE_VMS) return { nodes, edges, vms };
  cy.edges().forEach((e) => {
    const kind = String(e.data('kind'));
    if (kind === AGGREGATE_LINK_KIND || kind === 'connect') return;
    edges.push({ id: e.id(), kind, source: e.data('source') as string, target: e.data('target') as string });
  });
  return { nodes, edges, vms };
}

/** Gives or takes a class only where that changes something (cytoscape restyles an element it is asked to either way). */
function setClass(element: SingularElementArgument, name: string, on: boolean): void {
  if (element.hasClass(name) !== on) element.toggleClass(name, on);
}

/** The drawn aggregate: a disc around its hub, the label in its lower half, sized for reading zoomed out. */
function aggregateElements(aggregate: Aggregate): ElementDefinition[] {
  const r = aggregate.radius;
  const node: ElementDefinition = {
    group: 'nodes',
    data: {
      id: aggregate.id,
      kind: AGGREGATE_KIND,
      label: aggregate.label,
      hub: aggregate.hub,
      vms: aggregate.vms.length,
      running: aggregate.running,
      size: 2 * r,
      fontSize: Math.round(Math.min(200, Math.max(28, r / 4.2))),
      labelOffset: Math.round(r * 0.5),
      labelWidth: Math.round(r * 1.6),
      ...(aggregate.inHost ? { [IN_HOST]: aggregate.inHost } : {}),
    },
    position: { ...aggregate.centre },
    classes: AGGREGATE_KIND,
    selectable: false,
    grabbable: false,
  };
  const links: ElementDefinition[] = aggregate.links.map((l) => ({
    group: 'edges',
    data: { id: l.id, kind: AGGREGATE_LINK_KIND, source: l.source, target: l.target, label: l.label, vms: l.vms, width: Math.round(3 + 2.5 * Math.log2(1 + l.vms)) },
    classes: AGGREGATE_LINK_KIND,
    selectable: false,
  }));
  return [node, ...links];
}

export class SemanticZoom {
  private aggregates: Aggregate[] = [];
  private readonly members = new Map<string, NodeCollection>();
  private readonly links = new Map<string, EdgeCollection>();
  private readonly memberOf = new Map<string, string>();
  private collapsed = false;
  /** aggregates the user opened (a click, a selection inside) while zoomed out */
  private readonly opened = new Set<string>();
  private hidden: NodeCollection;
  private settle: ReturnType<typeof setTimeout> | undefined;
  private idle: number | undefined;
  private readonly onZoom = (): void => {
    if (this.aggregates.length === 0) return;
    clearTimeout(this.settle);
    this.settle = setTimeout(() => this.followZoom(), SETTLE_MS);
  };
  private readonly onSelect = (event: EventObject): void => {
    if (!this.collapsed) return;
    const target = event.target as SingularElementArgument;
    const ends = target.isNode() ? [target.id()] : [target.source().id(), target.target().id()];
    let changed = false;
    for (const id of ends) {
      const aggregate = this.memberOf.get(id);
      if (aggregate !== undefined && !this.opened.has(aggregate)) {
        this.opened.add(aggregate);
        changed = true;
      }
    }
    if (changed) this.apply();
  };

  constructor(private readonly cy: Core) {
    this.hidden = cy.collection() as unknown as NodeCollection;
    cy.on('zoom', this.onZoom);
    cy.on('select', this.onSelect);
  }

  /**
   * Recomputes the aggregates from what is drawn, once the page is idle: after a live patch,
   * so the patch shows in its own frame and a burst of patches costs one recount of every VM.
   */
  refresh(): void {
    if (this.idle !== undefined) return;
    this.idle = requestIdleCallback(() => {
      this.idle = undefined;
      this.refreshNow();
    }, { timeout: IDLE_TIMEOUT });
  }

  /** Recomputes the aggregates now: after the graph is drawn anew, before its first frame. */
  refreshNow(): void {
    if (this.idle !== undefined) cancelIdleCallback(this.idle);
    this.idle = undefined;
    const cy = this.cy;
    const drawing = readDrawing(cy);
    const next = drawing.vms < MIN_AGGREGATE_VMS ? [] : computeAggregates(drawing.nodes, drawing.edges);
    if (next.length === 0 && this.aggregates.length === 0) return;
    const wanted = new Set(next.flatMap((a) => [a.id, ...a.links.map((l) => l.id)]));
    cy.batch(() => {
      cy.elements(`[kind = "${AGGREGATE_KIND}"], [kind = "${AGGREGATE_LINK_KIND}"]`)
        .filter((e) => !wanted.has(e.id()))
        .remove();
      for (const aggregate of next) {
        for (const def of aggregateElements(aggregate)) {
          const existing = cy.getElementById(def.data.id!);
          // a recount after a live patch leaves most aggregates as they were: those are not touched
          const text = JSON.stringify(def);
          if (existing.nonempty() && existing.scratch(DRAWN) === text) continue;
          const sameEnds = existing.nonempty() && FIXED_KEYS.every((key) => existing.data(key) === def.data[key]);
          if (sameEnds) {
            existing.data(def.data);
            if (def.position) existing.position(def.position);
            existing.scratch(DRAWN, text);
            continue;
          }
          existing.remove();
          const added = cy.add(def);
          added.scratch(DRAWN, text);
          this.listen(added);
        }
      }
    });
    this.aggregates = next;
    this.members.clear();
    this.links.clear();
    this.memberOf.clear();
    for (const a of next) for (const m of a.members) this.memberOf.set(m, a.id);
    const grouped = new Map<string, SingularElementArgument[]>(next.map((a) => [a.id, []]));
    cy.nodes().forEach((n) => {
      const aggregate = this.memberOf.get(n.id());
      if (aggregate !== undefined) grouped.get(aggregate)!.push(n);
    });
    for (const a of next) {
      this.members.set(a.id, cy.collection(grouped.get(a.id)! as unknown as CollectionArgument) as unknown as NodeCollection);
      this.links.set(a.id, cy.getElementById(a.id).connectedEdges(`[kind = "${AGGREGATE_LINK_KIND}"]`));
    }
    for (const id of this.opened) if (!this.members.has(id)) this.opened.delete(id);
    this.hidden = cy.nodes(`.${HIDDEN_CLASS}`);
    const zoom = cy.zoom();
    this.collapsed = next.length > 0 && (this.collapsed ? zoom <= EXPAND_ABOVE : zoom < COLLAPSE_BELOW);
    this.apply();
    // a new aggregate takes on the search or focus mode its members are under
    this.emphasize();
  }

  /**
   * After search or focus mode marked the drawn elements: an aggregate shows what its members
   * would — highlighted when one of them matches, faded when all of them are.
   */
  emphasize(): void {
    if (this.aggregates.length === 0) return;
    this.cy.batch(() => {
      for (const a of this.aggregates) {
        const node = this.cy.getElementById(a.id);
        const members = this.members.get(a.id)!;
        // one pass over the members, asking each for its classes (a selector filter or `not`
        // makes collections; after every live patch this runs over all of a big host's VMs)
        let match = false;
        let dim = false;
        let faded = true;
        members.forEach((n) => {
          match ||= n.hasClass('match');
          dim ||= n.hasClass('dim');
          faded &&= n.hasClass('faded');
        });
        setClass(node, 'match', match);
        setClass(node, 'dim', !match && dim);
        setClass(node, 'faded', faded);
        this.links.get(a.id)!.forEach((link) => setClass(link, 'faded', faded || link.target().hasClass('faded')));
      }
    });
  }

  /** Runs `draw` with every aggregate expanded, as for an export of the whole graph. */
  whileExpanded<T>(draw: () => T): T {
    if (!this.collapsed) return draw();
    this.collapsed = false;
    this.apply();
    try {
      return draw();
    } finally {
      this.collapsed = true;
      this.apply();
    }
  }

  destroy(): void {
    clearTimeout(this.settle);
    if (this.idle !== undefined) cancelIdleCallback(this.idle);
    this.cy.off('zoom', this.onZoom);
    this.cy.off('select', this.onSelect);
  }

  private followZoom(): void {
    const zoom = this.cy.zoom();
    const collapsed = this.collapsed ? zoom <= EXPAND_ABOVE : zoom < COLLAPSE_BELOW;
    if (collapsed === this.collapsed) return;
    this.collapsed = collapsed;
    this.opened.clear();
    this.apply();
  }

  /** Hides the members of collapsed aggregates and shows the rest, touching only what changes. */
  private apply(): void {
    const cy = this.cy;
    // gathered first, made a collection once: a union per aggregate copies everything gathered so far
    const hidden: SingularElementArgument[] = [];
    let hide = cy.collection() as unknown as NodeCollection;
    let changed = false;
    /** the host boxes around what changed: what is hidden takes no room in a box */
    const hosts = new Set<string>();
    cy.batch(() => {
      for (const a of this.aggregates) {
        const open = !this.collapsed || this.opened.has(a.id);
        // toggleClass restyles an element even when its class stays as it was
        const toggled = cy
          .getElementById(a.id)
          .union(this.links.get(a.id)!)
          .filter((e) => e.hasClass(OPEN_CLASS) !== open)
          .toggleClass(OPEN_CLASS, open);
        changed ||= toggled.nonempty();
        if (toggled.nonempty() && a.inHost !== undefined) hosts.add(a.inHost);
        if (!open) this.members.get(a.id)!.forEach((n) => void hidden.push(n));
      }
      hide = cy.collection(hidden as unknown as CollectionArgument) as unknown as NodeCollection;
      // diff looks each element up by id; difference makes a collection of each one to test it
      const { left: shown, right: hiding } = this.hidden.diff(hide);
      shown.removeClass(HIDDEN_CLASS);
      hiding.addClass(HIDDEN_CLASS);
      shown.union(hiding).forEach((n) => {
        const host = n.data(IN_HOST) as string | undefined;
        if (host !== undefined) hosts.add(host);
      });
      changed ||= shown.nonempty() || hiding.nonempty();
    });
    this.hidden = hide;
    // the host boxes whose contents changed go with the event, as its one extra argument
    if (changed) cy.emit(AGGREGATES_CHANGED, [[...hosts]]);
  }

  /** Opens the aggregate and zooms to its VMs. */
  private open(id: string): void {
    const members = this.members.get(id);
    if (!members) return;
    this.opened.add(id);
    this.apply();
    this.cy.animate({ fit: { eles: members, padding: FIT_PADDING } }, { duration: 300 });
  }

  /**
   * An aggregate answers its own taps and hovers: the graph's handlers (selection, menus,
   * drag-connect) are for real objects, so the event goes no further.
   */
  private listen(added: CollectionReturnValue): void {
    const container = this.cy.container();
    added.on('tap', (event) => {
      const target = event.target as SingularElementArgument;
      this.open(target.isNode() ? target.id() : target.source().id());
      return false;
    });
    added.on('cxttap tapstart tapend', () => false);
    added.on('mouseover', (event) => {
      const target = event.target as SingularElementArgument;
      const what = target.isNode() ? String(target.data('label')) : t('graph.aggregateWired', { from: String(target.data('label')), to: String(target.target().data('label')) });
      if (container) container.title = t('graph.aggregateHover', { what });
      return false;
    });
    added.on('mouseout', () => {
      container?.removeAttribute('title');
      return false;
    });
  }
}
