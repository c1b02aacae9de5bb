// A stand-in ssh2 client whose channels are real local processes (`sh -c LINE`), so that what a
// kept program (kept-shell.ts, kept-virsh.ts) writes is parsed by a real shell or a real virsh.
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { Client } from 'ssh2';
import { Journal } from '../../../../electron/ssh/journal.ts';
import { HostRunner } from '../../../../electron/ssh/runner.ts';

export interface LocalHost {
  /** what was sent to exec(), in order: a kept shell is one `exec sh` */
  execs: string[];
  runner: HostRunner;
  journal: Journal;
  /** the pids of the local processes that stand for the host's sessions */
  pids: number[];
  /** the next client() answers with a new connection (a reconnect) */
  reconnect(): void;
}

/**
 * @param login what the login shell does before the command (startup files that print); with
 *   `refuseShell`, the host runs commands but `exec sh` ends at once (a restricted account); with
 *   `lateStderr`, stderr reaches the client 50 ms after it was written (the two streams of a
 *   channel arrive independently); `program` gives what the host runs for an exec line (a
 *   stand-in for a program the host has, or does not have)
 */
export function localHost({
  login = '',
  refuseShell = false,
  lateStderr = false,
  program = (line) => line,
}: { login?: string; refuseShell?: boolean; lateStderr?: boolean; program?: (line: string) => string } = {}): LocalHost {
  const execs: string[] = [];
  const pids: number[] = [];
  const newClient = () =>
    ({
      exec(line: string, cb: (error: Error | undefined, channel: unknown) => void) {
        execs.push(line);
        const script = line === 'exec sh' && refuseShell ? 'echo "This account cannot run a shell." >&2; exit 1' : `${login}${program(line)}`;
        const child = spawn('sh', ['-c', script], { stdio: ['pipe', 'pipe', 'pipe'] });
        pids.push(child.pid!);
        let closed = false;
        // As an SSH channel: closing it is confirmed at once, whatever the process does after.
        const closeOnce = () => {
          if (closed) return;
          closed = true;
          ch.emit('close');
        };
        const ch = Object.assign(new EventEmitter(), {
          stderr: new EventEmitter(),
          write: (data: string) => child.stdin.write(data),
          end: (data?: string | Buffer) => (data === undefined ? child.stdin.end() : child.stdin.end(data)),
          close: () => {
            child.stdin.destroy();
            child.kill('SIGKILL');
            closeOnce();
          },
          signal: () => undefined,
        });
        child.stdin.on('error', () => undefined);
        child.stdout.on('data', (d: Buffer) => !closed && ch.emit('data', d));
        child.stderr.on('data', (d: Buffer) => (lateStderr ? setTimeout(() => !closed && ch.stderr.emit('data', d), 50) : !closed && ch.stderr.emit('data', d)));
        child.on('exit', (code, signal) => {
          if (closed) return;
          if (code !== null) ch.emit('exit', code);
          else ch.emit('exit', null, signal?.replace(/^SIG/, ''));
        });
        child.on('close', closeOnce);
        queueMicrotask(() => cb(undefined, ch));
      },
    }) as unknown as Client;
  let client = newClient();
  const journal = new Journal();
  const runner = new HostRunner({ client: async () => client }, { host: 'kvm1', user: 'root', useSudo: false }, journal);
  return { execs, runner, journal, pids, reconnect: () => (client = newClient()) };
}

