// Extra sshd instances for lab tests (ProxyJump, a restarted sshd with a new host key, PAM
// keyboard-interactive). They run inside the lab's namespaces, on 127.0.0.1 only, built from
// the lab's own sshd_config, and are stopped by pid.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { LabEnv } from '../../../lab/env.ts';

export interface ExtraSshd {
  port: number;
  /** the host key's public line, `type base64` */
  hostKey: string;
  log: string;
  stop(): Promise<void>;
}

export interface ExtraSshdOptions {
  /** default: a free port */
  port?: number;
  /** private host key file; default: a new ed25519 key */
  hostKeyFile?: string;
  /** sshd_config lines that win over the lab's (sshd takes a keyword's first value) */
  settings?: string[];
}

export const scratchDir = (name: string): string => mkdtempSync(join(tmpdir(), `vw-${name}-`));

export function newKeyFile(dir: string, name: string, passphrase = ''): string {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', name, '-f', file]);
  return file;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, log: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`sshd exited: ${readFileSync(log, 'utf8')}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`sshd did not listen on ${port}`);
}

export async function startSshd(lab: LabEnv, options: ExtraSshdOptions = {}): Promise<ExtraSshd> {
  const dir = scratchDir('sshd');
  const port = options.port ?? (await freePort());
  const hostKeyFile = options.hostKeyFile ?? newKeyFile(dir, 'host_key');
  const overrides = [`Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${hostKeyFile}`, `PidFile ${join(dir, 'sshd.pid')}`, ...(options.settings ?? [])];
  const keyword = (line: string) => line.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const overridden = new Set(overrides.map(keyword));
  const template = readFileSync(join(dirname(lab.knownHosts), 'sshd_config'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !overridden.has(keyword(line)));
  const config = join(dir, 'sshd_config');
  writeFileSync(config, [...overrides, ...template].join('\n') + '\n');
  const log = join(dir, 'sshd.log');
  const child = spawn('/usr/sbin/sshd', ['-D', '-f', config, '-E', log], { stdio: 'ignore' });
  await waitForPort(port, child, log);
  const hostKey = readFileSync(`${hostKeyFile}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
  return {
    port,
    hostKey,
    log,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * How many sessions (channels that ran a command) the lab's sshd has started for one connection,
 * from its log (LogLevel VERBOSE): `runner` names the connection by running `echo $SSH_CLIENT` on it.
 */
export async function sessionsOf(lab: LabEnv, runner: { runKept(argv: string[]): Promise<{ stdout: string }> }): Promise<() => number> {
  const port = (await runner.runKept(['sh', '-c', 'echo $SSH_CLIENT'])).stdout.split(' ')[1];
  const log = join(dirname(dirname(lab.knownHosts)), 'log', 'sshd.log');
  return () => readFileSync(log, 'utf8').split('\n').filter((l) => l.includes(`Starting session: command for ${lab.sshUser} from 127.0.0.1 port ${port} `)).length;
}
