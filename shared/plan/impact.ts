// When each step of a plan takes effect, said before it runs. A step acts now, or only on the
// VM's next start (a shut-off VM's definition), only after a running VM restarts (its saved
// definition alone changed), only after a network restarts or next starts (a redefined or
// config-only updated network — and then libvirt does not plug its running VMs back in), or at
// the host's next boot (autostart). Walked in plan order, so a network stopped by an earlier
// step is not running for the later ones.
import { isVmRunning, type NicLink, type Topology, type VmNode } from '../topology/model.ts';
import type { Operation } from './ops.ts';
import type { Step } from './types.ts';

export const IMPACT_WHEN = ['now', 'vm-next-start', 'vm-restart', 'network-restart', 'network-start', 'host-boot'] as const;
export type ImpactWhen = (typeof IMPACT_WHEN)[number];

export interface StepImpact {
  when: ImpactWhen;
  /** the sentence the preview shows */
  text: string;
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

/** "running VM a" / "running VMs a, b" */
const runningVms = (vms: readonly string[]): string => `running VM${vms.length === 1 ? '' : 's'} ${vms.join(', ')}`;

const NOW: StepImpact = { when: 'now', text: 'Takes effect now.' };

function vmImpact(op: Extract<Operation, { vm: string; scope: unknown }>, state: State): StepImpact {
  if (op.scope !== 'config') return NOW;
  // A NIC's properties changed in the definition only (nic-modify.ts): say which, since the step beside it may change others now.
  const what = op.op === 'nic-update' && op.what ? ` (${op.what})` : '';
  return state.runningVms.has(op.vm)
    ? { when: 'vm-restart', text: `Only after VM \`${op.vm}\` restarts (shut down, then started)${what ? `: its next boot brings the change${what}; ` : ': '}the running VM keeps its NICs as they are until then.` }
    : { when: 'vm-next-start', text: `When VM \`${op.vm}\` next starts: it is shut off, so only its saved definition changes.` };
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
      return NOW;
    case 'vm-shutdown':
    case 'vm-destroy':
      state.runningVms.delete(op.vm);
      return NOW;
    case 'net-destroy': {
      const vms = state.activeNetworks.has(op.network) ? state.vmsOn.get(op.network) ?? [] : [];
      state.activeNetworks.delete(op.network);
      if (vms.length === 0) return NOW;
      return { when: 'now', text: `Takes effect now: ${runningVms(vms)} lose${vms.length === 1 ? 's' : ''} ${vms.length === 1 ? 'its' : 'their'} link on \`${op.network}\` until re-attached or restarted (libvirt does not plug them back in).`, losesLink: vms };
    }
    case 'net-start':
    case 'net-create':
      state.activeNetworks.add(op.network);
      return NOW;
    case 'net-define': {
      if (!op.redefine) return { when: 'now', text: `Takes effect now: the network is defined (not yet running).` };
      if (!state.activeNetworks.has(op.network)) return { when: 'network-start', text: `When network \`${op.network}\` next starts: it is not running now.` };
      const vms = state.vmsOn.get(op.network) ?? [];
      const lose = vms.length ? ` Then ${runningVms(vms)} lose${vms.length === 1 ? 's' : ''} ${vms.length === 1 ? 'its' : 'their'} link until re-attached (libvirt does not plug them back in).` : '';
      return { when: 'network-restart', text: `Only after network \`${op.network}\` restarts: the running network keeps its old definition.${lose}`, ...(vms.length ? { losesLink: vms } : {}) };
    }
    case 'net-dhcp-host':
    case 'net-dns-host':
    case 'net-dhcp-range':
      return op.scope === 'config' ? { when: 'network-start', text: `When network \`${op.network}\` next starts: it is not running now.` } : NOW;
    case 'net-autostart':
      return { when: 'host-boot', text: 'At the host\'s next boot.' };
    default:
      return NOW;
  }
}

/** The impact of each step of `steps`, in order, on the host `hostId` of `topology` as read before the plan. */
export function impactsOf(steps: readonly Step[], topology: Topology, hostId: string): StepImpact[] {
  const state = initialState(topology, hostId);
  return steps.map((s) => impactOf(s.op, state));
}

/** "2 steps take effect now." …: one line per kind of impact, in the order of IMPACT_WHEN. */
export function impactSummary(impacts: readonly StepImpact[]): string[] {
  const lines: string[] = [];
  const words: Record<ImpactWhen, string> = {
    now: 'now',
    'vm-next-start': 'when a shut-off VM next starts',
    'vm-restart': 'only after a running VM restarts',
    'network-restart': 'only after a network restarts',
    'network-start': 'when a stopped network next starts',
    'host-boot': 'at the host\'s next boot',
  };
  for (const when of IMPACT_WHEN) {
    const n = impacts.filter((i) => i.when === when).length;
    if (n) lines.push(`${n === 1 ? '1 step takes' : `${n} steps take`} effect ${words[when]}.`);
  }
  const losing = [...new Set(impacts.flatMap((i) => i.losesLink ?? []))].sort();
  if (losing.length) lines.push(`Running VMs that lose their link: ${losing.join(', ')}.`);
  return lines;
}
