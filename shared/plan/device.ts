// Host devices: Linux bridges and TAPs with iproute2, Open vSwitch bridges and their ports with
// ovs-vsctl (never ip link on an OVS bridge), link up/down. Every step needs root. The
// interfaces that carry the SSH session or the default route are protected: touching one
// needs intent.confirmRisk, because a mistake cuts VirtWire off.
import { ApiError } from '../errors.ts';
import { checkInterfaceName, type NameOf } from './check.ts';
import type { DeviceNode, HostView } from './host.ts';
import type { PlanParts } from './parts.ts';
import { deviceDeleteProblemSays, portDeviceProblemSays, portPlugProblemSays } from './rules.ts';
import { joinComma, kindWord, msg, refusal, type Message } from './say.ts';
import type { BridgeNode } from '../topology/model.ts';
import type { Operation } from './ops.ts';
import { undoable } from './step.ts';
import type { HostContext, Intent, Step } from './types.ts';

type DeviceIntent<K extends Intent['kind']> = Extract<Intent, { kind: K }>;

function requireRoot(ctx: HostContext): void {
  if (!ctx.isRoot && !ctx.useSudo) {
    throw refusal('plan.device.needsRoot', undefined, undefined, 'permission');
  }
}

/** Throws unless every protected interface among `names` was confirmed; returns the warning to show when it was. */
function guardProtected(ctx: HostContext, names: string[], confirmRisk: boolean | undefined): Message[] {
  const risky = [...new Set(names.filter((n) => ctx.protectedInterfaces.includes(n)))];
  if (risky.length === 0) return [];
  const list = joinComma(risky.map((name) => msg('plan.device.quoted', { name })));
  const risk = msg('plan.device.risk', { count: risky.length, list });
  if (!confirmRisk) throw refusal('plan.device.confirmRisk', { risk }, { risk: { kind: 'protected-interface', interfaces: risky } });
  return [risk];
}

/** TAPs and bridges libvirt made come and go with their NIC or network; changing them by hand fights libvirt. */
function refuseManaged(view: HostView, device: DeviceNode): void {
  const problem = deviceDeleteProblemSays(view.topology, device);
  if (problem !== undefined) throw ApiError.said('invalid-input', problem);
}

function newInterfaceName(view: HostView, what: NameOf, name: string): string {
  checkInterfaceName(what, name);
  if (view.interfaceNames().has(name)) throw refusal('plan.interfaceExists', { name });
  return name;
}

const isOvs = (bridge: BridgeNode | undefined): boolean => bridge?.bridgeType === 'ovs';

/** Puts `device` into `bridge` with the tool that bridge answers to; undo takes it out again. */
function plugOps(device: string, bridge: BridgeNode): [Operation, Operation] {
  return isOvs(bridge)
    ? [{ op: 'ovs-port-add', device, bridge: bridge.name }, { op: 'ovs-port-del', device, bridge: bridge.name }]
    : [{ op: 'port-plug', device, bridge: bridge.name }, { op: 'port-unplug', device, bridge: bridge.name }];
}

const unplugStep = (ctx: HostContext, device: string, bridge: BridgeNode): Step => {
  const [plug, unplug] = plugOps(device, bridge);
  return undoable(ctx, unplug, plug);
};

const stateStep = (ctx: HostContext, device: string, up: boolean): Step =>
  undoable(ctx, { op: 'link-state', device, up }, { op: 'link-state', device, up: !up });

/** Unplug the device's ports and take it down first, so undo can put each back. */
function teardown(view: HostView, device: DeviceNode): Step[] {
  const { ctx } = view;
  const steps: Step[] = [];
  const master = device.kind === 'bridge' ? undefined : view.masterOf(device);
  if (master) steps.push(unplugStep(ctx, device.name, master));
  if (device.kind === 'bridge') {
    for (const port of view.portsOf(device)) steps.push(unplugStep(ctx, port.name, device));
  }
  // An OVS bridge goes down with its deletion, and comes back down from add-br; ip-made devices keep their state.
  if (device.up && !(device.kind === 'bridge' && isOvs(device))) steps.push(stateStep(ctx, device.name, false));
  return steps;
}


export function planBridgeCreate(view: HostView, intent: DeviceIntent<'bridge-create'>): PlanParts {
  requireRoot(view.ctx);
  const name = newInterfaceName(view, 'bridge', intent.name);
  if (intent.type === 'ovs') {
    // A host whose OVS bridges all run on the userspace datapath has no kernel datapath to offer.
    const others = view.nodes.filter((n): n is BridgeNode => n.kind === 'bridge' && n.bridgeType === 'ovs');
    const netdev = others.length > 0 && others.every((b) => b.ovsDatapath === 'netdev');
    return { steps: [undoable(view.ctx, { op: 'ovs-bridge-add', name, ...(netdev ? { datapath: 'netdev' as const } : {}) }, { op: 'ovs-bridge-del', name })] };
  }
  return { steps: [undoable(view.ctx, { op: 'bridge-add', name }, { op: 'bridge-del', name })], warnings: [msg('plan.device.bridgeReboot', { name })] };
}

export function planBridgeDelete(view: HostView, intent: DeviceIntent<'bridge-delete'>): PlanParts {
  requireRoot(view.ctx);
  const bridge = view.bridge(intent.name);
  refuseManaged(view, bridge);
  const ports = view.portsOf(bridge).map((p) => p.name);
  const warnings = guardProtected(view.ctx, [bridge.name, ...ports], intent.confirmRisk);
  const name = bridge.name;
  const remove = isOvs(bridge)
    ? undoable(view.ctx, { op: 'ovs-bridge-del', name }, { op: 'ovs-bridge-add', name, ...(bridge.ovsDatapath === 'netdev' ? { datapath: 'netdev' as const } : {}) })
    : undoable(view.ctx, { op: 'bridge-del', name }, { op: 'bridge-add', name });
  const steps = [...teardown(view, bridge), remove];
  const summary = ports.length > 0 ? [msg('plan.device.unplugs', { bridge: bridge.name, ports: ports.map((p) => `\`${p}\``).join(', ') })] : [];
  return { steps, summary, warnings };
}

export function planTapCreate(view: HostView, intent: DeviceIntent<'tap-create'>): PlanParts {
  requireRoot(view.ctx);
  const name = newInterfaceName(view, 'TAP', intent.name);
  return { steps: [undoable(view.ctx, { op: 'tap-add', name }, { op: 'tap-del', name })], warnings: [msg('plan.device.tapReboot', { name })] };
}

export function planTapDelete(view: HostView, intent: DeviceIntent<'tap-delete'>): PlanParts {
  requireRoot(view.ctx);
  const tap = view.device(intent.name, 'TAP');
  if (tap.kind !== 'tap') throw refusal('plan.device.notTap', { name: tap.name, kind: kindWord(tap.kind) });
  refuseManaged(view, tap);
  const warnings = guardProtected(view.ctx, [tap.name], intent.confirmRisk);
  return { steps: [...teardown(view, tap), undoable(view.ctx, { op: 'tap-del', name: tap.name }, { op: 'tap-add', name: tap.name })], warnings };
}

function port(view: HostView, name: string): DeviceNode {
  const device = view.device(name);
  const problem = portDeviceProblemSays(view.topology, device);
  if (problem !== undefined) throw ApiError.said('invalid-input', problem);
  return device;
}

export function planPortPlug(view: HostView, intent: DeviceIntent<'port-plug'>): PlanParts {
  requireRoot(view.ctx);
  const device = port(view, intent.device);
  const bridge = view.bridge(intent.bridge);
  const before = view.masterOf(device);
  const problem = portPlugProblemSays(view.topology, device, bridge);
  if (problem !== undefined) throw ApiError.said('invalid-input', problem);
  const warnings = guardProtected(view.ctx, [device.name], intent.confirmRisk);
  if (device.kind === 'physical') warnings.push(msg('plan.device.physicalAddresses', { device: device.name, bridge: bridge.name }));
  const { ctx } = view;
  // `ip link set master` moves a port between Linux bridges in one step; OVS ports and moves
  // between OVS and Linux bridges need the old bridge to let go first.
  if (before && !isOvs(before) && !isOvs(bridge)) {
    return { steps: [undoable(ctx, { op: 'port-plug', device: device.name, bridge: bridge.name }, { op: 'port-plug', device: device.name, bridge: before.name })], warnings };
  }
  const [plug, unplug] = plugOps(device.name, bridge);
  const steps = [...(before ? [unplugStep(ctx, device.name, before)] : []), undoable(ctx, plug, unplug)];
  if (!isOvs(bridge)) warnings.push(msg('plan.device.portReboot'));
  return { steps, warnings };
}

export function planPortUnplug(view: HostView, intent: DeviceIntent<'port-unplug'>): PlanParts {
  requireRoot(view.ctx);
  const device = port(view, intent.device);
  const master = view.masterOf(device);
  if (!master) throw refusal('plan.device.notPlugged', { name: device.name });
  const warnings = guardProtected(view.ctx, [device.name, master.name], intent.confirmRisk);
  return { steps: [unplugStep(view.ctx, device.name, master)], warnings };
}

export function planDeviceState(view: HostView, intent: DeviceIntent<'device-state'>): PlanParts {
  requireRoot(view.ctx);
  const device = view.device(intent.device);
  if (device.up === intent.up) throw refusal(device.up ? 'plan.device.alreadyUp' : 'plan.device.alreadyDown', { name: device.name });
  const warnings = guardProtected(view.ctx, [device.name], intent.confirmRisk);
  return { steps: [stateStep(view.ctx, device.name, intent.up)], warnings };
}
