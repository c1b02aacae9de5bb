// `virtwire snapshot [user@]host … --out FILE`: read a live host over SSH and write its
// topology file. Non-interactive: an unknown host key is refused unless --accept-new, a
// changed key always (exit 3, both fingerprints printed); a known_hosts file is written only
// when it was named with --known-hosts and --accept-new was given.
import { parseArgs } from 'node:util';
import { ApiError } from '../../shared/errors.ts';
import { visible } from '../../shared/text/visible.ts';
import { autoLayout } from '../../shared/topology/layout.ts';
import { topologyFileText } from '../services/topology-file.ts';
import { writeOut } from './files.ts';
import { argumentsProblem, t, tell } from './i18n.ts';
import { EXIT, SSH_OPTIONS, connectHost, exitCodeOf, readHost, reportError, targetOf, usage, type HostTarget } from './host.ts';

export { EXIT };

/** What `virtwire snapshot --help` prints, and a usage error after its message. */
export const snapshotUsage = (): string => t('cli.snapshot.usage');

function parse(argv: string[]): HostTarget & { out: string } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...SSH_OPTIONS, out: { type: 'string', short: 'o' } } });
  } catch (e) {
    usage(argumentsProblem(e));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) usage(t('cli.snapshot.oneHost'));
  if (!values.out) usage(t('cli.snapshot.needsOut'));
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
    io.stderr.write(`virtwire: ${visible(e instanceof Error ? e.message : String(e))}\n\n${snapshotUsage()}`);
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
    await writeOut(options.out, topologyFileText(topology, new Date()));
    // Banners and the label come from the host: made visible, never interpreted by the terminal.
    for (const banner of found.banners) io.stderr.write(`virtwire: ${t('cli.warning', { message: visible(tell(banner)) })}\n`);
    const count = (kind: string) => topology.nodes.filter((n) => n.kind === kind).length;
    const counts = { networks: count('network'), vms: count('vm'), bridges: count('bridge'), taps: count('tap'), physical: count('physical') };
    io.stdout.write(`${t('cli.snapshot.written', { host: visible(host.record.label), ...counts, file: visible(options.out) })}\n`);
    return EXIT.ok;
  } catch (e) {
    const error = ApiError.from(e);
    reportError(error, io.stderr);
    return exitCodeOf(error);
  } finally {
    host.session.disconnect();
  }
}
