// `virtwire diff|plan|apply FILE [USER@]HOST …`: a saved topology against a live host. diff says
// what differs; plan says, step by step, what would make the host match the file and when each
// step takes effect; apply runs that plan with the app's executor (first failure stops it, with
// the host's own error; --rollback-on-failure undoes what ran), then reads the host again and
// reports whatever still differs as not done.
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { diffTopologies } from '../../shared/diff/index.ts';
import type { TopologyDiff } from '../../shared/diff/types.ts';
import { ApiError } from '../../shared/errors.ts';
import { notDoneAfter, planDesired, type DesiredPlan } from '../../shared/plan/desired.ts';
import type { HostContext } from '../../shared/plan/types.ts';
import { visible } from '../../shared/text/visible.ts';
import type { Topology } from '../../shared/topology/model.ts';
import { executePlan, rollbackOf } from '../plan/executor.ts';
import { protectedInterfaces, readRouteDevices } from '../plan/protected.ts';
import { readTopologyFile } from '../services/topology-file.ts';
import { Journal } from '../ssh/journal.ts';
import { diffText, itemLine, planText, resultText } from './desired-print.ts';
import { EXIT, SSH_HELP, SSH_OPTIONS, UsageProblem, connectHost, exitCodeOf, readHost, reportError, targetOf, usage, type ConnectedHost, type HostTarget } from './host.ts';

export type DesiredCommand = 'diff' | 'plan' | 'apply';

export const DESIRED_USAGE = `Usage:
  virtwire diff  FILE [USER@]HOST [ssh options] [--json]
  virtwire plan  FILE [USER@]HOST [ssh options] [--prune] [--json]
  virtwire apply FILE [USER@]HOST [ssh options] [--prune] [--yes] [--rollback-on-failure]
                                                [--journal OUT]

Compares the saved topology FILE with the host as it is now (diff), shows the steps that make
the host match the file (plan), or runs them (apply). Networks, bridges, TAPs, bridge ports and
VM NICs are created, changed in place where libvirt can, and removed only with --prune; VMs
themselves, their disks, CPUs and memory are never touched.
${SSH_HELP}  --file-host ID      which host of FILE to compare when it holds several (its id)
  --json              print the differences or the plan as JSON
  --prune             remove what is on the host and not in the file
  --yes               apply without asking (without it, apply asks on a terminal and
                      refuses otherwise)
  --rollback-on-failure  when a step fails, undo the steps that ran, newest first
  --journal OUT       write every command run on the host to OUT, as a shell script

Exit codes: diff 0 equal, 1 different; plan 0 the plan makes the host match, 1 some differences
cannot be made; apply 0 the host matches the file (apart from what was left alone), 1 not done
(declined, or differences remain); all: 2 usage or unreadable FILE, 3 connection, login or host
key refused, 4 a remote command failed.
`;

interface Options extends HostTarget {
  file: string;
  fileHost?: string;
  json: boolean;
  prune: boolean;
  yes: boolean;
  rollback: boolean;
  journal?: string;
}

type Io = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; stdin: NodeJS.ReadableStream & { isTTY?: boolean } };

function parse(command: DesiredCommand, argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...SSH_OPTIONS,
        'file-host': { type: 'string' },
        json: { type: 'boolean' },
        prune: { type: 'boolean' },
        yes: { type: 'boolean', short: 'y' },
        'rollback-on-failure': { type: 'boolean' },
        journal: { type: 'string' },
      },
    });
  } catch (e) {
    usage(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 2) usage(`${command} takes a file and a host: ${command} FILE [USER@]HOST.`);
  const allowed: Record<DesiredCommand, string[]> = { diff: ['json'], plan: ['json', 'prune'], apply: ['prune', 'yes', 'rollback-on-failure', 'journal'] };
  for (const name of ['json', 'prune', 'yes', 'rollback-on-failure', 'journal'] as const) {
    if (values[name] !== undefined && !allowed[command].includes(name)) usage(`${command} has no --${name} option.`);
  }
  return {
    ...targetOf(positionals[1]!, values),
    file: positionals[0]!,
    ...(values['file-host'] ? { fileHost: values['file-host'] } : {}),
    json: values.json ?? false,
    prune: values.prune ?? false,
    yes: values.yes ?? false,
    rollback: values['rollback-on-failure'] ?? false,
    ...(values.journal ? { journal: values.journal } : {}),
  };
}

/** The host of the file to compare: its only one, or the one --file-host names. */
function fileHostOf(file: Topology, options: Options): string {
  const ids = file.hosts.map((h) => h.id);
  if (options.fileHost !== undefined) {
    if (!ids.includes(options.fileHost)) usage(`${options.file} holds no host "${options.fileHost}"; it holds: ${ids.join(', ') || 'none'}.`);
    return options.fileHost;
  }
  if (ids.length === 1) return ids[0]!;
  if (ids.length === 0) usage(`${options.file} holds no host to compare.`);
  usage(`${options.file} holds ${ids.length} hosts (${ids.join(', ')}); name one with --file-host ID.`);
}

async function context(host: ConnectedHost, live: Topology, target: HostTarget): Promise<HostContext> {
  const routes = await readRouteDevices((argv, o) => host.runner.run(argv, o));
  return {
    hostId: host.record.id,
    uri: target.uri,
    isRoot: target.user === 'root',
    useSudo: target.sudo,
    protectedInterfaces: protectedInterfaces(routes, live.nodes, live.links),
  };
}

interface Compared {
  live: Topology;
  diff: TopologyDiff;
}

async function compare(host: ConnectedHost, file: Topology, fileHost: string, io: Io): Promise<Compared> {
  const { topology, banners } = await readHost(host);
  for (const banner of banners) io.stderr.write(`virtwire: warning: ${visible(banner)}\n`);
  return { live: topology, diff: diffTopologies(file, fileHost, topology, host.record.id) };
}

async function confirm(io: Io, question: string): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output: io.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

const planJson = (desired: DesiredPlan, commandLineOf: (argv: string[], needs: 'libvirt' | 'root') => string) => ({
  steps: (desired.plan?.steps ?? []).map((s) => ({
    description: s.description,
    argv: s.argv,
    commandLine: commandLineOf(s.argv, s.needs),
    ...(s.stdin !== undefined ? { stdin: s.stdin } : {}),
    scope: s.scope,
    impact: s.impact,
    destructive: s.destructive,
    undoable: s.inverse !== null,
  })),
  warnings: desired.plan?.warnings ?? [],
  summary: desired.plan?.affects.summary ?? [],
  leftAlone: desired.leftAlone,
  cannot: desired.cannot,
});

async function apply(options: Options, host: ConnectedHost, file: Topology, fileHost: string, desired: DesiredPlan, io: Io, journal: Journal): Promise<number> {
  const label = visible(host.record.id);
  const line = (s: { argv: string[]; needs: 'libvirt' | 'root' }) => host.runner.commandLineFor(s.argv, s.needs);
  const plan = desired.plan;
  if (!plan) {
    io.stdout.write(planText(desired, line, options.prune));
    return desired.cannot.length ? 1 : EXIT.ok;
  }
  if (!options.yes) {
    if (!io.stdin.isTTY) {
      io.stderr.write(`virtwire: apply changes ${label} and there is no terminal to ask on: run \`virtwire plan\` to see the steps, then apply with --yes. Nothing was changed.\n`);
      return EXIT.usage;
    }
    io.stdout.write(planText(desired, line, options.prune));
    const these = plan.steps.length === 1 ? 'this step' : `these ${plan.steps.length} steps`;
    if (!(await confirm(io, `Run ${these} on ${label}? [y/N] `))) {
      io.stdout.write('Nothing was changed.\n');
      return 1;
    }
  }
  io.stdout.write(`Applying ${plan.steps.length} step${plan.steps.length === 1 ? '' : 's'} to ${label}:\n`);
  const execution = await executePlan(plan, (argv, o) => host.runner.run(argv, o), {
    onProgress: (p) => {
      if (p.state !== 'running') io.stdout.write(`  step ${p.stepIndex + 1}/${plan.steps.length} ${p.state}${p.detail ? `: ${visible(p.detail)}` : ''}\n`);
    },
  });
  if (execution.status === 'failed') {
    io.stdout.write(`The plan stopped at a failed step; the steps after it did not run:\n${resultText(execution.steps, (i) => line(plan.steps[i]!))}`);
    if (execution.error) reportError(ApiError.from(execution.error), io.stderr);
    const rollback = rollbackOf(plan, execution);
    if (!options.rollback) {
      io.stdout.write(rollback.plan ? `Nothing was rolled back: ${rollback.plan.steps.length} step(s) took effect. Run apply again to finish (steps already done are skipped), or with --rollback-on-failure to undo them.\n` : 'No step took effect.\n');
    } else if (rollback.refused) {
      io.stdout.write(`Cannot roll back: ${visible(rollback.refused)}\n`);
    } else if (rollback.plan) {
      io.stdout.write(`Rolling back the ${rollback.plan.steps.length} step(s) that took effect:\n`);
      const undone = await executePlan(rollback.plan, (argv, o) => host.runner.run(argv, o));
      io.stdout.write(resultText(undone.steps, (i) => line(rollback.plan!.steps[i]!)));
      io.stdout.write(undone.status === 'failed' ? 'The rollback failed too: the host is part way.\n' : 'Rolled back: the host is as it was before apply.\n');
    }
    await writeJournal(options, journal, io);
    return EXIT.remote;
  }
  io.stdout.write(resultText(execution.steps, (i) => line(plan.steps[i]!)));
  await writeJournal(options, journal, io);
  // Done means the host now reads like the file, not that the commands exited 0.
  const after = await compare(host, file, fileHost, io);
  const notDone = notDoneAfter(desired, after.diff);
  const kept = after.diff.items.length - notDone.length;
  if (notDone.length) {
    io.stdout.write(`Not done: ${label} still differs from ${visible(options.file)}:\n${notDone.map((u) => `  ${itemLine(u.item)}\n      ${visible(u.reason)}`).join('\n')}\n`);
    return 1;
  }
  io.stdout.write(`${label} now matches ${visible(options.file)}${kept ? ` apart from ${kept} object${kept === 1 ? '' : 's'} left alone` : ''}.\n`);
  return EXIT.ok;
}

async function writeJournal(options: Options, journal: Journal, io: Io): Promise<void> {
  if (!options.journal) return;
  await writeFile(options.journal, journal.toShellScript(), { mode: 0o600 });
  io.stdout.write(`Journal of the ${journal.entries().length} commands run: ${visible(options.journal)}\n`);
}

export async function runDesired(command: DesiredCommand, argv: string[], io: Io = process): Promise<number> {
  let options: Options;
  try {
    options = parse(command, argv);
  } catch (e) {
    io.stderr.write(`virtwire: ${visible(e instanceof Error ? e.message : String(e))}\n\n${DESIRED_USAGE}`);
    return EXIT.usage;
  }
  // The file is read and checked before anything reaches the host.
  let file: Topology;
  let fileHost: string;
  try {
    file = await readTopologyFile(options.file);
    fileHost = fileHostOf(file, options);
  } catch (e) {
    io.stderr.write(`virtwire: ${visible(e instanceof UsageProblem ? e.message : ApiError.from(e).message)}\n`);
    return EXIT.usage;
  }
  const journal = new Journal();
  let host: ConnectedHost;
  try {
    host = await connectHost(options, journal);
  } catch (e) {
    reportError(ApiError.from(e), io.stderr);
    return EXIT.connection;
  }
  try {
    const first = await compare(host, file, fileHost, io);
    if (command === 'diff') {
      io.stdout.write(options.json ? `${JSON.stringify(first.diff, null, 2)}\n` : diffText(first.diff, options.file, host.record.id));
      return first.diff.items.length ? 1 : EXIT.ok;
    }
    const ctx = await context(host, first.live, options);
    const desired = planDesired(first.diff, file, first.live, ctx, { prune: options.prune });
    if (command === 'plan') {
      io.stdout.write(options.json ? `${JSON.stringify(planJson(desired, (a, n) => host.runner.commandLineFor(a, n)), null, 2)}\n` : planText(desired, (s) => host.runner.commandLineFor(s.argv, s.needs), options.prune));
      return desired.cannot.length ? 1 : EXIT.ok;
    }
    return await apply(options, host, file, fileHost, desired, io, journal);
  } catch (e) {
    const error = ApiError.from(e);
    reportError(error, io.stderr);
    return exitCodeOf(error);
  } finally {
    host.session.disconnect();
  }
}
