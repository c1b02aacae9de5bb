// Network lifecycle: start, stop (destroy), delete (undefine), autostart. The stop step lives
// here too because edit uses it.
import type { NetworkNode } from '../topology/model.ts';
import type { HostView } from './host.ts';
import type { PlanParts } from './parts.ts';
import { msg, refusal, type Message } from './say.ts';
import { irreversible, undoable } from './step.ts';
import type { HostContext, Intent, Step } from './types.ts';

type NetworkIntent<K extends Intent['kind']> = Extract<Intent, { kind: K }>;

const NO_XML = (): Message => msg('plan.network.noXml');

export function autostartStep(ctx: HostContext, network: string, enabled: boolean): Step {
  return undoable(ctx, { op: 'net-autostart', network, enabled }, { op: 'net-autostart', network, enabled: !enabled });
}

const DISCONNECTS = { stop: 'plan.network.stopDisconnects', delete: 'plan.network.deleteDisconnects', redefine: 'plan.network.redefineDisconnects' } as const;

/** Stopping a network cuts its running VMs off; say who, in the preview. */
export function disconnects(view: HostView, network: NetworkNode, doing: keyof typeof DISCONNECTS): Required<Pick<PlanParts, 'vms' | 'summary'>> {
  const vms = view.runningVmsOn(network);
  return { vms, summary: vms.length > 0 ? [msg(DISCONNECTS[doing], { network: network.name, count: vms.length, vms: vms.join(', ') })] : [] };
}

/** Said whenever a network with running VMs goes down and is meant to come back. */
export function reconnectWarning(network: NetworkNode, vms: readonly string[]): Message[] {
  if (vms.length === 0) return [];
  return [msg('plan.network.reconnect', { network: network.name, vms: vms.join(', ') })];
}

/** Destroy a running network, undone by start (persistent) or net-create (transient: destroy deletes it). */
export function stopStep(ctx: HostContext, network: NetworkNode): Step {
  const name = network.name;
  if (network.persistent) return undoable(ctx, { op: 'net-destroy', network: name }, { op: 'net-start', network: name });
  const destroy = { op: 'net-destroy', network: name, transient: true } as const;
  if (network.xml) return undoable(ctx, destroy, { op: 'net-create', network: name, xml: network.xml });
  return irreversible(ctx, destroy, NO_XML());
}

export function planNetworkStart(view: HostView, intent: NetworkIntent<'network-start'>): PlanParts {
  const network = view.network(intent.network);
  if (network.active) throw refusal('plan.network.alreadyRunning', { network: network.name });
  return { steps: [undoable(view.ctx, { op: 'net-start', network: network.name }, { op: 'net-destroy', network: network.name })] };
}

export function planNetworkStop(view: HostView, intent: NetworkIntent<'network-stop'>): PlanParts {
  const network = view.network(intent.network);
  if (!network.active) throw refusal('plan.network.notRunning', { network: network.name });
  const parts = disconnects(view, network, 'stop');
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
    steps.push(network.xml ? undoable(ctx, undefine, { op: 'net-define', network: network.name, xml: network.xml, redefine: false }) : irreversible(ctx, undefine, NO_XML()));
  }
  const parts = disconnects(view, network, 'delete');
  return { steps, vms: parts.vms, summary: [...parts.summary, msg('plan.network.removed', { network: network.name })] };
}

export function planNetworkAutostart(view: HostView, intent: NetworkIntent<'network-autostart'>): PlanParts {
  const network = view.network(intent.network);
  if (!network.persistent) throw refusal('plan.network.transientAutostart', { network: network.name });
  if (network.autostart === intent.enabled) {
    throw refusal(intent.enabled ? 'plan.network.alreadyAutostarts' : 'plan.network.alreadyNoAutostart', { network: network.name });
  }
  return { steps: [autostartStep(view.ctx, network.name, intent.enabled)] };
}
