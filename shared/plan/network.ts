// Network lifecycle: start, stop (destroy), delete (undefine), autostart. The stop step lives
// here too because edit uses it.
import { ApiError } from '../errors.ts';
import type { NetworkNode } from '../topology/model.ts';
import type { HostView } from './host.ts';
import { vmList, type PlanParts } from './parts.ts';
import { irreversible, undoable } from './step.ts';
import type { HostContext, Intent, Step } from './types.ts';

type NetworkIntent<K extends Intent['kind']> = Extract<Intent, { kind: K }>;

const NO_XML = 'VirtWire has not read this network\'s XML, so it cannot define it again.';

export function autostartStep(ctx: HostContext, network: string, enabled: boolean): Step {
  return undoable(ctx, { op: 'net-autostart', network, enabled }, { op: 'net-autostart', network, enabled: !enabled });
}

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
  const name = network.name;
  if (network.persistent) return undoable(ctx, { op: 'net-destroy', network: name }, { op: 'net-start', network: name });
  const destroy = { op: 'net-destroy', network: name, transient: true } as const;
  if (network.xml) return undoable(ctx, destroy, { op: 'net-create', network: name, xml: network.xml });
  return irreversible(ctx, destroy, NO_XML);
}

export function planNetworkStart(view: HostView, intent: NetworkIntent<'network-start'>): PlanParts {
  const network = view.network(intent.network);
  if (network.active) throw new ApiError('invalid-input', `Network "${network.name}" is already running.`);
  return { steps: [undoable(view.ctx, { op: 'net-start', network: network.name }, { op: 'net-destroy', network: network.name })] };
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
  if (network.persistent && network.autostart) steps.push(autostartStep(ctx, network.name, false));
  if (network.active) steps.push(stopStep(ctx, network));
  if (network.persistent) {
    const undefine = { op: 'net-undefine', network: network.name } as const;
    steps.push(network.xml ? undoable(ctx, undefine, { op: 'net-define', network: network.name, xml: network.xml, redefine: false }) : irreversible(ctx, undefine, NO_XML));
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
  return { steps: [autostartStep(view.ctx, network.name, intent.enabled)] };
}
