// The live service pushes a host to the renderer only when what it shows changed: a re-read
// that finds the host as it was (an idle host's resync, an event that changed nothing, a
// reconnect) pushes nothing. And following hosts leaks nothing: attaching and detaching a host,
// or its connection dropping and coming back, 50 times leaves no stream, channel slot, listener
// or timer behind.
import { EventEmitter } from 'node:events';
import type { Client } from 'ssh2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveService } from '../../../electron/discovery/live.ts';
import type { OpenStream } from '../../../electron/discovery/watch.ts';
import { Journal } from '../../../electron/ssh/journal.ts';
import { HostRunner } from '../../../electron/ssh/runner.ts';
import { pictureAfter, type LiveHostChange } from '../../../shared/api/live.ts';

const host = { id: 'root@h', label: 'h', ssh: { host: 'h', port: 22, user: 'root' }, uri: 'qemu:///system', capturedAt: '' };

/** A host that answers the probe with one bridge of the given MTU, counting its reads. */
function fakeHost() {
  const state = { mtu: 1500, reads: 0 };
  const run = async (argv: string[]) => {
    state.reads += 1;
    const m = argv[4]!;
    const bridge = JSON.stringify([{ ifindex: 5, ifname: 'br0', flags: ['UP'], mtu: state.mtu, operstate: 'UP', link_type: 'ether', address: '02:00:00:00:00:01', linkinfo: { info_kind: 'bridge' } }]);
    return { code: 0, stdout: [`${m} iplink`, bridge, `${m} rc 0`, `${m} novirsh`, `${m} end`].join('\n'), stderr: '' };
  };
  const streams = { opened: 0, closed: 0, lines: [] as ((line: string) => void)[] };
  const openStream: OpenStream = (_argv, onLine, _onEnd, _needs, onStarted) => {
    streams.opened += 1;
    streams.lines.push(onLine);
    onStarted();
    return { close: () => void (streams.closed += 1) };
  };
  return { state, run, streams, connected: { profileId: 'p', host, privileged: false, run, openStream } };
}

describe('nothing happens when nothing changed', () => {
  afterEach(() => vi.useRealTimers());

  it('pushes a re-read only when the host differs from what was pushed last', async () => {
    const changes: LiveHostChange[] = [];
    const service = new LiveService((c) => changes.push(c));
    const { state, streams, connected } = fakeHost();
    await service.attach(connected);
    expect(changes).toHaveLength(1);
    for (let i = 0; i < 3; i++) await service.refresh({ profileId: 'p' });
    streams.lines[2]!('7: br0: <BROADCAST,UP> mtu 1500'); // an event whose re-read finds nothing new
    await vi.waitFor(() => expect(state.reads).toBe(5));
    expect(changes).toHaveLength(1);

    state.mtu = 9000;
    const changed = await service.refresh({ profileId: 'p' });
    expect(changes).toHaveLength(2);
    // what is pushed is the change alone: the bridge updated, on top of the first picture's revision
    const first = changes[0]!.live!;
    expect(changes[1]!.patch).toMatchObject({ base: first.revision, revision: first.revision! + 1, nodes: { added: [], removed: [], updated: [expect.objectContaining({ name: 'br0', mtu: 9000 })] } });
    expect(changes[1]!.patch?.links).toEqual({ added: [], updated: [], removed: [] });
    expect(pictureAfter(first, changes[1]!)).toEqual(changed);
    expect(changed.nodes.find((n) => n.name === 'br0')).toMatchObject({ mtu: 9000 });
    // list() answers the latest read, though nothing was pushed for it
    await service.refresh({ profileId: 'p' });
    expect(changes).toHaveLength(2);
    expect((await service.list()).hosts[0]!.refreshedAt >= changed.refreshedAt).toBe(true);
    service.detach('p');
    expect(changes.at(-1)).toEqual({ profileId: 'p', live: null });
  });

  it('keeps the picture through a reconnect: the new read pushes nothing if the host is as it was', async () => {
    const changes: LiveHostChange[] = [];
    const service = new LiveService((c) => changes.push(c));
    const { streams, connected } = fakeHost();
    await service.attach(connected);
    await service.attach(connected);
    expect(changes.map((c) => c.live === null)).toEqual([false]);
    expect(streams.opened - streams.closed).toBe(3);
    service.detach('p');
    expect(streams.opened - streams.closed).toBe(0);
  });
});

describe('following hosts leaks nothing', () => {
  afterEach(() => vi.useRealTimers());

  it('leaves no stream open and no timer pending after 50 attach/detach cycles', async () => {
    vi.useFakeTimers();
    const service = new LiveService(() => undefined);
    const { streams, connected } = fakeHost();
    const timersBefore = vi.getTimerCount();
    for (let i = 0; i < 50; i++) {
      await service.attach(connected);
      expect(service.openStreams('p')).toBe(3);
      if (i % 2 === 0) await vi.advanceTimersByTimeAsync(2_000); // some cycles past the resync read
      service.detach('p');
      expect(service.openStreams('p')).toBe(0);
      expect(streams.opened - streams.closed).toBe(0);
      expect(vi.getTimerCount()).toBe(timersBefore);
    }
    expect(streams.opened).toBe(150);
  });
});

describe('reconnecting leaks nothing', () => {
  afterEach(() => vi.useRealTimers());

  /** An ssh2 client stand-in whose exec channels stay open until closed, as event streams do. */
  function fakeClient() {
    const open = new Set<EventEmitter & { close(): void }>();
    const client = new EventEmitter() as EventEmitter & { exec: (line: string, cb: (e: Error | undefined, ch: unknown) => void) => void };
    client.exec = (_line, cb) => {
      const ch = Object.assign(new EventEmitter(), {
        stderr: new EventEmitter(),
        close: () => {
          if (!open.delete(ch)) return;
          ch.emit('close');
        },
      });
      open.add(ch);
      queueMicrotask(() => cb(undefined, ch));
    };
    return { client, open };
  }

  it('keeps channel slots, channels, listeners and timers constant over 50 connection drops and reconnects', async () => {
    vi.useFakeTimers();
    const { client, open } = fakeClient();
    const journal = new Journal();
    const runner = new HostRunner({ client: async () => client as unknown as Client }, { host: 'h', user: 'root', useSudo: false }, journal);
    const { connected } = fakeHost();
    const service = new LiveService(() => undefined);
    const follow = { ...connected, openStream: ((argv, onLine, onEnd, needs, onStarted) => runner.stream(argv, onLine, onEnd, needs, onStarted)) satisfies OpenStream };
    const timersBefore = vi.getTimerCount();
    const clientListeners = client.eventNames().length;
    await service.attach(follow);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(runner.channelsInUse).toBe(3);
    for (let i = 0; i < 50; i++) {
      for (const ch of [...open]) ch.close(); // the connection drops: every stream is cut off
      expect(runner.channelsInUse).toBe(0);
      await vi.advanceTimersByTimeAsync(i % 2 === 0 ? 500 : 1_500); // a reopen may or may not have begun
      await service.attach(follow); // connected again: read whole, streams anew
      await vi.advanceTimersByTimeAsync(15_000);
      expect(runner.channelsInUse).toBe(3);
      expect(open.size).toBe(3);
      expect(service.openStreams('p')).toBe(3);
    }
    expect(client.eventNames().length).toBe(clientListeners);
    service.detach('p');
    await vi.advanceTimersByTimeAsync(0);
    expect(runner.channelsInUse).toBe(0);
    expect(open.size).toBe(0);
    expect(vi.getTimerCount()).toBe(timersBefore);
    // every stream that ended is in the journal with why
    expect(journal.entries().every((e) => e.ended !== undefined)).toBe(true);
    expect(new Set(journal.entries().map((e) => e.ended!.replace(/ after .*$/, '')))).toEqual(new Set(['cut off with its connection', 'closed by VirtWire']));
  });
});
