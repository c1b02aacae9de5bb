// Host devices with iproute2: Linux bridges, TAPs, plugging ports into bridges, link up/down.
// Every step needs root. The interfaces that carry the SSH session or the default route are
// protected: touching one needs intent.confirmRisk, because a mistake cuts VirtWire off.
import { ApiError } from '../errors.ts';
import { checkInterfaceName } from './check.ts';
import type { DeviceNode, HostView } from './host.ts';
import type { PlanParts } from './parts.ts';
import { ipCommand, undoable } from './step.ts';
import type { HostContext, Intent, Step, StepAction } from './types.ts';

type DeviceIntent<K extends Intent['kind']> = Extract<Intent, { kind: K }>;

function requireRoot(ctx: HostContext): void {
  if (!ctx.isRoot && !ctx.useSudo) {
    throw new ApiError('permission', 'Changing host interfaces needs root, and this host profile is neither root nor allowed to use sudo.');
  }
}

/** Throws unless every protected interface among `names` was confirmed; returns the warning to show when it was. */
function guardProtected(ctx: HostContext, names: string[], confirmRisk: boolean | undefined): string[] {
  const risky = [...new Set(names.filter((n) => ctx.protectedInterfaces.includes(n)))];
  if (risky.length === 0) return [];
  const list = risky.map((n) => `"${n}"`).join(', ');
  const risk = `${list} ${risky.length === 1 ? 'carries' : 'carry'} the SSH session or the default route; this change can cut VirtWire off from the host.`;
  if (!confirmRisk) {
    throw new ApiError('invalid-input', `${risk} Confirm the risk separately to go ahead.`, undefined, {
      risk: { kind: 'protected-interface', interfaces: risky },
    });
  }
  return [risk];
}

/** TAPs libvirt made for a VM NIC come and go with the NIC; changing them by hand fights libvirt. */
function refuseManaged(device: DeviceNode): void {
  if (device.kind === 'tap' && (device.vm || device.managedBy)) {
    const owner = device.managedBy ? `network "${device.managedBy}"` : 'a VM NIC';
    throw new ApiError('invalid-input', `TAP "${device.name}" is managed by libvirt for ${owner}; change the NIC or network instead.`);
  }
  if (device.kind === 'bridge' && device.managedBy) {
    throw new ApiError('invalid-input', `Bridge "${device.name}" is managed by network "${device.managedBy}"; change the network instead.`);
  }
}

function newInterfaceName(view: HostView, what: string, name: string): string {
  checkInterfaceName(what, name);
  if (view.interfaceNames().has(name)) throw new ApiError('invalid-input', `An interface named "${name}" already exists on this host.`);
  return name;
}

const addBridge = (ctx: HostContext, name: string): StepAction =>
  ipCommand(ctx, `Create Linux bridge \`${name}\`.`, ['link', 'add', 'name', name, 'type', 'bridge'], { alreadyDoneIf: 'File exists' });
const delBridge = (ctx: HostContext, name: string): StepAction =>
  ipCommand(ctx, `Delete Linux bridge \`${name}\`.`, ['link', 'del', 'dev', name], { destructive: true, alreadyDoneIf: 'Cannot find device' });
// `ip tuntap add` of an existing TAP fails with EBUSY; `del` of a missing one succeeds, so it needs no hint.
const addTap = (ctx: HostContext, name: string): StepAction =>
  ipCommand(ctx, `Create TAP \`${name}\`.`, ['tuntap', 'add', 'dev', name, 'mode', 'tap'], { alreadyDoneIf: 'Device or resource busy' });
const delTap = (ctx: HostContext, name: string): StepAction =>
  ipCommand(ctx, `Delete TAP \`${name}\`.`, ['tuntap', 'del', 'dev', name, 'mode', 'tap'], { destructive: true });

const setMaster = (ctx: HostContext, device: string, bridge: string): StepAction =>
  ipCommand(ctx, `Plug \`${device}\` into bridge \`${bridge}\`.`, ['link', 'set', 'dev', device, 'master', bridge]);
const setNomaster = (ctx: HostContext, device: string, bridge: string): StepAction =>
  ipCommand(ctx, `Unplug \`${device}\` from bridge \`${bridge}\`.`, ['link', 'set', 'dev', device, 'nomaster'], { destructive: true });
const setState = (ctx: HostContext, device: string, up: boolean): StepAction =>
  ipCommand(ctx, `Set \`${device}\` ${up ? 'up' : 'down'}.`, ['link', 'set', 'dev', device, up ? 'up' : 'down'], { destructive: !up });

/** Unplug the device's ports and take it down first, so undo can put each back. */
function teardown(view: HostView, device: DeviceNode): Step[] {
  const { ctx } = view;
  const steps: Step[] = [];
  const master = device.kind === 'bridge' ? undefined : view.masterOf(device);
  if (master) steps.push(undoable(setNomaster(ctx, device.name, master.name), setMaster(ctx, device.name, master.name)));
  if (device.kind === 'bridge') {
    for (const port of view.portsOf(device)) steps.push(undoable(setNomaster(ctx, port.name, device.name), setMaster(ctx, port.name, device.name)));
  }
  if (device.up) steps.push(undoable(setState(ctx, device.name, false), setState(ctx, device.name, true)));
  return steps;
}

export function planBridgeCreate(view: HostView, intent: DeviceIntent<'bridge-create'>): PlanParts {
  requireRoot(view.ctx);
  const name = newInterfaceName(view, 'bridge', intent.name);
  return { steps: [undoable(addBridge(view.ctx, name), delBridge(view.ctx, name))] };
}

export function planBridgeDelete(view: HostView, intent: DeviceIntent<'bridge-delete'>): PlanParts {
  requireRoot(view.ctx);
  const bridge = view.bridge(intent.name);
  refuseManaged(bridge);
  const ports = view.portsOf(bridge).map((p) => p.name);
  const warnings = guardProtected(view.ctx, [bridge.name, ...ports], intent.confirmRisk);
  const steps = [...teardown(view, bridge), undoable(delBridge(view.ctx, bridge.name), addBridge(view.ctx, bridge.name))];
  const summary = ports.length > 0 ? [`Deleting bridge \`${bridge.name}\` unplugs ${ports.map((p) => `\`${p}\``).join(', ')}.`] : [];
  return { steps, summary, warnings };
}

export function planTapCreate(view: HostView, intent: DeviceIntent<'tap-create'>): PlanParts {
  requireRoot(view.ctx);
  const name = newInterfaceName(view, 'TAP', intent.name);
  return { steps: [undoable(addTap(view.ctx, name), delTap(view.ctx, name))] };
}

export function planTapDelete(view: HostView, intent: DeviceIntent<'tap-delete'>): PlanParts {
  requireRoot(view.ctx);
  const tap = view.device(intent.name, 'TAP');
  if (tap.kind !== 'tap') throw new ApiError('invalid-input', `"${tap.name}" is a ${tap.kind}, not a TAP.`);
  refuseManaged(tap);
  const warnings = guardProtected(view.ctx, [tap.name], intent.confirmRisk);
  return { steps: [...teardown(view, tap), undoable(delTap(view.ctx, tap.name), addTap(view.ctx, tap.name))], warnings };
}

function port(view: HostView, name: string): DeviceNode {
  const device = view.device(name);
  if (device.kind === 'bridge') throw new ApiError('invalid-input', `"${device.name}" is a bridge; only TAPs and physical NICs plug into a bridge.`);
  refuseManaged(device);
  return device;
}

export function planPortPlug(view: HostView, intent: DeviceIntent<'port-plug'>): PlanParts {
  requireRoot(view.ctx);
  const device = port(view, intent.device);
  const bridge = view.bridge(intent.bridge);
  const before = view.masterOf(device);
  if (before?.name === bridge.name) throw new ApiError('invalid-input', `"${device.name}" is already plugged into bridge "${bridge.name}".`);
  const warnings = guardProtected(view.ctx, [device.name], intent.confirmRisk);
  if (device.kind === 'physical') warnings.push(`Addresses on \`${device.name}\` stop working once it is a bridge port; the host reaches that LAN through \`${bridge.name}\` instead.`);
  const undo = before ? setMaster(view.ctx, device.name, before.name) : setNomaster(view.ctx, device.name, bridge.name);
  return { steps: [undoable(setMaster(view.ctx, device.name, bridge.name), undo)], warnings };
}

export function planPortUnplug(view: HostView, intent: DeviceIntent<'port-unplug'>): PlanParts {
  requireRoot(view.ctx);
  const device = port(view, intent.device);
  const master = view.masterOf(device);
  if (!master) throw new ApiError('invalid-input', `"${device.name}" is not plugged into a bridge.`);
  const warnings = guardProtected(view.ctx, [device.name, master.name], intent.confirmRisk);
  return { steps: [undoable(setNomaster(view.ctx, device.name, master.name), setMaster(view.ctx, device.name, master.name))], warnings };
}

export function planDeviceState(view: HostView, intent: DeviceIntent<'device-state'>): PlanParts {
  requireRoot(view.ctx);
  const device = view.device(intent.device);
  if (device.up === intent.up) throw new ApiError('invalid-input', `"${device.name}" is already ${device.up ? 'up' : 'down'}.`);
  const warnings = guardProtected(view.ctx, [device.name], intent.confirmRisk);
  return { steps: [undoable(setState(view.ctx, device.name, intent.up), setState(view.ctx, device.name, !intent.up))], warnings };
}
