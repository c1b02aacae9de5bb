// Network lifecycle: start, stop (destroy), delete (undefine), autostart. The shared virsh
// actions live here too because create and edit use the same commands.
import { ApiError } from '../errors.ts';
import type { NetworkNode } from '../topology/model.ts';
import type { HostView } from './host.ts';
import { vmList, type PlanParts } from './parts.ts';
import { irreversible, undoable, virsh } from './step.ts';
import type { HostContext, Intent, Step, StepAction } from './types.ts';

type NetworkIntent<K extends Intent['kind']> = Extract<Intent, { kind: K }>;

function netAction(ctx: HostContext, args: string[], description: string, destructive: boolean, alreadyDoneIf?: string): StepAction {
  return {
    argv: virsh(ctx, ...args),
    description,
    scope: 'host',
    privileged: false,
    destructive,
    ...(alreadyDoneIf ? { alreadyDoneIf } : {}),
  };
}

export const netStart = (ctx: HostContext, name: string): StepAction =>
  netAction(ctx, ['net-start', '--network', name], `Start network \`${name}\`.`, false, 'already active');

export const netDestroy = (ctx: HostContext, name: string): StepAction =>
  netAction(ctx, ['net-destroy', '--network', name], `Stop network \`${name}\`.`, true, 'not active|not running');

export const netUndefine = (ctx: HostContext, name: string): StepAction =>
  netAction(ctx, ['net-undefine', '--network', name], `Delete the definition of network \`${name}\`.`, true, 'not found');

export function netDefine(ctx: HostContext, name: string, xml: string, redefine = false): StepAction {
  const description = redefine ? `Redefine network \`${name}\` from the XML shown.` : `Define network \`${name}\` from the XML shown.`;
  // A first define of a name that exists fails with "already exists"; a redefine carries the
  // network's UUID, so libvirt replaces the definition instead.
  return { ...netAction(ctx, ['net-define', '--file', '/dev/stdin'], description, false, redefine ? undefined : 'already exists'), stdin: xml };
}

/** A transient network exists only while it runs; net-create brings it back. */
const netCreate = (ctx: HostContext, name: string, xml: string): StepAction => ({
  ...netAction(ctx, ['net-create', '--file', '/dev/stdin'], `Create and start transient network \`${name}\` from its saved XML.`, false, 'already exists'),
  stdin: xml,
});

export function netAutostart(ctx: HostContext, name: string, enabled: boolean): StepAction {
  return enabled
    ? netAction(ctx, ['net-autostart', '--network', name], `Start network \`${name}\` when the host boots.`, false)
    : netAction(ctx, ['net-autostart', '--network', name, '--disable'], `Stop starting network \`${name}\` when the host boots.`, false);
}

const NO_XML = 'VirtWire has not read this network\'s XML, so it cannot define it again.';

/** Stopping a network cuts its running VMs off; say who, in the preview. */
export function disconnects(view: HostView, network: NetworkNode, verb: string): Required<Pick<PlanParts, 'vms' | 'summary'>> {
  const vms = view.runningVmsOn(network);
  return { vms, summary: vms.length > 0 ? [`${verb} \`${network.name}\` disconnects ${vmList(vms)}.`] : [] };
}

/** Said whenever a network with running VMs goes down and is meant to come back. */
export function reconnectWarning(network: NetworkNode, vms: readonly string[]): string[] {
  if (vms.length === 0) return [];
  return [`libvirt does not plug running VMs' NICs back in when \`${network.name}\` starts again: re-attach the NICs of ${vms.join(', ')} or restart those VMs.`];
}

/** Destroy a running network, undone by start (persistent) or net-create (transient: destroy deletes it). */
export function stopStep(ctx: HostContext, network: NetworkNode): Step {
  const destroy = netDestroy(ctx, network.name);
  if (network.persistent) return undoable(destroy, netStart(ctx, network.name));
  if (network.xml) return undoable({ ...destroy, description: `Stop and remove transient network \`${network.name}\`.` }, netCreate(ctx, network.name, network.xml));
  return irreversible(destroy, NO_XML);
}

export function planNetworkStart(view: HostView, intent: NetworkIntent<'network-start'>): PlanParts {
  const network = view.network(intent.network);
  if (network.active) throw new ApiError('invalid-input', `Network "${network.name}" is already running.`);
  return { steps: [undoable(netStart(view.ctx, network.name), netDestroy(view.ctx, network.name))] };
}

export function planNetworkStop(view: HostView, intent: NetworkIntent<'network-stop'>): PlanParts {
  const network = view.network(intent.network);
  if (!network.active) throw new ApiError('invalid-input', `Network "${network.name}" is not running.`);
  const parts = disconnects(view, network, 'Stopping');
  return { steps: [stopStep(view.ctx, network)], ...parts, warnings: reconnectWarning(network, parts.vms) };
}

export function planNetworkDelete(view: HostView, intent: NetworkIntent<'network-delete'>): PlanParts {
  const { ctx } = view;
  const network = view.network(intent.network);
  const steps: Step[] = [];
  // Undefine drops autostart silently; turning it off as its own step lets undo turn it back on.
  if (network.persistent && network.autostart) steps.push(undoable(netAutostart(ctx, network.name, false), netAutostart(ctx, network.name, true)));
  if (network.active) steps.push(stopStep(ctx, network));
  if (network.persistent) {
    const undefine = netUndefine(ctx, network.name);
    steps.push(network.xml ? undoable(undefine, netDefine(ctx, network.name, network.xml)) : irreversible(undefine, NO_XML));
  }
  const parts = disconnects(view, network, 'Deleting');
  return { steps, vms: parts.vms, summary: [...parts.summary, `Network \`${network.name}\` is removed from the host.`] };
}

export function planNetworkAutostart(view: HostView, intent: NetworkIntent<'network-autostart'>): PlanParts {
  const network = view.network(intent.network);
  if (!network.persistent) throw new ApiError('invalid-input', `Network "${network.name}" is transient; only defined networks can start at boot.`);
  if (network.autostart === intent.enabled) {
    throw new ApiError('invalid-input', `Network "${network.name}" already ${intent.enabled ? 'starts' : 'does not start'} at boot.`);
  }
  const step = undoable(netAutostart(view.ctx, network.name, intent.enabled), netAutostart(view.ctx, network.name, !intent.enabled));
  return { steps: [step] };
}
