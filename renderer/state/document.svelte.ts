// The open topology and how it is being looked at: file identity, unsaved state, the view
// and the selection. Pure state; file operations live in workspace.svelte.ts.
import type { OpenedTopology } from '../../shared/api/index.ts';
import { autoLayout } from '../../shared/topology/layout.ts';
import { emptyTopology, type Layout, type Topology } from '../../shared/topology/model.ts';
import { buildView, type ViewKind } from '../../shared/topology/views.ts';
import { type Selection, sameSelection } from './selection.ts';

export class DocumentState {
  topology = $state.raw<Topology>(emptyTopology());
  /** where the file lives, or null for the demo, an upload, or a new document */
  path = $state<string | null>(null);
  name = $state('Untitled');
  dirty = $state(false);
  view = $state<ViewKind>('logical');
  selection = $state.raw<Selection | null>(null);
  /** objects the search matches, highlighted on the graph (the rest dimmed); null = no search */
  matches = $state.raw<readonly string[] | null>(null);
  /** focus mode: everything not wired to the selected object fades */
  focus = $state(false);
  /** bumps on every load, so the graph knows to redraw from scratch and fit */
  generation = $state(0);
  /** bumps when a live host changes the objects, so the graph redraws them where they are */
  revision = $state(0);

  readonly graph = $derived(buildView(this.topology, this.view));
  readonly positions: Layout = $derived(autoLayout(this.topology));
  readonly title = $derived(`${this.dirty ? '• ' : ''}${this.name} — VirtWire`);

  load(opened: OpenedTopology): void {
    this.topology = opened.topology;
    this.path = opened.path;
    this.name = opened.name;
    this.dirty = false;
    this.selection = null;
    this.generation += 1;
  }

  /** Shows a topology a live host changed; not an unsaved change of the user's. */
  showLive(topology: Topology): void {
    this.topology = topology;
    const selection = this.selection;
    if (selection !== null) {
      const found =
        selection.type === 'node' ? topology.nodes.some((n) => n.id === selection.id) : topology.links.some((l) => l.id === selection.id);
      if (!found) this.selection = null;
    }
    this.revision += 1;
  }

  markSaved(path: string | null): void {
    if (path !== null) {
      this.path = path;
      this.name = path.split(/[\\/]/).pop() || this.name;
    }
    this.dirty = false;
  }

  toggleFocus(): void {
    this.focus = !this.focus;
  }

  setView(view: ViewKind): void {
    this.view = view;
  }

  toggleView(): void {
    this.view = this.view === 'logical' ? 'wiring' : 'logical';
  }

  select(selection: Selection | null): void {
    if (!sameSelection(this.selection, selection)) this.selection = selection;
  }

  /** Records where the user dropped objects; this is an unsaved change to the file. */
  moveNodes(positions: Layout): void {
    const layout = this.topology.layout;
    const changed = Object.entries(positions).some(([id, p]) => layout[id]?.x !== p.x || layout[id]?.y !== p.y);
    if (!changed) return;
    this.topology = { ...this.topology, layout: { ...layout, ...positions } };
    this.dirty = true;
  }
}
