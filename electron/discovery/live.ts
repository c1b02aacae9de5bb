// The live picture of every connected host (the `live` API): a full read on attach, then
// partial re-reads when the host's event streams name what changed. Reads of one host run
// one at a time; requests that arrive meanwhile are merged into the next read. A read that
// finds the host as the renderer already has it pushes nothing, so nothing is redrawn.
import type { LiveApi, LiveHost, LiveHostChange } from '../../shared/api/live.ts';
import { ApiError } from '../../shared/errors.ts';
import type { HostRecord } from '../../shared/topology/model.ts';
import { assembleHost, newMarker, PROBE_TIMEOUT_MS, probeOutput, type RunCommand, type RunResult } from './discover.ts';
import { coalesceScopes } from './events.ts';
import { mergeProbeOutput, type ProbeOutput } from './probe-output.ts';
import { probeArgv, type ProbeScope } from './probe-script.ts';
import { HostWatcher, type OpenStream } from './watch.ts';

export interface ConnectedHost {
  profileId: string;
  host: HostRecord;
  run: RunCommand;
  /** long-running commands for the event streams; omit to read on request only */
  openStream?: OpenStream;
  /** the probe runs virsh through `sudo -n`: HostRunner.elevates('libvirt') for this login */
  privileged: boolean;
}

interface Entry {
  connected: ConnectedHost;
  watcher: HostWatcher | null;
  probe: ProbeOutput | null;
  live: LiveHost | null;
  /** what was last pushed for this host, without its read times (see contentOf) */
  pushed: string | null;
  reading: Promise<LiveHost> | null;
  queued: ProbeScope[];
}

export class LiveService implements LiveApi {
  readonly #hosts = new Map<string, Entry>();
  readonly #emit: (change: LiveHostChange) => void;

  constructor(emit: (change: LiveHostChange) => void) {
    this.#emit = emit;
  }

  /**
   * Starts showing a connected host: reads it whole, then follows its events. Attaching a host
   * that is shown already (a reconnect) replaces its watcher and keeps its picture until the
   * new read, which pushes only if the host changed meanwhile.
   */
  async attach(connected: ConnectedHost): Promise<LiveHost> {
    const previous = this.#hosts.get(connected.profileId);
    previous?.watcher?.stop();
    const entry: Entry = { connected, watcher: null, probe: null, live: previous?.live ?? null, pushed: previous?.pushed ?? null, reading: null, queued: [] };
    this.#hosts.set(connected.profileId, entry);
    let live: LiveHost;
    try {
      live = await this.#read(entry, { kind: 'all' });
    } catch (e) {
      // Keep the host on the canvas with the reason, rather than silently showing nothing.
      const error = ApiError.from(e);
      if (this.#hosts.get(connected.profileId) === entry) {
        this.#publish(entry, {
          profileId: connected.profileId,
          host: connected.host,
          nodes: [],
          links: [],
          banners: [`${connected.host.label} could not be read: ${error.message}${error.detail ? ` (${error.detail})` : ''}`],
          refreshedAt: new Date().toISOString(),
        });
      }
      throw error;
    } finally {
      // Followed even when the first read failed: the next event (or a refresh) reads it whole.
      if (connected.openStream && this.#hosts.get(connected.profileId) === entry) {
        entry.watcher = new HostWatcher(
          connected.openStream,
          connected.host.uri,
          (scope) => {
            this.#request(entry, scope).catch(() => undefined);
          },
        );
        entry.watcher.start();
      }
    }
    return live;
  }

  detach(profileId: string): void {
    const entry = this.#hosts.get(profileId);
    if (!entry) return;
    entry.watcher?.stop();
    this.#hosts.delete(profileId);
    this.#emit({ profileId, live: null });
  }

  /** event streams open (or opening) for a host; 0 when it is not followed */
  openStreams(profileId: string): number {
    return this.#hosts.get(profileId)?.watcher?.openStreams ?? 0;
  }

  async list(): Promise<{ hosts: LiveHost[] }> {
    return { hosts: [...this.#hosts.values()].flatMap((e) => (e.live ? [e.live] : [])) };
  }

  async refresh({ profileId }: { profileId: string }): Promise<LiveHost> {
    const entry = this.#hosts.get(profileId);
    if (!entry) throw new ApiError('not-found', 'This host is not connected, so it cannot be refreshed.');
    return this.#request(entry, { kind: 'all' });
  }

  /** Re-reads part of a connected host: what a change just made touched. */
  async refreshScope(profileId: string, scope: ProbeScope): Promise<LiveHost> {
    const entry = this.#hosts.get(profileId);
    if (!entry) throw new ApiError('not-found', 'This host is not connected, so it cannot be refreshed.');
    return this.#request(entry, scope);
  }

  /** Queues a read; reads run one at a time per host, merging what was asked meanwhile. */
  #request(entry: Entry, scope: ProbeScope): Promise<LiveHost> {
    entry.queued.push(scope);
    if (!entry.reading) entry.reading = this.#drain(entry);
    return entry.reading;
  }

  async #drain(entry: Entry): Promise<LiveHost> {
    try {
      let live = entry.live;
      while (entry.queued.length > 0) {
        const scopes = entry.probe ? coalesceScopes(entry.queued.splice(0)) : (entry.queued.splice(0), [{ kind: 'all' } as const]);
        for (const scope of scopes) live = await this.#read(entry, scope);
      }
      return live!;
    } finally {
      entry.reading = null;
    }
  }

  async #read(entry: Entry, scope: ProbeScope): Promise<LiveHost> {
    const { connected } = entry;
    const marker = newMarker();
    const result = await connected.run(probeArgv(marker, connected.host.uri, scope, { sudo: connected.privileged }), { timeout: PROBE_TIMEOUT_MS });
    return this.#take(entry, scope, marker, result);
  }

  #take(entry: Entry, scope: ProbeScope, marker: string, result: RunResult): LiveHost {
    const { connected } = entry;
    const partial = probeOutput(result, marker, connected.host.label);
    const probe = entry.probe && scope.kind !== 'all' ? mergeProbeOutput(entry.probe, partial, scope) : partial;
    if (this.#hosts.get(connected.profileId) !== entry) throw new ApiError('disconnected', `${connected.host.label} was disconnected.`);
    entry.probe = probe;
    const refreshedAt = new Date().toISOString();
    const found = assembleHost({ ...connected.host, capturedAt: refreshedAt }, probe, result.stderr);
    return this.#publish(entry, {
      profileId: connected.profileId,
      host: found.topology.hosts[0]!,
      nodes: found.topology.nodes,
      links: found.topology.links,
      banners: found.banners,
      refreshedAt,
    });
  }

  /** Keeps a read as the host's picture, and pushes it to the renderer only if it differs from what was pushed last. */
  #publish(entry: Entry, live: LiveHost): LiveHost {
    entry.live = live;
    const content = contentOf(live);
    if (content !== entry.pushed) {
      entry.pushed = content;
      this.#emit({ profileId: entry.connected.profileId, live });
    }
    return live;
  }
}

/** A picture's content: everything but when it was read, which changes with every read. */
function contentOf(live: LiveHost): string {
  const { capturedAt: _readAt, ...host } = live.host;
  return JSON.stringify([host, live.nodes, live.links, live.banners]);
}
