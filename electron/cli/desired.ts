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
import type { StepResult } from '../../shared/api/plan.ts';
import { notDoneAfter, type DesiredPlan, type Unplanned } from '../../shared/plan/desired-outcome.ts';
import { planDesired } from '../../shared/plan/desired.ts';
import { sayLines, sayOr } from '../../shared/plan/say.ts';
import type { HostContext, Plan, Step } from '../../shared/plan/types.ts';
import { visible } from '../../shared/text/visible.ts';
import type { Topology } from '../../shared/topology/model.ts';
import { executePlan, rollbackOf } from '../plan/executor.ts';
import { protectedInterfaces, readRouteDevices } from '../plan/protected.ts';
import { Journal } from '../ssh/journal.ts';
import { diffText, itemLine, planText, resultText } from './desired-print.ts';
import { readTopology } from './files.ts';
import { argumentsProblem, errorText, t, tell } from './i18n.ts';
import { EXIT, SSH_OPTIONS, sshHelp, UsageProblem, connectHost, exitCodeOf, readHost, reportError, targetOf, usage, type ConnectedHost, type HostTarget } from './host.ts';

export type DesiredCommand = 'diff' | 'plan' | 'apply';

/** What `virtwire diff|plan|apply --help` prints, and a usage error after its message. */
export const desiredUsage = (): string => t('cli.desired.usage', { sshOptions: sshHelp() });

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
    usage(argumentsProblem(e));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 2) usage(t('cli.desired.fileAndHost', { command }));
  const allowed: Record<DesiredCommand, string[]> = { diff: ['json'], plan: ['json', 'prune'], apply: ['prune', 'yes', 'rollback-on-failure', 'journal'] };
  for (const name of ['json', 'prune', 'yes', 'rollback-on-failure', 'journal'] as const) {
    if (values[name] !== undefined && !allowed[command].includes(name)) usage(t('cli.usage.noOption', { command, option: `--${name}` }));
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
    if (!ids.includes(options.fileHost)) {
      const named = { file: options.file, id: options.fileHost };
      usage(ids.length ? t('cli.desired.noSuchHost', { ...named, ids: ids.join(', ') }) : t('cli.desired.noSuchHostEmpty', named));
    }
    return options.fileHost;
  }
  if (ids.length === 1) return ids[0]!;
  if (ids.length === 0) usage(t('cli.desired.noHost', { file: options.file }));
  usage(t('cli.desired.severalHosts', { file: options.file, count: ids.length, ids: ids.join(', ') }));
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
  for (const banner of banners) io.stderr.write(`virtwire: ${t('cli.warning', { message: visible(tell(banner)) })}\n`);
  return { live: topology, diff: diffTopologies(file, fileHost, topology, host.record.id) };
}

async function confirm(io: Io, question: string): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output: io.stdout });
  try {
    // y or yes whatever the language, and 是 (yes) for an answer in Chinese
    return /^(y(es)?|是)$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** `virtwire plan --json`: the plan in English, as scripts read it in every language (no catalogue messages). */
export const planJson = (desired: DesiredPlan, commandLineOf: (argv: string[], needs: 'libvirt' | 'root') => string) => ({
  steps: (desired.plan?.steps ?? []).map((s) => ({
    description: s.description,
    argv: s.argv,
    commandLine: commandLineOf(s.argv, s.needs),
    ...(s.stdin !== undefined ? { stdin: s.stdin } : {}),
    scope: s.scope,
    impact: s.impact && { when: s.impact.when, text: s.impact.text, ...(s.impact.losesLink ? { losesLink: s.impact.losesLink } : {}) },
    destructive: s.destructive,
    undoable: s.inverse !== null,
  })),
  warnings: desired.plan?.warnings ?? [],
  summary: desired.plan?.affects.summary ?? [],
  leftAlone: desired.leftAlone.map(({ item, reason }) => ({ item, reason })),
  cannot: desired.cannot.map(({ item, reason }) => ({ item, reason })),
});

/** A step with its sentences in the CLI's language. */
function spokenStep(step: Step): Step {
  const out: Step = { ...step, description: sayOr(tell, step.description, step.says) };
  if (step.impact) out.impact = { ...step.impact, text: sayOr(tell, step.impact.text, step.impact.says) };
  if (step.irreversibleReason !== undefined) out.irreversibleReason = sayOr(tell, step.irreversibleReason, step.irreversibleSays);
  return out;
}

const spokenUnplanned = (list: readonly Unplanned[]): Unplanned[] => list.map((u) => ({ ...u, reason: sayOr(tell, u.reason, u.says) }));

/**
 * The plan as the CLI prints it: every sentence the planner wrote (steps, when they take effect,
 * what the plan does, warnings, what is left alone or cannot be done) in the CLI's language.
 */
export function spokenPlan(desired: DesiredPlan): DesiredPlan {
  const plan: Plan | null = desired.plan && {
    ...desired.plan,
    steps: desired.plan.steps.map(spokenStep),
    affects: { ...desired.plan.affects, summary: sayLines(tell, desired.plan.affects.summary, desired.plan.affects.summarySays) },
    warnings: sayLines(tell, desired.plan.warnings, desired.plan.warningSays),
  };
  return { ...desired, plan, leftAlone: spokenUnplanned(desired.leftAlone), cannot: spokenUnplanned(desired.cannot) };
}

/** What apply did to each step, said in the CLI's language. */
const spokenResults = (results: readonly StepResult[]): StepResult[] =>
  results.map((r) => ({
    ...r,
    description: sayOr(tell, r.description, r.says),
    ...(r.detail !== undefined ? { detail: sayOr(tell, r.detail, r.detailSays) } : {}),
  }));

/** What `virtwire plan` prints: the plan in words, in the CLI's language, or its English JSON with --json. */
export function planOutput(desired: DesiredPlan, commandLineOf: (argv: string[], needs: 'libvirt' | 'root') => string, options: { json: boolean; prune: boolean }): string {
  if (options.json) return `${JSON.stringify(planJson(desired, commandLineOf), null, 2)}\n`;
  return planText(spokenPlan(desired), (s) => commandLineOf(s.argv, s.needs), options.prune);
}

async function apply(options: Options, host: ConnectedHost, file: Topology, fileHost: string, desired: DesiredPlan, io: Io, journal: Journal): Promise<number> {
  const label = visible(host.record.id);
  const line = (s: { argv: string[]; needs: 'libvirt' | 'root' }) => host.runner.commandLineFor(s.argv, s.needs);
  const plan = desired.plan;
  if (!plan) {
    io.stdout.write(planText(spokenPlan(desired), line, options.prune));
    return desired.cannot.length ? 1 : EXIT.ok;
  }
  if (!options.yes) {
    if (!io.stdin.isTTY) {
      io.stderr.write(`virtwire: ${t('cli.apply.noTerminal', { host: label })}\n`);
      return EXIT.usage;
    }
    io.stdout.write(planText(spokenPlan(desired), line, options.prune));
    if (!(await confirm(io, t('cli.apply.confirm', { count: plan.steps.length, host: label })))) {
      io.stdout.write(`${t('cli.apply.nothingChanged')}\n`);
      return 1;
    }
  }
  io.stdout.write(`${t('cli.apply.applying', { count: plan.steps.length, host: label })}\n`);
  const execution = await executePlan(plan, (argv, o) => host.runner.run(argv, o), {
    onProgress: (p) => {
      if (p.state === 'running') return;
      const step = { step: String(p.stepIndex + 1), total: String(plan.steps.length), state: p.state };
      const detail = p.detail !== undefined ? sayOr(tell, p.detail, p.detailSays) : undefined;
      io.stdout.write(`  ${detail ? t('cli.apply.progressDetail', { ...step, detail: visible(detail) }) : t('cli.apply.progress', step)}\n`);
    },
  });
  if (execution.status === 'failed') {
    io.stdout.write(`${t('cli.apply.stopped')}\n${resultText(spokenResults(execution.steps), (i) => line(plan.steps[i]!))}`);
    if (execution.error) reportError(ApiError.from(execution.error), io.stderr);
    const rollback = rollbackOf(plan, execution);
    if (!options.rollback) {
      io.stdout.write(`${rollback.plan ? t('cli.apply.notRolledBack', { count: rollback.plan.steps.length }) : t('cli.apply.noneTookEffect')}\n`);
    } else if (rollback.refused) {
      io.stdout.write(`${t('cli.apply.cannotRollBack', { reason: visible(sayOr(tell, rollback.refused, rollback.refusedSays)) })}\n`);
    } else if (rollback.plan) {
      io.stdout.write(`${t('cli.apply.rollingBack', { count: rollback.plan.steps.length })}\n`);
      const undone = await executePlan(rollback.plan, (argv, o) => host.runner.run(argv, o));
      io.stdout.write(resultText(spokenResults(undone.steps), (i) => line(rollback.plan!.steps[i]!)));
      io.stdout.write(`${t(undone.status === 'failed' ? 'cli.apply.rollbackFailed' : 'cli.apply.rolledBack')}\n`);
    }
    await writeJournal(options, journal, io);
    return EXIT.remote;
  }
  io.stdout.write(resultText(spokenResults(execution.steps), (i) => line(plan.steps[i]!)));
  await writeJournal(options, journal, io);
  // Done means the host now reads like the file, not that the commands exited 0.
  const after = await compare(host, file, fileHost, io);
  const notDone = notDoneAfter(desired, after.diff);
  const kept = after.diff.items.length - notDone.length;
  if (notDone.length) {
    io.stdout.write(`${t('cli.apply.notDone', { host: label, file: visible(options.file) })}\n${notDone.map((u) => `  ${itemLine(u.item)}\n      ${visible(tell(u.says))}`).join('\n')}\n`);
    return 1;
  }
  const matched = { host: label, file: visible(options.file) };
  io.stdout.write(`${kept ? t('cli.apply.matchesApartFrom', { ...matched, count: kept }) : t('cli.apply.matches', matched)}\n`);
  return EXIT.ok;
}

async function writeJournal(options: Options, journal: Journal, io: Io): Promise<void> {
  if (!options.journal) return;
  await writeFile(options.journal, journal.toShellScript(), { mode: 0o600 });
  io.stdout.write(`${t('cli.apply.journal', { count: journal.entries().length, file: visible(options.journal) })}\n`);
}

export async function runDesired(command: DesiredCommand, argv: string[], io: Io = process): Promise<number> {
  let options: Options;
  try {
    options = parse(command, argv);
  } catch (e) {
    io.stderr.write(`virtwire: ${visible(e instanceof Error ? e.message : String(e))}\n\n${desiredUsage()}`);
    return EXIT.usage;
  }
  // The file is read and checked before anything reaches the host.
  let file: Topology;
  let fileHost: string;
  try {
    file = await readTopology(options.file);
    fileHost = fileHostOf(file, options);
  } catch (e) {
    io.stderr.write(`virtwire: ${visible(e instanceof UsageProblem ? e.message : errorText(ApiError.from(e)))}\n`);
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
      io.stdout.write(planOutput(desired, (a, n) => host.runner.commandLineFor(a, n), options));
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
