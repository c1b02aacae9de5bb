// The open topology and how it is being looked at: file identity, unsaved state, the view
// and the selection. Pure state; file operations live in workspace.svelte.ts.
import type { OpenedTopology } from '../../shared/api/index.ts';
import { autoLayout } from '../../shared/topology/layout.ts';
import { emptyTopology, type Layout, type Topology } from '../../shared/topology/model.ts';
import { buildView, type ViewKind } from '../../shared/topology/views.ts';
import { t } from './i18n.svelte.ts';
import { type Selection, sameSelection } from './selection.ts';

export class DocumentState {
  topology = $state.raw<Topology>(emptyTopology());
  /** where the file lives, or null for the demo, an upload, or a new document */
  path = $state<string | null>(null);
  /** the file's name; null for a new document, which is called Untitled in the UI's language */
  #name = $state<string | null>(null);
  /** the name the title bar and the status show: derived, so Untitled follows a change of language */
  get name(): string {
    return this.#name ?? t('desktop.untitled');
  }
  dirty = $state(false);
  view = $state<ViewKind>('logical');
  selection = $state.raw<Selection | null>(null);
  /**
   * The rest of a selection of several objects or links (Shift/Ctrl+click, Shift+drag a box);
   * `selection` is the one picked last, which the details panel shows.
   */
  others = $state.raw<readonly Selection[]>([]);
  /** everything selected, `selection` last */
  readonly selectedAll: readonly Selection[] = $derived(this.selection === null ? [] : [...this.others, this.selection]);
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
    this.#name = opened.name;
    this.dirty = false;
    this.selection = null;
    this.others = [];
    this.generation += 1;
  }

  /** Shows a topology a live host changed; not an unsaved change of the user's. */
  showLive(topology: Topology): void {
    this.topology = topology;
    const found = (s: Selection): boolean => (s.type === 'node' ? topology.nodes.some((n) => n.id === s.id) : topology.links.some((l) => l.id === s.id));
    const selection = this.selection;
    if (selection !== null && !found(selection)) this.selection = null;
    if (this.others.length > 0) {
      const kept = this.others.filter(found);
      if (kept.length !== this.others.length) this.others = kept;
      if (this.selection === null && kept.length > 0) [this.others, this.selection] = [kept.slice(0, -1), kept[kept.length - 1]!];
    }
    this.revision += 1;
  }

  markSaved(path: string | null): void {
    if (path !== null) {
      this.path = path;
      this.#name = path.split(/[\\/]/).pop() || this.#name;
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
    if (this.others.length > 0) this.others = [];
    if (!sameSelection(this.selection, selection)) this.selection = selection;
  }

  /** Adds to the selection, or takes out what is already in it (Shift/Ctrl+click). */
  toggle(selection: Selection): void {
    const all = this.selectedAll;
    if (all.some((s) => sameSelection(s, selection))) this.selectMany(all.filter((s) => !sameSelection(s, selection)));
    else this.selectMany([...all, selection]);
  }

  /** Selects exactly these, the last one picked last (a box drawn on the graph). */
  selectMany(selections: readonly Selection[]): void {
    const unique = selections.filter((s, i) => selections.findIndex((o) => sameSelection(o, s)) === i);
    this.others = unique.slice(0, -1);
    this.selection = unique[unique.length - 1] ?? null;
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
