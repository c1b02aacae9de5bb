// Building blocks for Steps: an operation with its undo, and plan inversion for rollback and
// undo. Every command comes from commandOf (ops.ts), so what the preview shows is what runs.
import { commandOf, type Operation } from './ops.ts';
import { english, msg, refusal, verbatim, type Message } from './say.ts';
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
export function irreversible(ctx: Pick<HostContext, 'uri'>, forward: Operation, reason: Message): Step {
  return { ...action(ctx, forward), inverse: null, irreversibleReason: english(reason), irreversibleSays: reason };
}

function actionOf(step: Step): StepAction {
  const { inverse: _inverse, irreversibleReason: _reason, irreversibleSays: _says, commandLine: _line, impact: _impact, ...rest } = step;
  return rest;
}

/** A step's sentence as a message: its own, else (a step recorded before messages) its English as it is. */
export const stepSays = (step: Pick<StepAction, 'description'> & { says?: Message }): Message => step.says ?? verbatim(step.description);

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
      const reason = step.irreversibleSays ?? (step.irreversibleReason !== undefined ? verbatim(step.irreversibleReason) : msg('plan.noInverse'));
      throw refusal('plan.cannotUndo', { step: stepSays(step), reason });
    }
    return inverse;
  });
  return {
    intent: plan.intent,
    ...(plan.intents ? { intents: plan.intents } : {}),
    ...(plan.title ? { title: plan.title } : {}),
    ...(plan.titleSays ? { titleSays: plan.titleSays } : {}),
    steps,
    affects: plan.affects,
    destructive: steps.some((s) => s.destructive),
    warnings: [],
    warningSays: [],
  };
}
