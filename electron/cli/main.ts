// The `virtwire` command line. Exit codes: 0 done, 1 failed (bad file, port in use, no
// build), 2 usage error.
import { parseArgs } from 'node:util';
import { ApiError } from '../../shared/errors.ts';
import { visible, visibleLines } from '../../shared/text/visible.ts';
import { desiredUsage, runDesired } from './desired.ts';
import { runExport } from './export.ts';
import { CliFailure } from './failure.ts';
import { readTopology } from './files.ts';
import { argumentsProblem, errorText, t } from './i18n.ts';
import { appVersion } from './paths.ts';
import { runSnapshot, snapshotUsage } from './snapshot.ts';
import { runStart } from './start.ts';
import { summarizeTopology } from './summary.ts';
import { runWeb } from './web.ts';

/** What `virtwire --help` prints, and a usage error after its message. */
export const usageText = (): string => t('cli.usage');

class UsageError extends Error {}

interface Parsed {
  command: string | undefined;
  files: string[];
  port: string | undefined;
  open: string | undefined;
  help: boolean;
  version: boolean;
}

function parse(argv: string[]): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        open: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    });
    const [command, ...files] = positionals;
    return { command, files, port: values.port, open: values.open, help: values.help ?? false, version: values.version ?? false };
  } catch (e) {
    throw new UsageError(argumentsProblem(e));
  }
}

function only(parsed: Parsed, allowed: { files: number; port?: boolean; open?: boolean }): void {
  const command = parsed.command ?? '';
  if (parsed.files.length !== allowed.files) throw new UsageError(t('cli.usage.takesFiles', { command, count: allowed.files }));
  if (parsed.port !== undefined && !allowed.port) throw new UsageError(t('cli.usage.noOption', { command, option: '--port' }));
  if (parsed.open !== undefined && !allowed.open) throw new UsageError(t('cli.usage.noOption', { command, option: '--open' }));
}

function portNumber(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) throw new UsageError(t('cli.usage.port', { port: text }));
  return port;
}

async function run(argv: string[]): Promise<number> {
  // snapshot has options of its own and exit codes 3 and 4 for connection and remote failures
  if (argv[0] === 'snapshot') {
    if (argv.includes('--help') || argv.includes('-h')) {
      process.stdout.write(snapshotUsage());
      return 0;
    }
    return runSnapshot(argv.slice(1));
  }
  // export handles its own --help and options
  if (argv[0] === 'export') return runExport(argv.slice(1));
  if (argv[0] === 'diff' || argv[0] === 'plan' || argv[0] === 'apply') {
    if (argv.includes('--help') || argv.includes('-h')) {
      process.stdout.write(desiredUsage());
      return 0;
    }
    return runDesired(argv[0], argv.slice(1));
  }
  const parsed = parse(argv);
  if (parsed.help || parsed.version) {
    process.stdout.write(parsed.help ? usageText() : `${appVersion()}\n`);
    return 0;
  }
  switch (parsed.command) {
    case 'show': {
      only(parsed, { files: 1 });
      const path = parsed.files[0]!;
      process.stdout.write(summarizeTopology(await readTopology(path), path));
      return 0;
    }
    case 'web':
      only(parsed, { files: 0, port: true, open: true });
      await runWeb({ port: portNumber(parsed.port), openFile: parsed.open ?? null });
      return 0;
    case 'start':
      only(parsed, { files: 0, open: true });
      return runStart({ openFile: parsed.open ?? null });
    case undefined:
      throw new UsageError(t('cli.usage.noCommand'));
    default:
      throw new UsageError(t('cli.usage.unknownCommand', { command: parsed.command }));
  }
}

export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (e) {
    // Messages name files, arguments and what a file holds: all made visible, never interpreted.
    if (e instanceof UsageError) {
      process.stderr.write(`virtwire: ${visible(e.message)}\n\n${usageText()}`);
      return 2;
    }
    if (e instanceof CliFailure) {
      process.stderr.write(`virtwire: ${visible(e.message)}\n`);
      return 1;
    }
    const error = ApiError.from(e);
    process.stderr.write(`virtwire: ${visible(errorText(error))}\n${error.detail ? `${visibleLines(error.detail)}\n` : ''}`);
    return 1;
  }
}
