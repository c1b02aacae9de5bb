// Building blocks for Steps: an operation with its undo, and plan inversion for rollback and
// undo. Every command comes from commandOf (ops.ts), so what the preview shows is what runs.
import { ApiError } from '../errors.ts';
import { commandOf, type Operation } from './ops.ts';
import type { HostContext, Plan, Step, StepAction } from './types.ts';

/** The operation with its command on this host. */
export function action(ctx: Pick<HostContext, 'uri'>, op: Operation): StepAction {
  return { op, ...commandOf(op, ctx.uri) };
}

/** A step with its undo. */
export function undoable(ctx: Pick<HostContext, 'uri'>, forward: Operation, backward: Operation): Step {
  return { ...action(ctx, forward), inverse: action(ctx, backward) };
}

/** A step nothing can undo; the reason is shown in the preview. */
export function irreversible(ctx: Pick<HostContext, 'uri'>, forward: Operation, reason: string): Step {
  return { ...action(ctx, forward), inverse: null, irreversibleReason: reason };
}

function actionOf(step: Step): StepAction {
  const { inverse: _inverse, irreversibleReason: _reason, commandLine: _line, impact: _impact, ...rest } = step;
  return rest;
}

/** The step that undoes `step`, whose own inverse is `step` again; null when nothing can undo it. */
export function invertStep(step: Step): Step | null {
  return step.inverse ? { ...step.inverse, inverse: actionOf(step) } : null;
}

/**
 * The plan that undoes `plan` (rollback, Ctrl+Z): the inverses in reverse order. Pass the
 * steps that actually ran when a plan stopped part-way. Throws when a step has no inverse,
 * naming it, because a partial undo would leave the host in a state nobody planned.
 */
export function invertPlan(plan: Plan, ran: readonly Step[] = plan.steps): Plan {
  const steps = [...ran].reverse().map((step) => {
    const inverse = invertStep(step);
    if (!inverse) {
      throw new ApiError('invalid-input', `"${step.description}" cannot be undone: ${step.irreversibleReason ?? 'it has no inverse'}`);
    }
    return inverse;
  });
  return {
    intent: plan.intent,
    ...(plan.intents ? { intents: plan.intents } : {}),
    ...(plan.title ? { title: plan.title } : {}),
    steps,
    affects: plan.affects,
    destructive: steps.some((s) => s.destructive),
    warnings: [],
  };
}
