// The pure planner: (Intent, Topology, HostContext) → Plan. It checks the input and the
// host's state and throws ApiError before any plan exists; it never runs anything.
import type { Topology } from '../topology/model.ts';
import { planDhcpHostPin, planDhcpHostUnpin } from './dhcp-host.ts';
import { planBridgeCreate, planBridgeDelete, planDeviceState, planPortPlug, planPortUnplug, planTapCreate, planTapDelete } from './device.ts';
import { HostView } from './host.ts';
import { impactsOf } from './impact.ts';
import { planNetworkAutostart, planNetworkDelete, planNetworkStart, planNetworkStop } from './network.ts';
import { planNetworkCreate, planNetworkEdit } from './networkEdit.ts';
import { planNetworkDnsHosts } from './network-dns.ts';
import { planNicAttach, planNicDetach, planNicLink, planNicMove } from './nic.ts';
import { planNicModify } from './nic-modify.ts';
import type { PlanParts } from './parts.ts';
import { english } from './say.ts';
import type { HostContext, Intent, Plan, PlanOptions } from './types.ts';
import { planVmDestroy, planVmShutdown, planVmStart } from './vm.ts';

function parts(view: HostView, intent: Intent, options: PlanOptions): PlanParts {
  switch (intent.kind) {
    case 'nic-attach': return planNicAttach(view, intent, options);
    case 'nic-detach': return planNicDetach(view, intent);
    case 'nic-link': return planNicLink(view, intent);
    case 'nic-move': return planNicMove(view, intent);
    case 'nic-modify': return planNicModify(view, intent);
    case 'network-create': return planNetworkCreate(view, intent);
    case 'network-start': return planNetworkStart(view, intent);
    case 'network-stop': return planNetworkStop(view, intent);
    case 'network-delete': return planNetworkDelete(view, intent);
    case 'network-autostart': return planNetworkAutostart(view, intent);
    case 'network-edit': return planNetworkEdit(view, intent);
    case 'network-dns-hosts': return planNetworkDnsHosts(view, intent);
    case 'bridge-create': return planBridgeCreate(view, intent);
    case 'bridge-delete': return planBridgeDelete(view, intent);
    case 'tap-create': return planTapCreate(view, intent);
    case 'tap-delete': return planTapDelete(view, intent);
    case 'port-plug': return planPortPlug(view, intent);
    case 'port-unplug': return planPortUnplug(view, intent);
    case 'device-state': return planDeviceState(view, intent);
    case 'vm-start': return planVmStart(view, intent);
    case 'vm-shutdown': return planVmShutdown(view, intent);
    case 'vm-destroy': return planVmDestroy(view, intent);
    case 'dhcp-host-pin': return planDhcpHostPin(view, intent);
    case 'dhcp-host-unpin': return planDhcpHostUnpin(view, intent);
  }
}

/**
 * Plans `intent` on the host `ctx` names, as `topology` shows it. Throws
 * ApiError('invalid-input') naming the problem (bad name, unknown object, inactive network
 * with `data.offer`, overlapping subnet, protected interface with `data.risk`…), or
 * ApiError('permission') when host devices would change on a profile without root or sudo.
 */
export function planIntent(intent: Intent, topology: Topology, ctx: HostContext, options: PlanOptions = {}): Plan {
  const planned = parts(new HostView(topology, ctx), intent, options);
  const impacts = impactsOf(planned.steps, topology, ctx.hostId);
  const summary = planned.summary ?? [];
  const warnings = planned.warnings ?? [];
  return {
    intent,
    steps: planned.steps.map((s, i) => ({ ...s, impact: impacts[i]! })),
    affects: { vms: planned.vms ?? [], summary: summary.map(english), summarySays: summary },
    destructive: planned.steps.some((s) => s.destructive),
    warnings: warnings.map(english),
    warningSays: warnings,
  };
}
