// One line naming a change in the user's words, for dialog titles and the history list.
import type { Intent, NicTarget, Plan } from '../../shared/plan/types.ts';

const where = (t: NicTarget): string =>
  t.kind === 'network' ? `network “${t.network}”` : t.kind === 'bridge' ? `bridge “${t.bridge}”` : `device “${t.dev}” (macvtap ${t.mode})`;

/** A plan in words: its one intent's, or for a plan of several (a saved file as desired state) how many changes it makes. */
export function describePlan(plan: Pick<Plan, 'intent' | 'intents' | 'title'>): string {
  if (plan.title) return plan.title;
  const n = plan.intents?.length ?? 1;
  return n > 1 ? `Make the host match a saved file (${n} changes)` : describeIntent(plan.intent);
}

export function describeIntent(intent: Intent): string {
  switch (intent.kind) {
    case 'nic-attach': return `Attach a NIC of “${intent.vm}” to ${where(intent.target)}`;
    case 'nic-detach': return `Detach NIC ${intent.mac} from “${intent.vm}”`;
    case 'nic-link': return `Set the link of NIC ${intent.mac} of “${intent.vm}” ${intent.state}`;
    case 'nic-move': return `Move NIC ${intent.mac} of “${intent.vm}” to ${where(intent.target)}`;
    case 'nic-modify': return `Change NIC ${intent.mac} of “${intent.vm}”`;
    case 'network-create': return `Create network “${intent.spec.name}”`;
    case 'network-start': return `Start network “${intent.network}”`;
    case 'network-stop': return `Stop network “${intent.network}”`;
    case 'network-delete': return `Delete network “${intent.network}”`;
    case 'network-autostart': return `Turn autostart ${intent.enabled ? 'on' : 'off'} for network “${intent.network}”`;
    case 'network-edit': return `Change network “${intent.network}”`;
    case 'network-dns-hosts': return `Change the DNS hosts of network “${intent.network}”`;
    case 'bridge-create': return `Create bridge “${intent.name}”`;
    case 'bridge-delete': return `Delete bridge “${intent.name}”`;
    case 'tap-create': return `Create TAP “${intent.name}”`;
    case 'tap-delete': return `Delete TAP “${intent.name}”`;
    case 'port-plug': return `Plug “${intent.device}” into bridge “${intent.bridge}”`;
    case 'port-unplug': return `Unplug “${intent.device}” from its bridge`;
    case 'device-state': return `Set “${intent.device}” ${intent.up ? 'up' : 'down'}`;
    case 'vm-start': return `Start VM “${intent.vm}”`;
    case 'vm-shutdown': return `Shut down VM “${intent.vm}”`;
    case 'vm-destroy': return `Force off VM “${intent.vm}”`;
    case 'dhcp-host-pin': return `Pin ${intent.ip} for ${intent.mac} on network “${intent.network}”`;
    case 'dhcp-host-unpin': return `Unpin the address of ${intent.mac} on network “${intent.network}”`;
  }
}

/** The planner's sentences mark names with backticks; split them so names can be shown as code. */
export function codeSpans(text: string): { text: string; code: boolean }[] {
  return text
    .split('`')
    .map((part, i) => ({ text: part, code: i % 2 === 1 }))
    .filter((part) => part.text !== '');
}
