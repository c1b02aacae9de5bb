// Live updates at scale: an event re-reads only what it names, a burst of events costs a few
// reads of the objects it named (one SSH round trip each, UUIDs passed so no per-name lookups),
// and what reaches the renderer is a patch of what changed. The host is a stand-in answering the
// probe's argv as the probe script would (test/support/probed-host.ts); the parsing is the app's.
import { afterEach, describe, expect, it } from 'vitest';
import { LiveService } from '../../../electron/discovery/live.ts';
import type { OpenStream } from '../../../electron/discovery/watch.ts';
import { pictureAfter, type LiveHost, type LiveHostChange } from '../../../shared/api/live.ts';
import type { NicLink } from '../../../shared/topology/model.ts';
import { fakeHostState, probeStdout, uuidOf } from '../../support/probed-host.ts';

const host = { id: 'root@h', label: 'h', ssh: { host: 'h', port: 22, user: 'root' }, uri: 'qemu:///system', capturedAt: '' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const scopeOf = (argv: string[]) => argv[6];

function following(vms: number, fail?: (argv: string[]) => boolean) {
  const state = fakeHostState(vms);
  const reads: string[][] = [];
  const run = async (argv: string[]) => {
    reads.push(argv);
    await sleep(20);
    if (fail?.(argv)) return { code: 255, stdout: '', stderr: 'Connection reset' };
    return { code: 0, stdout: probeStdout(argv, state), stderr: '' };
  };
  const lines: ((line: string) => void)[] = [];
  const openStream: OpenStream = (_argv, onLine, _onEnd, _needs, onStarted) => (lines.push(onLine), onStarted(), { close: () => undefined });
  const changes: LiveHostChange[] = [];
  const service = new LiveService((c) => changes.push(c));
  const picture = (): LiveHost | null => changes.reduce<LiveHost | null>((before, c) => pictureAfter(before, c), null);
  return { state, reads, lines, changes, service, picture, connected: { profileId: 'p', host, privileged: false, run, openStream } };
}

const nic = (live: LiveHost | null, mac: string) => live?.links.find((l): l is NicLink => l.kind === 'nic' && l.mac === mac);
const domainEvent = (name: string) => `2026-12-01 10:00:00.000+0000: event 'device-added' for domain '${name}': net1`;

describe('live updates at scale', () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  it('a burst of 100 NIC attaches on 100 VMs costs a few reads of those VMs, and pushes patches of them alone', { timeout: 30_000 }, async () => {
    const f = following(300);
    stop = () => f.service.detach('p');
    await f.service.attach(f.connected);
    // the one full re-read after the streams open
    await expect.poll(() => f.reads.length, { timeout: 5_000 }).toBe(2);
    await sleep(100); // and its answer taken
    const before = f.reads.length;
    const pushesBefore = f.changes.length;
    const running = f.state.vms.filter((v) => v.running).slice(0, 100);
    const macs: string[] = [];
    for (const [k, vm] of running.entries()) {
      const mac = `52:54:00:cc:00:${k.toString(16).padStart(2, '0')}`;
      macs.push(mac);
      vm.liveOnly.push({ mac, network: 'net1', dev: `vnet${1000 + k}` });
      f.lines[2]!(`${40 + k}: vnet${1000 + k}: <BROADCAST,MULTICAST,UP> mtu 1500 master virbr1 state UNKNOWN`);
      f.lines[0]!(domainEvent(vm.name));
      await sleep(8); // a hundred in about a second
    }
    await expect.poll(() => macs.every((m) => nic(f.picture(), m)?.live === true), { timeout: 10_000 }).toBe(true);
    await sleep(300); // nothing more is read after the burst
    const burst = f.reads.slice(before);
    expect(burst.length).toBeGreaterThan(0);
    expect(burst.length).toBeLessThanOrEqual(3);
    expect(burst.map(scopeOf).every((s) => s === 'objects' || s === 'domain')).toBe(true);
    // every VM named, by the UUID the last read knew: no name is looked up one virsh run at a time
    const named = new Set(burst.flatMap((argv) => argv.slice(10).filter((_, i) => i % 2 === 1)));
    expect(running.every((vm) => named.has(vm.uuid))).toBe(true);
    expect(burst.flatMap((argv) => argv.slice(10).filter((a) => a === 'D' || a === 'N'))).toEqual([]);
    expect(f.service.readCounts('p')).toEqual({ full: 2, partial: burst.length });
    // what was pushed: patches, naming only the VMs that changed and what they brought
    const pushed = f.changes.slice(pushesBefore);
    expect(pushed.length).toBeLessThanOrEqual(burst.length);
    expect(pushed.every((c) => c.patch !== undefined)).toBe(true);
    const updated = pushed.flatMap((c) => c.patch!.nodes.updated);
    expect([...new Set(updated.filter((n) => n.kind === 'vm').map((n) => n.name))].sort()).toEqual(running.map((v) => v.name).sort());
    // a TAP read before its VM's XML (its link line came first) is updated once the VM claims it
    const added = pushed.flatMap((c) => c.patch!.nodes.added);
    expect(added.map((n) => n.kind)).toEqual(Array(100).fill('tap'));
    expect(updated.filter((n) => n.kind !== 'vm').every((n) => added.some((a) => a.id === n.id))).toBe(true);
    expect(pushed.flatMap((c) => c.patch!.nodes.removed)).toEqual([]);
    // the picture pieced together from the patches is the service's own
    const content = (live: LiveHost) => ({
      nodes: [...live.nodes].sort((a, b) => a.id.localeCompare(b.id)),
      links: [...live.links].sort((a, b) => a.id.localeCompare(b.id)),
      banners: live.banners,
      revision: live.revision,
    });
    expect(content(f.picture()!)).toEqual(content((await f.service.list()).hosts[0]!));
  });

  it('reads a VM it does not know yet by name, and takes a VM that is gone off the picture', async () => {
    const f = following(5);
    stop = () => f.service.detach('p');
    await f.service.attach(f.connected);
    await expect.poll(() => f.reads.length, { timeout: 5_000 }).toBe(2);
    await sleep(100); // its answer taken: a change made while it runs would be in it
    f.state.vms.push({ name: 'fresh', uuid: uuidOf(77, 0xb0), running: false, nics: [{ mac: '52:54:00:dd:00:01', network: 'net0' }], liveOnly: [] });
    const gone = f.state.vms.shift()!;
    f.lines[0]!(`2026-12-01 10:00:00.000+0000: event 'lifecycle' for domain 'fresh': Defined Added`);
    f.lines[0]!(`2026-12-01 10:00:00.000+0000: event 'lifecycle' for domain '${gone.name}': Undefined Removed`);
    await expect.poll(() => f.picture()?.nodes.map((n) => n.name).includes('fresh'), { timeout: 5_000 }).toBe(true);
    const read = f.reads.at(-1)!;
    expect(read.slice(6, 7)).toEqual(['objects']);
    expect(read.slice(10)).toEqual(expect.arrayContaining(['D', 'fresh', 'd', gone.uuid]));
    expect(f.picture()!.nodes.some((n) => n.name === gone.name)).toBe(false);
    expect(f.service.readCounts('p')!.full).toBe(2);
  });

  it('reads the host whole when a partial read fails, and pushes nothing when an event changed nothing', async () => {
    let failNext = false;
    const f = following(5, (argv) => scopeOf(argv) !== 'all' && failNext);
    stop = () => f.service.detach('p');
    await f.service.attach(f.connected);
    await expect.poll(() => f.reads.length, { timeout: 5_000 }).toBe(2);
    await sleep(100);
    const pushes = f.changes.length;
    f.lines[0]!(domainEvent('vm1'));
    await expect.poll(() => f.reads.length, { timeout: 5_000 }).toBe(3);
    await sleep(100);
    expect(f.changes.length).toBe(pushes); // vm1 is as it was: nothing pushed
    failNext = true;
    f.state.vms[1]!.liveOnly.push({ mac: '52:54:00:ee:00:01', network: 'net1', dev: 'vnet700' });
    f.lines[0]!(domainEvent('vm1'));
    await expect.poll(() => nic(f.picture(), '52:54:00:ee:00:01')?.live, { timeout: 5_000 }).toBe(true);
    expect(f.reads.slice(3).map(scopeOf)).toEqual(['domain', 'all']);
  });
});
