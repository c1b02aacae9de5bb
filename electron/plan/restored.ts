// Undo and redo of a change recorded in an earlier run. Nothing stored on disk runs as it was
// stored: each operation is checked (names, MACs, a kind this version knows), its command is
// made again by the one function that makes commands (ops.ts commandOf, for the host's
// connection as it is now), and the plan must still fit the host as just read — the NICs it
// detaches or changes must be there, the ones it attaches must not, what it creates must be
// absent — before the usual re-check (recheck.ts) narrows it to what can run. Otherwise it is
// refused, saying why, and nothing runs.
import { ApiError } from '../../shared/errors.ts';
import type { Operation } from '../../shared/plan/ops.ts';
import { objectLabel } from '../../shared/plan/recheck.ts';
import { action } from '../../shared/plan/step.ts';
import type { HostContext, Plan, Step, StepAction } from '../../shared/plan/types.ts';
import type { Topology } from '../../shared/topology/model.ts';
import { checkInterfaceName, checkLibvirtName, checkMac } from '../../shared/validate/names.ts';

function refuse(message: string): never {
  throw new ApiError('invalid-input', `This change was recorded before VirtWire was restarted, and ${message} Nothing was changed.`);
}

const NAME_CHECKS: Record<string, (value: string) => string | undefined> = {
  vm: checkLibvirtName,
  network: checkLibvirtName,
  name: checkInterfaceName,
  device: checkInterfaceName,
  bridge: checkInterfaceName,
  mac: checkMac,
};

/** The operation's command made afresh for this host, after checking every name it carries. */
function rebuilt(ctx: HostContext, stored: StepAction, what: string): StepAction {
  const op = stored.op as Operation & Record<string, unknown>;
  for (const [field, check] of Object.entries(NAME_CHECKS)) {
    const value = op[field];
    if (value === undefined) continue;
    const problem = typeof value === 'string' ? check(value) : 'it is not text';
    if (problem !== undefined) refuse(`its step "${what}" names a bad ${field} (${problem}), so it is not run.`);
  }
  let fresh: StepAction;
  try {
    fresh = action(ctx, op);
  } catch {
    refuse(`its step "${what}" is of a kind this version of VirtWire cannot run.`);
  }
  if (!Array.isArray(fresh?.argv) || fresh.argv.length === 0) refuse(`its step "${what}" is of a kind this version of VirtWire cannot run.`);
  return fresh;
}

function rebuiltStep(ctx: HostContext, step: Step): Step {
  const fresh = rebuilt(ctx, step, step.description);
  const inverse = step.inverse ? rebuilt(ctx, step.inverse, step.inverse.description) : null;
  return { ...fresh, inverse, ...(step.irreversibleReason ? { irreversibleReason: step.irreversibleReason } : {}) };
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
        if (nics.has(key)) refuse(`NIC ${op.mac} is on VM \`${op.vm}\` already, so "${step.description}" no longer applies.`);
        nics.add(key);
      } else {
        if (!nics.has(key)) refuse(`NIC ${op.mac} is no longer on VM \`${op.vm}\`, so "${step.description}" no longer applies.`);
        if (op.op === 'nic-detach') nics.delete(key);
      }
    }
    const creates = CREATES[op.op]?.(op) ?? null;
    if (creates !== null) {
      if (!made.has(creates) && present(topology, hostId, creates)) {
        const label = objectLabel(creates);
        refuse(`${label[0]!.toUpperCase()}${label.slice(1)} is on the host already, so "${step.description}" no longer applies.`);
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
  return { ...plan, steps, destructive: steps.some((s) => s.destructive) };
}
