// The command runner against the lab's real sshd: exact argument round trips, stdin
// payloads, the channel queue, timeouts, cancel, sudo, typed errors and the journal.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Journal } from '../../../electron/ssh/journal.ts';
import { HostRunner } from '../../../electron/ssh/runner.ts';
import { describeLab } from '../../lab/env.ts';
import { labSession, type LabSession } from './support/session.ts';
import { sessionsOf } from './support/sshd.ts';

describeLab('command runner', (lab) => {
  let root: LabSession;
  let run: HostRunner;
  const journal = new Journal();
  beforeAll(async () => {
    root = labSession(lab);
    await root.session.connect();
    run = new HostRunner(root.session, { host: 'lab', user: 'root', useSudo: true }, journal);
  });
  afterAll(() => root.session.disconnect());

  it('returns any string exactly through printf %s (quotes, $(), backticks, newlines, ;, unicode, leading -)', async () => {
    const nasty = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: fc.constantFrom("'", '"', '$', '(', ')', '`', '\\', ';', '\n', '\r', '\t', ' ', '-', '*', '|', '&', '>', '<', '!', '#', '~', 'é', '漢', '🙂') }),
      fc.string().map((s) => `-${s}`),
    );
    await fc.assert(
      fc.asyncProperty(nasty, async (s) => {
        const result = await run.runChecked(['printf', '%s', s]);
        expect(result.stdout).toBe(s);
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips a 1 MB stdin payload through cat', async () => {
    const payload = randomBytes(768 * 1024).toString('base64');
    expect(payload.length).toBe(1024 * 1024);
    const sha = createHash('sha256').update(payload).digest('hex');
    const echoed = await run.runChecked(['cat'], { stdin: payload });
    expect(createHash('sha256').update(echoed.stdout).digest('hex')).toBe(sha);
    const remote = await run.runChecked(['sha256sum'], { stdin: payload });
    expect(remote.stdout.split(' ')[0]).toBe(sha);
  });

  it('completes 50 concurrent commands on one connection, at most 8 channels at a time', async () => {
    const marker = `/tmp/vw-concurrency-${process.pid}`;
    await run.runChecked(['rm', '-rf', marker]);
    await run.runChecked(['mkdir', marker]);
    // Each command leaves a file while it runs and records how many it saw at its peak.
    const script = 'touch "$1/$2"; sleep 0.2; ls "$1" | grep -vc peak; rm "$1/$2"';
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => run.runChecked(['sh', '-c', script, 'sh', marker, String(i)])));
    expect(results).toHaveLength(50);
    const peak = Math.max(...results.map((r) => Number(r.stdout.trim())));
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(8);
    await run.runChecked(['rm', '-rf', marker]);
  });

  it('keeps a non-zero exit as a result, and runChecked turns it into a command error with the host stderr', async () => {
    const result = await run.run(['ls', '/nonexistent-vw']);
    expect(result.code).toBe(2);
    await expect(run.runChecked(['ls', '/nonexistent-vw'])).rejects.toMatchObject({
      code: 'command',
      detail: expect.stringContaining('No such file or directory'),
    });
  });

  it('stops a command at its timeout, and the connection goes on working', async () => {
    const started = Date.now();
    await expect(run.run(['sleep', '30'], { timeout: 500 })).rejects.toMatchObject({ code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await run.runChecked(['echo', 'still here'])).stdout).toBe('still here\n');
  });

  it('cancels a running and a queued command through an AbortSignal', async () => {
    const controller = new AbortController();
    const running = run.run(['sleep', '30'], { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    await expect(run.run(['true'], { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('runs root-only commands for root without sudo', async () => {
    const result = await run.runChecked(['id', '-u'], { needs: 'root' });
    expect(result.stdout.trim()).toBe('0');
    expect(journal.entries().at(-1)?.commandLine).toBe('id -u');
  });

  it('uses sudo -n for the non-root user: NOPASSWD commands work, others fail with permission', async () => {
    const user = labSession(lab, {
      target: { host: lab.sshHost, port: lab.sshPort, user: lab.passwordUser, identityFiles: ['/nonexistent/no-key'] },
      answers: { password: async () => lab.password },
    });
    await user.session.connect();
    try {
      const sudo = new HostRunner(user.session, { host: 'lab', user: lab.passwordUser, useSudo: true });
      // labuser is not in the libvirt group: virsh needs sudo, and the runner learns so.
      await sudo.learnLibvirtAccess(lab.libvirtUri);
      expect(sudo.elevates('libvirt')).toBe(true);
      expect(sudo.commandLineFor(['virsh', 'list'], 'libvirt')).toBe('sudo -n -- virsh list');
      const virsh = await sudo.runChecked(['virsh', '-c', lab.libvirtUri, 'net-list', '--name'], { needs: 'libvirt' });
      expect(virsh.stdout).toContain('default');
      await expect(sudo.run(['id', '-u'], { needs: 'root' })).rejects.toMatchObject({
        code: 'permission',
        detail: expect.stringContaining('a password is required'),
      });
      expect((await sudo.runChecked(['id', '-un'])).stdout.trim()).toBe(lab.passwordUser);
    } finally {
      user.session.disconnect();
    }
  });

  it('refuses an argument with a NUL byte before anything is sent', async () => {
    await expect(run.run(['printf', 'a\0b'])).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('journals each command with host, argv, exit code and duration, exportable as a shell script', async () => {
    journal.clear();
    await run.run(['echo', "it's"]);
    await run.run(['false']);
    const [echo, fail] = journal.entries();
    expect(echo).toMatchObject({ host: 'lab', argv: ['echo', "it's"], exitCode: 0, commandLine: "echo 'it'\\''s'" });
    expect(fail).toMatchObject({ argv: ['false'], exitCode: 1, error: 'command' });
    expect(typeof echo?.durationMs).toBe('number');
    const script = journal.toShellScript();
    expect(script).toMatch(/^#!\/bin\/sh\n/);
    expect(script).toMatch(/# \S+ lab exit=0 \d+ms\necho 'it'\\''s'\n/);
    expect(script).toMatch(/# \S+ lab exit=1 \d+ms\nfalse\n/);
  });
  it('keeps an event stream open until it is closed, then stops its command on the host', async () => {
    const marker = `vw-stream-${randomBytes(4).toString('hex')}`;
    const lines: string[] = [];
    let ended: string | null = null;
    const stream = run.stream(['sh', '-c', `while :; do echo ${marker}; sleep 0.2; done`], (l) => lines.push(l), (reason) => {
      ended = reason ?? 'ended';
    });
    await new Promise((r) => setTimeout(r, 3_000));
    expect(ended).toBeNull();
    expect(lines.length).toBeGreaterThan(8);
    const running = () => {
      try {
        execFileSync('pgrep', ['-f', `echo ${marker}`], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    };
    expect(running()).toBe(true);
    stream.close();
    for (let i = 0; i < 50 && (ended === null || running()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(ended).toBe('closed');
    expect(running()).toBe(false);
  });

  it('runs reads in one shell kept open: one session on the host for many commands, each giving what a channel of its own gives', async () => {
    const kept = new HostRunner(root.session, { host: 'lab', user: 'root', useSudo: false }, new Journal());
    const sessions = await sessionsOf(lab, kept);
    const cases = [
      ['printf', '%s', "it's \"quoted\" $(not run) `nor this`\nünïcødé 漢 🙂"],
      ['virsh', '-c', lab.libvirtUri, 'dumpxml', '--inactive', 'guest1'],
      ['sh', '-c', 'echo out; echo err >&2; exit 3'],
      ['ip', '-j', 'link', 'show', 'lo'],
      ['virsh', '-c', lab.libvirtUri, 'dumpxml', 'no-such-vm'],
    ];
    const own = [];
    const before = sessions();
    for (const argv of cases) own.push(await kept.run(argv));
    expect(sessions() - before).toBe(cases.length);
    for (const [i, argv] of cases.entries()) expect(await kept.runKept(argv), argv.join(' ')).toEqual(own[i]);
    for (const argv of cases) await kept.runKept(argv);
    expect(sessions() - before).toBe(cases.length); // the kept shell was opened by sessionsOf, before
    expect(own[1]!.stdout).toContain('<name>guest1</name>');
    expect(own[4]!.stderr).toMatch(/^error: .*no-such-vm/m);
  });
});
