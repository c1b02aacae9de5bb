// A connection lost mid-command: the command fails as 'disconnected' (at once when the
// host's sshd dies, within the keepalive bound when it goes silent) and the session reconnects.
import { afterEach, expect, it } from 'vitest';
import { KEEPALIVE_COUNT_MAX, KEEPALIVE_INTERVAL_MS } from '../../../electron/ssh/connect.ts';
import { HostRunner } from '../../../electron/ssh/runner.ts';
import type { SessionState } from '../../../electron/ssh/session.ts';
import { describeLab } from '../../lab/env.ts';
import { sshdOfCommand } from './support/processes.ts';
import { labSession, type LabSession } from './support/session.ts';

/** ssh2 gives up after keepaliveCountMax + 1 unanswered keepalives. */
const KEEPALIVE_BOUND_MS = KEEPALIVE_INTERVAL_MS * (KEEPALIVE_COUNT_MAX + 1);

describeLab('losing the connection', (lab) => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  function connected(): { s: LabSession; run: HostRunner; states: SessionState[] } {
    const s = labSession(lab, { reconnect: { maxAttempts: 5, firstDelayMs: 200, maxDelayMs: 1_000 } });
    const states: SessionState[] = [];
    s.session.onDidChangeState((c) => states.push(c.state));
    cleanups.push(() => s.session.disconnect());
    return { s, run: new HostRunner(s.session, { host: 'lab', user: 'root', useSudo: false }), states };
  }

  const stateReached = (s: LabSession, state: SessionState) =>
    new Promise<void>((resolve) => {
      const stop = s.session.onDidChangeState((c) => c.state === state && (stop(), resolve()));
    });

  it("reports 'disconnected' at once when the session's sshd is killed, then reconnects", async () => {
    const { s, run, states } = connected();
    await s.session.connect();
    const argv = ['sleep', `${1000 + (process.pid % 1000)}.25`];
    const running = run.run(argv);
    const sshd = await sshdOfCommand(argv);
    const started = Date.now();
    const back = stateReached(s, 'connected');
    sshd.forEach((pid) => process.kill(pid, 'SIGKILL'));
    await expect(running).rejects.toMatchObject({ code: 'disconnected' });
    expect(Date.now() - started).toBeLessThan(2_000);
    await back;
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
    expect((await run.runChecked(['echo', 'back'])).stdout).toBe('back\n');
  });

  it(`notices a silent host through keepalive within ${KEEPALIVE_BOUND_MS / 1000} s`, async () => {
    const { s, run, states } = connected();
    await s.session.connect();
    const argv = ['sleep', `${2000 + (process.pid % 1000)}.25`];
    const running = run.run(argv);
    const sshd = await sshdOfCommand(argv);
    // Stopped, not killed: the TCP connection stays open but nothing answers, like a dead link.
    sshd.forEach((pid) => process.kill(pid, 'SIGSTOP'));
    cleanups.push(() => sshd.forEach((pid) => process.kill(pid, 'SIGKILL')));
    const started = Date.now();
    await expect(running).rejects.toMatchObject({ code: 'disconnected' });
    const noticedAfter = Date.now() - started;
    expect(noticedAfter).toBeGreaterThan(KEEPALIVE_INTERVAL_MS);
    expect(noticedAfter).toBeLessThan(KEEPALIVE_BOUND_MS + 2_000);
    await stateReached(s, 'connected');
    expect(states.slice(-2)).toEqual(['reconnecting', 'connected']);
  }, 60_000);
});
