// VM NICs: attach, detach, link up/down and move, with `--live`/`--config` chosen from the
// VM's state and where the NIC exists. A NIC is handled as its whole `<interface>` element:
// detaching keeps the element so undo attaches the same NIC again (model, driver, bandwidth,
// filterref, vlan, mtu, boot order…), and a move changes its source and nothing else.
// Reference: virsh(1) attach-device, detach-interface, domif-setlink, update-device.
import { ApiError } from '../errors.ts';
import { attrOf, childOf, comparableNic, definedNic, interfaceByMac, interfaceNodes, newNic, nicXml, withSource, type NicSourceTarget, type XmlNode } from '../libvirt/interface-xml.ts';
import type { NicLink, VmNode } from '../topology/model.ts';
import { checkMac, checkModel } from './check.ts';
import { isRunning, type HostView } from './host.ts';
import type { VmScope } from './ops.ts';
import type { PlanParts } from './parts.ts';
import { macvtapCaveat, macvtapTargetProblem, nicMoveProblem, nicTargetProblem } from './rules.ts';
import { MACVTAP_MODES } from '../libvirt/nic-props.ts';
import { irreversible, undoable } from './step.ts';
import type { Intent, NicSide, NicTarget, PlanOptions, Step } from './types.ts';

type NicIntent<K extends Intent['kind']> = Extract<Intent, { kind: K }>;

/** A running VM changes live and in config; a transient one only live; a shut-off one only in config. */
function newNicScope(vm: VmNode): VmScope {
  if (!isRunning(vm)) return 'config';
  return vm.persistent === false ? 'live' : 'both';
}

/** An existing NIC is changed where it exists: a hot-plugged NIC may be live only, a pending one config only. */
export function existingNicScope(vm: VmNode, nic: NicLink): VmScope {
  if (!isRunning(vm)) return 'config';
  if (nic.live && nic.config) return 'both';
  return nic.live ? 'live' : 'config';
}

export interface ResolvedTarget {
  source: NicSourceTarget;
  label: string;
}

export function resolveTarget(view: HostView, vm: VmNode, target: NicTarget, scope: VmScope, warnings: string[]): ResolvedTarget {
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
    return { source: { type: 'network', network: network.name }, label: `network \`${network.name}\`` };
  }
  if (target.kind === 'direct') return directTarget(view, target, warnings);
  const bridge = view.bridge(target.bridge);
  const problem = nicTargetProblem(bridge);
  if (problem !== undefined) throw new ApiError('invalid-input', problem);
  const ovs = bridge.bridgeType === 'ovs';
  return { source: { type: 'bridge', bridge: bridge.name, ovs }, label: `${ovs ? 'Open vSwitch bridge' : 'bridge'} \`${bridge.name}\`` };
}

/** A macvtap on a host device: the device must be a free one (not a bridge port), the mode one libvirt knows. */
function directTarget(view: HostView, target: Extract<NicTarget, { kind: 'direct' }>, warnings: string[]): ResolvedTarget {
  const device = view.device(target.dev, 'device');
  const problem = macvtapTargetProblem(view.topology, device);
  if (problem !== undefined) throw new ApiError('invalid-input', problem);
  if (!(MACVTAP_MODES as readonly string[]).includes(target.mode)) throw new ApiError('invalid-input', `A macvtap mode is one of ${MACVTAP_MODES.join(', ')}.`);
  warnings.push(macvtapCaveat(device.name));
  if (target.mode === 'passthrough') warnings.push(`In passthrough mode the VM takes \`${device.name}\` over: no other VM or macvtap can use it meanwhile.`);
  if (target.mode === 'vepa') warnings.push(`In VEPA mode traffic between VMs on \`${device.name}\` goes out to the switch and back, which must allow it (reflective relay / hairpin).`);
  return { source: { type: 'direct', dev: device.name, mode: target.mode }, label: `device \`${device.name}\` (macvtap ${target.mode})` };
}

/** What a NIC source names: its network, bridge or device. */
const sourceName = (s: NicSourceTarget): string => (s.type === 'network' ? s.network : s.type === 'bridge' ? s.bridge : s.dev);

/** Where a NIC is now, in words: "network `default`", "bridge `br0`", "device `eth0` (macvtap)"… */
export function placeOf(view: HostView, nic: NicLink): string {
  const node = view.byId(nic.target);
  if (!node) return `its ${nic.type} backend`;
  switch (node.kind) {
    case 'network':
      return `network \`${node.name}\``;
    case 'bridge':
      return `${node.bridgeType === 'ovs' ? 'Open vSwitch bridge' : 'bridge'} \`${node.name}\``;
    case 'missing':
      return `${node.expected} \`${node.name}\` (missing on this host)`;
    case 'endpoint':
      return node.name;
    default:
      return `device \`${node.name}\``;
  }
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

/**
 * The NIC's `<interface>` element where `scope` changes it: one element for both sides when the
 * running VM and its definition hold the same NIC, else one per side (a NIC whose live copy was
 * changed with --live only stays different in each). Undefined elements mean VirtWire has not
 * read that side's XML.
 */
export function nicElements(vm: VmNode, nic: NicLink, scope: VmScope): { scope: VmScope; element: XmlNode | undefined }[] {
  const running = isRunning(vm);
  const liveXml = running ? vm.xml : undefined;
  const configXml = running ? vm.inactiveXml ?? (vm.persistent === false ? undefined : vm.xml) : vm.xml;
  const find = (xml: string | undefined) => (xml === undefined ? undefined : interfaceByMac(xml, nic.mac));
  const live = scope === 'config' ? undefined : find(liveXml);
  const config = scope === 'live' ? undefined : find(configXml);
  if (scope === 'live') return [{ scope, element: live && definedNic(live) }];
  if (scope === 'config') return [{ scope, element: config && definedNic(config) }];
  if (live && config && comparableNic(live) === comparableNic(config)) return [{ scope: 'both', element: definedNic(config) }];
  return [
    { scope: 'live', element: live && definedNic(live) },
    { scope: 'config', element: config && definedNic(config) },
  ];
}

const NOT_READ = (vm: VmNode, nic: NicLink) => `VirtWire has not read the XML of NIC ${nic.mac} of VM "${vm.name}", so it cannot put the NIC back as it was.`;

/**
 * A whole NIC from a saved file, on `to`: its PCI address is left out (the slot may be taken by
 * now) and so is what libvirt assigns; its source is kept when it already names `to` (so a
 * portgroup stays), else replaced as a move would.
 */
function savedNic(element: string, mac: string, to: NicSourceTarget): XmlNode {
  let nodes: XmlNode[];
  try {
    nodes = interfaceNodes(`<domain><devices>${element}</devices></domain>`);
  } catch (e) {
    throw new ApiError('invalid-input', `The saved NIC ${mac} is not a readable <interface> element: ${ApiError.from(e).message}`);
  }
  const node = nodes.length === 1 ? nodes[0]! : undefined;
  if (!node || attrOf(childOf(node, 'mac'), 'address')?.toLowerCase() !== mac) {
    throw new ApiError('invalid-input', `The saved NIC ${mac} is not one <interface> element with that MAC.`);
  }
  // A file is data from anywhere: a NIC that would make the host run a program or open a host file is not attached from it.
  const hostile = ['script', 'backend'].find((tag) => childOf(node, tag)) ?? (attrOf(childOf(node, 'rom'), 'file') !== undefined ? 'rom file' : undefined);
  if (hostile) throw new ApiError('invalid-input', `The saved NIC ${mac} has a <${hostile}> naming a program or file on the host; VirtWire does not attach such a NIC from a file.`);
  const defined = definedNic(node, { keepAddress: false });
  const source = childOf(defined, 'source');
  const named = attrOf(source, to.type === 'network' ? 'network' : to.type === 'bridge' ? 'bridge' : 'dev');
  return attrOf(defined, 'type') === to.type && named === sourceName(to) ? defined : withSource(defined, to);
}

/** The side(s) of `vm` a NIC is on, from the links of that MAC. */
export function sidesOf(view: HostView, vm: VmNode, mac: string): { live: boolean; config: boolean } {
  const links = view.nicsOf(vm).filter((l) => l.mac.toLowerCase() === mac);
  return { live: links.some((l) => l.live), config: links.some((l) => l.config) };
}

/** A MAC for a NIC attached to one side of `vm` only: it may be that VM's NIC on the other side, and no one else's. */
function sideMac(view: HostView, vm: VmNode, requested: string | undefined, side: NicSide): string {
  if (requested === undefined) throw new ApiError('invalid-input', 'A NIC attached to one side of a VM only needs its MAC.');
  const mac = checkMac(requested);
  if (side === 'live' && !isRunning(vm)) throw new ApiError('invalid-input', `VM "${vm.name}" is not running, so nothing can be attached to it live.`);
  const own = sidesOf(view, vm, mac);
  if (own[side]) throw new ApiError('invalid-input', `VM "${vm.name}" already has NIC ${mac} ${side === 'live' ? 'in the running VM' : 'in its saved definition'}.`);
  if (!own.live && !own.config && view.macsInUse().has(mac)) throw new ApiError('invalid-input', `MAC ${mac} is already used by a NIC on this host.`);
  return mac;
}

export function planNicAttach(view: HostView, intent: NicIntent<'nic-attach'>, options: PlanOptions): PlanParts {
  const vm = view.vm(intent.vm);
  const scope = intent.scope ?? newNicScope(vm);
  const warnings: string[] = [];
  const to = resolveTarget(view, vm, intent.target, scope, warnings);
  const model = checkModel(intent.model ?? 'virtio');
  const mac = intent.scope ? sideMac(view, vm, intent.mac, intent.scope) : newMac(view, intent.mac, options);
  const xml = nicXml(intent.element === undefined ? newNic(mac, to.source, model) : savedNic(intent.element, mac, to.source));
  const step = undoable(
    view.ctx,
    { op: 'nic-attach', vm: vm.name, mac, xml, scope, on: to.label },
    { op: 'nic-detach', vm: vm.name, mac, nicType: to.source.type, scope, on: to.label },
  );
  return { steps: [step], vms: [vm.name], warnings };
}

/**
 * libvirt gives a definition with no boot order left `<os><boot dev='hd'/>`, and then refuses
 * a device boot order beside it: a NIC that is the VM's only boot device cannot be attached
 * back with its `<boot order>`. True when detaching this element from `vm`'s definition does that.
 */
function onlyBootDevice(vm: VmNode, element: XmlNode, scope: VmScope): boolean {
  const config = isRunning(vm) ? vm.inactiveXml ?? vm.xml : vm.xml;
  if (scope === 'live' || !config || !childOf(element, 'boot')) return false;
  return (config.match(/<boot\s+order\s*=/g) ?? []).length === 1;
}

export function planNicDetach(view: HostView, intent: NicIntent<'nic-detach'>): PlanParts {
  const vm = view.vm(intent.vm);
  const nic = view.nic(vm, checkMac(intent.mac));
  const on = placeOf(view, nic);
  const warnings: string[] = [];
  if (intent.scope && !sidesOf(view, vm, nic.mac.toLowerCase())[intent.scope]) {
    throw new ApiError('invalid-input', `VM "${vm.name}" has no NIC ${nic.mac} ${intent.scope === 'live' ? 'in the running VM' : 'in its saved definition'}.`);
  }
  const steps: Step[] = nicElements(vm, nic, intent.scope ?? existingNicScope(vm, nic)).map(({ scope, element }) => {
    const detach = { op: 'nic-detach', vm: vm.name, mac: nic.mac, nicType: nic.type, scope, on } as const;
    if (!element) return irreversible(view.ctx, detach, NOT_READ(vm, nic));
    let back = element;
    if (onlyBootDevice(vm, element, scope)) {
      back = { ...element, children: element.children.filter((c) => !('tag' in c) || c.tag !== 'boot') };
      warnings.push(
        `NIC ${nic.mac} is the only device of VM \`${vm.name}\` with a boot order: once it is detached, libvirt makes the VM boot from its disk (\`<boot dev='hd'/>\`) and refuses a device boot order beside that, so undo attaches the NIC back without its boot order.`,
      );
    }
    return undoable(view.ctx, detach, { op: 'nic-attach', vm: vm.name, mac: nic.mac, xml: nicXml(back), scope, on });
  });
  return { steps, vms: [vm.name], summary: [`VM \`${vm.name}\` loses its NIC ${nic.mac} on ${on}.`], warnings: [...new Set(warnings)] };
}

export function planNicLink(view: HostView, intent: NicIntent<'nic-link'>): PlanParts {
  const vm = view.vm(intent.vm);
  const nic = view.nic(vm, checkMac(intent.mac));
  const before = nic.linkState ?? 'up';
  if (before === intent.state) throw new ApiError('invalid-input', `The link of NIC ${nic.mac} of VM "${vm.name}" is already ${before}.`);
  const scope = existingNicScope(vm, nic);
  const parts: ('live' | 'config')[] = scope === 'both' ? ['live', 'config'] : [scope];
  const link = (state: 'up' | 'down', s: 'live' | 'config') => ({ op: 'nic-link', vm: vm.name, mac: nic.mac, state, scope: s }) as const;
  const steps = parts.map((s) => undoable(view.ctx, link(intent.state, s), link(before, s)));
  return { steps, vms: [vm.name] };
}

export function planNicMove(view: HostView, intent: NicIntent<'nic-move'>): PlanParts {
  const vm = view.vm(intent.vm);
  const nic = view.nic(vm, checkMac(intent.mac));
  const unmovable = nicMoveProblem(vm, nic);
  if (unmovable !== undefined) throw new ApiError('invalid-input', unmovable);
  const scope = existingNicScope(vm, nic);
  const warnings: string[] = [];
  if (intent.target.kind === 'direct') throw new ApiError('invalid-input', 'A NIC is moved onto a network or a bridge; to put the VM on a device with macvtap, attach a new NIC there.');
  const to = resolveTarget(view, vm, intent.target, scope, warnings);
  const from = placeOf(view, nic);
  const current = view.byId(nic.target);
  if (current && current.name === sourceName(to.source) && current.kind === to.source.type) {
    throw new ApiError('invalid-input', `NIC ${nic.mac} of VM "${vm.name}" is already on ${to.label}.`);
  }
  const steps = nicElements(vm, nic, scope).map(({ scope: s, element }) => {
    if (!element) throw new ApiError('invalid-input', `VirtWire has not read the XML of NIC ${nic.mac} of VM "${vm.name}"; refresh the host and try again.`);
    const moved = { op: 'nic-update', vm: vm.name, mac: nic.mac, xml: nicXml(withSource(element, to.source)), scope: s, on: to.label } as const;
    return undoable(view.ctx, moved, { ...moved, xml: nicXml(element), on: from });
  });
  return { steps, vms: [vm.name], warnings, summary: [`VM \`${vm.name}\` moves NIC ${nic.mac} from ${from} to ${to.label}; the rest of the NIC stays as it is.`] };
}
