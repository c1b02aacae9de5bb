// One line naming a change in the user's words, for dialog titles and the history list.
import type { Intent, NicTarget, Plan } from '../../shared/plan/types.ts';
import { t, tell } from '../state/i18n.svelte.ts';

const where = (target: NicTarget): string =>
  target.kind === 'network'
    ? t('describe.network', { name: target.network })
    : target.kind === 'bridge'
      ? t('describe.bridge', { name: target.bridge })
      : t('describe.device', { name: target.dev, mode: target.mode });

/** A plan in words: its one intent's, or for a plan of several (a saved file as desired state) how many changes it makes. */
export function describePlan(plan: Pick<Plan, 'intent' | 'intents' | 'title' | 'titleSays'>): string {
  if (plan.title) return plan.titleSays ? tell(plan.titleSays) : plan.title;
  const n = plan.intents?.length ?? 1;
  return n > 1 ? t('describe.matchFile', { count: n }) : describeIntent(plan.intent);
}

export function describeIntent(intent: Intent): string {
  switch (intent.kind) {
    case 'nic-attach': return t('describe.nicAttach', { vm: intent.vm, target: where(intent.target) });
    case 'nic-detach': return t('describe.nicDetach', { mac: intent.mac, vm: intent.vm });
    case 'nic-link': return t(intent.state === 'up' ? 'describe.nicLinkUp' : 'describe.nicLinkDown', { mac: intent.mac, vm: intent.vm });
    case 'nic-move': return t('describe.nicMove', { mac: intent.mac, vm: intent.vm, target: where(intent.target) });
    case 'nic-modify': return t('describe.nicModify', { mac: intent.mac, vm: intent.vm });
    case 'network-create': return t('describe.networkCreate', { network: intent.spec.name });
    case 'network-start': return t('describe.networkStart', { network: intent.network });
    case 'network-stop': return t('describe.networkStop', { network: intent.network });
    case 'network-delete': return t('describe.networkDelete', { network: intent.network });
    case 'network-autostart': return t(intent.enabled ? 'describe.autostartOn' : 'describe.autostartOff', { network: intent.network });
    case 'network-edit': return t('describe.networkEdit', { network: intent.network });
    case 'network-dns-hosts': return t('describe.networkDnsHosts', { network: intent.network });
    case 'bridge-create': return t('describe.bridgeCreate', { name: intent.name });
    case 'bridge-delete': return t('describe.bridgeDelete', { name: intent.name });
    case 'tap-create': return t('describe.tapCreate', { name: intent.name });
    case 'tap-delete': return t('describe.tapDelete', { name: intent.name });
    case 'port-plug': return t('describe.portPlug', { device: intent.device, bridge: intent.bridge });
    case 'port-unplug': return t('describe.portUnplug', { device: intent.device });
    case 'device-state': return t(intent.up ? 'describe.deviceUp' : 'describe.deviceDown', { device: intent.device });
    case 'vm-start': return t('describe.vmStart', { vm: intent.vm });
    case 'vm-shutdown': return t('describe.vmShutdown', { vm: intent.vm });
    case 'vm-destroy': return t('describe.vmDestroy', { vm: intent.vm });
    case 'dhcp-host-pin': return t('describe.dhcpPin', { ip: intent.ip, mac: intent.mac, network: intent.network });
    case 'dhcp-host-unpin': return t('describe.dhcpUnpin', { mac: intent.mac, network: intent.network });
  }
}

/** The planner's sentences mark names with backticks; split them so names can be shown as code. */
export function codeSpans(text: string): { text: string; code: boolean }[] {
  return text
    .split('`')
    .map((part, i) => ({ text: part, code: i % 2 === 1 }))
    .filter((part) => part.text !== '');
}
