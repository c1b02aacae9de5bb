// What every CLI command that reaches a live host shares: the SSH options, the [USER@]HOST
// argument, a connection that never asks (an unknown host key is refused unless --accept-new, a
// changed key always), one read of the host's topology, and the exit codes for what went wrong.
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../../shared/errors.ts';
import type { Message } from '../../shared/i18n/index.ts';
import { visible, visibleLines } from '../../shared/text/visible.ts';
import { hostId } from '../../shared/topology/ids.ts';
import type { HostRecord, Topology } from '../../shared/topology/model.ts';
import { discoverHost } from '../discovery/discover.ts';
import type { Prompter } from '../ssh/endpoint.ts';
import type { Journal } from '../ssh/journal.ts';
import { HostRunner } from '../ssh/runner.ts';
import { SshSession } from '../ssh/session.ts';
import { errorText, t } from './i18n.ts';

export const EXIT = { ok: 0, usage: 2, connection: 3, remote: 4 } as const;

const CONNECTION_CODES = new Set(['auth', 'hostkey-unknown', 'hostkey-changed', 'unreachable', 'timeout', 'disconnected', 'permission']);

/** Exit 3 for what stops the connection or login, 4 for a command the host ran and refused. */
export function exitCodeOf(error: ApiError): number {
  return CONNECTION_CODES.has(error.code) ? EXIT.connection : EXIT.remote;
}

/** parseArgs options for reaching a host; the help text is sshHelp(). */
export const SSH_OPTIONS = {
  port: { type: 'string', short: 'p' },
  identity: { type: 'string', short: 'i' },
  'known-hosts': { type: 'string' },
  'accept-new': { type: 'boolean' },
  uri: { type: 'string' },
  sudo: { type: 'boolean' },
} as const;

/** The help for SSH_OPTIONS, in the usage of every command that takes them. */
export const sshHelp = (): string => t('cli.ssh.options');

export interface HostTarget {
  user: string;
  host: string;
  port: number;
  identity?: string;
  knownHosts?: string;
  acceptNew: boolean;
  uri: string;
  sudo: boolean;
}

export class UsageProblem extends Error {}

export function usage(message: string): never {
  throw new UsageProblem(message);
}

type SshValues = { port?: string; identity?: string; 'known-hosts'?: string; 'accept-new'?: boolean; uri?: string; sudo?: boolean };

/** The host a command names, from its [USER@]HOST argument and SSH_OPTIONS values; throws UsageProblem. */
export function targetOf(target: string, values: SshValues): HostTarget {
  const at = target.lastIndexOf('@');
  const user = at >= 0 ? target.slice(0, at) : userInfo().username;
  const host = at >= 0 ? target.slice(at + 1) : target;
  if (!host || !user || /[\s\0]/.test(target)) usage(t('cli.ssh.notTarget', { target }));
  const portText = values.port ?? '22';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) usage(t('cli.usage.port', { port: portText }));
  return {
    user,
    host,
    port,
    ...(values.identity ? { identity: values.identity } : {}),
    ...(values['known-hosts'] ? { knownHosts: values['known-hosts'] } : {}),
    acceptNew: values['accept-new'] ?? false,
    uri: values.uri ?? 'qemu:///system',
    sudo: values.sudo ?? false,
  };
}

/** The CLI never asks: every question is answered "no". */
const refuseEverything: Prompter = {
  hostKey: async () => false,
  passphrase: async () => null,
  password: async () => null,
  keyboardInteractive: async () => null,
};

/** An error as the CLI prints it: one line, the host's own text below, all made visible. */
export function reportError(error: ApiError, stderr: NodeJS.WritableStream): void {
  stderr.write(`virtwire: ${visible(errorText(error))}\n`);
  if (error.code === 'hostkey-unknown') stderr.write(`  ${t('cli.ssh.acceptNewHint')}\n`);
  if (error.detail) stderr.write(`${visibleLines(error.detail).replace(/^/gm, '  ')}\n`);
}

export interface ConnectedHost {
  session: SshSession;
  runner: HostRunner;
  record: HostRecord;
}

/** Connects (throws ApiError: exit 3) and learns how virsh reaches libvirt on this login. */
export async function connectHost(target: HostTarget, journal?: Journal): Promise<ConnectedHost> {
  const session = new SshSession({
    target: {
      host: target.host,
      port: target.port,
      user: target.user,
      ...(target.identity ? { identityFiles: [target.identity] } : {}),
    },
    knownHosts: {
      files: [target.knownHosts ?? join(homedir(), '.ssh', 'known_hosts')],
      appendTo: target.acceptNew && target.knownHosts ? target.knownHosts : null,
      policy: target.acceptNew ? 'accept-new' : 'ask',
    },
    prompter: refuseEverything,
    reconnect: { maxAttempts: 0, firstDelayMs: 0, maxDelayMs: 0 },
  });
  await session.connect();
  const runner = new HostRunner(session, { host: target.host, user: target.user, useSudo: target.sudo }, journal);
  const record: HostRecord = {
    id: hostId({ host: target.host, port: target.port, user: target.user }),
    label: target.host,
    ssh: { host: target.host, port: target.port, user: target.user },
    uri: target.uri,
    capturedAt: new Date().toISOString(),
  };
  try {
    await runner.learnLibvirtAccess(target.uri);
  } catch (e) {
    session.disconnect();
    throw e;
  }
  return { session, runner, record };
}

/** One full read of the host; what could not be read comes back as banners. */
export async function readHost(host: ConnectedHost): Promise<{ topology: Topology; banners: Message[] }> {
  const record = { ...host.record, capturedAt: new Date().toISOString() };
  const found = await discoverHost((argv, o) => host.runner.run(argv, o), record, { privileged: host.runner.elevates('libvirt') });
  return { topology: { ...found.topology, layout: {} }, banners: found.banners };
}
