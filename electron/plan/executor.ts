// Runs a Plan's Steps in order on one host and says exactly what happened to each: it stops
// at the first failure, counts a step whose error says its effect is already in place as
// skipped (so re-running a partly applied plan is safe), and never reports a live NIC detach
// as done before the guest has let go of the NIC.
import type { PlanProgress, StepResult } from '../../shared/api/plan.ts';
import { ApiError, type ApiErrorData } from '../../shared/errors.ts';
import { english, errorSays, msg, refusal, type Message } from '../../shared/plan/say.ts';
import { invertPlan, stepSays } from '../../shared/plan/step.ts';
import type { StepNeeds } from '../../shared/plan/ops.ts';
import type { Plan, Step } from '../../shared/plan/types.ts';
import type { RunResult } from '../ssh/runner.ts';
import { attachPresence, DEFAULT_DETACH_WAIT, detachCompleted, nicStep, type DetachWait } from './nic-checks.ts';

export type { RunResult };

/** The part of the SSH command runner (HostRunner.run) the executor needs. */
export type RunStep = (argv: string[], options: { stdin?: string; needs?: StepNeeds; timeout?: number; signal?: AbortSignal }) => Promise<RunResult>;

export interface ExecuteOptions {
  /** each step's progress; `detailSays` is `detail` as a catalogue message */
  onProgress?: (progress: Omit<PlanProgress, 'planId'> & { detailSays?: Message }) => void;
  detachWait?: DetachWait;
  /** per command; virsh shutdown and net-start can take a while on a loaded host */
  timeoutMs?: number;
  /**
   * Look for an attach's MAC on the VM before attaching (default true). Needed whenever the
   * NIC may already exist: a re-run, an undo/redo or rollback (a detach may still be pending).
   * A first run of a fresh plan can skip it: the planner picked a MAC no NIC on the host had.
   */
  checkAttach?: boolean;
  /** cancels the plan: the running command is stopped and no further step starts */
  signal?: AbortSignal;
}

export interface Execution {
  steps: StepResult[];
  status: 'applied' | 'pending' | 'failed';
  /** why the failed step did not finish, when it did not */
  error?: ApiErrorData;
}

const DEFAULT_TIMEOUT_MS = 60_000;

const base = (step: Step, index: number) => ({ index, description: step.description, says: stepSays(step), argv: [...step.argv] });

/** Why a step ended as it did, in English and as a message. */
const detail = (says: Message) => ({ detail: english(says), detailSays: says });

type Ran = StepResult & { outcome: Exclude<StepResult['outcome'], 'not-run'>; error?: ApiErrorData };

/** Runs one step; never throws. */
async function runStep(run: RunStep, step: Step, index: number, options: ExecuteOptions): Promise<Ran> {
  const nic = nicStep(step);
  if (nic?.verb === 'attach' && options.checkAttach !== false) {
    const presence = await attachPresence(run, nic);
    if (presence === 'all') {
      return { ...base(step, index), outcome: 'skipped', exitCode: null, stderr: '', ...detail(msg('plan.run.hasNic', { vm: nic.domain, mac: nic.mac })) };
    }
    if (presence === 'some') {
      return { ...base(step, index), outcome: 'failed', exitCode: null, stderr: '', ...detail(msg('plan.run.hasNicOneSide', { vm: nic.domain, mac: nic.mac })) };
    }
  }
  let result: RunResult;
  try {
    result = await run(step.argv, {
      stdin: step.stdin,
      needs: step.needs,
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (e) {
    const error = ApiError.from(e);
    return { ...base(step, index), outcome: 'failed', exitCode: null, stderr: error.detail ?? '', ...detail(errorSays(error)), error: error.toJSON() };
  }
  const stderr = result.stderr.trim();
  if (result.code === 0) {
    if (nic?.verb === 'detach' && nic.live && !(await detachCompleted(run, nic, options.detachWait ?? DEFAULT_DETACH_WAIT))) {
      return { ...base(step, index), outcome: 'pending', exitCode: 0, stderr, ...detail(msg('plan.run.detachPending', { vm: nic.domain, mac: nic.mac })) };
    }
    return { ...base(step, index), outcome: 'ran', exitCode: 0, stderr };
  }
  if (step.alreadyDoneIf && new RegExp(step.alreadyDoneIf, 'i').test(stderr)) {
    return { ...base(step, index), outcome: 'skipped', exitCode: result.code, stderr, ...detail(msg('plan.run.alreadyDone')) };
  }
  return { ...base(step, index), outcome: 'failed', exitCode: result.code, stderr, ...detail(msg('plan.run.failed', { code: String(result.code) })) };
}

const PROGRESS: Record<'ran' | 'pending' | 'skipped' | 'failed', PlanProgress['state']> = { ran: 'done', pending: 'pending', skipped: 'skipped', failed: 'failed' };

export async function executePlan(plan: Plan, run: RunStep, options: ExecuteOptions = {}): Promise<Execution> {
  const steps: StepResult[] = [];
  let failed = false;
  let error: ApiErrorData | undefined;
  for (const [index, step] of plan.steps.entries()) {
    if (!failed && options.signal?.aborted) {
      failed = true;
      error = refusal('plan.run.cancelled', undefined, undefined, 'cancelled').toJSON();
    }
    if (failed) {
      steps.push({ ...base(step, index), outcome: 'not-run', exitCode: null, stderr: '' });
      continue;
    }
    options.onProgress?.({ stepIndex: index, state: 'running' });
    const { error: stepError, ...result } = await runStep(run, step, index, options);
    steps.push(result);
    options.onProgress?.({ stepIndex: index, state: PROGRESS[result.outcome], ...(result.detail ? { detail: result.detail } : {}), ...(result.detailSays ? { detailSays: result.detailSays } : {}) });
    failed = result.outcome === 'failed';
    error = stepError;
  }
  const status = failed ? 'failed' : steps.some((s) => s.outcome === 'pending') ? 'pending' : 'applied';
  return { steps, status, ...(error ? { error } : {}) };
}

/**
 * The plan that undoes what took effect: inverses of the steps that ran, are pending, or were
 * skipped as already done (on a re-run those are this plan's own earlier effects), newest
 * first. null when nothing took effect; `refused` (and `refusedSays`) when a step that took
 * effect has no inverse.
 */
export function rollbackOf(plan: Plan, execution: Pick<Execution, 'steps'>): { plan: Plan | null; refused?: string; refusedSays?: Message } {
  const tookEffect = execution.steps.filter((s) => s.outcome === 'ran' || s.outcome === 'pending' || s.outcome === 'skipped').map((s) => plan.steps[s.index]!);
  if (tookEffect.length === 0) return { plan: null };
  try {
    return { plan: invertPlan(plan, tookEffect) };
  } catch (e) {
    return { plan: null, refused: ApiError.from(e).message, refusedSays: errorSays(e) };
  }
}
