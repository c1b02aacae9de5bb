// Connected hosts' live pictures, kept in the open document: each change the backend reports
// replaces that host's objects in place; a disconnected host leaves the graph, and its places
// are remembered for when it comes back.
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { LiveHost, LiveHostChange } from '../../shared/api/index.ts';
import { type ApiErrorData, ApiError } from '../../shared/errors.ts';
import type { Layout } from '../../shared/topology/model.ts';
import { mergeLiveHost } from '../live/merge.ts';
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

  apply({ profileId, live }: LiveHostChange): void {
    const previous = this.hosts.get(profileId) ?? null;
    if (previous === null && live === null) return;
    const previousHostId = previous?.host.id ?? null;
    if (live === null && previousHostId !== null) this.#remember(previousHostId);
    this.doc.showLive(mergeLiveHost(this.doc.topology, previousHostId, live, this.#remembered));
    if (live) this.hosts.set(profileId, live);
    else this.hosts.delete(profileId);
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
