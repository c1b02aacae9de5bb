// VM NICs: attach, detach, link up/down and move, with `--live`/`--config` chosen from the
// VM's state and where the NIC exists. Reference: virsh(1) attach-interface, detach-interface,
// domif-setlink, update-device.
import { ApiError } from '../errors.ts';
import type { NicLink, VmNode } from '../topology/model.ts';
import { checkMac, checkModel } from './check.ts';
import { isRunning, type HostView } from './host.ts';
import type { PlanParts } from './parts.ts';
import { escapeXml } from './networkXml.ts';
import { irreversible, undoable, virsh } from './step.ts';
import type { Intent, NicTarget, PlanOptions, StepAction, StepScope } from './types.ts';

type NicIntent<K extends Intent['kind']> = Extract<Intent, { kind: K }>;

const WHERE: Record<StepScope, string> = {
  both: 'now and in its saved definition',
  live: 'until it next shuts down',
  config: 'in its saved definition, from its next start',
  host: 'on the host',
};

const FLAGS: Record<StepScope, string[]> = { both: ['--live', '--config'], live: ['--live'], config: ['--config'], host: [] };

/** A running VM changes live and in config; a transient one only live; a shut-off one only in config. */
function newNicScope(vm: VmNode): StepScope {
  if (!isRunning(vm)) return 'config';
  return vm.persistent === false ? 'live' : 'both';
}

/** An existing NIC is changed where it exists: a hot-plugged NIC may be live only, a pending one config only. */
function existingNicScope(vm: VmNode, nic: NicLink): StepScope {
  if (!isRunning(vm)) return 'config';
  if (nic.live && nic.config) return 'both';
  return nic.live ? 'live' : 'config';
}

interface ResolvedTarget {
  type: 'network' | 'bridge';
  source: string;
  label: string;
}

function resolveTarget(view: HostView, vm: VmNode, target: NicTarget, scope: StepScope, warnings: string[]): ResolvedTarget {
  if (target.kind === 'network') {
    const network = view.network(target.network);
    if (!network.active && scope !== 'config') {
      throw new ApiError(
        'invalid-input',
        `Network "${network.name}" is not running, so running VM "${vm.name}" cannot be connected to it. Start the network first.`,
        undefined,
        { offer: { kind: 'network-start', network: network.name } },
      );
    }
    if (!network.active) warnings.push(`Network \`${network.name}\` is not running; start it before starting \`${vm.name}\`.`);
    return { type: 'network', source: network.name, label: `network \`${network.name}\`` };
  }
  const bridge = view.bridge(target.bridge);
  if (bridge.managedBy) {
    warnings.push(`Bridge \`${bridge.name}\` belongs to network \`${bridge.managedBy}\`; connecting to the network instead keeps libvirt's DHCP and firewall rules in charge.`);
  }
  return { type: 'bridge', source: bridge.name, label: `bridge \`${bridge.name}\`` };
}

function attachAction(view: HostView, vm: VmNode, to: ResolvedTarget, model: string | undefined, mac: string, scope: StepScope): StepAction {
  const modelArgs = model ? ['--model', model] : [];
  return {
    argv: virsh(view.ctx, 'attach-interface', '--domain', vm.name, '--type', to.type, '--source', to.source, ...modelArgs, '--mac', mac, ...FLAGS[scope]),
    description: `Attach a NIC (${model ? `model ${model}, ` : ''}MAC ${mac}) on ${to.label} to VM \`${vm.name}\`, ${WHERE[scope]}.`,
    scope,
    privileged: false,
    destructive: false,
    alreadyDoneIf: 'already (exists|in use)',
  };
}

function detachAction(view: HostView, vm: VmNode, type: string, label: string, mac: string, scope: StepScope): StepAction {
  return {
    argv: virsh(view.ctx, 'detach-interface', '--domain', vm.name, '--type', type, '--mac', mac, ...FLAGS[scope]),
    description: `Detach the NIC with MAC ${mac} on ${label} from VM \`${vm.name}\`, ${WHERE[scope]}.`,
    scope,
    privileged: false,
    destructive: true,
    alreadyDoneIf: 'no interface|not found',
  };
}

function newMac(view: HostView, requested: string | undefined, options: PlanOptions): string {
  const used = view.macsInUse();
  if (requested !== undefined) {
    const mac = checkMac(requested);
    if (used.has(mac)) throw new ApiError('invalid-input', `MAC ${mac} is already used by a NIC on this host.`);
    return mac;
  }
  const factory = options.macFactory ?? randomMac;
  // Collisions are astronomically rare with random MACs; the bound only stops a broken factory from looping.
  for (let tries = 0; tries < 64; tries++) {
    const mac = checkMac(factory());
    if (!used.has(mac)) return mac;
  }
  throw new ApiError('internal', 'Could not find a free MAC address for the new NIC.');
}

/** 52:54:00 is the prefix libvirt and QEMU use for the NICs they make up. */
export function randomMac(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(3));
  return ['52', '54', '00', ...[...bytes].map((b) => b.toString(16).padStart(2, '0'))].join(':');
}

function targetLabel(view: HostView, nic: NicLink): { source: string; label: string } {
  const node = view.byId(nic.target);
  const source = node?.name ?? nic.target;
  return { source, label: node?.kind === 'network' ? `network \`${source}\`` : `bridge \`${source}\`` };
}

export function planNicAttach(view: HostView, intent: NicIntent<'nic-attach'>, options: PlanOptions): PlanParts {
  const vm = view.vm(intent.vm);
  const scope = newNicScope(vm);
  const warnings: string[] = [];
  const to = resolveTarget(view, vm, intent.target, scope, warnings);
  const model = checkModel(intent.model ?? 'virtio');
  const mac = newMac(view, intent.mac, options);
  const attach = attachAction(view, vm, to, model, mac, scope);
  const detach = detachAction(view, vm, to.type, to.label, mac, scope);
  return { steps: [undoable(attach, detach)], vms: [vm.name], warnings };
}

export function planNicDetach(view: HostView, intent: NicIntent<'nic-detach'>): PlanParts {
  const vm = view.vm(intent.vm);
  const nic = view.nic(vm, checkMac(intent.mac));
  const scope = existingNicScope(vm, nic);
  const { source, label } = targetLabel(view, nic);
  const detach = detachAction(view, vm, nic.type, label, nic.mac, scope);
  const summary = [`VM \`${vm.name}\` loses its NIC ${nic.mac} on ${label}.`];
  if (nic.type !== 'network' && nic.type !== 'bridge') {
    const reason = `VirtWire can re-create only network and bridge NICs; this one is of type ${nic.type}.`;
    return { steps: [irreversible(detach, reason)], vms: [vm.name], summary };
  }
  const reattach = attachAction(view, vm, { type: nic.type, source, label }, nic.model, nic.mac, scope);
  return { steps: [undoable(detach, reattach)], vms: [vm.name], summary };
}

function setLinkAction(view: HostView, vm: VmNode, mac: string, state: 'up' | 'down', scope: 'live' | 'config'): StepAction {
  return {
    // domif-setlink changes the running VM unless --config is given, and then only the saved definition.
    argv: virsh(view.ctx, 'domif-setlink', '--domain', vm.name, '--interface', mac, '--state', state, ...(scope === 'config' ? ['--config'] : [])),
    description: `Set the link of NIC ${mac} of VM \`${vm.name}\` ${state}, ${WHERE[scope]}.`,
    scope,
    privileged: false,
    destructive: state === 'down',
  };
}

export function planNicLink(view: HostView, intent: NicIntent<'nic-link'>): PlanParts {
  const vm = view.vm(intent.vm);
  const nic = view.nic(vm, checkMac(intent.mac));
  const before = nic.linkState ?? 'up';
  if (before === intent.state) throw new ApiError('invalid-input', `The link of NIC ${nic.mac} of VM "${vm.name}" is already ${before}.`);
  const scope = existingNicScope(vm, nic);
  const parts: ('live' | 'config')[] = scope === 'both' ? ['live', 'config'] : [scope === 'live' ? 'live' : 'config'];
  const steps = parts.map((s) => undoable(setLinkAction(view, vm, nic.mac, intent.state, s), setLinkAction(view, vm, nic.mac, before, s)));
  return { steps, vms: [vm.name] };
}

/** The NIC as update-device wants it: same MAC and model (which cannot change live), new source. */
function nicXml(type: 'network' | 'bridge', source: string, nic: NicLink): string {
  const lines = [
    `<interface type='${type}'>`,
    `  <mac address='${escapeXml(nic.mac)}'/>`,
    `  <source ${type}='${escapeXml(source)}'/>`,
    ...(nic.model ? [`  <model type='${escapeXml(nic.model)}'/>`] : []),
    ...(nic.linkState ? [`  <link state='${nic.linkState}'/>`] : []),
    '</interface>',
  ];
  return `${lines.join('\n')}\n`;
}

function updateAction(view: HostView, vm: VmNode, nic: NicLink, to: ResolvedTarget, scope: StepScope): StepAction {
  return {
    argv: virsh(view.ctx, 'update-device', '--domain', vm.name, '--file', '/dev/stdin', ...FLAGS[scope]),
    stdin: nicXml(to.type, to.source, nic),
    description: `Move NIC ${nic.mac} of VM \`${vm.name}\` to ${to.label}, ${WHERE[scope]}.`,
    scope,
    privileged: false,
    destructive: true,
  };
}

export function planNicMove(view: HostView, intent: NicIntent<'nic-move'>): PlanParts {
  const vm = view.vm(intent.vm);
  const nic = view.nic(vm, checkMac(intent.mac));
  if (nic.type !== 'network' && nic.type !== 'bridge') {
    throw new ApiError('invalid-input', `NIC ${nic.mac} of VM "${vm.name}" is of type ${nic.type}; only network and bridge NICs can be moved.`);
  }
  const scope = existingNicScope(vm, nic);
  const warnings: string[] = [];
  const to = resolveTarget(view, vm, intent.target, scope, warnings);
  const from: ResolvedTarget = { type: nic.type, ...targetLabel(view, nic) };
  if (from.type === to.type && from.source === to.source) {
    throw new ApiError('invalid-input', `NIC ${nic.mac} of VM "${vm.name}" is already on ${to.label}.`);
  }
  const step = undoable(updateAction(view, vm, nic, to, scope), updateAction(view, vm, nic, from, scope));
  return { steps: [step], vms: [vm.name], warnings, summary: [`VM \`${vm.name}\` moves NIC ${nic.mac} from ${from.label} to ${to.label}.`] };
}
