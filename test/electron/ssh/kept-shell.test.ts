// The kept shell (runner.runKept): commands sent to one `sh` kept open on the host give exactly
// what a channel of their own gives. Driven through a stand-in ssh2 client whose channels are
// real local `sh -c LINE` processes, so the shell that parses what the kept shell writes is a real
// one; the lab tier runs it over real sshd (runner.lab.test.ts).
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors.ts';
import { localHost, type LocalHost } from './support/local-host.ts';

const shells = (host: LocalHost) => host.execs.filter((l) => l === 'exec sh').length;

describe('a command run in the kept shell', () => {
  it('gives exactly what a channel of its own gives: stdout, stderr and exit code, in one shell for all', async () => {
    const host = localHost();
    const cases: string[][] = [
      ['printf', '%s', 'no newline at the end'],
      ['printf', '%s\\n', 'a', "it's \"quoted\" $(not run) `nor this`", 'ünïcødé ✓', '-n'],
      ['true'],
      ['sh', '-c', 'echo out; echo err >&2; exit 3'],
      ['sh', '-c', 'printf "no newline on stderr" >&2'],
      ['sh', '-c', 'printf "\\n\\n"; printf "\\n" >&2'],
      // 3 MB in many chunks, with lines that look like the kept shell's own end line
      ['sh', '-c', 'i=0; while [ $i -lt 30000 ]; do printf "%s\\n" "line $i :0: vwk0123 ...................................................................................."; i=$((i+1)); done'],
    ];
    for (const argv of cases) {
      const own = await host.runner.run(argv);
      const kept = await host.runner.runKept(argv);
      expect(kept, argv.join(' ')).toEqual(own);
    }
    expect(shells(host)).toBe(1);
    expect(host.execs.length).toBe(cases.length + 1);
  });

  it('drops what the login shell printed as it started', async () => {
    const host = localHost({ login: 'echo "Welcome to kvm1"; echo "pyenv: warning" >&2; ', lateStderr: true });
    expect(await host.runner.runKept(['echo', 'hello'])).toEqual({ code: 0, stdout: 'hello\n', stderr: '' });
    expect(await host.runner.runKept(['sh', '-c', 'echo oops >&2'])).toEqual({ code: 0, stdout: '', stderr: 'oops\n' });
  });

  it('cannot be disturbed by a command: exit, cd and a read of stdin leave the shell as it was', async () => {
    const host = localHost();
    await host.runner.runKept(['sh', '-c', 'true']);
    // builtins run in a subshell: `exit` ends it alone, `cd` changes nothing after it
    expect((await host.runner.runKept(['exit', '7'])).code).toBe(7);
    expect((await host.runner.runKept(['cd', '/'])).code).toBe(0);
    const here = await host.runner.runKept(['pwd']);
    expect(here.stdout).toBe(`${process.cwd()}\n`);
    // stdin is /dev/null: cat ends at once and does not swallow the commands that follow
    expect(await host.runner.runKept(['cat'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await host.runner.runKept(['echo', 'still here'])).stdout).toBe('still here\n');
    expect(shells(host)).toBe(1);
  });

  it('is stopped at its timeout with the shell, and the next command gets a new shell', async () => {
    const host = localHost();
    await host.runner.runKept(['true']);
    const error = await host.runner.runKept(['sleep', '5'], { timeout: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('timeout');
    expect((await host.runner.runKept(['echo', 'after'])).stdout).toBe('after\n');
    expect(shells(host)).toBe(2);
    await new Promise((r) => setTimeout(r, 50));
    expect(host.runner.channelsInUse).toBe(1); // the new shell; the stopped one gave its slot back
    expect(host.journal.entries().map((e) => [e.argv[0], e.exitCode, e.error])).toEqual([
      ['true', 0, undefined],
      ['sleep', null, 'timeout'],
      ['echo', 0, undefined],
    ]);
  });

  it('is cancelled through its AbortSignal', async () => {
    const host = localHost();
    const abort = new AbortController();
    const running = host.runner.runKept(['sleep', '5'], { signal: abort.signal });
    setTimeout(() => abort.abort(), 200);
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    expect((await host.runner.runKept(['echo', 'next'])).stdout).toBe('next\n');
    // cancelled before it started: nothing runs, and the shell stays
    await expect(host.runner.runKept(['echo', 'never'], { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'cancelled' });
    expect((await host.runner.runKept(['echo', 'after'])).stdout).toBe('after\n');
    expect(shells(host)).toBe(2);
  });

  it('fails when the shell dies under it, saying so, and the next command opens another', async () => {
    const host = localHost();
    await host.runner.runKept(['true']);
    const shellPid = host.pids[0]!;
    const running = host.runner.runKept(['sleep', '5']);
    setTimeout(() => process.kill(shellPid, 'SIGKILL'), 200);
    await expect(running).rejects.toMatchObject({ code: 'command', message: 'The shell VirtWire keeps for reads on kvm1 ended while the command ran.' });
    expect((await host.runner.runKept(['echo', 'again'])).stdout).toBe('again\n');
    expect(shells(host)).toBe(2);
  });

  it('runs on a channel of its own while the kept shell is busy, or on a host where it cannot start', async () => {
    const host = localHost();
    const [slow, quick] = await Promise.all([host.runner.runKept(['sh', '-c', 'sleep 0.3; echo slow']), host.runner.runKept(['echo', 'quick'])]);
    expect([slow.stdout, quick.stdout]).toEqual(['slow\n', 'quick\n']);
    expect(shells(host)).toBe(1);

    const restricted = localHost({ refuseShell: true });
    for (const word of ['one', 'two', 'three']) expect(await restricted.runner.runKept(['echo', word])).toEqual({ code: 0, stdout: `${word}\n`, stderr: '' });
    expect(shells(restricted)).toBe(1); // tried once on the connection, not for every command
    expect(restricted.journal.entries().map((e) => e.exitCode)).toEqual([0, 0, 0]);
  });

  it('opens a new shell on a new connection (after a reconnect)', async () => {
    const host = localHost();
    await host.runner.runKept(['true']);
    host.reconnect();
    expect((await host.runner.runKept(['echo', 'reconnected'])).stdout).toBe('reconnected\n');
    expect(shells(host)).toBe(2);
  });

  it('goes through sudo and stdin the usual way: such commands get a channel of their own', async () => {
    const host = localHost();
    expect((await host.runner.runKept(['cat'], { stdin: 'payload' })).stdout).toBe('payload');
    expect(shells(host)).toBe(0);
  });
});
