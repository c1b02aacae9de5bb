// `virtwire snapshot [user@]host … --out FILE`: read a live host over SSH and write its
// topology file. Non-interactive: an unknown host key is refused unless --accept-new, a
// changed key always (exit 3, both fingerprints printed); a known_hosts file is written only
// when it was named with --known-hosts and --accept-new was given.
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ApiError } from '../../shared/errors.ts';
import { visible, visibleLines } from '../../shared/text/visible.ts';
import { hostId } from '../../shared/topology/ids.ts';
import { autoLayout } from '../../shared/topology/layout.ts';
import type { HostRecord, Topology } from '../../shared/topology/model.ts';
import { discoverHost } from '../discovery/discover.ts';
import { writeTopologyFile } from '../services/topology-file.ts';
import type { Prompter } from '../ssh/endpoint.ts';
import { HostRunner } from '../ssh/runner.ts';
import { SshSession } from '../ssh/session.ts';

export const SNAPSHOT_USAGE = `Usage:
  virtwire snapshot [USER@]HOST [--port N] [--identity FILE] [--known-hosts FILE]
                    [--accept-new] [--uri URI] [--sudo] --out FILE

Reads the host's virtual networking over SSH and writes it as a topology file.
  --known-hosts FILE  trusted host keys (default ~/.ssh/known_hosts)
  --accept-new        trust a host seen for the first time (appended to --known-hosts FILE
                      if given; otherwise remembered for this run only)
  --uri URI           libvirt URI passed to virsh (default qemu:///system)
  --sudo              run the probe with sudo -n (for a non-root user)

Exit codes: 0 written, 2 usage, 3 connection, login or host key refused, 4 a remote command failed.
`;

export const EXIT = { ok: 0, usage: 2, connection: 3, remote: 4 } as const;

const CONNECTION_CODES = new Set(['auth', 'hostkey-unknown', 'hostkey-changed', 'unreachable', 'timeout', 'disconnected', 'permission']);

interface SnapshotOptions {
  user: string;
  host: string;
  port: number;
  identity?: string;
  knownHosts?: string;
  acceptNew: boolean;
  uri: string;
  sudo: boolean;
  out: string;
}

function usage(message: string): never {
  throw Object.assign(new Error(message), { usage: true });
}

function parse(argv: string[]): SnapshotOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        port: { type: 'string', short: 'p' },
        identity: { type: 'string', short: 'i' },
        'known-hosts': { type: 'string' },
        'accept-new': { type: 'boolean' },
        uri: { type: 'string' },
        sudo: { type: 'boolean' },
        out: { type: 'string', short: 'o' },
      },
    });
  } catch (e) {
    usage(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) usage('snapshot takes one host: [USER@]HOST.');
  if (!values.out) usage('snapshot needs --out FILE.');
  const target = positionals[0]!;
  const at = target.lastIndexOf('@');
  const user = at >= 0 ? target.slice(0, at) : userInfo().username;
  const host = at >= 0 ? target.slice(at + 1) : target;
  if (!host || !user || /[\s\0]/.test(target)) usage(`"${target}" is not a [USER@]HOST.`);
  const portText = values.port ?? '22';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) usage(`--port must be a number from 1 to 65535, not "${portText}".`);
  return {
    user,
    host,
    port,
    ...(values.identity ? { identity: values.identity } : {}),
    ...(values['known-hosts'] ? { knownHosts: values['known-hosts'] } : {}),
    acceptNew: values['accept-new'] ?? false,
    uri: values.uri ?? 'qemu:///system',
    sudo: values.sudo ?? false,
    out: values.out,
  };
}

/** The CLI never asks: every question is answered "no". */
const refuseEverything: Prompter = {
  hostKey: async () => false,
  passphrase: async () => null,
  password: async () => null,
  keyboardInteractive: async () => null,
};

function report(error: ApiError, stderr: NodeJS.WritableStream): void {
  stderr.write(`virtwire: ${visible(error.message)}\n`);
  if (error.code === 'hostkey-unknown') stderr.write('  (run again with --accept-new to trust it)\n');
  if (error.detail) stderr.write(`${visibleLines(error.detail).replace(/^/gm, '  ')}\n`);
}

export async function runSnapshot(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = process,
): Promise<number> {
  let options: SnapshotOptions;
  try {
    options = parse(argv);
  } catch (e) {
    io.stderr.write(`virtwire: ${visible(e instanceof Error ? e.message : String(e))}\n\n${SNAPSHOT_USAGE}`);
    return EXIT.usage;
  }
  const files = [options.knownHosts ?? join(homedir(), '.ssh', 'known_hosts')];
  const session = new SshSession({
    target: {
      host: options.host,
      port: options.port,
      user: options.user,
      ...(options.identity ? { identityFiles: [options.identity] } : {}),
    },
    knownHosts: {
      files,
      appendTo: options.acceptNew && options.knownHosts ? options.knownHosts : null,
      policy: options.acceptNew ? 'accept-new' : 'ask',
    },
    prompter: refuseEverything,
    reconnect: { maxAttempts: 0, firstDelayMs: 0, maxDelayMs: 0 },
  });
  try {
    await session.connect();
  } catch (e) {
    report(ApiError.from(e), io.stderr);
    return EXIT.connection;
  }
  try {
    const runner = new HostRunner(session, { host: options.host, user: options.user, useSudo: options.sudo });
    const host: HostRecord = {
      id: hostId({ host: options.host, port: options.port, user: options.user }),
      label: options.host,
      ssh: { host: options.host, port: options.port, user: options.user },
      uri: options.uri,
      capturedAt: new Date().toISOString(),
    };
    await runner.learnLibvirtAccess(options.uri);
    const found = await discoverHost((argv, o) => runner.run(argv, o), host, { privileged: runner.elevates('libvirt') });
    const topology: Topology = { ...found.topology, layout: {} };
    topology.layout = autoLayout(topology);
    await writeTopologyFile(options.out, topology, new Date());
    // Banners and the label come from the host: made visible, never interpreted by the terminal.
    for (const banner of found.banners) io.stderr.write(`virtwire: warning: ${visible(banner)}\n`);
    const count = (kind: string) => topology.nodes.filter((n) => n.kind === kind).length;
    io.stdout.write(
      `${visible(host.label)}: ${count('network')} networks, ${count('vm')} VMs, ${count('bridge')} bridges, ${count('tap')} TAPs, ${count('physical')} physical NICs → ${visible(options.out)}\n`,
    );
    return EXIT.ok;
  } catch (e) {
    const error = ApiError.from(e);
    report(error, io.stderr);
    return CONNECTION_CODES.has(error.code) ? EXIT.connection : EXIT.remote;
  } finally {
    session.disconnect();
  }
}
