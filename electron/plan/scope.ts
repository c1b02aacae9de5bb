// What to re-read after a change: only what the change touched, so the graph shows the
// result one small read after the last step instead of a whole-host read.
import type { LiveHost } from '../../shared/api/live.ts';
import type { Intent, Plan } from '../../shared/plan/types.ts';
import type { ProbeScope } from '../discovery/probe-script.ts';

export function scopeOfIntent(intent: Intent, live: LiveHost | undefined): ProbeScope {
  switch (intent.kind) {
    case 'nic-attach':
    case 'nic-detach':
    case 'nic-link':
    case 'nic-move':
    case 'vm-start':
    case 'vm-shutdown':
    case 'vm-destroy': {
      const vm = live?.nodes.find((n) => n.kind === 'vm' && n.name === intent.vm);
      return vm?.kind === 'vm' && vm.uuid ? { kind: 'domain', name: intent.vm, uuid: vm.uuid } : { kind: 'domain', name: intent.vm };
    }
    case 'network-start':
    case 'network-stop':
    case 'network-autostart':
    case 'dhcp-host-pin':
    case 'dhcp-host-unpin':
      return { kind: 'network', name: intent.network };
    case 'bridge-create':
    case 'bridge-delete':
    case 'tap-create':
    case 'tap-delete':
    case 'port-plug':
    case 'port-unplug':
    case 'device-state':
      return { kind: 'links' };
    default:
      // creating, deleting or redefining a network can change what VMs' NICs point at
      return { kind: 'all' };
  }
}

/** What a plan touches: its intent's scope, or everything for a plan of several intents. */
export function scopeOfPlan(plan: Pick<Plan, 'intent' | 'intents'>, live: LiveHost | undefined): ProbeScope {
  return (plan.intents?.length ?? 1) > 1 ? { kind: 'all' } : scopeOfIntent(plan.intent, live);
}
