// Undo and redo of a change recorded in an earlier run. Nothing stored on disk runs as it was
// stored: each operation is checked (names, MACs, a kind this version knows), its command is
// made again by the one function that makes commands (ops.ts commandOf, for the host's
// connection as it is now), and the plan must still fit the host as just read — the NICs it
// detaches or changes must be there, the ones it attaches must not, what it creates must be
// absent — before the usual re-check (recheck.ts) narrows it to what can run. Otherwise it is
// refused, saying why, and nothing runs.
import { messageSchema } from '../../shared/api/outputs.ts';
import type { Operation } from '../../shared/plan/ops.ts';
import { objectSays } from '../../shared/plan/recheck.ts';
import { msg, refusal, verbatim, type Message } from '../../shared/plan/say.ts';
import { action } from '../../shared/plan/step.ts';
import type { HostContext, Plan, Step, StepAction } from '../../shared/plan/types.ts';
import type { Topology } from '../../shared/topology/model.ts';
import { interfaceNameProblem, libvirtNameProblem, macProblem } from '../../shared/validate/names.ts';

function refuse(problem: Message): never {
  throw refusal('plan.restored.refused', { problem });
}

/** A message read back from disk, if it is one this version's catalogue says; else nothing, and the English is shown. */
function kept(value: unknown): Message | undefined {
  const parsed = messageSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function keptAll(values: unknown, english: readonly string[]): Message[] | undefined {
  if (!Array.isArray(values) || values.length !== english.length) return undefined;
  const messages = values.map(kept);
  return messages.every((m): m is Message => m !== undefined) ? messages : undefined;
}

/** A stored step's sentence: its message when it still reads, else its English as it is. */
const storedSays = (stored: { description: string; says?: unknown }): Message => kept(stored.says) ?? verbatim(stored.description);

const NAME_CHECKS: Record<string, (value: string) => Message | undefined> = {
  vm: libvirtNameProblem,
  network: libvirtNameProblem,
  name: interfaceNameProblem,
  device: interfaceNameProblem,
  bridge: interfaceNameProblem,
  mac: macProblem,
};

/** The operation's command made afresh for this host, after checking every name it carries. */
/** Operation fields that hold words as messages: kept only when they still read as messages of this catalogue. */
const MESSAGE_FIELDS = ['onSays', 'whatSays'] as const;

function rebuilt(ctx: HostContext, stored: StepAction): StepAction {
  const what = storedSays(stored);
  const op = { ...(stored.op as Operation & Record<string, unknown>) };
  for (const [field, check] of Object.entries(NAME_CHECKS)) {
    const value = op[field];
    if (value === undefined) continue;
    const problem = typeof value === 'string' ? check(value) : msg('plan.restored.notText');
    if (problem !== undefined) refuse(msg('plan.restored.badName', { step: what, field, problem }));
  }
  for (const field of MESSAGE_FIELDS) if (field in op && kept(op[field]) === undefined) delete op[field];
  let fresh: StepAction;
  try {
    fresh = action(ctx, op);
  } catch {
    refuse(msg('plan.restored.unknownKind', { step: what }));
  }
  if (!Array.isArray(fresh?.argv) || fresh.argv.length === 0) refuse(msg('plan.restored.unknownKind', { step: what }));
  return fresh;
}

function rebuiltStep(ctx: HostContext, step: Step): Step {
  const fresh = rebuilt(ctx, step);
  const inverse = step.inverse ? rebuilt(ctx, step.inverse) : null;
  const reason = step.irreversibleReason ? { irreversibleReason: step.irreversibleReason, irreversibleSays: kept(step.irreversibleSays) ?? verbatim(step.irreversibleReason) } : {};
  return { ...fresh, inverse, ...reason };
}

const CREATES: Record<string, (op: Record<string, unknown>) => string | null> = {
  'bridge-add': (op) => `device:${String(op.name)}`,
  'tap-add': (op) => `device:${String(op.name)}`,
  'ovs-bridge-add': (op) => `device:${String(op.name)}`,
  'net-create': (op) => `network:${String(op.network)}`,
  'net-define': (op) => (op.redefine ? null : `network:${String(op.network)}`),
};

/** Whether the host as read holds this object (`vm:`, `network:`, `device:`). */
function present(topology: Topology, hostId: string, key: string): boolean {
  const [kind, ...rest] = key.split(':');
  const name = rest.join(':');
  const kinds = kind === 'device' ? ['bridge', 'tap', 'physical'] : [kind];
  return topology.nodes.some((n) => n.host === hostId && n.name === name && kinds.includes(n.kind));
}

/** The NICs on the host now, as `vm mac`. */
function nicsOn(topology: Topology, hostId: string): Set<string> {
  const vms = new Map(topology.nodes.filter((n) => n.host === hostId && n.kind === 'vm').map((n) => [n.id, n.name]));
  const nics = new Set<string>();
  for (const link of topology.links) {
    const vm = link.kind === 'nic' ? vms.get(link.source) : undefined;
    if (vm !== undefined && link.kind === 'nic') nics.add(`${vm} ${link.mac.toLowerCase()}`);
  }
  return nics;
}

/** Refuses a plan whose steps no longer fit the host: walking the steps in order, as they would change it. */
function checkStillFits(steps: readonly Step[], topology: Topology, hostId: string): void {
  const nics = nicsOn(topology, hostId);
  const made = new Set<string>();
  for (const step of steps) {
    const op = step.op as Operation & Record<string, unknown>;
    if (typeof op.vm === 'string' && typeof op.mac === 'string') {
      const key = `${op.vm} ${op.mac.toLowerCase()}`;
      if (op.op === 'nic-attach') {
        if (nics.has(key)) refuse(msg('plan.restored.nicThere', { mac: op.mac, vm: op.vm, step: step.says }));
        nics.add(key);
      } else {
        if (!nics.has(key)) refuse(msg('plan.restored.nicGone', { mac: op.mac, vm: op.vm, step: step.says }));
        if (op.op === 'nic-detach') nics.delete(key);
      }
    }
    const creates = CREATES[op.op]?.(op) ?? null;
    if (creates !== null) {
      if (!made.has(creates) && present(topology, hostId, creates)) {
        refuse(msg('plan.restored.objectThere', { what: objectSays(creates, true), step: step.says }));
      }
      made.add(creates);
    }
  }
}

/**
 * The undo or redo plan of a restored history entry, made afresh for the host as it is now;
 * throws ApiError('invalid-input') saying why when it no longer applies.
 */
export function replanRestored(plan: Plan, topology: Topology, ctx: HostContext): Plan {
  const steps = plan.steps.map((step) => rebuiltStep(ctx, step));
  checkStillFits(steps, topology, ctx.hostId);
  const { title, titleSays, warningSays, affects, ...rest } = plan;
  const titleKept = title !== undefined ? { title, titleSays: kept(titleSays) ?? verbatim(title) } : {};
  const summarySays = keptAll(affects.summarySays, affects.summary) ?? affects.summary.map(verbatim);
  return {
    ...rest,
    ...titleKept,
    steps,
    affects: { vms: affects.vms, summary: affects.summary, summarySays },
    destructive: steps.some((s) => s.destructive),
    warningSays: keptAll(warningSays, plan.warnings) ?? plan.warnings.map(verbatim),
  };
}
