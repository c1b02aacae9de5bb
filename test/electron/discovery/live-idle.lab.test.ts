// Live updates that stay live (issue 11), through the app's own backend connected to the lab:
// after two idle minutes no stream has reopened and nothing was read whole, and a NIC attached
// with virsh shows within a second; then the same after libvirtd restarts, after the SSH
// connection is cut, after sshd is restarted (its listener, then the session process), and after
// its packets were dropped for a while (iptables in the lab).
// The NICs the app shows are checked against `virsh domiflist` on the lab host.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KEEPALIVE_COUNT_MAX, KEEPALIVE_INTERVAL_MS } from '../../../electron/ssh/connect.ts';
import { stateWords } from '../../../renderer/hosts/wording.ts';
import type { HostsService } from '../../../electron/hosts/service.ts';
import { describeLab } from '../../lab/env.ts';
import { sessionsOf } from '../ssh/support/sshd.ts';
import { domiflist, graphNics } from './domiflist.ts';
import {
  connectApp, fullReads, newestPidOf, nicOf, pidsOf, probeReads, pushedWithin, restartLibvirtd, restartSshd, sleep, sshdOf, streamArgv, streamEnds, streamsBack, virsh, type LabApp,
} from './live-app.ts';

/** The issue's acceptance: a change by anyone appears within a second. */
const SHOWN_WITHIN_MS = 1_000;
const IDLE_MS = 120_000;
/** ssh2 gives up after keepaliveCountMax + 1 unanswered keepalives */
const KEEPALIVE_BOUND_MS = KEEPALIVE_INTERVAL_MS * (KEEPALIVE_COUNT_MAX + 1);
/** libvirtd down and up, a stream's backoff (at most 10 s), its re-read 1.5 s after it reopens */
const STREAMS_BACK_WITHIN_MS = 20_000;

describeLab('live updates that stay live', (lab) => {
  let app: LabApp;
  const uri = lab.libvirtUri;
  const attached: [string, string][] = [];

  /** Attaches a NIC live with virsh on the host; the time until the app pushed a picture showing it. */
  async function attachShown(vm: string, network: string, mac: string): Promise<number> {
    const since = Date.now();
    virsh(uri, 'attach-interface', vm, '--type', 'network', '--source', network, '--model', 'virtio', '--mac', mac, '--live');
    attached.push([vm, mac]);
    const shownIn = await pushedWithin(app, since, (live) => nicOf(live, mac)?.live === true, 10_000, `NIC ${mac} attached to ${vm}`);
    expect(graphNics(app.latest()!, vm, 'live'), `${vm}: the app's NICs are virsh domiflist's`).toEqual(domiflist(uri, vm, false, (a) => virsh(a[1]!, ...a.slice(2))));
    return shownIn;
  }

  async function detach(vm: string, mac: string): Promise<void> {
    virsh(uri, 'detach-interface', vm, '--type', 'network', '--mac', mac, '--live');
    attached.splice(attached.findIndex(([, m]) => m === mac), 1);
    await pushedWithin(app, Date.now() - 5_000, (live) => nicOf(live, mac) === undefined, 10_000, `NIC ${mac} detached from ${vm}`);
  }

  beforeAll(async () => {
    app = await connectApp(lab);
    await sleep(500); // and the push of what that re-read found
  });
  afterAll(async () => {
    for (const [vm, mac] of attached) {
      try {
        virsh(uri, 'detach-interface', vm, '--type', 'network', '--mac', mac, '--live');
      } catch {
        // the NIC is gone already
      }
    }
    await app?.close();
  });

  it(`keeps its streams open and reads nothing whole for ${IDLE_MS / 60_000} idle minutes, then shows a NIC attached with virsh within ${SHOWN_WITHIN_MS} ms`, async () => {
    const idleFrom = Date.now();
    const pushed = app.pushes.length;
    await sleep(IDLE_MS);
    const entries = await app.journal();
    const connection = app.states.filter((c) => c.at >= idleFrom).map((c) => `${c.state}${c.reason ? ` (${c.reason.message} ${c.reason.detail ?? ''})` : ''}`);
    expect(connection, 'the connection stayed up while the host was idle').toEqual([]);
    expect(streamEnds(entries, idleFrom), 'no event stream ended (and so none reopened) while the host was idle').toEqual([]);
    expect(fullReads(entries, idleFrom), 'no full re-read ran on the idle host').toEqual([]);
    // A link line from the host (a freshly booted guest's TAP) may still ask for a links read; it
    // is the host's own event, and a read that finds nothing new pushes nothing.
    const reads = probeReads(entries, idleFrom);
    console.log(`[live] ${IDLE_MS / 1000} s idle: ${reads.length} re-read(s) asked by events (${reads.map((r) => r.argv[6]).join(', ') || 'none'}), ${app.pushes.length - pushed} push(es)`);
    expect(entries.filter((e) => Date.parse(e.time) >= idleFrom && !reads.includes(e)), 'nothing but event-driven re-reads ran on the idle host').toEqual([]);
    if (reads.length === 0) expect(app.pushes.length, 'nothing was pushed to the renderer while the host was idle').toBe(pushed);

    // the re-read the attach's events ask for runs in the shell kept for reads: no SSH session is opened for it
    const sessions = await sessionsOf(lab, (app.api.hosts as HostsService).runner(app.profileId));
    const sessionsBefore = sessions();
    const shownIn = await attachShown('guest2', 'isolated', '52:54:00:7e:11:01');
    expect(sessions(), 'SSH sessions opened for the re-reads').toBe(sessionsBefore);
    console.log(`[live] after ${IDLE_MS / 1000} s idle: attach shown after ${shownIn} ms`);
    expect(shownIn, `a NIC attached after ${IDLE_MS / 1000} s idle must show within ${SHOWN_WITHIN_MS} ms`).toBeLessThan(SHOWN_WITHIN_MS);
    expect(streamEnds(await app.journal(), idleFrom), 'no event stream reopened').toEqual([]);
    await detach('guest2', '52:54:00:7e:11:01');
  }, IDLE_MS + 60_000);

  it(`reopens the streams libvirtd's restart ended, journaling why, and then shows a NIC within ${SHOWN_WITHIN_MS} ms`, async () => {
    const since = Date.now();
    await restartLibvirtd(uri);
    const up = Date.now() - since;
    const back = await streamsBack(app, uri, ['domain', 'network'], since, STREAMS_BACK_WITHIN_MS + 10_000);
    console.log(`[live] libvirtd answered ${up} ms after it was stopped; streams back and re-read after ${back} ms`);
    expect(back, `streams back and the host re-read within ${STREAMS_BACK_WITHIN_MS} ms of libvirtd being stopped`).toBeLessThan(STREAMS_BACK_WITHIN_MS);

    const ends = streamEnds(await app.journal(), since);
    for (const e of ends) console.log(`[live] journal: ${e.argv.join(' ')}: ${e.ended}${e.stderr ? ` — stderr: ${e.stderr}` : ''}`);
    const { domain, network } = streamArgv(uri);
    for (const argv of [domain, network]) {
      const ended = ends.filter((e) => e.argv.join(' ') === argv.join(' '));
      expect(ended.length, `${argv.join(' ')} ended and was journaled`).toBeGreaterThan(0);
      expect(ended[0]!.ended, 'the journal says why the stream ended').toMatch(/^(ended on the host with exit code \d+|killed on the host by signal \w+) after /);
    }
    expect(ends.every((e) => e.argv[0] === 'virsh'), 'only the virsh streams ended').toBe(true);
    expect(fullReads(await app.journal(), since).length, 'one full re-read after the streams reopened').toBeGreaterThan(0);

    const shownIn = await attachShown('guest1', 'default', '52:54:00:7e:11:02');
    console.log(`[live] after libvirtd restarted: attach shown after ${shownIn} ms`);
    expect(shownIn, `a NIC attached after libvirtd restarted must show within ${SHOWN_WITHIN_MS} ms`).toBeLessThan(SHOWN_WITHIN_MS);
    await detach('guest1', '52:54:00:7e:11:02');
  }, 90_000);

  it(`reconnects when the SSH connection is cut, says so in plain words, resyncs, and then shows a NIC within ${SHOWN_WITHIN_MS} ms`, async () => {
    const since = Date.now();
    const pushesBefore = app.pushes.length;
    for (const pid of sshdOf(streamArgv(uri).domain)) process.kill(pid, 'SIGKILL');
    const back = await streamsBack(app, uri, ['domain', 'network', 'link'], since, 30_000);
    const states = app.states.filter((s) => s.at >= since);
    console.log(`[live] connection cut: ${states.map((s) => stateWords(s).label).join(' → ')}; streams back and re-read after ${back} ms`);
    expect(states.map((s) => s.state)).toEqual(['reconnecting', 'connected']);
    expect(stateWords(states[0]).label).toBe('Reconnecting (attempt 1)…');
    expect(states[0]!.reason?.code).toBe('disconnected');
    expect(app.pushes.slice(pushesBefore).some((p) => p.live === null), 'the host stayed on the canvas while it reconnected').toBe(false);

    const ends = streamEnds(await app.journal(), since).filter((e) => !e.ended!.startsWith('closed by VirtWire'));
    expect(ends.map((e) => `${e.argv[0]} ${e.ended!.replace(/ after .*$/, '')}`).sort(), 'each stream cut off is journaled with why').toEqual(
      ['ip cut off with its connection', 'virsh cut off with its connection', 'virsh cut off with its connection'],
    );

    const shownIn = await attachShown('guest2', 'default', '52:54:00:7e:11:03');
    console.log(`[live] after the reconnect: attach shown after ${shownIn} ms`);
    expect(shownIn, `a NIC attached after a reconnect must show within ${SHOWN_WITHIN_MS} ms`).toBeLessThan(SHOWN_WITHIN_MS);
    await detach('guest2', '52:54:00:7e:11:03');
  }, 90_000);

  it(`follows sshd restarted (its listener, then the session process), reconnects to the new sshd, and then shows a NIC within ${SHOWN_WITHIN_MS} ms`, async () => {
    const since = Date.now();
    const session = sshdOf(streamArgv(uri).domain);
    const stream = newestPidOf(streamArgv(uri).domain);
    await restartSshd(lab);
    // A new listener leaves the sessions it did not start alone: the app carries on as it was.
    expect(pidsOf(streamArgv(uri).domain), 'the event stream still runs').toContain(stream);
    const beforeKill = await attachShown('guest1', 'default', '52:54:00:7e:11:05');
    console.log(`[live] sshd listener restarted: attach shown after ${beforeKill} ms on the same connection`);
    expect(beforeKill, `a NIC attached after sshd's listener restarted must show within ${SHOWN_WITHIN_MS} ms`).toBeLessThan(SHOWN_WITHIN_MS);
    expect(app.states.filter((s) => s.at >= since), 'the connection was not dropped by the listener restart').toEqual([]);
    await detach('guest1', '52:54:00:7e:11:05');

    const cut = Date.now();
    for (const pid of session) process.kill(pid, 'SIGKILL');
    const back = await streamsBack(app, uri, ['domain', 'network', 'link'], cut, 30_000);
    const states = app.states.filter((s) => s.at >= cut);
    console.log(`[live] old session killed: ${states.map((s) => stateWords(s).label).join(' → ')}; streams back on the new sshd and re-read after ${back} ms`);
    expect(states.map((s) => s.state)).toEqual(['reconnecting', 'connected']);
    expect(sshdOf(streamArgv(uri).domain).some((pid) => session.includes(pid)), 'the streams run under a new session').toBe(false);
    const shownIn = await attachShown('guest2', 'isolated', '52:54:00:7e:11:06');
    console.log(`[live] after reconnecting to the restarted sshd: attach shown after ${shownIn} ms`);
    expect(shownIn, `a NIC attached after sshd restarted must show within ${SHOWN_WITHIN_MS} ms`).toBeLessThan(SHOWN_WITHIN_MS);
    await detach('guest2', '52:54:00:7e:11:06');
  }, 90_000);

  it(`notices a connection that went silent (its packets dropped), reconnects once they pass again, and then shows a NIC within ${SHOWN_WITHIN_MS} ms`, async () => {
    // Both directions of the lab's SSH port on its loopback, as a sleeping laptop or a dead VPN sees it.
    const rules = [['--dport', String(lab.sshPort)], ['--sport', String(lab.sshPort)]].map(([flag, port]) => ['INPUT', '-p', 'tcp', flag!, port!, '-j', 'DROP']);
    const since = Date.now();
    for (const rule of rules) execFileSync('iptables', ['-I', ...rule]);
    let dropped = true;
    const pass = () => {
      if (!dropped) return;
      dropped = false;
      for (const rule of rules) execFileSync('iptables', ['-D', ...rule]);
    };
    try {
      const deadline = Date.now() + KEEPALIVE_BOUND_MS + 10_000;
      while (!app.states.some((c) => c.at >= since && c.state === 'reconnecting') && Date.now() < deadline) await sleep(100);
      const noticed = Date.now() - since;
      expect(noticed, `the silent connection is noticed within the keepalive bound (${KEEPALIVE_BOUND_MS} ms)`).toBeLessThan(KEEPALIVE_BOUND_MS + 5_000);
      await sleep(3_000);
      pass();
      const passing = Date.now();
      const back = await streamsBack(app, uri, ['domain', 'network', 'link'], passing, 40_000);
      const states = app.states.filter((c) => c.at >= since);
      console.log(`[live] packets dropped: noticed after ${noticed} ms (${states.map((c) => stateWords(c).label).join(' → ')}); streams back and re-read ${back} ms after packets passed again`);
      expect(states.at(-1)?.state).toBe('connected');
      expect(states.slice(0, -1).every((c) => c.state === 'reconnecting'), 'only reconnect attempts until connected').toBe(true);
      expect(app.pushes.some((p) => p.at >= since && p.live === null), 'the host stayed on the canvas').toBe(false);
    } finally {
      pass();
    }
    const shownIn = await attachShown('guest1', 'isolated', '52:54:00:7e:11:04');
    console.log(`[live] after packets passed again: attach shown after ${shownIn} ms`);
    expect(shownIn, `a NIC attached after the connection came back must show within ${SHOWN_WITHIN_MS} ms`).toBeLessThan(SHOWN_WITHIN_MS);
    await detach('guest1', '52:54:00:7e:11:04');
  }, 120_000);
});
