// One change to many objects at once — the NICs or VMs selected together on the graph: each
// intent planned against the host as it is, their steps in one plan, so one preview, one apply
// and one undo cover them all. Only changes that cannot interfere with each other are allowed
// together: each acts on its own NIC or VM, and the same object is not named twice.
import type { Topology } from '../topology/model.ts';
import { planIntent } from './planner.ts';
import { english, msg, refusal, uniqueLines, type Message } from './say.ts';
import { type HostContext, type Intent, MAX_BULK, type Plan, type PlanOptions } from './types.ts';

const BULK_KINDS = new Set<Intent['kind']>(['nic-detach', 'nic-move', 'nic-link', 'vm-start', 'vm-shutdown', 'vm-destroy']);

/** The object an intent of a bulk change acts on: a NIC (VM and MAC) or a VM. */
function subjectOf(intent: Intent): Message {
  if (intent.kind === 'nic-detach' || intent.kind === 'nic-move' || intent.kind === 'nic-link') return msg('plan.bulk.nic', { mac: intent.mac.toLowerCase(), vm: intent.vm });
  if (intent.kind === 'vm-start' || intent.kind === 'vm-shutdown' || intent.kind === 'vm-destroy') return msg('plan.bulk.vm', { vm: intent.vm });
  return msg('plan.verbatim', { text: intent.kind });
}

/** Refuses a list of intents that cannot run as one bulk change, saying why. */
export function checkBulk(intents: readonly Intent[]): void {
  if (intents.length === 0) throw refusal('plan.bulk.nothing');
  if (intents.length > MAX_BULK) throw refusal('plan.bulk.tooMany', { max: String(MAX_BULK), count: String(intents.length) });
  const other = intents.find((i) => !BULK_KINDS.has(i.kind));
  if (other) throw refusal('plan.bulk.notTogether', { kind: other.kind });
  const seen = new Set<string>();
  for (const intent of intents) {
    const subject = subjectOf(intent);
    const key = JSON.stringify(subject);
    if (seen.has(key)) throw refusal('plan.bulk.twice', { subject });
    seen.add(key);
  }
}

const BULK_TITLES: Partial<Record<Intent['kind'], Message['key']>> = {
  'nic-detach': 'plan.bulk.detach',
  'nic-move': 'plan.bulk.move',
  'nic-link': 'plan.bulk.link',
  'vm-start': 'plan.bulk.start',
  'vm-shutdown': 'plan.bulk.shutdown',
  'vm-destroy': 'plan.bulk.forceOff',
};

/** A bulk change in words: "Detach 3 NICs", or "5 changes to selected NICs and VMs". */
export function bulkTitleSays(intents: readonly Intent[]): Message {
  const kinds = new Set(intents.map((i) => i.kind));
  const key = kinds.size === 1 ? BULK_TITLES[intents[0]!.kind] : undefined;
  return msg(key ?? 'plan.bulk.mixed', { count: intents.length });
}

export const bulkTitle = (intents: readonly Intent[]): string => english(bulkTitleSays(intents));

/** The plan of a bulk change: every intent's steps in the order given. */
export function planBulk(intents: readonly Intent[], topology: Topology, ctx: HostContext, options: PlanOptions = {}): Plan {
  checkBulk(intents);
  const plans = intents.map((intent) => planIntent(intent, topology, ctx, options));
  if (plans.length === 1) return plans[0]!;
  const steps = plans.flatMap((p) => p.steps);
  const titleSays = bulkTitleSays(intents);
  const summary = uniqueLines(plans.map((p) => [p.affects.summary, p.affects.summarySays]));
  const warnings = uniqueLines(plans.map((p) => [p.warnings, p.warningSays]));
  return {
    intent: intents[0]!,
    intents: [...intents],
    title: english(titleSays),
    titleSays,
    steps,
    affects: {
      vms: [...new Set(plans.flatMap((p) => p.affects.vms))].sort(),
      summary: summary.english,
      summarySays: summary.says,
    },
    destructive: plans.some((p) => p.destructive),
    warnings: warnings.english,
    warningSays: warnings.says,
  };
}
