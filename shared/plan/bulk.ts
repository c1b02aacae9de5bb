// One change to many objects at once — the NICs or VMs selected together on the graph: each
// intent planned against the host as it is, their steps in one plan, so one preview, one apply
// and one undo cover them all. Only changes that cannot interfere with each other are allowed
// together: each acts on its own NIC or VM, and the same object is not named twice.
import { ApiError } from '../errors.ts';
import type { Topology } from '../topology/model.ts';
import { planIntent } from './planner.ts';
import { type HostContext, type Intent, MAX_BULK, type Plan, type PlanOptions } from './types.ts';

const BULK_KINDS = new Set<Intent['kind']>(['nic-detach', 'nic-move', 'nic-link', 'vm-start', 'vm-shutdown', 'vm-destroy']);

/** The object an intent of a bulk change acts on: a NIC (VM and MAC) or a VM. */
function subjectOf(intent: Intent): string {
  if (intent.kind === 'nic-detach' || intent.kind === 'nic-move' || intent.kind === 'nic-link') return `NIC ${intent.mac.toLowerCase()} of ${intent.vm}`;
  if (intent.kind === 'vm-start' || intent.kind === 'vm-shutdown' || intent.kind === 'vm-destroy') return `VM ${intent.vm}`;
  return intent.kind;
}

/** Refuses a list of intents that cannot run as one bulk change, saying why. */
export function checkBulk(intents: readonly Intent[]): void {
  if (intents.length === 0) throw new ApiError('invalid-input', 'Nothing is selected to change.');
  if (intents.length > MAX_BULK) throw new ApiError('invalid-input', `At most ${MAX_BULK} objects can be changed at once; ${intents.length} are selected.`);
  const other = intents.find((i) => !BULK_KINDS.has(i.kind));
  if (other) throw new ApiError('invalid-input', `“${other.kind}” cannot be part of a change to several objects at once.`);
  const seen = new Set<string>();
  for (const intent of intents) {
    const subject = subjectOf(intent);
    if (seen.has(subject)) throw new ApiError('invalid-input', `The ${subject} is named twice in one change.`);
    seen.add(subject);
  }
}

const BULK_VERBS: Partial<Record<Intent['kind'], [string, string, string]>> = {
  'nic-detach': ['Detach', 'NIC', 'NICs'],
  'nic-move': ['Move', 'NIC', 'NICs'],
  'nic-link': ['Set the link of', 'NIC', 'NICs'],
  'vm-start': ['Start', 'VM', 'VMs'],
  'vm-shutdown': ['Shut down', 'VM', 'VMs'],
  'vm-destroy': ['Force off', 'VM', 'VMs'],
};

/** A bulk change in words: "Detach 3 NICs", or "5 changes to selected NICs and VMs". */
export function bulkTitle(intents: readonly Intent[]): string {
  const kinds = new Set(intents.map((i) => i.kind));
  const verb = kinds.size === 1 ? BULK_VERBS[intents[0]!.kind] : undefined;
  if (!verb) return `${intents.length} changes to selected NICs and VMs`;
  const [what, one, many] = verb;
  return `${what} ${intents.length} ${intents.length === 1 ? one : many}`;
}

/** The plan of a bulk change: every intent's steps in the order given. */
export function planBulk(intents: readonly Intent[], topology: Topology, ctx: HostContext, options: PlanOptions = {}): Plan {
  checkBulk(intents);
  const plans = intents.map((intent) => planIntent(intent, topology, ctx, options));
  if (plans.length === 1) return plans[0]!;
  const steps = plans.flatMap((p) => p.steps);
  return {
    intent: intents[0]!,
    intents: [...intents],
    title: bulkTitle(intents),
    steps,
    affects: {
      vms: [...new Set(plans.flatMap((p) => p.affects.vms))].sort(),
      summary: [...new Set(plans.flatMap((p) => p.affects.summary))],
    },
    destructive: plans.some((p) => p.destructive),
    warnings: [...new Set(plans.flatMap((p) => p.warnings))],
  };
}
