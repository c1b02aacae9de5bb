// A plan against the host as it is NOW. Undo and redo keep the operations of an applied change;
// before they run again they are checked here against a fresh read (ProseMirror's rule: a step
// inverted against the document it was applied to, then re-applied to the document as it is):
// a VM that has stopped since gets no `--live` (its live NICs went with it), an object that is
// gone refuses the whole plan with a clear reason. And a previewed plan is bound to what it was
// planned against: basisOf/changedSince tell whether anything it touches has changed.
import { comparableNic, interfaceNodes } from '../libvirt/interface-xml.ts';
import { isVmRunning, type NicLink, type Topology, type TopologyNode, type VmNode } from '../topology/model.ts';
import type { Operation, VmScope } from './ops.ts';
import { english, joinSentences, msg, refusal, verbatim, type Message } from './say.ts';
import { action, stepSays } from './step.ts';
import type { HostContext, Plan, Step } from './types.ts';

/** The host objects an operation reads or changes, as `vm:NAME`, `network:NAME`, `device:NAME`. */
export function objectsOf(op: Operation): string[] {
  switch (op.op) {
    case 'nic-attach':
    case 'nic-detach':
    case 'nic-update':
    case 'nic-link':
    case 'vm-start':
    case 'vm-shutdown':
    case 'vm-destroy':
      return [`vm:${op.vm}`];
    case 'net-start':
    case 'net-undefine':
    case 'net-destroy':
    case 'net-define':
    case 'net-create':
    case 'net-autostart':
    case 'net-dhcp-host':
    case 'net-dns-host':
    case 'net-dhcp-range':
      return [`network:${op.network}`];
    case 'bridge-add':
    case 'bridge-del':
    case 'tap-add':
    case 'tap-del':
    case 'ovs-bridge-add':
    case 'ovs-bridge-del':
      return [`device:${op.name}`];
    case 'link-state':
      return [`device:${op.device}`];
    case 'port-plug':
    case 'port-unplug':
    case 'ovs-port-add':
    case 'ovs-port-del':
      return [`device:${op.device}`, `device:${op.bridge}`];
  }
}

function find(topology: Topology, hostId: string, key: string): TopologyNode | undefined {
  const [kind, ...rest] = key.split(':');
  const name = rest.join(':');
  const kinds = kind === 'device' ? ['bridge', 'tap', 'physical'] : [kind];
  return topology.nodes.find((n) => n.host === hostId && n.name === name && kinds.includes(n.kind));
}

function vmNics(topology: Topology, vm: VmNode): string {
  const links = topology.links
    .filter((l): l is NicLink => l.kind === 'nic' && l.source === vm.id)
    // the addresses a NIC was seen with come and go (a guest's DHCP lease arrives after an
    // attach) and no step reads them: they do not make a plan stale
    .map(({ addresses: _learned, ...nic }) => JSON.stringify(nic))
    .sort();
  const elements = [vm.xml, vm.inactiveXml].map((xml) => {
    try {
      return xml === undefined ? '' : interfaceNodes(xml).map(comparableNic).join('');
    } catch {
      return xml ?? '';
    }
  });
  return JSON.stringify([links, elements]);
}

/** What an object looks like for the purpose of "has it changed": what a plan reads from it. */
function fingerprint(topology: Topology, hostId: string, key: string): string {
  const node = find(topology, hostId, key);
  if (!node) return 'absent';
  switch (node.kind) {
    case 'vm':
      return JSON.stringify([node.state, node.persistent, vmNics(topology, node)]);
    case 'network':
      return JSON.stringify([node.active, node.autostart, node.persistent, node.xml]);
    case 'bridge':
    case 'tap':
    case 'physical': {
      const port = topology.links.find((l) => l.kind === 'port' && l.source === node.id);
      return JSON.stringify([node.kind, node.up, port?.target ?? null]);
    }
    default:
      return 'other';
  }
}

/** What a plan was planned against: a fingerprint of each object its steps touch. */
export function basisOf(plan: Plan, topology: Topology, hostId: string): Record<string, string> {
  const keys = new Set(plan.steps.flatMap((s) => objectsOf(s.op)));
  return Object.fromEntries([...keys].sort().map((k) => [k, fingerprint(topology, hostId, k)]));
}

/** The objects (`vm:NAME`…) that differ now from the basis a plan was previewed on. */
export function changedSince(basis: Record<string, string>, topology: Topology, hostId: string): string[] {
  return Object.entries(basis)
    .filter(([key, print]) => fingerprint(topology, hostId, key) !== print)
    .map(([key]) => key);
}

const OBJECTS: Record<string, [Message['key'], Message['key']]> = {
  vm: ['plan.object.vm', 'plan.object.vmFirst'],
  network: ['plan.object.network', 'plan.object.networkFirst'],
  device: ['plan.object.device', 'plan.object.deviceFirst'],
};

/** "VM `web01`", "network `default`", "interface `br0`"; `first`: as a sentence begins ("Network `default`") */
export function objectSays(key: string, first = false): Message {
  const [kind, ...rest] = key.split(':');
  const keys = OBJECTS[kind!];
  const name = rest.join(':');
  return keys ? msg(keys[first ? 1 : 0], { name }) : verbatim(`${kind} \`${name}\``);
}

export const objectLabel = (key: string): string => english(objectSays(key));

type Scoped = Extract<Operation, { scope: unknown }>;

/** The scope an operation on a VM can still have: a stopped VM has no live side any more. */
function liveScope(op: Scoped, vm: VmNode): VmScope | null {
  if (isVmRunning(vm.state)) return op.scope;
  if (op.scope === 'live') return null;
  return 'config';
}

const gone = (what: Message, step: Step) => refusal('plan.recheck.gone', { what, step: stepSays(step) });

/** What the steps before this one make and remove, so a later step may use what an earlier one creates. */
interface Made {
  created: Set<string>;
  removed: Set<string>;
}

function madeBy(op: Operation): { creates?: string; removes?: string } {
  switch (op.op) {
    case 'bridge-add':
    case 'tap-add':
    case 'ovs-bridge-add':
      return { creates: `device:${op.name}` };
    case 'bridge-del':
    case 'tap-del':
    case 'ovs-bridge-del':
      return { removes: `device:${op.name}` };
    case 'net-define':
    case 'net-create':
      return { creates: `network:${op.network}` };
    case 'net-undefine':
      return { removes: `network:${op.network}` };
    default:
      return {};
  }
}

/** One step against the host as it is now: the same step, one with a narrower scope, or null (nothing left to do). */
function recheckStep(step: Step, topology: Topology, ctx: HostContext, notes: Message[], made: Made): Step | null {
  const op = step.op;
  if ('scope' in op && 'vm' in op) {
    const vm = find(topology, ctx.hostId, `vm:${op.vm}`);
    if (!vm || vm.kind !== 'vm') throw gone(msg('plan.recheck.vm', { vm: op.vm }), step);
    const scope = liveScope(op, vm);
    if (scope === null) {
      notes.push(msg('plan.recheck.leftOut', { step: stepSays(step), vm: vm.name }));
      return null;
    }
    if (scope === op.scope) return step;
    notes.push(msg('plan.recheck.configOnly', { vm: vm.name, step: stepSays(step) }));
    const narrowed = { ...op, scope } as Operation;
    const inverse = step.inverse && 'scope' in step.inverse.op ? action(ctx, { ...step.inverse.op, scope } as Operation) : step.inverse;
    return { ...step, ...action(ctx, narrowed), inverse };
  }
  // What the step acts on must be there, unless the step itself is what makes it.
  const { creates } = madeBy(op);
  const needs = objectsOf(op).filter((key) => key !== creates);
  const exists = (key: string) => made.created.has(key) || (!made.removed.has(key) && find(topology, ctx.hostId, key) !== undefined);
  for (const key of needs) if (!exists(key)) throw gone(objectSays(key), step);
  return step;
}

/**
 * The plan as it can run on the host now (see the top of this file); `notes` say what changed
 * and are added to its warnings. Throws ApiError('invalid-input') naming what is gone, or when
 * nothing is left to do.
 */
export function recheckPlan(plan: Plan, topology: Topology, ctx: HostContext): Plan {
  const notes: Message[] = [];
  const made: Made = { created: new Set(), removed: new Set() };
  const steps: Step[] = [];
  for (const step of plan.steps) {
    const checked = recheckStep(step, topology, ctx, notes, made);
    if (checked) steps.push(checked);
    const { creates, removes } = madeBy(step.op);
    if (creates) {
      made.created.add(creates);
      made.removed.delete(creates);
    }
    if (removes) {
      made.removed.add(removes);
      made.created.delete(removes);
    }
  }
  if (steps.length === 0) throw refusal('plan.recheck.nothingLeft', { notes: joinSentences(notes) });
  const before = plan.warningSays && plan.warningSays.length === plan.warnings.length ? plan.warningSays : plan.warnings.map(verbatim);
  return {
    ...plan,
    steps,
    destructive: steps.some((s) => s.destructive),
    warnings: [...plan.warnings, ...notes.map(english)],
    warningSays: [...before, ...notes],
  };
}
