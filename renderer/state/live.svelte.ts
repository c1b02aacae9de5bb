// Connected hosts' live pictures, kept in the open document: a host's first picture replaces
// its objects whole; after that the backend sends patches (what changed, by revision), applied in
// place without moving anything drawn. A patch that does not follow the revision held (one was
// missed) makes the renderer ask for the whole host. A disconnected host leaves the graph, and
// its places are remembered for when it comes back.
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { LiveHost, LiveHostChange } from '../../shared/api/index.ts';
import { pictureAfter, type LivePatch } from '../../shared/api/live.ts';
import { type ApiErrorData, ApiError } from '../../shared/errors.ts';
import type { Layout } from '../../shared/topology/model.ts';
import { mergeLiveHost } from '../live/merge.ts';
import { patchTopology } from '../live/patch.ts';
import { getApi } from '../transport/index.ts';
import type { DocumentState } from './document.svelte.ts';

export class LiveHostsState {
  /** profile id → its live picture */
  readonly hosts = new SvelteMap<string, LiveHost>();
  /** profiles being re-read on the user's request */
  readonly refreshing = new SvelteSet<string>();
  error = $state.raw<ApiErrorData | null>(null);
  /** where a disconnected host's objects were, by node id */
  #remembered: Layout = {};
  /** hosts whose whole picture was asked for after a missed patch */
  readonly #resyncing = new SvelteSet<string>();

  constructor(private readonly doc: DocumentState) {}

  /** Follows the backend's changes and picks up hosts already connected. */
  start(): () => void {
    const stop = getApi().on('live.onDidChangeHost', (change) => this.apply(change));
    getApi()
      .live.list({})
      .then(({ hosts }) => {
        for (const live of hosts) if (!this.hosts.has(live.profileId)) this.apply({ profileId: live.profileId, live });
      })
      .catch(() => undefined);
    return stop;
  }

  apply(change: LiveHostChange): void {
    if (change.patch) return this.#patch(change.profileId, change.patch);
    const { profileId } = change;
    const live = change.live ?? null;
    const previous = this.hosts.get(profileId) ?? null;
    if (previous === null && live === null) return;
    const previousHostId = previous?.host.id ?? null;
    if (live === null && previousHostId !== null) this.#remember(previousHostId);
    this.doc.showLive(mergeLiveHost(this.doc.topology, previousHostId, live, this.#remembered));
    if (live) this.hosts.set(profileId, live);
    else this.hosts.delete(profileId);
  }

  #patch(profileId: string, patch: LivePatch): void {
    const current = this.hosts.get(profileId);
    if (!current || current.revision !== patch.base || this.#resyncing.has(profileId)) return this.#resync(profileId);
    const next = pictureAfter(current, { profileId, patch })!;
    this.doc.showLive(patchTopology(this.doc.topology, current.host.id, patch));
    this.hosts.set(profileId, next);
  }

  /**
   * Takes the host whole from the backend. Patches that arrive meanwhile are dropped: the answer
   * is read after they were sent, so it holds them, and the next patch follows it.
   */
  #resync(profileId: string): void {
    if (this.#resyncing.has(profileId)) return;
    this.#resyncing.add(profileId);
    getApi()
      .live.list({})
      .then(({ hosts }) => {
        this.#resyncing.delete(profileId);
        const live = hosts.find((h) => h.profileId === profileId);
        if (live) this.apply({ profileId, live });
      })
      .catch(() => this.#resyncing.delete(profileId));
  }

  /** After another document is opened: the connected hosts stay on the canvas. */
  showAllIn(): void {
    for (const live of this.hosts.values()) {
      this.doc.showLive(mergeLiveHost(this.doc.topology, live.host.id, live, this.#remembered));
    }
  }

  async refresh(profileId: string): Promise<void> {
    if (!this.hosts.has(profileId) || this.refreshing.has(profileId)) return;
    this.refreshing.add(profileId);
    try {
      // The picture itself arrives through live.onDidChangeHost.
      await getApi().live.refresh({ profileId });
      this.error = null;
    } catch (e) {
      this.error = ApiError.from(e).toJSON();
    } finally {
      this.refreshing.delete(profileId);
    }
  }

  /** The profile whose live host holds this node, if any. */
  profileOfNode(nodeId: string): string | null {
    const node = this.doc.topology.nodes.find((n) => n.id === nodeId);
    if (!node) return null;
    for (const [profileId, live] of this.hosts) if (live.host.id === node.host) return profileId;
    return null;
  }

  dismissError(): void {
    this.error = null;
  }

  #remember(hostId: string): void {
    const positions = this.doc.positions;
    for (const n of this.doc.topology.nodes) {
      const p = positions[n.id];
      if (n.host === hostId && p) this.#remembered[n.id] = { x: p.x, y: p.y };
    }
  }
}
