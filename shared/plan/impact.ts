// When each step of a plan takes effect, said before it runs. A step acts now, or only on the
// VM's next start (a shut-off VM's definition), only after a running VM restarts (its saved
// definition alone changed), only after a network restarts or next starts (a redefined or
// config-only updated network — and then libvirt does not plug its running VMs back in), or at
// the host's next boot (autostart). Walked in plan order, so a network stopped by an earlier
// step is not running for the later ones.
import { isVmRunning, type NicLink, type Topology, type VmNode } from '../topology/model.ts';
import type { Operation } from './ops.ts';
import { english, msg, verbatim, type Message } from './say.ts';
import type { Step } from './types.ts';

export const IMPACT_WHEN = ['now', 'vm-next-start', 'vm-restart', 'network-restart', 'network-start', 'host-boot'] as const;
export type ImpactWhen = (typeof IMPACT_WHEN)[number];

export interface StepImpact {
  when: ImpactWhen;
  /** the sentence the preview shows, in English; `says` as a catalogue message */
  text: string;
  says?: Message;
  /** running VMs that lose their link through this step (now or when the network restarts) */
  losesLink?: string[];
}

/** What the walk keeps: which networks and VMs are running at this point of the plan. */
interface State {
  activeNetworks: Set<string>;
  runningVms: Set<string>;
  /** running VMs with a live NIC on each network, by network name */
  vmsOn: Map<string, string[]>;
}

function initialState(topology: Topology, hostId: string): State {
  const nodes = topology.nodes.filter((n) => n.host === hostId);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const runningVms = new Set(nodes.filter((n): n is VmNode => n.kind === 'vm' && isVmRunning(n.state)).map((n) => n.name));
  const vmsOn = new Map<string, string[]>();
  for (const link of topology.links) {
    if (link.kind !== 'nic' || !(link as NicLink).live) continue;
    const vm = byId.get(link.source);
    const network = byId.get(link.target);
    if (vm?.kind !== 'vm' || network?.kind !== 'network' || !runningVms.has(vm.name)) continue;
    vmsOn.set(network.name, [...new Set([...(vmsOn.get(network.name) ?? []), vm.name])].sort());
  }
  const activeNetworks = new Set(nodes.filter((n) => n.kind === 'network' && n.active).map((n) => n.name));
  return { activeNetworks, runningVms, vmsOn };
}

const impact = (when: ImpactWhen, says: Message, losesLink?: string[]): StepImpact => ({
  when,
  text: english(says),
  says,
  ...(losesLink ? { losesLink } : {}),
});

const now = (): StepImpact => impact('now', msg('plan.impact.now'));

/** The running VMs that lose their link, as arguments: how many, and their names. */
const losing = (vms: readonly string[]) => ({ count: vms.length, vms: vms.join(', ') });

function vmImpact(op: Extract<Operation, { vm: string; scope: unknown }>, state: State): StepImpact {
  if (op.scope !== 'config') return now();
  // A NIC's properties changed in the definition only (nic-modify.ts): say which, since the step beside it may change others now.
  const what = op.op === 'nic-update' && op.what ? op.whatSays ?? verbatim(op.what) : undefined;
  if (!state.runningVms.has(op.vm)) return impact('vm-next-start', msg('plan.impact.vmNextStart', { vm: op.vm }));
  return impact('vm-restart', what ? msg('plan.impact.vmRestartWhat', { vm: op.vm, what }) : msg('plan.impact.vmRestart', { vm: op.vm }));
}

function impactOf(op: Operation, state: State): StepImpact {
  switch (op.op) {
    case 'nic-attach':
    case 'nic-detach':
    case 'nic-update':
    case 'nic-link':
      return vmImpact(op, state);
    case 'vm-start':
      state.runningVms.add(op.vm);
      return now();
    case 'vm-shutdown':
    case 'vm-destroy':
      state.runningVms.delete(op.vm);
      return now();
    case 'net-destroy': {
      const vms = state.activeNetworks.has(op.network) ? state.vmsOn.get(op.network) ?? [] : [];
      state.activeNetworks.delete(op.network);
      if (vms.length === 0) return now();
      return impact('now', msg('plan.impact.netDestroyLoses', { ...losing(vms), network: op.network }), vms);
    }
    case 'net-start':
    case 'net-create':
      state.activeNetworks.add(op.network);
      return now();
    case 'net-define': {
      if (!op.redefine) return impact('now', msg('plan.impact.defined'));
      if (!state.activeNetworks.has(op.network)) return impact('network-start', msg('plan.impact.networkStart', { network: op.network }));
      const vms = state.vmsOn.get(op.network) ?? [];
      if (vms.length === 0) return impact('network-restart', msg('plan.impact.networkRestart', { network: op.network }));
      return impact('network-restart', msg('plan.impact.networkRestartLoses', { network: op.network, ...losing(vms) }), vms);
    }
    case 'net-dhcp-host':
    case 'net-dns-host':
    case 'net-dhcp-range':
      return op.scope === 'config' ? impact('network-start', msg('plan.impact.networkStart', { network: op.network })) : now();
    case 'net-autostart':
      return impact('host-boot', msg('plan.impact.hostBoot'));
    default:
      return now();
  }
}

/** The impact of each step of `steps`, in order, on the host `hostId` of `topology` as read before the plan. */
export function impactsOf(steps: readonly Step[], topology: Topology, hostId: string): StepImpact[] {
  const state = initialState(topology, hostId);
  return steps.map((s) => impactOf(s.op, state));
}

const COUNTS: Record<ImpactWhen, Message['key']> = {
  now: 'plan.impact.count.now',
  'vm-next-start': 'plan.impact.count.vmNextStart',
  'vm-restart': 'plan.impact.count.vmRestart',
  'network-restart': 'plan.impact.count.networkRestart',
  'network-start': 'plan.impact.count.networkStart',
  'host-boot': 'plan.impact.count.hostBoot',
};

/** "2 steps take effect now." …: one line per kind of impact, in the order of IMPACT_WHEN, as messages. */
export function impactSummaryMessages(impacts: readonly Pick<StepImpact, 'when' | 'losesLink'>[]): Message[] {
  const lines: Message[] = [];
  for (const when of IMPACT_WHEN) {
    const count = impacts.filter((i) => i.when === when).length;
    if (count) lines.push(msg(COUNTS[when], { count }));
  }
  const vms = [...new Set(impacts.flatMap((i) => i.losesLink ?? []))].sort();
  if (vms.length) lines.push(msg('plan.impact.losing', { vms: vms.join(', ') }));
  return lines;
}

/** The same lines, said by `say` (English unless a reader's language is given). */
export function impactSummary(impacts: readonly Pick<StepImpact, 'when' | 'losesLink'>[], say: (message: Message) => string = english): string[] {
  return impactSummaryMessages(impacts).map(say);
}
