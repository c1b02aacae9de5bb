// The one owner of the cytoscape instance: draws a GraphView, reports the user's taps and
// drags, and follows the selection it is given. Components talk to this class, never to cytoscape.
import cytoscape, { type Core, type EventObject, type NodeSingular } from 'cytoscape';
import type { PictureFormat } from '../../shared/export/index.ts';
import type { Layout, NodeKind, Point } from '../../shared/topology/model.ts';
import { edgeIdsOf, type GraphView } from '../../shared/topology/views.ts';
import { t } from '../state/i18n.svelte.ts';
import type { Selection } from '../state/selection.ts';
import { ConnectGesture, type ConnectRules } from './connect.ts';
import { ElementMaker, hostElementId, onlyStateChanged, sameDefinition } from './elements.ts';
import { wiredTo } from './focus.ts';
import { HostBoxes, IN_HOST } from './hostBoxes.ts';
import { labelEdge, labelNodes, markShortEdges } from './labels.ts';
import { Minimap } from './minimap.ts';
import type { GraphPalette } from './palette.ts';
import { graphPicture } from './picture.ts';
import { AGGREGATES_CHANGED, SemanticZoom } from './semanticZoom.ts';
import { graphStyle } from './style.ts';
import { kindLabel, stateLabel } from './words.ts';

export interface GraphCallbacks {
  /** the user tapped an object, a link, or the background (null) */
  onSelect(selection: Selection | null): void;
  /** Shift/Ctrl/Cmd+click on an object or link: add it to the selection or take it out */
  onToggle?(selection: Selection): void;
  /** Shift/Ctrl+drag on the background drew a box: everything in it */
  onSelectMany?(selections: Selection[]): void;
  /** the user dropped dragged objects at new positions */
  onMove(positions: Layout): void;
  /** right click on an object, a link, a host's group (hostId) or the background; `at` in page coordinates */
  onContextMenu?(target: Selection | { type: 'host'; hostId: string | null }, at: Point): void;
}

const FIT_PADDING = 40;

const ZOOM_STEP = 1.25;
/** Data cytoscape cannot change on an element in place: such an element is drawn anew. */
const FIXED_KEYS = ['source', 'target'];

/** Above this many elements the viewport moves a snapshot; above the second, without edges. */
const BIG_GRAPH = 1_500;
const HUGE_GRAPH = 6_000;
function describeHover(node: NodeSingular): string {
  const kind = node.data('kind') as NodeKind | 'host';
  if (kind === 'host') return t('graph.host', { label: String(node.data('label')) });
  return t('graph.hover', { label: String(node.data('label')), kind: kindLabel(kind), state: stateLabel(String(node.data('state'))) });
}

export class GraphAdapter {
  private readonly cy: Core;
  private readonly resizeObserver: ResizeObserver;
  private readonly connect: ConnectGesture;
  /** what a comparison with a saved file marks, by node or topology link id */
  private marks: Readonly<Record<string, string>> = {};
  /** what a search matches (null: no search) */
  private matches: ReadonlySet<string> | null = null;
  /** the object focus mode is on, or null when focus mode is off or nothing is selected */
  private focused: string | null = null;
  /** each element as show/update last drew it (its definition), so update touches only what changed */
  private drawn = new Map<string, cytoscape.ElementDefinition>();
  /** makes only the elements whose view object changed since the last update */
  private readonly maker = new ElementMaker();
  /** zoomed out, busy hubs' VMs collapse into aggregates (semanticZoom.ts) */
  private readonly semantic: SemanticZoom;
  private readonly hostBoxes: HostBoxes;
  private minimap: Minimap | null = null;
  /**
   * What cytoscape has selected, followed through its events: `:selected` is a selector run
   * over every element, and the selection is followed after every live patch.
   */
  private readonly selected: cytoscape.CollectionReturnValue;
  /** the hosts drawn, by id */
  private hostIds: readonly string[] = [];

  constructor(container: HTMLElement, palette: GraphPalette, private readonly callbacks: GraphCallbacks) {
    this.cy = cytoscape({
      container,
      style: graphStyle(palette),
      // Shift/Ctrl+drag on the background draws a box that selects what it covers
      boxSelectionEnabled: true,
      selectionType: 'single',
      minZoom: 0.05,
      maxZoom: 4,
    });
    this.selected = this.cy.collection();
    // (a collection holds one element per id: one taken out and drawn again under its id replaces it)
    this.cy.on('select', (event) => void this.selected.unmerge(event.target as cytoscape.SingularElementArgument).merge(event.target as cytoscape.SingularElementArgument));
    this.cy.on('unselect', (event) => void this.selected.unmerge(event.target as cytoscape.SingularElementArgument));
    this.cy.on('tap', (event) => this.handleTap(event));
    // cytoscape selects what the box covers just after 'boxend'
    this.cy.on('boxend', () => setTimeout(() => this.handleBox(), 0));
    this.cy.on('dragfree', 'node', (event) => this.handleDrop(event.target as NodeSingular));
    this.cy.on('mouseover mouseout select unselect', 'edge', (event) => {
      const edge = event.target as cytoscape.EdgeSingular;
      if (!this.drawn.has(edge.id())) return;
      if (event.type === 'mouseover' || event.type === 'mouseout') edge.toggleClass('hover', event.type === 'mouseover');
      labelEdge(edge);
    });
    this.cy.on('mouseover', 'node', (event) => (container.title = describeHover(event.target as NodeSingular)));
    this.cy.on('mouseout', 'node', () => container.removeAttribute('title'));
    this.cy.on('cxttap', (event) => this.handleContextMenu(event));
    this.connect = new ConnectGesture(this.cy, container);
    this.semantic = new SemanticZoom(this.cy);
    this.hostBoxes = new HostBoxes(this.cy);
    // what aggregates hide takes no room in a host's box
    this.cy.on(AGGREGATES_CHANGED, (_event, hosts?: readonly string[]) => this.hostBoxes.fit(hosts));
    this.resizeObserver = new ResizeObserver(() => this.cy.resize());
    this.resizeObserver.observe(container);
  }

  /** Replaces everything drawn; positions come from the topology's layout. */
  show(view: GraphView, positions: Layout, fit: boolean): void {
    this.hostIds = view.hosts.map((h) => h.id);
    // everything is made anew, and remembered for the updates that follow
    this.maker.clear();
    const wanted = this.maker.changes(view, positions).changed;
    this.cy.batch(() => {
      this.cy.elements().remove();
      const added = this.cy.add(wanted);
      // Set before the stylesheet is first applied (at the batch's end), a label costs cytoscape
      // little; set after, each one hashes every style property of its element again.
      labelNodes(added.nodes().filter((n) => n.data('kind') !== 'host'));
      markShortEdges(added.edges());
    });
    this.drawn = new Map(wanted.map((def) => [def.data.id!, def]));
    this.adaptToSize();
    this.hostBoxes.fit();
    this.applyMarks();
    this.applyEmphasis();
    if (fit) this.fit();
    this.semantic.refreshNow();
  }

  /**
   * Brings the drawing in line with a changed view, touching only what changed since it was
   * last drawn (a live patch changes a few elements of thousands), so the viewport, the
   * selection, a drag in progress and every untouched position carry on.
   */
  update(view: GraphView, positions: Layout): void {
    this.hostIds = view.hosts.map((h) => h.id);
    const { count, wanted, changed } = this.maker.changes(view, positions);
    /** grown in place (a union copies the collection: one per element of a big change is quadratic) */
    const touched = this.cy.collection();
    /** hosts whose box may have to change: something in them went, moved or changed its look beyond its state */
    const hosts = new Set<string>();
    /** what was added to each host: a box that only gained objects grows around them */
    const gained = new Map<string, cytoscape.NodeCollection>();
    let counted = false;
    const refit = (node: cytoscape.SingularElementReturnValue): void => {
      if (node.isNode() && node.data(IN_HOST) !== undefined) hosts.add(node.data(IN_HOST) as string);
    };
    const gain = (node: cytoscape.SingularElementReturnValue): void => {
      const host = node.isNode() ? (node.data(IN_HOST) as string | undefined) : undefined;
      if (host === undefined) return;
      if (!gained.has(host)) gained.set(host, this.cy.collection() as cytoscape.NodeCollection);
      gained.get(host)!.merge(node);
    };
    // cytoscape takes a node's links with it: they are drawn again when wanted
    const remove = (element: cytoscape.CollectionReturnValue): void => {
      element.remove().forEach((e) => {
        this.drawn.delete(e.id());
        this.maker.forget(e.id());
        counted = true;
        refit(e);
      });
    };
    // Every wanted element not made again was drawn before; when the ones new to the drawing
    // account for all the view has beyond what is drawn, nothing drawn has gone (a live patch
    // that changed a VM's state need not go through a big host's thousands of ids).
    let fresh = 0;
    for (const def of changed) if (!this.drawn.has(def.data.id!)) fresh += 1;
    const someGone = this.drawn.size !== count - fresh;
    this.cy.batch(() => {
      if (someGone) {
        const ids = wanted();
        for (const id of [...this.drawn.keys()]) if (!ids.has(id)) remove(this.cy.getElementById(id));
      }
      for (const def of changed) {
        const id = def.data.id!;
        const last = this.drawn.get(id);
        if (sameDefinition(last, def)) continue;
        const existing = this.cy.getElementById(id);
        if (existing.empty() || FIXED_KEYS.some((key) => existing.data(key) !== def.data[key])) {
          // (cytoscape's remove costs even on nothing)
          if (existing.nonempty()) remove(existing);
          const added = this.cy.add(def);
          // labelled before the batch's end applies the stylesheet, as in show
          labelNodes(added.nodes().filter((n) => n.data('kind') !== 'host'));
          markShortEdges(added.edges());
          touched.merge(added);
          this.drawn.set(id, def);
          counted = true;
          added.forEach(gain);
          continue;
        }
        this.drawn.set(id, def);
        if (!onlyStateChanged(last, def)) refit(existing);
        for (const key of Object.keys(existing.data())) if (!(key in def.data)) existing.removeData(key);
        existing.data(Object.fromEntries(Object.entries(def.data).filter(([key]) => !FIXED_KEYS.includes(key) && key !== 'id')));
        if (def.position && existing.isNode() && !existing.grabbed()) existing.position(def.position);
        touched.merge(existing);
      }
    });
    if (touched.empty() && hosts.size === 0 && gained.size === 0) return;
    if (counted) this.adaptToSize();
    this.cy.batch(() => {
      labelNodes(touched.nodes().filter((n) => n.data('kind') !== 'host'));
      markShortEdges(this.drawnOnly(touched.edges().union(touched.nodes().connectedEdges())));
    });
    this.hostBoxes.fit(hosts);
    for (const [host, added] of gained) if (!hosts.has(host)) this.hostBoxes.grow(host, added);
    this.applyMarks(touched);
    if (this.matches !== null || this.focused !== null) this.applyEmphasis();
    this.semantic.refresh();
  }

  /** After a change of language: the aggregates' labels are said again (the drawn elements follow through update). */
  relabel(): void {
    this.semantic.refreshNow();
  }

  setPalette(palette: GraphPalette): void {
    this.cy.style(graphStyle(palette));
    this.minimap?.refresh();
  }

  /** Shows the minimap in `panel` (which needs an id), or takes it away (null). */
  showMinimap(panel: HTMLElement | null): void {
    this.minimap?.destroy();
    this.minimap = panel ? new Minimap(this.cy, panel) : null;
  }

  /** Follows the selection made elsewhere (the outline, several at once); does not call back. */
  select(selections: readonly Selection[]): void {
    // grown in place, compared by id (a union copies, difference makes a collection per element)
    const wanted = this.cy.collection();
    for (const s of selections) wanted.merge(this.elementsFor(s));
    this.cy.batch(() => {
      // what was selected and has since been taken out of the drawing is no longer followed
      this.selected.unmerge(this.selected.filter((e) => e.removed()));
      this.selected.diff(wanted).left.unselect();
      wanted.select();
    });
    if (wanted.nonempty() && !this.isVisible(wanted)) this.cy.animate({ center: { eles: wanted } }, { duration: 200 });
  }

  fit(): void {
    this.cy.fit(undefined, FIT_PADDING);
  }

  zoom(direction: 1 | -1): void {
    const level = this.cy.zoom() * (direction > 0 ? ZOOM_STEP : 1 / ZOOM_STEP);
    this.cy.zoom({ level, renderedPosition: { x: this.cy.width() / 2, y: this.cy.height() / 2 } });
  }

  /** What a drag from an object may connect to, and what a drop does; null turns drag-connect off. */
  setConnectRules(rules: ConnectRules | null): void {
    this.connect.setRules(rules);
  }

  /** Where the selection is drawn, in page coordinates, for a menu opened from the keyboard. */
  anchorOf(selection: Selection): Point | null {
    const elements = this.elementsFor(selection);
    if (elements.empty()) return null;
    const box = elements.renderedBoundingBox();
    const origin = this.cy.container()!.getBoundingClientRect();
    return { x: origin.left + (box.x1 + box.x2) / 2, y: origin.top + (box.y1 + box.y2) / 2 };
  }

  /** The whole graph as drawn: SVG text, or a PNG in base64. */
  picture(format: PictureFormat, background: string): string {
    return this.semantic.whileExpanded(() => graphPicture(this.cy, format, background));
  }

  /**
   * Marks the groups of hosts drawn from a stale picture (`stale`, style.ts), with a note by host
   * id; a host left out is live again. The note is kept in the element's scratch, which redraws keep.
   */
  markStale(notes: Readonly<Record<string, string>>): void {
    // the drawn hosts' boxes, by id (a selector would go through every node after each live patch)
    this.hostIds.forEach((id) => {
      const host = this.cy.getElementById(hostElementId(id));
      if (host.empty()) return;
      const note = notes[id] ?? null;
      if (host.scratch('staleNote') === note && host.hasClass('stale') === (note !== null)) return;
      host.scratch('staleNote', note).removeClass('stale');
      if (note !== null) host.addClass('stale');
    });
  }

  /** Marks objects and links (`diff-added`, `diff-changed`, `diff-removed`) by node or topology link id; none clears them. */
  mark(marks: Readonly<Record<string, 'added' | 'changed' | 'removed'>>): void {
    this.marks = marks;
    this.applyMarks();
  }

  /** Highlights the objects a search matches and dims the rest; null ends the search. */
  highlight(ids: readonly string[] | null): void {
    this.matches = ids === null ? null : new Set(ids);
    this.applyEmphasis();
  }

  /** Focus mode on one object: everything not wired to it fades; null shows everything again. */
  focus(nodeId: string | null): void {
    this.focused = nodeId;
    this.applyEmphasis();
  }

  destroy(): void {
    this.minimap?.destroy();
    this.hostBoxes.destroy();
    this.semantic.destroy();
    this.connect.destroy();
    this.resizeObserver.disconnect();
    this.cy.destroy();
  }

  private elementsFor(selection: Selection | null): cytoscape.CollectionReturnValue {
    if (selection === null) return this.cy.collection();
    if (selection.type === 'node') return this.cy.getElementById(selection.id);
    // by the ids its edge can have (a filter over every edge ran after each live patch for each selected link)
    const edges = this.cy.collection();
    for (const id of edgeIdsOf(selection.id)) {
      const edge = this.cy.getElementById(id);
      if (edge.nonempty() && edge.data('link') === selection.id) edges.merge(edge);
    }
    return edges;
  }

  /** Marks everything, or only `among` (what an update just drew). */
  private applyMarks(among?: cytoscape.CollectionReturnValue): void {
    if (among && Object.keys(this.marks).length === 0) return;
    this.cy.batch(() => {
      // cytoscape restyles every element it is asked to take a class from, whether it had it or not
      (among ?? this.cy.elements()).filter('.diff-added, .diff-changed, .diff-removed').removeClass('diff-added diff-changed diff-removed');
      for (const [id, mark] of Object.entries(this.marks)) {
        const node = (among ?? this.cy).getElementById(id);
        (node.nonempty() ? node : (among ?? this.cy).edges().filter((e) => e.data('link') === id)).addClass(`diff-${mark}`);
      }
    });
  }

  /** Big drawings move as a snapshot while the viewport moves, and without edges beyond a size. */
  private adaptToSize(): void {
    // what the view drew (the aggregates are a few more): counted without making a collection of everything
    const count = this.drawn.size;
    // the init options, which the canvas renderer copies once; it reads them on every frame
    type Renderer = { textureOnViewport?: boolean; hideEdgesOnViewport?: boolean };
    const renderer = (this.cy as unknown as { renderer?: () => Renderer | undefined }).renderer?.();
    if (!renderer) return;
    renderer.textureOnViewport = count > BIG_GRAPH;
    renderer.hideEdgesOnViewport = count > HUGE_GRAPH;
  }

  private applyEmphasis(): void {
    const keep = this.focused === null ? null : wiredTo(this.cy.getElementById(this.focused));
    this.cy.batch(() => {
      this.cy.elements('.match, .dim, .faded').removeClass('match dim faded');
      if (this.matches !== null) {
        const matches = this.matches;
        this.cy.nodes().forEach((n) => {
          if (n.data('kind') === 'host') return;
          n.addClass(matches.has(n.id()) ? 'match' : 'dim');
        });
        this.cy.edges().addClass('dim');
      }
      // diff looks elements up by id (difference makes a collection of each one it tests)
      if (keep !== null) this.cy.elements().diff(keep).left.filter((e) => e.data('kind') !== 'host').addClass('faded');
    });
    this.semantic.emphasize();
  }

  private isVisible(elements: cytoscape.CollectionReturnValue): boolean {
    const box = elements.renderedBoundingBox();
    return box.x1 >= 0 && box.y1 >= 0 && box.x2 <= this.cy.width() && box.y2 <= this.cy.height();
  }

  private handleTap(event: EventObject): void {
    const original = event.originalEvent as MouseEvent | undefined;
    const adding = original !== undefined && (original.shiftKey || original.ctrlKey || original.metaKey);
    if (event.target === this.cy) return adding ? undefined : this.callbacks.onSelect(null);
    const element = event.target as cytoscape.SingularElementArgument;
    if (adding && this.callbacks.onToggle && element.data('kind') !== 'host') {
      return this.callbacks.onToggle(element.isEdge() ? { type: 'link', id: String(element.data('link')) } : { type: 'node', id: element.id() });
    }
    if (element.isEdge()) return this.callbacks.onSelect({ type: 'link', id: String(element.data('link')) });
    if (element.data('kind') === 'host') return this.callbacks.onSelect(null);
    this.callbacks.onSelect({ type: 'node', id: element.id() });
  }

  private handleBox(): void {
    const picked: Selection[] = [];
    const links = new Set<string>();
    this.selected.forEach((element: cytoscape.SingularElementArgument) => {
      if (element.removed()) return;
      if (element.isEdge()) {
        const link = String(element.data('link'));
        if (!links.has(link)) picked.push({ type: 'link', id: link });
        links.add(link);
        return;
      }
      if (element.data('kind') !== 'host') picked.push({ type: 'node', id: element.id() });
    });
    this.callbacks.onSelectMany?.(picked);
  }

  private handleContextMenu(event: EventObject): void {
    const original = event.originalEvent as MouseEvent | undefined;
    const at = { x: original?.clientX ?? 0, y: original?.clientY ?? 0 };
    const callback = this.callbacks.onContextMenu;
    if (!callback) return;
    if (event.target === this.cy) return callback({ type: 'host', hostId: null }, at);
    const element = event.target as cytoscape.SingularElementArgument;
    if (element.isEdge()) return callback({ type: 'link', id: String(element.data('link')) }, at);
    const kind = element.data('kind') as string;
    if (kind === 'host') return callback({ type: 'host', hostId: element.id().slice('host:'.length) }, at);
    callback({ type: 'node', id: element.id() }, at);
  }

  /** The links of the view among `edges`, without the aggregates' merged ones (semanticZoom.ts labels those). */
  private drawnOnly(edges: cytoscape.EdgeCollection): cytoscape.EdgeCollection {
    return edges.filter((edge) => this.drawn.has(edge.id()));
  }

  private handleDrop(node: NodeSingular): void {
    const moved = node.data('kind') === 'host' ? this.hostBoxes.members(node.id()) : node;
    this.cy.batch(() => markShortEdges(this.drawnOnly(moved.connectedEdges())));
    const positions: Layout = {};
    moved.forEach((n) => {
      const p: Point = n.position();
      positions[n.id()] = { x: Math.round(p.x), y: Math.round(p.y) };
    });
    this.callbacks.onMove(positions);
  }
}
