// A VM NIC's properties changed in place — model, link state, bandwidth limits, MTU, VLAN tags,
// macvtap mode — by `virsh update-device` with the NIC's own `<interface>` element, edited where
// the property lives and otherwise carried through untouched. What libvirt changes on a running
// VM goes `--live` (and `--config`); the rest goes to the saved definition only and takes effect
// when the VM next starts, and the step's impact says so.
//
// What libvirt 9.0 took live, measured in the lab with update-device --live on running guests:
//   accepted: link state; VLAN tags on an Open vSwitch port (ovs-vsctl showed tag 42, and [] after undo);
//             bandwidth (libvirt runs tc for it — the lab's kernel lacks the sfq qdisc and the police
//             action, so there it fails with tc's error; on a usual host it applies)
//   refused:  model ("cannot modify network device model from virtio to e1000"), MTU ("cannot modify
//             MTU"), macvtap mode ("unable to change config on 'direct' network type"), a VLAN tag
//             on a network NIC ("vlan tag not supported for this connection type")
//   --config took every one of them.
// Reference: virsh(1) update-device; libvirt qemuDomainChangeNet.
import { ApiError } from '../errors.ts';
import { attrOf, childOf, nicXml, withSource, type XmlNode } from '../libvirt/interface-xml.ts';
import { MACVTAP_MODES, nicProps, parseVlan, propText, sameProp, withProps, type BandwidthLimit, type MacvtapMode, type NicPropName, type NicProps } from '../libvirt/nic-props.ts';
import type { VmNode } from '../topology/model.ts';
import { checkMac, checkModel } from './check.ts';
import type { HostView } from './host.ts';
import { existingNicScope, nicElements, notOnSide, notRead, onOf, placeOf, resolveTarget, sidesOf, type Place } from './nic.ts';
import type { VmScope } from './ops.ts';
import type { PlanParts } from './parts.ts';
import { nicMoveProblemSays } from './rules.ts';
import { asMessage, english, joinComma, msg, refusal, type Message } from './say.ts';
import { undoable } from './step.ts';
import type { Intent, NicTarget, Step } from './types.ts';

/** What to change on an existing NIC; a property left out stays as it is, null removes it. */
export interface NicChanges {
  model?: string;
  link?: 'up' | 'down';
  inbound?: BandwidthLimit | null;
  outbound?: BandwidthLimit | null;
  mtu?: number | null;
  /** "42", "42,48" or "trunk 42,48"; a list of several tags is a trunk */
  vlan?: string | null;
  /** macvtap (type direct) NICs only */
  mode?: MacvtapMode;
  /** also put the NIC on this network or bridge, in the same update (a desired state that moves and changes it) */
  target?: NicTarget;
}

/** The property names a NicChanges can carry, in the order the preview lists them. */
export const NIC_PROPS: readonly NicPropName[] = ['model', 'link', 'inbound', 'outbound', 'mtu', 'vlan', 'mode'];

const WORDS: Record<NicPropName | 'source', Message['key']> = {
  source: 'plan.prop.source',
  model: 'plan.prop.model',
  link: 'plan.prop.link',
  inbound: 'plan.prop.inbound',
  outbound: 'plan.prop.outbound',
  mtu: 'plan.prop.mtu',
  vlan: 'plan.prop.vlan',
  mode: 'plan.prop.mode',
};

const word = (prop: NicPropName | 'source'): Message => msg(WORDS[prop]);
const LIMIT_PARTS = { average: 'plan.limit.average', peak: 'plan.limit.peak', burst: 'plan.limit.burst' } as const;

const MAX_RATE = 4_294_967_295;

function checkLimit(which: 'inbound' | 'outbound', limit: BandwidthLimit | null | undefined): void {
  if (limit === undefined || limit === null) return;
  for (const key of ['average', 'peak', 'burst'] as const) {
    const value = limit[key];
    if (value === undefined && key !== 'average') continue;
    if (!Number.isInteger(value) || value! < 1 || value! > MAX_RATE) {
      throw refusal('plan.limit.range', { which: word(which), part: msg(LIMIT_PARTS[key]), max: String(MAX_RATE), unit: msg(key === 'burst' ? 'plan.limit.kilobytes' : 'plan.limit.kilobytesPerSecond') });
    }
  }
}

/** The changes, checked: each value one libvirt can take, and at least one change. */
export function checkNicChanges(changes: NicChanges): NicChanges {
  if (changes.model !== undefined) checkModel(changes.model);
  if (changes.link !== undefined && changes.link !== 'up' && changes.link !== 'down') throw refusal('plan.nicModify.linkState');
  checkLimit('inbound', changes.inbound);
  checkLimit('outbound', changes.outbound);
  if (changes.mtu !== undefined && changes.mtu !== null && (!Number.isInteger(changes.mtu) || changes.mtu < 68 || changes.mtu > 65535)) {
    throw refusal('plan.nicModify.mtu');
  }
  if (changes.vlan !== undefined && changes.vlan !== null && parseVlan(changes.vlan) === null) {
    throw refusal('plan.nicModify.vlan', { vlan: changes.vlan });
  }
  if (changes.mode !== undefined && !(MACVTAP_MODES as readonly string[]).includes(changes.mode)) {
    throw refusal('plan.nic.macvtapModes', { modes: MACVTAP_MODES.join(', ') });
  }
  if (!NIC_PROPS.some((p) => changes[p] !== undefined) && changes.target === undefined) throw refusal('plan.nicModify.nothing');
  return changes;
}

const isOvsPort = (node: XmlNode): boolean => attrOf(childOf(node, 'virtualport'), 'type') === 'openvswitch';

/** Whether libvirt changes this property of a running VM's NIC (see the measurements at the top); a VLAN only on an OVS port. */
export function liveProp(prop: NicPropName | 'source', ovsPort: boolean): boolean {
  if (prop === 'vlan') return ovsPort;
  return prop === 'link' || prop === 'inbound' || prop === 'outbound' || prop === 'source';
}

function changesLive(prop: NicPropName | 'source', edited: XmlNode): boolean {
  return liveProp(prop, isOvsPort(edited));
}

type Changed = NicPropName | 'source';

/** The element with `only` of the changes made (all of them when `only` is undefined). */
function edit(element: XmlNode, changes: NicChanges, to: Parameters<typeof withSource>[1] | undefined, only?: readonly Changed[]): XmlNode {
  const wanted = (p: Changed) => only === undefined || only.includes(p);
  const props: Partial<NicProps> = {};
  for (const p of NIC_PROPS) if (changes[p] !== undefined && wanted(p)) (props as Record<string, unknown>)[p] = changes[p];
  const moved = to && wanted('source') ? withSource(element, to) : element;
  return withProps(moved, props);
}

/** Which properties (and the source) differ between two elements. */
function differences(before: XmlNode, after: XmlNode): Changed[] {
  const a = nicProps(before);
  const b = nicProps(after);
  const out: Changed[] = NIC_PROPS.filter((p) => !sameProp(a[p], b[p]));
  const source = (n: XmlNode) => JSON.stringify([attrOf(n, 'type'), childOf(n, 'source')?.attrs.filter(([k]) => k === 'network' || k === 'bridge')]);
  if (source(before) !== source(after)) out.unshift('source');
  return out;
}

const shown = (v: string | null): Message | string => v ?? msg('plan.nicModify.none');

/** "model virtio → e1000, MTU (none) → 1400", with its message */
function changeWords(before: XmlNode, after: XmlNode, changed: readonly Changed[], on: Place): { what: string; whatSays: Message } {
  const a = nicProps(before);
  const b = nicProps(after);
  const parts = changed.map((p) =>
    p === 'source' ? msg('plan.nicModify.onto', { on: on.says }) : msg('plan.nicModify.change', { prop: word(p), before: shown(propText(p, a)), after: shown(propText(p, b)) }),
  );
  const whatSays = asMessage(joinComma(parts));
  return { what: english(whatSays), whatSays };
}

function step(view: HostView, vm: VmNode, mac: string, scope: VmScope, before: XmlNode, after: XmlNode, changed: readonly Changed[], on: { to: Place; from: Place }): Step {
  const forward = { op: 'nic-update', vm: vm.name, mac, xml: nicXml(after), scope, ...onOf(on.to), ...changeWords(before, after, changed, on.to) } as const;
  const backward = { op: 'nic-update', vm: vm.name, mac, xml: nicXml(before), scope, ...onOf(on.from), ...changeWords(after, before, changed, on.from) } as const;
  return undoable(view.ctx, forward, backward);
}

type NicModify = Extract<Intent, { kind: 'nic-modify' }>;

export function planNicModify(view: HostView, intent: NicModify): PlanParts {
  const vm = view.vm(intent.vm);
  const nic = view.nic(vm, checkMac(intent.mac));
  const changes = checkNicChanges(intent.changes);
  const mac = nic.mac;
  if (changes.mode !== undefined && nic.type !== 'direct') throw refusal('plan.nicModify.notMacvtap', { mac, vm: vm.name });
  if (intent.scope && !sidesOf(view, vm, mac.toLowerCase())[intent.scope]) throw notOnSide(vm, mac, intent.scope);
  const scope = intent.scope ?? existingNicScope(vm, nic);
  const warnings: Message[] = [];
  const from = placeOf(view, nic);
  let to: ReturnType<typeof resolveTarget> | undefined;
  if (changes.target) {
    const unmovable = nicMoveProblemSays(vm, nic);
    if (unmovable !== undefined) throw ApiError.said('invalid-input', unmovable);
    to = resolveTarget(view, vm, changes.target, scope, warnings);
  }
  const on = { to: to ?? from, from };
  const steps: Step[] = [];
  const later: Changed[] = [];
  for (const { scope: side, element } of nicElements(vm, nic, scope)) {
    if (!element) throw notRead(vm, mac);
    const edited = edit(element, changes, to?.source);
    const changed = differences(element, edited);
    if (changed.length === 0) continue;
    if (side === 'config') {
      steps.push(step(view, vm, mac, 'config', element, edited, changed, on));
      continue;
    }
    const live = changed.filter((p) => changesLive(p, edited));
    const configOnly = changed.filter((p) => !live.includes(p));
    if (side === 'live' && configOnly.length) {
      throw refusal('plan.nicModify.liveOnly', { props: joinComma(configOnly.map(word)), mac, vm: vm.name });
    }
    if (configOnly.length === 0) {
      steps.push(step(view, vm, mac, side, element, edited, changed, on));
      continue;
    }
    if (live.length) steps.push(step(view, vm, mac, 'live', element, edit(element, changes, to?.source, live), live, on));
    steps.push(step(view, vm, mac, 'config', element, edited, changed, on));
    later.push(...configOnly);
  }
  if (steps.length === 0) throw refusal('plan.nicModify.already', { mac, vm: vm.name });
  const vlanSet = changes.vlan !== undefined && changes.vlan !== null;
  if (vlanSet && !steps.some((s) => 'xml' in s.op && /<virtualport type='openvswitch'/.test(s.op.xml)) && nic.type !== 'direct' && nic.type !== 'hostdev') {
    warnings.push(msg('plan.nicModify.vlanWarning', { mac, on: from.says, vm: vm.name }));
  }
  const summary = later.length
    ? [msg('plan.nicModify.later', { props: joinComma([...new Set(later)].map(word)), mac, vm: vm.name, count: later.length })]
    : [];
  return { steps, vms: [vm.name], warnings, summary };
}
