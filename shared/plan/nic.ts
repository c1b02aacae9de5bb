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
import { macvtapCaveatSays, macvtapTargetProblemSays, nicMoveProblemSays, nicTargetProblemSays } from './rules.ts';
import { MACVTAP_MODES } from '../libvirt/nic-props.ts';
import { english, errorSays, msg, refusal, uniqueMessages, verbatim, type Message } from './say.ts';
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

/** Where a NIC is or goes, in words: `label` its English ("network `default`"), `says` the message. */
export interface Place {
  label: string;
  says: Message;
}

const place = (says: Message): Place => ({ label: english(says), says });

/** The place as an operation keeps it. */
export const onOf = (p: Place): { on: string; onSays: Message } => ({ on: p.label, onSays: p.says });

export interface ResolvedTarget extends Place {
  source: NicSourceTarget;
}

export function resolveTarget(view: HostView, vm: VmNode, target: NicTarget, scope: VmScope, warnings: Message[]): ResolvedTarget {
  if (target.kind === 'network') {
    const network = view.network(target.network);
    if (!network.active && scope !== 'config') {
      throw refusal('plan.nic.networkNotRunning', { network: network.name, vm: vm.name }, { offer: { kind: 'network-start', network: network.name } });
    }
    if (!network.active) warnings.push(msg('plan.nic.startNetworkFirst', { network: network.name, vm: vm.name }));
    return { source: { type: 'network', network: network.name }, ...place(msg('plan.place.network', { name: network.name })) };
  }
  if (target.kind === 'direct') return directTarget(view, target, warnings);
  const bridge = view.bridge(target.bridge);
  const problem = nicTargetProblemSays(bridge);
  if (problem !== undefined) throw ApiError.said('invalid-input', problem);
  const ovs = bridge.bridgeType === 'ovs';
  return { source: { type: 'bridge', bridge: bridge.name, ovs }, ...place(msg(ovs ? 'plan.place.ovsBridge' : 'plan.place.bridge', { name: bridge.name })) };
}

/** A macvtap on a host device: the device must be a free one (not a bridge port), the mode one libvirt knows. */
function directTarget(view: HostView, target: Extract<NicTarget, { kind: 'direct' }>, warnings: Message[]): ResolvedTarget {
  const device = view.device(target.dev, 'device');
  const problem = macvtapTargetProblemSays(view.topology, device);
  if (problem !== undefined) throw ApiError.said('invalid-input', problem);
  if (!(MACVTAP_MODES as readonly string[]).includes(target.mode)) throw refusal('plan.nic.macvtapModes', { modes: MACVTAP_MODES.join(', ') });
  warnings.push(macvtapCaveatSays(device.name));
  if (target.mode === 'passthrough') warnings.push(msg('plan.nic.passthrough', { dev: device.name }));
  if (target.mode === 'vepa') warnings.push(msg('plan.nic.vepa', { dev: device.name }));
  return { source: { type: 'direct', dev: device.name, mode: target.mode }, ...place(msg('plan.place.macvtap', { name: device.name, mode: target.mode })) };
}

/** What a NIC source names: its network, bridge or device. */
const sourceName = (s: NicSourceTarget): string => (s.type === 'network' ? s.network : s.type === 'bridge' ? s.bridge : s.dev);

const MISSING_PLACES = { network: 'plan.place.missingNetwork', bridge: 'plan.place.missingBridge', device: 'plan.place.missingDevice' } as const;

/** Where a NIC is now, in words: "network `default`", "bridge `br0`", "device `eth0`"… */
export function placeOf(view: HostView, nic: NicLink): Place {
  const node = view.byId(nic.target);
  if (!node) return place(msg('plan.place.backend', { type: nic.type }));
  switch (node.kind) {
    case 'network':
      return place(msg('plan.place.network', { name: node.name }));
    case 'bridge':
      return place(msg(node.bridgeType === 'ovs' ? 'plan.place.ovsBridge' : 'plan.place.bridge', { name: node.name }));
    case 'missing':
      return place(msg(MISSING_PLACES[node.expected], { name: node.name }));
    case 'endpoint':
      return place(verbatim(node.name));
    default:
      return place(msg('plan.place.device', { name: node.name }));
  }
}

function newMac(view: HostView, requested: string | undefined, options: PlanOptions): string {
  const used = view.macsInUse();
  if (requested !== undefined) {
    const mac = checkMac(requested);
    if (used.has(mac)) throw refusal('plan.nic.macInUse', { mac });
    return mac;
  }
  const factory = options.macFactory ?? randomMac;
  // Collisions are astronomically rare with random MACs; the bound only stops a broken factory from looping.
  for (let tries = 0; tries < 64; tries++) {
    const mac = checkMac(factory());
    if (!used.has(mac)) return mac;
  }
  throw refusal('plan.nic.noFreeMac', undefined, undefined, 'internal');
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
  // One element for both sides only when they are the same NIC at the same PCI address: a NIC
  // hot-plugged with --live --config can get a different slot in each, and one element (one
  // address) attached back to both would collide with another device on one of them.
  if (live && config && comparableNic(live) === comparableNic(config) && nicXml(definedNic(live)) === nicXml(definedNic(config))) {
    return [{ scope: 'both', element: definedNic(config) }];
  }
  return [
    { scope: 'live', element: live && definedNic(live) },
    { scope: 'config', element: config && definedNic(config) },
  ];
}

const NOT_READ = (vm: VmNode, nic: NicLink): Message => msg('plan.nic.notReadUndo', { mac: nic.mac, vm: vm.name });

/** VirtWire has not read the NIC's XML: nothing can be planned from it until the host is read again. */
export const notRead = (vm: VmNode, mac: string) => refusal('plan.nic.notRead', { mac, vm: vm.name });

/** The NIC is not on this side of the VM. */
export const notOnSide = (vm: VmNode, mac: string, side: NicSide) => refusal(side === 'live' ? 'plan.nic.noNicLive' : 'plan.nic.noNicConfig', { vm: vm.name, mac });

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
    throw refusal('plan.nic.savedUnreadable', { mac, element: '<interface>', problem: errorSays(e) });
  }
  const node = nodes.length === 1 ? nodes[0]! : undefined;
  if (!node || attrOf(childOf(node, 'mac'), 'address')?.toLowerCase() !== mac) {
    throw refusal('plan.nic.savedNotOne', { mac, element: '<interface>' });
  }
  // A file is data from anywhere: a NIC that would make the host run a program or open a host file is not attached from it.
  const hostile = ['script', 'backend'].find((tag) => childOf(node, tag)) ?? (attrOf(childOf(node, 'rom'), 'file') !== undefined ? 'rom file' : undefined);
  if (hostile) throw refusal('plan.nic.savedHostile', { mac, tag: `<${hostile}>` });
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
  if (requested === undefined) throw refusal('plan.nic.sideNeedsMac');
  const mac = checkMac(requested);
  if (side === 'live' && !isRunning(vm)) throw refusal('plan.nic.notRunningLive', { vm: vm.name });
  const own = sidesOf(view, vm, mac);
  if (own[side]) throw refusal(side === 'live' ? 'plan.nic.hasNicLive' : 'plan.nic.hasNicConfig', { vm: vm.name, mac });
  if (!own.live && !own.config && view.macsInUse().has(mac)) throw refusal('plan.nic.macInUse', { mac });
  return mac;
}

export function planNicAttach(view: HostView, intent: NicIntent<'nic-attach'>, options: PlanOptions): PlanParts {
  const vm = view.vm(intent.vm);
  const scope = intent.scope ?? newNicScope(vm);
  const warnings: Message[] = [];
  const to = resolveTarget(view, vm, intent.target, scope, warnings);
  const model = checkModel(intent.model ?? 'virtio');
  const mac = intent.scope ? sideMac(view, vm, intent.mac, intent.scope) : newMac(view, intent.mac, options);
  const xml = nicXml(intent.element === undefined ? newNic(mac, to.source, model) : savedNic(intent.element, mac, to.source));
  const step = undoable(
    view.ctx,
    { op: 'nic-attach', vm: vm.name, mac, xml, scope, ...onOf(to) },
    { op: 'nic-detach', vm: vm.name, mac, nicType: to.source.type, scope, ...onOf(to) },
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
  const warnings: Message[] = [];
  if (intent.scope && !sidesOf(view, vm, nic.mac.toLowerCase())[intent.scope]) throw notOnSide(vm, nic.mac, intent.scope);
  const steps: Step[] = nicElements(vm, nic, intent.scope ?? existingNicScope(vm, nic)).map(({ scope, element }) => {
    const detach = { op: 'nic-detach', vm: vm.name, mac: nic.mac, nicType: nic.type, scope, ...onOf(on) } as const;
    if (!element) return irreversible(view.ctx, detach, NOT_READ(vm, nic));
    let back = element;
    if (onlyBootDevice(vm, element, scope)) {
      back = { ...element, children: element.children.filter((c) => !('tag' in c) || c.tag !== 'boot') };
      warnings.push(msg('plan.nic.onlyBootDevice', { mac: nic.mac, vm: vm.name, boot: "<boot dev='hd'/>" }));
    }
    return undoable(view.ctx, detach, { op: 'nic-attach', vm: vm.name, mac: nic.mac, xml: nicXml(back), scope, ...onOf(on) });
  });
  return { steps, vms: [vm.name], summary: [msg('plan.nic.losesNic', { vm: vm.name, mac: nic.mac, on: on.says })], warnings: uniqueMessages(warnings) };
}

export function planNicLink(view: HostView, intent: NicIntent<'nic-link'>): PlanParts {
  const vm = view.vm(intent.vm);
  const nic = view.nic(vm, checkMac(intent.mac));
  const before = nic.linkState ?? 'up';
  if (before === intent.state) throw refusal(before === 'up' ? 'plan.nic.linkAlreadyUp' : 'plan.nic.linkAlreadyDown', { mac: nic.mac, vm: vm.name });
  const scope = existingNicScope(vm, nic);
  const parts: ('live' | 'config')[] = scope === 'both' ? ['live', 'config'] : [scope];
  const link = (state: 'up' | 'down', s: 'live' | 'config') => ({ op: 'nic-link', vm: vm.name, mac: nic.mac, state, scope: s }) as const;
  const steps = parts.map((s) => undoable(view.ctx, link(intent.state, s), link(before, s)));
  return { steps, vms: [vm.name] };
}

export function planNicMove(view: HostView, intent: NicIntent<'nic-move'>): PlanParts {
  const vm = view.vm(intent.vm);
  const nic = view.nic(vm, checkMac(intent.mac));
  const unmovable = nicMoveProblemSays(vm, nic);
  if (unmovable !== undefined) throw ApiError.said('invalid-input', unmovable);
  const scope = existingNicScope(vm, nic);
  const warnings: Message[] = [];
  if (intent.target.kind === 'direct') throw refusal('plan.nic.moveOntoDevice');
  const to = resolveTarget(view, vm, intent.target, scope, warnings);
  const from = placeOf(view, nic);
  const current = view.byId(nic.target);
  if (current && current.name === sourceName(to.source) && current.kind === to.source.type) {
    throw refusal('plan.nic.alreadyOn', { mac: nic.mac, vm: vm.name, on: to.says });
  }
  const steps = nicElements(vm, nic, scope).map(({ scope: s, element }) => {
    if (!element) throw notRead(vm, nic.mac);
    const moved = { op: 'nic-update', vm: vm.name, mac: nic.mac, xml: nicXml(withSource(element, to.source)), scope: s, ...onOf(to) } as const;
    return undoable(view.ctx, moved, { ...moved, xml: nicXml(element), ...onOf(from) });
  });
  return { steps, vms: [vm.name], warnings, summary: [msg('plan.nic.moves', { vm: vm.name, mac: nic.mac, from: from.says, to: to.says })] };
}
