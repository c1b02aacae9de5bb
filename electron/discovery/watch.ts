// Keeps a host's picture current: holds its event streams open and asks for a re-read of
// what an event names, a little after a burst of events settles. A stream that ends (the
// runner journals why) is reopened with backoff, and once it has had time to register, the
// host is read whole once, since events may have been missed meanwhile.
import { coalesceScopes, scopeOfEvent, type EventSource } from './events.ts';
import type { StepNeeds } from '../../shared/plan/ops.ts';
import type { ProbeScope } from './probe-script.ts';

export interface StreamHandle {
  close(): void;
}

/**
 * Runs argv on the host (elevated as the runner decides for `needs`) and calls onLine for each
 * line of its stdout until it ends. It must call onStarted once the host has started the command
 * (its channel is open): the watcher's full re-read after opening counts from then.
 */
export type OpenStream = (
  argv: string[],
  onLine: (line: string) => void,
  onEnd: (reason?: string) => void,
  needs: StepNeeds | undefined,
  onStarted: () => void,
) => StreamHandle;

export interface WatchOptions {
  /**
   * wait after the last event of a burst before re-reading: short, since events that come while
   * a read runs are merged into the next read anyway (LiveService), and a lone change (the usual
   * case) waits for it whole
   */
  settleMs?: number;
  /**
   * the same, while the burst has only link lines: a NIC attached live makes its TAP (ip monitor)
   * a moment before libvirt says which VM it belongs to, and one read of that VM then covers both
   */
  linkSettleMs?: number;
  /** the longest a steady stream of events waits for a read: events that keep coming do not put it off for ever */
  maxWaitMs?: number;
  firstRetryMs?: number;
  maxRetryMs?: number;
  /**
   * After the streams open, one full re-read this much later: a change made between the first
   * read and the moment virsh has registered for events would otherwise never be seen.
   */
  readyMs?: number;
}

export function eventStreams(uri: string): { source: EventSource; argv: string[]; needs?: StepNeeds }[] {
  return [
    { source: 'domain', argv: ['virsh', '-c', uri, 'event', '--all', '--loop', '--timestamp'], needs: 'libvirt' },
    // libvirt 9.0's net-event has no --all: lifecycle is the event that changes the picture
    { source: 'network', argv: ['virsh', '-c', uri, 'net-event', '--event', 'lifecycle', '--loop', '--timestamp'], needs: 'libvirt' },
    { source: 'link', argv: ['ip', 'monitor', 'link'] },
  ];
}

export class HostWatcher {
  readonly #open: OpenStream;
  readonly #uri: string;
  readonly #refresh: (scope: ProbeScope) => void;
  readonly #settleMs: number;
  readonly #linkSettleMs: number;
  readonly #maxWaitMs: number;
  readonly #firstRetryMs: number;
  readonly #maxRetryMs: number;
  readonly #readyMs: number;
  readonly #handles = new Map<EventSource, StreamHandle>();
  readonly #retryTimers = new Set<NodeJS.Timeout>();
  /** the one full re-read after streams (re)open; reopening several streams at once moves it, never adds one */
  #resyncTimer: NodeJS.Timeout | undefined;
  #pending: ProbeScope[] = [];
  #settleTimer: NodeJS.Timeout | undefined;
  /** when the first event still waiting for its read arrived */
  #burstStart = 0;
  #stopped = true;

  constructor(open: OpenStream, uri: string, refresh: (scope: ProbeScope) => void, options: WatchOptions = {}) {
    this.#open = open;
    this.#uri = uri;
    this.#refresh = refresh;
    this.#settleMs = options.settleMs ?? 50;
    this.#linkSettleMs = Math.max(this.#settleMs, options.linkSettleMs ?? 400);
    this.#maxWaitMs = Math.max(this.#linkSettleMs, options.maxWaitMs ?? 1_000);
    this.#firstRetryMs = options.firstRetryMs ?? 1_000;
    this.#maxRetryMs = options.maxRetryMs ?? 10_000;
    this.#readyMs = options.readyMs ?? 1_500;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    for (const stream of eventStreams(this.#uri)) this.#openStream(stream.source, stream.argv, 0, stream.needs);
  }

  /** how many streams are open (or opening) now */
  get openStreams(): number {
    return this.#handles.size;
  }

  #resyncSoon(): void {
    clearTimeout(this.#resyncTimer);
    this.#resyncTimer = setTimeout(() => {
      this.#resyncTimer = undefined;
      if (!this.#stopped) this.#queue({ kind: 'all' });
    }, this.#readyMs);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#settleTimer);
    clearTimeout(this.#resyncTimer);
    for (const timer of this.#retryTimers) clearTimeout(timer);
    this.#retryTimers.clear();
    for (const handle of this.#handles.values()) handle.close();
    this.#handles.clear();
    this.#pending = [];
  }

  #openStream(source: EventSource, argv: string[], failures: number, needs?: StepNeeds): void {
    if (this.#stopped) return;
    let sawLine = false;
    const openedAt = Date.now();
    const handle = this.#open(
      argv,
      (line) => {
        sawLine = true;
        const scope = scopeOfEvent(source, line);
        if (scope) this.#queue(scope);
      },
      () => {
        if (this.#handles.get(source) === handle) this.#handles.delete(source);
        if (this.#stopped) return;
        // A stream that was working (printed, or stayed open a while) starts its backoff afresh.
        const next = sawLine || Date.now() - openedAt >= this.#maxRetryMs ? 0 : failures + 1;
        const delay = Math.min(this.#maxRetryMs, this.#firstRetryMs * 2 ** Math.max(0, next - 1));
        const timer = setTimeout(() => {
          this.#retryTimers.delete(timer);
          if (this.#stopped) return;
          this.#openStream(source, argv, next, needs);
        }, delay);
        this.#retryTimers.add(timer);
      },
      needs,
      // The one full re-read after streams (re)open counts from when the host started them, not
      // from when they were asked for: on a connection slow to open a channel it would otherwise
      // run before the stream listens, and a change made in between would be missed.
      () => {
        if (!this.#stopped) this.#resyncSoon();
      },
    );
    this.#handles.set(source, handle);
  }

  /**
   * Holds an event's scope until its burst settles, then asks for the fewest reads that cover
   * the burst (coalesceScopes: one read for any number of named objects).
   */
  #queue(scope: ProbeScope): void {
    const now = Date.now();
    if (this.#pending.length === 0) this.#burstStart = now;
    // a burst's scopes are coalesced as they come, so a long one holds a few scopes, not thousands
    this.#pending = coalesceScopes([...this.#pending, scope]);
    clearTimeout(this.#settleTimer);
    const linksOnly = this.#pending.every((s) => s.kind === 'links');
    const settle = linksOnly ? this.#linkSettleMs : this.#settleMs;
    const wait = Math.max(0, Math.min(settle, this.#burstStart + this.#maxWaitMs - now));
    this.#settleTimer = setTimeout(() => {
      const scopes = this.#pending;
      this.#pending = [];
      for (const s of scopes) this.#refresh(s);
    }, wait);
  }
}
