// "Compare with…": a saved topology file against a connected host's live picture. The diff is
// the shared pure one, worked out here from the live host as it is drawn, so it follows the
// host as it changes; "Make the host match" asks the backend for a preview of the plan, shown
// and applied like any other change.
import type { LiveHost } from '../../shared/api/index.ts';
import { describeItem, diffTopologies } from '../../shared/diff/index.ts';
import type { DiffItem, TopologyDiff } from '../../shared/diff/types.ts';
import { type ApiErrorData, ApiError } from '../../shared/errors.ts';
import type { Topology } from '../../shared/topology/model.ts';
import { getApi } from '../transport/index.ts';
import type { EditState } from './edit.svelte.ts';
import type { LiveHostsState } from './live.svelte.ts';

export type OverlayMark = 'added' | 'removed' | 'changed';

export interface CompareFile {
  name: string;
  topology: Topology;
}

/** The file's host to compare: the one of the same id as the live host, else its only one, else the first. */
function fileHostFor(file: Topology, live: LiveHost | undefined): string | null {
  const ids = file.hosts.map((h) => h.id);
  if (live && ids.includes(live.host.id)) return live.host.id;
  return ids[0] ?? null;
}

/** A difference by what it is about, so one left alone before an apply is known after it. */
const itemKey = (i: DiffItem): string => JSON.stringify([i.kind, i.change, i.name, i.mac ?? null]);

export class CompareState {
  file = $state.raw<CompareFile | null>(null);
  /** "Make the host match" also removes what the file lacks */
  prune = $state(false);
  error = $state.raw<ApiErrorData | null>(null);
  /**
   * The last "Make the host match": how many plans had run before it (EditState.ran) and what it
   * left alone, so the panel can say, once it has run, whether anything is not done.
   */
  #matching = $state.raw<{ ranBefore: number; leftAlone: readonly string[] } | null>(null);
  /** what the user picked in the panel; a host that is not connected (any more) falls back */
  #chosenProfile = $state<string | null>(null);
  #chosenFileHost = $state<string | null>(null);

  constructor(
    private readonly live: LiveHostsState,
    private readonly edit: EditState,
  ) {}

  /** the connected host compared, by profile id: the one chosen while it is connected, else the first */
  readonly profileId: string | null = $derived.by(() => {
    const chosen = this.#chosenProfile;
    return chosen !== null && this.live.hosts.has(chosen) ? chosen : (this.live.hosts.keys().next().value ?? null);
  });

  readonly liveHost: LiveHost | undefined = $derived.by(() => (this.profileId === null ? undefined : this.live.hosts.get(this.profileId)));

  /** the file's host compared, by host id: the one chosen, else the one of the live host's id, else the first */
  readonly fileHost: string | null = $derived.by(() => {
    const file = this.file?.topology;
    if (!file) return null;
    const chosen = this.#chosenFileHost;
    return chosen !== null && file.hosts.some((h) => h.id === chosen) ? chosen : fileHostFor(file, this.liveHost);
  });

  readonly diff: TopologyDiff | null = $derived.by(() => {
    const { file, fileHost, liveHost } = this;
    if (!file || !fileHost || !liveHost) return null;
    const current: Topology = { hosts: [liveHost.host], nodes: liveHost.nodes, links: liveHost.links, layout: {} };
    return diffTopologies(file.topology, fileHost, current, liveHost.host.id);
  });

  /**
   * What the graph marks, by element id: objects and NICs added or changed on the host; for a
   * NIC the host lost, its VM (the NIC itself is only in the file, so not drawn).
   */
  readonly overlay: Readonly<Record<string, OverlayMark>> = $derived.by(() => {
    const marks: Record<string, OverlayMark> = {};
    for (const item of this.diff?.items ?? []) {
      for (const id of item.hostIds) if (!(id in marks) || item.change !== 'changed') marks[id] = item.change;
    }
    return marks;
  });

  /**
   * After "Make the host match" has run: the differences that remain and were not left alone
   * (not done, never reported as done), or null before it has run.
   */
  readonly notDone: DiffItem[] | null = $derived.by(() => {
    const matching = this.#matching;
    if (!matching || this.edit.ran <= matching.ranBefore || !this.diff) return null;
    return this.diff.items.filter((i) => !matching.leftAlone.includes(itemKey(i)));
  });

  /** Opens `file` for comparison with a connected host. */
  show(file: CompareFile): void {
    this.file = file;
    this.error = null;
    this.#chosenFileHost = null;
    this.#matching = null;
  }

  chooseHost(profileId: string): void {
    this.#chosenProfile = profileId;
  }

  chooseFileHost(hostId: string): void {
    this.#chosenFileHost = hostId;
  }

  /** Desktop: the native Open dialog; the file is read and checked by the backend. */
  async pick(): Promise<void> {
    await this.#load(() => getApi().files.open({}));
  }

  /** Browser mode: an uploaded file. */
  async upload(file: File): Promise<void> {
    const text = await file.text();
    await this.#load(() => getApi().files.openText({ name: file.name, text }));
  }

  close(): void {
    this.file = null;
    this.error = null;
  }

  /** The node or link to select on the graph for an item, if the host has one. */
  selectionOf(item: DiffItem): { type: 'node' | 'link'; id: string } | null {
    const id = item.hostIds[0];
    if (id === undefined) return null;
    return item.kind === 'nic' && item.change !== 'removed' ? { type: 'link', id } : { type: 'node', id };
  }

  /** Plans what makes the host match the file, and shows it in the usual preview. */
  makeHostMatch(): Promise<void> {
    const { file, fileHost, profileId, prune } = this;
    if (!file || !fileHost || !profileId) return Promise.resolve();
    const titles = { planning: 'Planning the changes that make the host match the file…', preview: `Make the host match ${file.name}` };
    const ranBefore = this.edit.ran;
    return this.edit.changeWith(profileId, titles, async () => {
      const preview = await getApi().plan.previewDesired({ profileId, topology: file.topology, fileHost, prune });
      this.#matching = { ranBefore, leftAlone: preview.leftAlone.map((u) => itemKey(u.item)) };
      const notes = [
        ...preview.leftAlone.map((u) => `Left alone — ${describeItem(u.item)}: ${u.reason}.`),
        ...preview.cannot.map((u) => `Cannot be done — ${describeItem(u.item)}: ${u.reason}.`),
      ];
      return { plan: preview.plan, notes };
    });
  }

  async #load(open: () => Promise<{ topology: Topology; name: string } | null>): Promise<void> {
    try {
      const opened = await open();
      if (opened) this.show({ name: opened.name, topology: opened.topology });
    } catch (e) {
      this.error = ApiError.from(e).toJSON();
    }
  }
}
