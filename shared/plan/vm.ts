// VM lifecycle from the context menu: users start, shut down and force off VMs to move
// between live and config changes.
import { ApiError } from '../errors.ts';
import { isRunning, type HostView } from './host.ts';
import type { PlanParts } from './parts.ts';
import { irreversible, undoable, virsh } from './step.ts';
import type { HostContext, Intent, StepAction } from './types.ts';

type VmIntent<K extends Intent['kind']> = Extract<Intent, { kind: K }>;

const vmStart = (ctx: HostContext, name: string): StepAction => ({
  argv: virsh(ctx, 'start', '--domain', name),
  description: `Start VM \`${name}\`.`,
  scope: 'live',
  privileged: false,
  destructive: false,
  alreadyDoneIf: 'already active|already running',
});

const vmShutdown = (ctx: HostContext, name: string): StepAction => ({
  argv: virsh(ctx, 'shutdown', '--domain', name),
  description: `Ask VM \`${name}\` to shut down (its guest OS decides when).`,
  scope: 'live',
  privileged: false,
  destructive: true,
  alreadyDoneIf: 'not running',
});

export function planVmStart(view: HostView, intent: VmIntent<'vm-start'>): PlanParts {
  const vm = view.vm(intent.vm);
  if (isRunning(vm)) throw new ApiError('invalid-input', `VM "${vm.name}" is already ${vm.state}.`);
  return { steps: [undoable(vmStart(view.ctx, vm.name), vmShutdown(view.ctx, vm.name))], vms: [vm.name] };
}

export function planVmShutdown(view: HostView, intent: VmIntent<'vm-shutdown'>): PlanParts {
  const vm = view.vm(intent.vm);
  if (!isRunning(vm)) throw new ApiError('invalid-input', `VM "${vm.name}" is not running.`);
  return {
    steps: [undoable(vmShutdown(view.ctx, vm.name), vmStart(view.ctx, vm.name))],
    vms: [vm.name],
    summary: [`VM \`${vm.name}\` stops; its live-only NICs are gone when it starts again.`],
  };
}

export function planVmDestroy(view: HostView, intent: VmIntent<'vm-destroy'>): PlanParts {
  const vm = view.vm(intent.vm);
  if (!isRunning(vm)) throw new ApiError('invalid-input', `VM "${vm.name}" is not running.`);
  const forceOff: StepAction = {
    argv: virsh(view.ctx, 'destroy', '--domain', vm.name),
    description: `Force off VM \`${vm.name}\`, like pulling its power cord.`,
    scope: 'live',
    privileged: false,
    destructive: true,
    alreadyDoneIf: 'not running',
  };
  const reason = 'Force off loses whatever the guest had in memory; starting the VM again boots it afresh rather than undoing the power-off.';
  return {
    steps: [irreversible(forceOff, reason)],
    vms: [vm.name],
    summary: [`VM \`${vm.name}\` is powered off at once; unsaved work in the guest is lost.`],
  };
}
