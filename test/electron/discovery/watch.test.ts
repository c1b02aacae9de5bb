import { afterEach, describe, expect, it, vi } from 'vitest';
import { coalesceScopes, scopeOfEvent } from '../../../electron/discovery/events.ts';
import { mergeProbeOutput, splitProbeOutput } from '../../../electron/discovery/probe-output.ts';
import type { ProbeScope } from '../../../electron/discovery/probe-script.ts';
import { pictureAfter, type LiveHost, type LiveHostChange } from '../../../shared/api/live.ts';
import { HostWatcher, type OpenStream } from '../../../electron/discovery/watch.ts';
import { sayEnglish } from '../../../shared/i18n/index.ts';


/** The one full re-read comes 1.5 s (readyMs) after the streams started, not a moment before, and no other follows. */
function expectOneFullReadAt1500ms(refresh: ReturnType<typeof vi.fn>): void {
  vi.advanceTimersByTime(1509);
  expect(refresh).not.toHaveBeenCalled();
  vi.advanceTimersByTime(1);
  expect(refresh.mock.calls).toEqual([[{ kind: 'all' }]]);
  vi.advanceTimersByTime(60_000);
  expect(refresh.mock.calls).toHaveLength(1);
}
describe('event lines', () => {
  it('name the domain or network they are about', () => {
    expect(scopeOfEvent('domain', "2026-11-28 13:50:49.836+0000: event 'device-added' for domain 'guest2': net2")).toEqual({ kind: 'domain', name: 'guest2' });
    expect(scopeOfEvent('domain', "2026-11-28 13:50:52.638+0000: event 'lifecycle' for domain 'db: it's mine': Started Booted")).toEqual({
      kind: 'domain',
      name: "db: it's mine",
    });
    expect(scopeOfEvent('network', '2026-11-28 13:50:52.066+0000: event \'lifecycle\' for network routed: Started')).toEqual({ kind: 'network', name: 'routed' });
    expect(scopeOfEvent('link', '13: vnet7: <BROADCAST,MULTICAST> mtu 1500 master virbr1 state DOWN')).toEqual({ kind: 'links' });
    expect(scopeOfEvent('link', '    link/ether fe:54:00:77:00:09')).toBeNull();
  });

  it('ask for a full re-read when they cannot be read', () => {
    expect(scopeOfEvent('domain', 'something virsh never printed before')).toEqual({ kind: 'all' });
  });

  it('coalesce a burst: one re-read per object, or one full re-read for many', () => {
    const d = (name: string): ProbeScope & { kind: 'domain' } => ({ kind: 'domain', name });
    expect(coalesceScopes([d('a'), { kind: 'links' }, d('a'), { kind: 'links' }])).toEqual([d('a')]);
    expect(coalesceScopes([{ kind: 'links' }, { kind: 'links' }])).toEqual([{ kind: 'links' }]);
    // many objects: one read of all of them (one SSH round trip), or one full read past the limit
    expect(coalesceScopes([d('a'), d('b'), { kind: 'links' }, d('c'), d('a'), { kind: 'network', name: 'n' }])).toEqual([
      { kind: 'objects', objects: [{ kind: 'domain', name: 'a' }, { kind: 'domain', name: 'b' }, { kind: 'domain', name: 'c' }, { kind: 'network', name: 'n' }] },
    ]);
    const hundred = Array.from({ length: 100 }, (_, i) => d(`vm${i}`));
    expect(coalesceScopes(hundred)).toEqual([{ kind: 'objects', objects: hundred }]);
    expect(coalesceScopes([...hundred, ...hundred.map((s) => d(`${s.name}x`))], 150)).toEqual([{ kind: 'all' }]);
    // a burst folded as it comes gives the same as folded at once
    expect(coalesceScopes([...coalesceScopes(hundred.slice(0, 50)), ...hundred.slice(50)])).toEqual([{ kind: 'objects', objects: hundred }]);
    expect(coalesceScopes([d('a'), { kind: 'all' }])).toEqual([{ kind: 'all' }]);
  });
});

describe('merging a partial probe', () => {
  const M = '@@vw-0000000000000000';
  const full = splitProbeOutput(
    [`${M} iplink`, '[1]', `${M} dom-info u1`, 'Name: a', `${M} dom-info u2`, 'Name: b', `${M} net-info n1`, 'Name: default', `${M} end`].join('\n'),
    M,
  );
  it('replaces the links and the one domain it read', () => {
    const partial = splitProbeOutput([`${M} iplink`, '[2]', `${M} dom-info u1`, 'Name: a', 'State: running', `${M} end`].join('\n'), M);
    const merged = mergeProbeOutput(full, partial, { kind: 'domain', name: 'a' });
    expect(merged.ipLink).toBe('[2]');
    expect(merged.domains.map((d) => [d.info.Name, d.info.State])).toEqual([['b', undefined], ['a', 'running']]);
    expect(merged.networks).toHaveLength(1);
  });
  it('removes a domain that is gone', () => {
    const partial = splitProbeOutput([`${M} iplink`, '[2]', `${M} end`].join('\n'), M);
    expect(mergeProbeOutput(full, partial, { kind: 'domain', name: 'b' }).domains.map((d) => d.info.Name)).toEqual(['a']);
  });
});

describe('the host watcher', () => {
  afterEach(() => vi.useRealTimers());

  function fakeStreams() {
    const streams: { argv: string[]; line: (l: string) => void; end: () => void; closed: boolean }[] = [];
    // the host starts each stream at once
    const open: OpenStream = (argv, onLine, onEnd, _needs, onStarted) => {
      const s = { argv, line: onLine, end: () => onEnd('ended'), closed: false };
      streams.push(s);
      onStarted();
      return { close: () => void (s.closed = true) };
    };
    return { streams, open };
  }

  it('opens the three streams and re-reads what a burst of events names, once', () => {
    vi.useFakeTimers();
    const { streams, open } = fakeStreams();
    const refresh = vi.fn();
    const watcher = new HostWatcher(open, 'qemu:///system', refresh, { settleMs: 100 });
    watcher.start();
    expect(streams.map((s) => s.argv.slice(0, 4).join(' '))).toEqual([
      'virsh -c qemu:///system event',
      'virsh -c qemu:///system net-event',
      'ip monitor link',
    ]);
    streams[0]!.line("t: event 'device-added' for domain 'guest2': net2");
    streams[2]!.line('13: vnet7: <BROADCAST> mtu 1500');
    vi.advanceTimersByTime(50);
    expect(refresh).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(refresh.mock.calls).toEqual([[{ kind: 'domain', name: 'guest2' }]]);
    watcher.stop();
    expect(streams.every((s) => s.closed)).toBe(true);
  });

  it('waits a little longer on link lines alone, so the VM event that follows a TAP is read with it, once', () => {
    vi.useFakeTimers();
    const { streams, open } = fakeStreams();
    const refresh = vi.fn();
    const watcher = new HostWatcher(open, 'qemu:///system', refresh, { settleMs: 100, linkSettleMs: 400, readyMs: 60_000 });
    watcher.start();
    streams[2]!.line('21: vnet9: <BROADCAST,MULTICAST> mtu 1500 master virbr1 state DOWN');
    vi.advanceTimersByTime(250);
    expect(refresh).not.toHaveBeenCalled();
    streams[0]!.line("t: event 'device-added' for domain 'guest2': net3");
    vi.advanceTimersByTime(100);
    expect(refresh.mock.calls).toEqual([[{ kind: 'domain', name: 'guest2' }]]);
    streams[2]!.line('21: vnet9: <BROADCAST,MULTICAST,UP> mtu 1500 master virbr1 state UP'); // a link change alone
    vi.advanceTimersByTime(399);
    expect(refresh).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(refresh.mock.calls[1]).toEqual([{ kind: 'links' }]);
    watcher.stop();
  });

  it('reads the host again once its streams have registered, so a change made meanwhile is not lost', () => {
    vi.useFakeTimers();
    const { open } = fakeStreams();
    const refresh = vi.fn();
    const watcher = new HostWatcher(open, 'qemu:///system', refresh, { settleMs: 10, readyMs: 1500 });
    watcher.start();
    expectOneFullReadAt1500ms(refresh);
    watcher.stop();
  });

  it('counts the wait for that re-read from when the host started the streams, not from when they were asked for', () => {
    vi.useFakeTimers();
    const started: (() => void)[] = [];
    const open: OpenStream = (_argv, _onLine, _onEnd, _needs, onStarted) => {
      started.push(onStarted);
      return { close: () => undefined };
    };
    const refresh = vi.fn();
    const watcher = new HostWatcher(open, 'qemu:///system', refresh, { settleMs: 10, readyMs: 1500 });
    watcher.start();
    expect(started).toHaveLength(3);
    // a slow connection: the channels open 4 s after they were asked for
    vi.advanceTimersByTime(4000);
    expect(refresh).not.toHaveBeenCalled();
    for (const s of started) s();
    expectOneFullReadAt1500ms(refresh);
    watcher.stop();
  });

  it('reopens a stream that died, with backoff, then re-reads everything once it has registered', () => {
    vi.useFakeTimers();
    const { streams, open } = fakeStreams();
    const refresh = vi.fn();
    const watcher = new HostWatcher(open, 'qemu:///system', refresh, { settleMs: 10, firstRetryMs: 1000, readyMs: 1500 });
    watcher.start();
    vi.advanceTimersByTime(1510);
    refresh.mockClear();
    streams[0]!.end();
    expect(watcher.openStreams).toBe(2);
    vi.advanceTimersByTime(999);
    expect(streams).toHaveLength(3);
    vi.advanceTimersByTime(1);
    expect(streams).toHaveLength(4);
    expect(watcher.openStreams).toBe(3);
    vi.advanceTimersByTime(1509);
    expect(refresh).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(refresh.mock.calls).toEqual([[{ kind: 'all' }]]);
    streams[3]!.end(); // died again without a line: the wait doubles
    vi.advanceTimersByTime(1999);
    expect(streams).toHaveLength(4);
    vi.advanceTimersByTime(1);
    expect(streams).toHaveLength(5);
    watcher.stop();
    expect(watcher.openStreams).toBe(0);
  });

  it('reads the host whole once, not once per stream, when all its streams end together (libvirtd restarted)', () => {
    vi.useFakeTimers();
    const { streams, open } = fakeStreams();
    const refresh = vi.fn();
    const watcher = new HostWatcher(open, 'qemu:///system', refresh, { settleMs: 10, firstRetryMs: 1000, readyMs: 1500 });
    watcher.start();
    vi.advanceTimersByTime(60_000);
    refresh.mockClear();
    streams[0]!.end();
    vi.advanceTimersByTime(300);
    streams[1]!.end();
    streams[2]!.end();
    vi.advanceTimersByTime(60_000);
    expect(streams).toHaveLength(6);
    expect(refresh.mock.calls).toEqual([[{ kind: 'all' }]]);
    watcher.stop();
  });

  it('starts the backoff afresh for a stream that had stayed open a while', () => {
    vi.useFakeTimers();
    const { streams, open } = fakeStreams();
    const watcher = new HostWatcher(open, 'qemu:///system', vi.fn(), { firstRetryMs: 1000, maxRetryMs: 10_000 });
    watcher.start();
    streams[0]!.end();
    vi.advanceTimersByTime(1000);
    streams[3]!.end(); // at once again: 2 s
    vi.advanceTimersByTime(2000);
    expect(streams).toHaveLength(5);
    vi.advanceTimersByTime(3_600_000); // an hour open, then it ends: 1 s, not 4 s
    streams[4]!.end();
    vi.advanceTimersByTime(1000);
    expect(streams).toHaveLength(6);
    watcher.stop();
  });
});

describe('what a change re-reads', async () => {
  const { scopeOfIntent } = await import('../../../electron/plan/scope.ts');
  const live = {
    profileId: 'p', host: { id: 'h', label: 'h', ssh: { host: 'h', port: 22, user: 'root' }, uri: 'qemu:///system', capturedAt: '' },
    nodes: [{ id: 'h/vm/u', host: 'h', kind: 'vm' as const, name: 'web', state: 'running', uuid: '11111111-2222-4333-8444-555555555555' }],
    links: [], banners: [], refreshedAt: '',
  };
  it('reads one VM by UUID after a NIC change, one network after start/stop, only links after a device change', () => {
    expect(scopeOfIntent({ kind: 'nic-detach', vm: 'web', mac: '52:54:00:00:00:01' }, live)).toEqual({ kind: 'domain', name: 'web', uuid: '11111111-2222-4333-8444-555555555555' });
    expect(scopeOfIntent({ kind: 'network-start', network: 'default' }, live)).toEqual({ kind: 'network', name: 'default' });
    expect(scopeOfIntent({ kind: 'bridge-create', name: 'br0' }, live)).toEqual({ kind: 'links' });
    expect(scopeOfIntent({ kind: 'network-delete', network: 'default' }, live)).toEqual({ kind: 'all' });
  });
});

describe('a host whose first read fails', async () => {
  const { LiveService } = await import('../../../electron/discovery/live.ts');
  it('stays on the canvas with the reason, and is read whole at its next event', async () => {
    const changes: LiveHostChange[] = [];
    const service = new LiveService((c) => changes.push(c));
    let reads = 0;
    const lines: ((line: string) => void)[] = [];
    const bridge = JSON.stringify([{ ifindex: 5, ifname: 'br0', flags: ['UP'], mtu: 1500, operstate: 'UP', link_type: 'ether', address: '02:00:00:00:00:01', linkinfo: { info_kind: 'bridge' } }]);
    const host = { id: 'root@h', label: 'h', ssh: { host: 'h', port: 22, user: 'root' }, uri: 'qemu:///system', capturedAt: '' };
    await expect(
      service.attach({
        profileId: 'p',
        host,
        privileged: false,
        run: async (argv) => {
          reads += 1;
          if (reads === 1) return { code: 255, stdout: '', stderr: 'sh: 1: cannot fork' };
          const m = argv[4]!;
          return { code: 0, stdout: [`${m} iplink`, bridge, `${m} rc 0`, `${m} novirsh`, `${m} end`].join('\n'), stderr: '' };
        },
        openStream: (_argv, onLine, _onEnd, _needs, onStarted) => (lines.push(onLine), onStarted(), { close: () => undefined }),
      }),
    ).rejects.toMatchObject({ code: 'command' });
    expect(changes).toEqual([{ profileId: 'p', live: expect.objectContaining({ nodes: [] }) }]);
    expect(changes[0]!.live!.banners.map(sayEnglish)).toEqual([expect.stringMatching(/^h could not be read: .*cannot fork/)]);
    lines[2]!('7: br0: <BROADCAST,UP> mtu 1500');
    // the next picture is a patch on the one with the reason: the bridge added, the banner gone
    await vi.waitFor(() => expect(changes).toHaveLength(2));
    const shown = changes.reduce<LiveHost | null>((before, change) => pictureAfter(before, change), null);
    expect(shown?.nodes.map((n) => n.name)).toEqual(['br0']);
    expect(shown?.banners.map(sayEnglish)).not.toContainEqual(expect.stringMatching(/could not be read/));
    service.detach('p');
  });
});
