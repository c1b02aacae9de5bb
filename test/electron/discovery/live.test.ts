// The live service pushes a host to the renderer only when what it shows changed: a re-read
// that finds the host as it was (an idle host's resync, an event that changed nothing, a
// reconnect) pushes nothing. And following hosts leaks nothing: attaching and detaching a host
// many times leaves no stream open and no timer behind.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveService } from '../../../electron/discovery/live.ts';
import type { OpenStream } from '../../../electron/discovery/watch.ts';
import type { LiveHostChange } from '../../../shared/api/live.ts';

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
  const openStream: OpenStream = (_argv, onLine) => {
    streams.opened += 1;
    streams.lines.push(onLine);
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
    expect(changes[1]!.live).toBe(changed);
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
