// `virtwire snapshot [user@]host … --out FILE`: read a live host over SSH and write its
// topology file. Non-interactive: an unknown host key is refused unless --accept-new, a
// changed key always (exit 3, both fingerprints printed); a known_hosts file is written only
// when it was named with --known-hosts and --accept-new was given.
import { parseArgs } from 'node:util';
import { ApiError } from '../../shared/errors.ts';
import { visible } from '../../shared/text/visible.ts';
import { autoLayout } from '../../shared/topology/layout.ts';
import { writeTopologyFile } from '../services/topology-file.ts';
import { EXIT, SSH_OPTIONS, connectHost, exitCodeOf, readHost, reportError, targetOf, usage, type HostTarget } from './host.ts';

export { EXIT };

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

function parse(argv: string[]): HostTarget & { out: string } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...SSH_OPTIONS, out: { type: 'string', short: 'o' } } });
  } catch (e) {
    usage(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) usage('snapshot takes one host: [USER@]HOST.');
  if (!values.out) usage('snapshot needs --out FILE.');
  return { ...targetOf(positionals[0]!, values), out: values.out };
}

export async function runSnapshot(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = process,
): Promise<number> {
  let options: HostTarget & { out: string };
  try {
    options = parse(argv);
  } catch (e) {
    io.stderr.write(`virtwire: ${visible(e instanceof Error ? e.message : String(e))}\n\n${SNAPSHOT_USAGE}`);
    return EXIT.usage;
  }
  let host;
  try {
    host = await connectHost(options);
  } catch (e) {
    reportError(ApiError.from(e), io.stderr);
    return EXIT.connection;
  }
  try {
    const found = await readHost(host);
    const topology = found.topology;
    topology.layout = autoLayout(topology);
    await writeTopologyFile(options.out, topology, new Date());
    // Banners and the label come from the host: made visible, never interpreted by the terminal.
    for (const banner of found.banners) io.stderr.write(`virtwire: warning: ${visible(banner)}\n`);
    const count = (kind: string) => topology.nodes.filter((n) => n.kind === kind).length;
    io.stdout.write(
      `${visible(host.record.label)}: ${count('network')} networks, ${count('vm')} VMs, ${count('bridge')} bridges, ${count('tap')} TAPs, ${count('physical')} physical NICs → ${visible(options.out)}\n`,
    );
    return EXIT.ok;
  } catch (e) {
    const error = ApiError.from(e);
    reportError(error, io.stderr);
    return exitCodeOf(error);
  } finally {
    host.session.disconnect();
  }
}
