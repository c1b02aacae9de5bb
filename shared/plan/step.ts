// Building blocks for Steps: the two command families (virsh, ip), undo pairs, and plan
// inversion for rollback and undo.
import { ApiError } from '../errors.ts';
import type { HostContext, Plan, Step, StepAction } from './types.ts';

/** A virsh command on the profile's libvirt connection; virsh talks to libvirtd, not the kernel, so it never needs sudo. */
export function virsh(ctx: HostContext, ...args: string[]): string[] {
  return ['virsh', '-c', ctx.uri, ...args];
}

/** Changing links needs CAP_NET_ADMIN: elevated unless the profile is root. */
export function ipCommand(ctx: HostContext, description: string, args: string[], more: Partial<StepAction> = {}): StepAction {
  return {
    argv: ['ip', ...args],
    description,
    scope: 'host',
    privileged: !ctx.isRoot,
    destructive: false,
    ...more,
  };
}

/** A step with its undo. */
export function undoable(forward: StepAction, backward: StepAction): Step {
  return { ...forward, inverse: backward };
}

/** A step nothing can undo; the reason is shown in the preview. */
export function irreversible(forward: StepAction, reason: string): Step {
  return { ...forward, inverse: null, irreversibleReason: reason };
}

function actionOf(step: Step): StepAction {
  const { inverse: _inverse, irreversibleReason: _reason, ...action } = step;
  return action;
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
    steps,
    affects: plan.affects,
    destructive: steps.some((s) => s.destructive),
    warnings: [],
  };
}
