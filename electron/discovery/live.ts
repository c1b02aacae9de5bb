// The live picture of every connected host (the `live` API): a full read on attach, then
// partial re-reads when the host's event streams name what changed (the objects named, in one
// round trip however many). Reads of one host run one at a time; requests that arrive meanwhile
// are merged into the next read. What the renderer gets after the first picture is a patch:
// only the objects and links that changed, numbered by revision. A read that finds the host as
// the renderer already has it pushes nothing, so nothing is redrawn.
import type { LiveApi, LiveHost, LiveHostChange } from '../../shared/api/live.ts';
import { ApiError, errorSays } from '../../shared/errors.ts';
import type { Message } from '../../shared/i18n/index.ts';
import type { HostRecord } from '../../shared/topology/model.ts';
import { diffHostObjects, isEmptyPatch } from '../../shared/topology/patch.ts';
import { assembleHost, newMarker, ParsedXml, PROBE_TIMEOUT_MS, probeOutput, type RunCommand, type RunResult } from './discover.ts';
import { coalesceScopes } from './events.ts';
import { KEPT_VIRSH_RETRY_MS, LIBVIRT_LOST } from '../ssh/kept-virsh.ts';
import { mergeProbeOutput, type ProbeOutput } from './probe-output.ts';
import { keptVirshAddresses, keptVirshDetails, probeArgv, scopeObjects, type ProbeObject, type ProbeScope } from './probe-script.ts';
import { HostWatcher, type OpenStream } from './watch.ts';

export interface ConnectedHost {
  profileId: string;
  host: HostRecord;
  run: RunCommand;
  /** long-running commands for the event streams; omit to read on request only */
  openStream?: OpenStream;
  /** the probe runs virsh through `sudo -n`: HostRunner.elevates('libvirt') for this login */
  privileged: boolean;
  /**
   * virsh commands in a virsh kept open on the host (HostRunner.runVirsh); null when it cannot
   * run them now. Omit to read with the probe only.
   */
  runVirsh?: (commands: string, options?: { timeout?: number }) => Promise<RunResult | null>;
}

/** how long the guest agents and leases of a scoped read may take (the probe cuts its batch off after 30 s too) */
const ADDRESSES_TIMEOUT_MS = 30_000;

interface Entry {
  connected: ConnectedHost;
  watcher: HostWatcher | null;
  probe: ProbeOutput | null;
  live: LiveHost | null;
  /** the picture the renderer has: the last one pushed, whole or patched */
  shown: LiveHost | null;
  /** the revision of `shown` */
  revision: number;
  parsed: ParsedXml;
  reading: Promise<LiveHost> | null;
  queued: ProbeScope[];
  /** reads made, by kind: what a burst of events cost */
  reads: ReadCounts;
  /** until when reads go straight to the probe: the kept virsh could not take the last one (it is tried again after as long) */
  probeOnlyUntil: number;
}

/** How many reads a host took: whole, and of named objects or links only. */
export interface ReadCounts {
  full: number;
  partial: number;
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
    const entry: Entry = {
      connected,
      watcher: null,
      probe: null,
      live: previous?.live ?? null,
      shown: previous?.shown ?? null,
      revision: previous?.revision ?? 0,
      parsed: previous?.parsed ?? new ParsedXml(),
      reading: null,
      queued: [],
      reads: previous?.reads ?? { full: 0, partial: 0 },
      probeOnlyUntil: 0,
    };
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
          banners: [
            error.detail
              ? { key: 'banner.hostUnreadableDetail', values: { host: connected.host.label, error: errorSays(error), detail: error.detail } }
              : { key: 'banner.hostUnreadable', values: { host: connected.host.label, error: errorSays(error) } },
          ],
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

  /** reads made for a host since it was first attached */
  readCounts(profileId: string): ReadCounts | null {
    const reads = this.#hosts.get(profileId)?.reads;
    return reads ? { ...reads } : null;
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

  /** A read of `scope`; a partial read that fails, or is cut short, becomes a full one. */
  async #read(entry: Entry, scope: ProbeScope): Promise<LiveHost> {
    if (scope.kind === 'all' || !entry.probe) return this.#readOnce(entry, { kind: 'all' });
    try {
      return await this.#readOnce(entry, withKnownUuids(scope, entry.probe));
    } catch (e) {
      if (this.#hosts.get(entry.connected.profileId) !== entry) throw e;
      return this.#readOnce(entry, { kind: 'all' });
    }
  }

  async #readOnce(entry: Entry, scope: ProbeScope): Promise<LiveHost> {
    const { connected } = entry;
    const marker = newMarker();
    if (scope.kind === 'all') entry.reads.full += 1;
    else entry.reads.partial += 1;
    const result =
      (await this.#readKept(entry, scope, marker)) ??
      (await connected.run(probeArgv(marker, connected.host.uri, scope, { sudo: connected.privileged }), { timeout: PROBE_TIMEOUT_MS }));
    return this.#take(entry, scope, marker, result);
  }

  /**
   * A read of named objects as the probe's output, with its libvirt part sent to the kept virsh
   * while the kept shell reads the kernel's links: no virsh process started, no new libvirt
   * connection. Null where the kept virsh cannot take it (objects not known by UUID, too many, no
   * kept virsh on this host): the probe then reads it all.
   */
  async #readKept(entry: Entry, scope: ProbeScope, marker: string): Promise<RunResult | null> {
    const { connected } = entry;
    const objects = scopeObjects(scope);
    const details = connected.runVirsh && Date.now() >= entry.probeOnlyUntil ? keptVirshDetails(marker, objects) : null;
    if (!details || !connected.runVirsh) return null;
    const links = connected.run(probeArgv(marker, connected.host.uri, { kind: 'links' }, { sudo: connected.privileged }), { timeout: PROBE_TIMEOUT_MS });
    const read = await connected.runVirsh(details, { timeout: PROBE_TIMEOUT_MS }).catch(async (e: unknown) => {
      await links.catch(() => undefined);
      throw e;
    });
    if (!read) {
      // the links were read for nothing: until the kept virsh is tried again, the probe reads it all
      entry.probeOnlyUntil = Date.now() + KEPT_VIRSH_RETRY_MS;
      await links.catch(() => undefined);
      return null;
    }
    // libvirtd was not there (restarting, stopped): the read is made whole once it answers again
    if (LIBVIRT_LOST.test(read.stderr)) {
      await links.catch(() => undefined);
      throw new ApiError('command', `${connected.host.label}'s libvirt did not answer the read.`, read.stderr.trim());
    }
    const agents = read.stdout.includes('org.qemu.guest_agent.0');
    const addressCommands = keptVirshAddresses(marker, objects, agents);
    // what the agents or leases could not say is not the read's error, and does not stop it
    const addresses = addressCommands ? await connected.runVirsh(addressCommands, { timeout: ADDRESSES_TIMEOUT_MS }).catch(() => null) : null;
    const kernel = await links;
    // the links part ends with the probe's end marker; the sections after it are read all the same
    return { code: kernel.code, stdout: `${kernel.stdout}${read.stdout}${addresses?.stdout ?? ''}`, stderr: `${kernel.stderr}${read.stderr}` };
  }

  #take(entry: Entry, scope: ProbeScope, marker: string, result: RunResult): LiveHost {
    const { connected } = entry;
    const partial = probeOutput(result, marker, connected.host.label);
    if (scope.kind !== 'all' && !partial.complete) throw new ApiError('command', `${connected.host.label} stopped answering part-way through a read.`);
    const probe = entry.probe && scope.kind !== 'all' ? mergeProbeOutput(entry.probe, partial, scope) : partial;
    if (this.#hosts.get(connected.profileId) !== entry) throw new ApiError('disconnected', `${connected.host.label} was disconnected.`);
    entry.probe = probe;
    const refreshedAt = new Date().toISOString();
    const found = assembleHost({ ...connected.host, capturedAt: refreshedAt }, probe, result.stderr, entry.parsed);
    return this.#publish(entry, {
      profileId: connected.profileId,
      host: found.topology.hosts[0]!,
      nodes: found.topology.nodes,
      links: found.topology.links,
      banners: found.banners,
      refreshedAt,
    });
  }

  /**
   * Keeps a read as the host's picture, and pushes to the renderer what differs from what it
   * was given last: the whole picture the first time, then a patch; nothing when nothing differs.
   */
  #publish(entry: Entry, read: LiveHost): LiveHost {
    const { profileId } = entry.connected;
    const shown = entry.shown;
    if (shown === null || shown.host.id !== read.host.id) {
      entry.revision += 1;
      const live = { ...read, revision: entry.revision };
      entry.live = entry.shown = live;
      this.#emit({ profileId, live });
      return live;
    }
    const objects = diffHostObjects(shown, read);
    if (isEmptyPatch(objects) && sameHost(shown.host, read.host) && sameBanners(shown.banners, read.banners)) {
      entry.live = { ...read, revision: entry.revision };
      return entry.live;
    }
    const base = entry.revision;
    entry.revision += 1;
    const live = { ...read, revision: entry.revision };
    entry.live = entry.shown = live;
    this.#emit({ profileId, patch: { ...objects, base, revision: live.revision, host: live.host, banners: live.banners, refreshedAt: live.refreshedAt } });
    return live;
  }
}

/** The host's record but for when it was read, which changes with every read. */
function sameHost(a: HostRecord, b: HostRecord): boolean {
  const { capturedAt: _a, ...restA } = a;
  const { capturedAt: _b, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}

const sameBanners = (a: readonly Message[], b: readonly Message[]): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The scope with the UUIDs the last read knows for the objects it names by name (an event names
 * a domain by name), so the probe need not look each one up: a burst of a hundred VMs is then
 * one virsh batch.
 */
function withKnownUuids(scope: ProbeScope, probe: ProbeOutput): ProbeScope {
  if (scope.kind !== 'domain' && scope.kind !== 'network' && scope.kind !== 'objects') return scope;
  const domains = new Map(probe.domains.map((d) => [d.info.Name, d.uuid] as const));
  const networks = new Map(probe.networks.map((n) => [n.info.Name, n.uuid] as const));
  const known = (o: ProbeObject): ProbeObject => {
    if (o.uuid) return o;
    const uuid = (o.kind === 'domain' ? domains : networks).get(o.name);
    return uuid ? { ...o, uuid } : o;
  };
  if (scope.kind === 'objects') return { kind: 'objects', objects: scope.objects.map(known) };
  const o = known({ kind: scope.kind, name: scope.name, ...(scope.kind === 'domain' && scope.uuid ? { uuid: scope.uuid } : {}) });
  return scope.kind === 'domain' ? { kind: 'domain', name: o.name, ...(o.uuid ? { uuid: o.uuid } : {}) } : { kind: 'objects', objects: [o] };
}
