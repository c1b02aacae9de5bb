// VM lifecycle from the context menu: users start, shut down and force off VMs to move
// between live and config changes.
import { ApiError } from '../errors.ts';
import { isRunning, type HostView } from './host.ts';
import type { PlanParts } from './parts.ts';
import { irreversible, undoable } from './step.ts';
import type { Intent } from './types.ts';

type VmIntent<K extends Intent['kind']> = Extract<Intent, { kind: K }>;

export function planVmStart(view: HostView, intent: VmIntent<'vm-start'>): PlanParts {
  const vm = view.vm(intent.vm);
  if (isRunning(vm)) throw new ApiError('invalid-input', `VM "${vm.name}" is already ${vm.state}.`);
  return { steps: [undoable(view.ctx, { op: 'vm-start', vm: vm.name }, { op: 'vm-shutdown', vm: vm.name })], vms: [vm.name] };
}

export function planVmShutdown(view: HostView, intent: VmIntent<'vm-shutdown'>): PlanParts {
  const vm = view.vm(intent.vm);
  if (!isRunning(vm)) throw new ApiError('invalid-input', `VM "${vm.name}" is not running.`);
  return {
    steps: [undoable(view.ctx, { op: 'vm-shutdown', vm: vm.name }, { op: 'vm-start', vm: vm.name })],
    vms: [vm.name],
    summary: [`VM \`${vm.name}\` stops; its live-only NICs are gone when it starts again.`],
  };
}

export function planVmDestroy(view: HostView, intent: VmIntent<'vm-destroy'>): PlanParts {
  const vm = view.vm(intent.vm);
  if (!isRunning(vm)) throw new ApiError('invalid-input', `VM "${vm.name}" is not running.`);
  const reason = 'Force off loses whatever the guest had in memory; starting the VM again boots it afresh rather than undoing the power-off.';
  return {
    steps: [irreversible(view.ctx, { op: 'vm-destroy', vm: vm.name }, reason)],
    vms: [vm.name],
    summary: [`VM \`${vm.name}\` is powered off at once; unsaved work in the guest is lost.`],
  };
}
