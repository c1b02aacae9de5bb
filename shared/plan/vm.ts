// VM lifecycle from the context menu: users start, shut down and force off VMs to move
// between live and config changes.
import type { VmNode } from '../topology/model.ts';
import { isRunning, type HostView } from './host.ts';
import type { PlanParts } from './parts.ts';
import { msg, refusal, verbatim, type Message } from './say.ts';
import { irreversible, undoable } from './step.ts';
import type { Intent } from './types.ts';

type VmIntent<K extends Intent['kind']> = Extract<Intent, { kind: K }>;

const RUNNING_STATES: Record<string, Message['key']> = {
  running: 'graph.state.running',
  idle: 'graph.state.idle',
  paused: 'graph.state.paused',
  'in shutdown': 'graph.state.inShutdown',
};

/** A running VM's state in words ("running", "paused"…); a state VirtWire has no word for, as libvirt says it. */
const stateOf = (vm: VmNode): Message => (RUNNING_STATES[vm.state] ? msg(RUNNING_STATES[vm.state]!) : verbatim(vm.state));

const notRunning = (vm: VmNode) => refusal('plan.vm.notRunning', { vm: vm.name });

export function planVmStart(view: HostView, intent: VmIntent<'vm-start'>): PlanParts {
  const vm = view.vm(intent.vm);
  if (isRunning(vm)) throw refusal('plan.vm.already', { vm: vm.name, state: stateOf(vm) });
  return { steps: [undoable(view.ctx, { op: 'vm-start', vm: vm.name }, { op: 'vm-shutdown', vm: vm.name })], vms: [vm.name] };
}

export function planVmShutdown(view: HostView, intent: VmIntent<'vm-shutdown'>): PlanParts {
  const vm = view.vm(intent.vm);
  if (!isRunning(vm)) throw notRunning(vm);
  return {
    steps: [undoable(view.ctx, { op: 'vm-shutdown', vm: vm.name }, { op: 'vm-start', vm: vm.name })],
    vms: [vm.name],
    summary: [msg('plan.vm.stops', { vm: vm.name })],
  };
}

export function planVmDestroy(view: HostView, intent: VmIntent<'vm-destroy'>): PlanParts {
  const vm = view.vm(intent.vm);
  if (!isRunning(vm)) throw notRunning(vm);
  return {
    steps: [irreversible(view.ctx, { op: 'vm-destroy', vm: vm.name }, msg('plan.vm.forceOffIrreversible'))],
    vms: [vm.name],
    summary: [msg('plan.vm.poweredOff', { vm: vm.name })],
  };
}
