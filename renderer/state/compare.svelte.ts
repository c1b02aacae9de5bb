// "Compare with…": a saved topology file — or another connected host, matched by names — against
// a connected host's live picture. The diff is the shared pure one, worked out here from the live
// hosts as they are drawn, so it follows them as they change; "Make the host match" asks the
// backend for a preview of the plan, shown and applied like any other change, and once it has
// run, what the host still shows is listed as not done, with why (the apply report shows it too).
import type { LiveHost, PlanReport } from '../../shared/api/index.ts';
import { diffTopologies, isUuidNote, itemMessage, keepNotes } from '../../shared/diff/index.ts';
import type { DiffItem, TopologyDiff } from '../../shared/diff/types.ts';
import { type ApiErrorData, ApiError } from '../../shared/errors.ts';
import { notDoneAfter, type DesiredPlan, type Unplanned } from '../../shared/plan/desired-outcome.ts';
import type { Topology } from '../../shared/topology/model.ts';
import { getApi } from '../transport/index.ts';
import type { EditState } from './edit.svelte.ts';
import { t, tell } from './i18n.svelte.ts';
import type { LiveHostsState } from './live.svelte.ts';

export type OverlayMark = 'added' | 'removed' | 'changed';

export interface CompareFile {
  name: string;
  topology: Topology;
}

/** What the host is compared with: a saved file, or another connected host (by profile id). */
export type CompareSource = ({ kind: 'file' } & CompareFile) | { kind: 'host'; profileId: string };

/** After "Make the host match": whether the host has been read since, and what is not done. */
export interface MatchOutcome {
  /** the host has not been read again since the plan ran */
  checking: boolean;
  notDone: Unplanned[];
  /** differences left alone (removal not allowed) */
  leftAlone: number;
  /** what the host was made to match: a saved file or another host */
  against: 'file' | 'host';
}

/** The comparison the app has (one); the apply report asks it about the plans it made. */
let current: Pick<CompareState, 'outcomeOf'> | null = null;

/** What "Make the host match" left not done, for the report of the plan it made; undefined for any other report. */
export function matchOutcomeOf(report: PlanReport): MatchOutcome | undefined {
  return current?.outcomeOf(report);
}

/** The file's host to compare: the one of the same id as the live host, else its only one, else the first. */
function fileHostFor(file: Topology, live: LiveHost | undefined): string | null {
  const ids = file.hosts.map((h) => h.id);
  if (live && ids.includes(live.host.id)) return live.host.id;
  return ids[0] ?? null;
}

export class CompareState {
  source = $state.raw<CompareSource | null>(null);
  /** "Make the host match" also removes what the file lacks */
  prune = $state(false);
  error = $state.raw<ApiErrorData | null>(null);
  /**
   * The last "Make the host match": how many plans had run before it (EditState.ran), the plan it
   * previewed and what it left alone or could not do, so the panel and the report can say, once
   * it has run, what is not done and why.
   */
  #matching = $state.raw<{ ranBefore: number; planId: string | null; desired: Pick<DesiredPlan, 'plan' | 'leftAlone' | 'cannot'> } | null>(null);
  /** what the user picked in the panel; a host that is not connected (any more) falls back */
  #chosenProfile = $state<string | null>(null);
  #chosenFileHost = $state<string | null>(null);

  constructor(
    private readonly live: LiveHostsState,
    private readonly edit: EditState,
  ) {
    current = { outcomeOf: (report) => this.outcomeOf(report) };
  }

  /** What the host is compared with, for the words of the list: a saved file or another host. */
  readonly against: 'file' | 'host' = $derived(this.source?.kind === 'host' ? 'host' : 'file');

  /** The file compared with, or the other host's live picture as one (its name in the user's words); null when nothing is open. */
  readonly file: CompareFile | null = $derived.by(() => {
    const source = this.source;
    if (!source) return null;
    if (source.kind === 'file') return { name: source.name, topology: source.topology };
    const other = this.live.hosts.get(source.profileId);
    if (!other) return { name: t('compare.hostGone'), topology: { hosts: [], nodes: [], links: [], layout: {} } };
    return { name: t('compare.hostName', { label: other.host.label }), topology: { hosts: [other.host], nodes: other.nodes, links: other.links, layout: {} } };
  });

  /** the connected host compared, by profile id: the one chosen while it is connected, else the first that is not the source */
  readonly profileId: string | null = $derived.by(() => {
    const chosen = this.#chosenProfile;
    const sourceProfile = this.source?.kind === 'host' ? this.source.profileId : null;
    if (chosen !== null && this.live.hosts.has(chosen) && chosen !== sourceProfile) return chosen;
    return [...this.live.hosts.keys()].find((id) => id !== sourceProfile) ?? null;
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
    const diff = diffTopologies(file.topology, fileHost, current, liveHost.host.id);
    // Two hosts are matched by names: that their UUIDs differ is what one expects, not news.
    return this.source?.kind === 'host' ? keepNotes(diff, (note) => !isUuidNote(note)) : diff;
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
  readonly notDone: Unplanned[] | null = $derived.by(() => {
    const matching = this.#matching;
    if (!matching || this.edit.ran <= matching.ranBefore || !this.diff) return null;
    return notDoneAfter(matching.desired, this.diff);
  });

  /** The outcome of "Make the host match" for its apply report, once the host has been read after the plan started. */
  outcomeOf(report: PlanReport): MatchOutcome | undefined {
    const matching = this.#matching;
    if (!matching || matching.planId !== report.planId || report.profileId !== this.profileId || report.status === 'failed') return undefined;
    const host = this.liveHost;
    const checking = !host || Date.parse(host.refreshedAt) < Date.parse(report.startedAt) || this.notDone === null;
    return { checking, notDone: checking ? [] : this.notDone!, leftAlone: matching.desired.leftAlone.length, against: this.against };
  }

  /** Opens `file` for comparison with a connected host. */
  show(file: CompareFile): void {
    this.#open({ kind: 'file', ...file });
  }

  /** Compares another connected host (profile `profileId`) with the one compared, matched by names. */
  showHost(profileId: string): void {
    this.#open({ kind: 'host', profileId });
  }

  /** Connected hosts a comparison can take as its source: all but the one compared. */
  readonly otherHosts: LiveHost[] = $derived.by(() => [...this.live.hosts].filter(([id]) => id !== this.profileId).map(([, host]) => host));

  /**
   * The Compare command: with several hosts connected and nothing compared yet, the first host
   * against another (the panel can switch to a file); otherwise `pickFile`.
   */
  begin(pickFile: () => unknown): void {
    const [first, second] = [...this.live.hosts.keys()];
    if (this.source === null && first !== undefined && second !== undefined) {
      this.#chosenProfile = first;
      this.showHost(second);
    } else void pickFile();
  }

  #open(source: CompareSource): void {
    this.source = source;
    this.error = null;
    this.#chosenFileHost = null;
    this.#matching = null;
  }

  /** Compares connected host `profileId`; picking the host it was compared with swaps the two (with two hosts, the only way to). */
  chooseHost(profileId: string): void {
    const compared = this.profileId;
    if (this.source?.kind === 'host' && this.source.profileId === profileId && compared !== null) this.showHost(compared);
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
    this.source = null;
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
    const titles = { planning: t(this.against === 'host' ? 'compare.planningHost' : 'compare.planning'), preview: t('compare.previewTitle', { name: file.name }) };
    const ranBefore = this.edit.ran;
    return this.edit.changeWith(profileId, titles, async () => {
      const preview = await getApi().plan.previewDesired({ profileId, topology: file.topology, fileHost, prune });
      this.#matching = { ranBefore, planId: preview.plan?.planId ?? null, desired: preview };
      const notes = [
        ...preview.leftAlone.map((u) => t('compare.leftAlone', { item: tell(itemMessage(u.item, this.against)), reason: tell(u.says) })),
        ...preview.cannot.map((u) => t('compare.cannot', { item: tell(itemMessage(u.item, this.against)), reason: tell(u.says) })),
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
