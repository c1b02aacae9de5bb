// A scripted host for executor and service tests: answers each command from a list of rules
// (first match wins, default exit 0) and records every command it was asked to run.
import type { RunResult, RunStep } from '../../../electron/plan/executor.ts';
import type { StepNeeds } from '../../../shared/plan/ops.ts';
import { verbatim } from '../../../shared/plan/say.ts';
import type { Plan, Step, StepAction } from '../../../shared/plan/types.ts';

export interface Call {
  argv: string[];
  stdin?: string;
  needs?: StepNeeds;
}

export type Rule = [match: (argv: string[]) => boolean, answer: RunResult | Error | ((argv: string[]) => RunResult)];

export function scriptedHost(rules: Rule[] = []): { run: RunStep; calls: Call[]; rules: Rule[] } {
  const calls: Call[] = [];
  const run: RunStep = async (argv, options) => {
    calls.push({ argv: [...argv], ...(options.stdin !== undefined ? { stdin: options.stdin } : {}), ...(options.needs ? { needs: options.needs } : {}) });
    const rule = rules.find(([match]) => match(argv));
    if (!rule) return { code: 0, stdout: '', stderr: '' };
    const answer = rule[1];
    if (answer instanceof Error) throw answer;
    return typeof answer === 'function' ? answer(argv) : answer;
  };
  return { run, calls, rules };
}

export const has = (...words: string[]) => (argv: string[]) => words.every((w) => argv.includes(w));
export const fails = (code: number, stderr: string): RunResult => ({ code, stdout: '', stderr });

/** A step running `ip ARGS`; the operation only matters to the executor for VM NIC steps. */
export function action(args: string[], more: Partial<StepAction> = {}): StepAction {
  const description = `ip ${args.join(' ')}`;
  return { op: { op: 'link-state', device: args[3] ?? 'x', up: true }, argv: ['ip', ...args], description, says: verbatim(description), scope: 'host', needs: 'root', destructive: false, ...more };
}

export const step = (forward: StepAction, backward: StepAction | null): Step => ({ ...forward, inverse: backward });

export function planOf(steps: Step[]): Plan {
  return { intent: { kind: 'bridge-create', name: 'x' }, steps, affects: { vms: [], summary: [] }, destructive: false, warnings: [] };
}
