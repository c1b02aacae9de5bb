// The live picture of the lab host follows changes made by others (virsh on the host)
// through the event streams, without a manual refresh, and survives a libvirtd restart.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LiveService } from '../../../electron/discovery/live.ts';
import { HostRunner } from '../../../electron/ssh/runner.ts';
import { pictureAfter, type LiveHost } from '../../../shared/api/live.ts';
import type { NicLink } from '../../../shared/topology/model.ts';
import { describeLab } from '../../lab/env.ts';
import { labSession, type LabSession } from '../ssh/support/session.ts';

const virsh = (...args: string[]): string => execFileSync('virsh', ['-c', 'qemu:///system', ...args], { encoding: 'utf8' });

describeLab('live updates from the lab host', (lab) => {
  let s: LabSession;
  let service: LiveService;
  let latest: LiveHost | null = null;
  const changes: number[] = [];

  /** Waits until the latest picture satisfies `check`, returning how long that took. */
  async function until(check: (live: LiveHost) => boolean, timeoutMs: number): Promise<number> {
    const start = Date.now();
    while (Date.now() - start < timeoutMs) {
      if (latest && check(latest)) return Date.now() - start;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`the change did not show within ${timeoutMs} ms`);
  }
  const nic = (live: LiveHost, mac: string) => live.links.find((l): l is NicLink => l.kind === 'nic' && l.mac === mac);

  beforeAll(async () => {
    s = labSession(lab);
    await s.session.connect();
    const runner = new HostRunner(s.session, { host: 'lab', user: lab.sshUser, useSudo: false });
    service = new LiveService((change) => {
      latest = pictureAfter(latest, change);
      changes.push(Date.now());
    });
    await service.attach({
      profileId: 'lab',
      host: { id: 'root@lab', label: 'lab', ssh: { host: lab.sshHost, port: lab.sshPort, user: lab.sshUser }, uri: lab.libvirtUri, capturedAt: '' },
      run: (argv, o) => runner.run(argv, o),
      openStream: (argv, onLine, onEnd, needs, onStarted) => runner.stream(argv, onLine, onEnd, needs, onStarted),
      privileged: false,
    });
    await new Promise((r) => setTimeout(r, 500)); // let the streams open
  });
  afterAll(() => {
    service.detach('lab');
    s.session.disconnect();
  });

  it('shows a NIC attached with virsh, live only, without a refresh — and its removal', async () => {
    const mac = '52:54:00:7e:00:11';
    virsh('attach-interface', 'guest2', '--type', 'network', '--source', 'isolated', '--model', 'virtio', '--mac', mac, '--live');
    const shownIn = await until((live) => nic(live, mac)?.live === true && nic(live, mac)?.config === false, 5_000);
    console.log(`[live] attach shown after ${shownIn} ms`);
    expect(shownIn).toBeLessThan(5_000);
    virsh('detach-interface', 'guest2', '--type', 'network', '--mac', mac, '--live');
    await until((live) => nic(live, mac) === undefined, 8_000);
  });

  it('shows a network started and stopped with virsh', async () => {
    virsh('net-start', 'routed');
    try {
      await until((live) => live.nodes.some((n) => n.kind === 'network' && n.name === 'routed' && n.active), 5_000);
    } finally {
      virsh('net-destroy', 'routed');
    }
    await until((live) => live.nodes.some((n) => n.kind === 'network' && n.name === 'routed' && !n.active), 5_000);
  });

  it('follows the host again after libvirtd restarts', async () => {
    const pid = readFileSync('/run/libvirtd.pid', 'utf8').trim();
    execFileSync('kill', [pid]);
    for (let i = 0; i < 100; i++) {
      try {
        execFileSync('kill', ['-0', pid], { stdio: 'ignore' });
        await new Promise((r) => setTimeout(r, 100));
      } catch {
        break;
      }
    }
    execFileSync('libvirtd', ['-d']);
    for (let i = 0; i < 100; i++) {
      try {
        virsh('version');
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    // the streams notice, reopen with backoff and resync; then changes show again
    await new Promise((r) => setTimeout(r, 3_000));
    const mac = '52:54:00:7e:00:12';
    virsh('attach-interface', 'guest1', '--type', 'network', '--source', 'default', '--model', 'virtio', '--mac', mac, '--live');
    try {
      // A stream reopens with a backoff of at most 10 s and is followed by a full re-read 1.5 s
      // later, which shows a change made before it was back; live-idle.lab.test.ts checks that a
      // change made once the streams are back shows within a second.
      await until((live) => nic(live, mac) !== undefined, 15_000);
    } finally {
      virsh('detach-interface', 'guest1', '--type', 'network', '--mac', mac, '--live');
    }
    await until((live) => nic(live, mac) === undefined, 10_000);
  });
});
