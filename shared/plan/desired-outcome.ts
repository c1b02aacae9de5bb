// What a desired-state plan (desired.ts) leaves undone: the differences no step makes go away,
// each with why, before an apply (DesiredPlan.leftAlone, .cannot) and after it (notDoneAfter:
// what the host still shows, never counted as done).
import type { DiffItem, TopologyDiff } from '../diff/types.ts';
import { english, msg, verbatim, type Message } from './say.ts';
import type { Intent, Plan, Step } from './types.ts';

/** A difference and why no step makes it go away: `reason` in English, `says` as a catalogue message. */
export interface Unplanned {
  item: DiffItem;
  reason: string;
  says: Message;
}

export const unplanned = (item: DiffItem, says: Message): Unplanned => ({ item, reason: english(says), says });

export interface DesiredPlan {
  /** null when nothing is to be done */
  plan: Plan | null;
  /** the intents planned, in order */
  intents: Intent[];
  /** on the host and not in the file, left as it is because removal was not allowed */
  leftAlone: Unplanned[];
  /** differences no step can make go away, each with the reason */
  cannot: Unplanned[];
}

/** A difference by what it is about, so one seen before an apply is known in the diff after it. */
export const diffItemKey = (i: DiffItem): string => JSON.stringify([i.kind, i.change, i.name, i.mac ?? null]);

/** Whether a step acts on what a difference is about. */
function stepIsFor(step: Step, item: DiffItem): boolean {
  const op = step.op;
  if (item.kind === 'nic' || item.kind === 'vm') return 'vm' in op && op.vm === item.name && (item.mac === undefined || ('mac' in op && op.mac.toLowerCase() === item.mac));
  if (item.kind === 'network') return 'network' in op && op.network === item.name;
  return ('name' in op && op.name === item.name) || ('device' in op && op.device === item.name);
}

/**
 * After a desired-state plan has run: each difference the host still shows (`after`, the diff
 * read afterwards) that was not left alone, with why — never counted as done. A difference no
 * step could make keeps its reason; one whose steps take effect later says when; one whose steps
 * ran and that is still there says so.
 */
export function notDoneAfter(desired: Pick<DesiredPlan, 'plan' | 'leftAlone' | 'cannot'>, after: TopologyDiff): Unplanned[] {
  const leftAlone = new Set(desired.leftAlone.map((u) => diffItemKey(u.item)));
  const cannot = new Map(desired.cannot.map((u) => [diffItemKey(u.item), u.says ?? verbatim(u.reason)]));
  return after.items
    .filter((item) => !leftAlone.has(diffItemKey(item)))
    .map((item) => {
      const known = cannot.get(diffItemKey(item));
      if (known) return unplanned(item, msg('plan.desired.cannot', { reason: known }));
      const steps = (desired.plan?.steps ?? []).filter((s) => stepIsFor(s, item));
      const later = steps.find((s) => s.impact && s.impact.when !== 'now');
      if (later) return unplanned(item, msg('plan.desired.notYet', { impact: later.impact!.says ?? verbatim(later.impact!.text) }));
      if (steps.length) return unplanned(item, msg('plan.desired.stillDiffers'));
      return unplanned(item, msg('plan.desired.unplanned'));
    });
}
