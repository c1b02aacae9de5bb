// Creating and editing networks. Edits that only change the DHCP range or add or remove static
// DHCP hosts go through `net-update`, which changes a running network in place; anything else
// redefines the network, which takes effect only after a restart that cuts its VMs off, so the
// preview says who.
import type { DhcpHost, NetworkNode } from '../topology/model.ts';
import type { HostView } from './host.ts';
import { parseNetworkXml } from '../libvirt/network.ts';
import { autostartStep, disconnects, reconnectWarning, stopStep } from './network.ts';
import { dhcpHostXml, escapeXml, networkXml } from './networkXml.ts';
import { checkNetworkSpec, specOf, specOfXml } from './networkSpec.ts';
import type { PlanParts } from './parts.ts';
import { english, joinAnd, msg, refusal, type Message } from './say.ts';
import type { VmScope } from './ops.ts';
import { irreversible, undoable } from './step.ts';
import type { HostContext, Intent, NetworkSpec, Step } from './types.ts';

type NetworkIntent<K extends Intent['kind']> = Extract<Intent, { kind: K }>;

/** The spec and XML to define: the form's, or the hand-edited XML checked as if it were the form. */
function resolve(view: HostView, spec: NetworkSpec, xml: string | undefined, self?: NetworkNode): { spec: NetworkSpec; xml: string } {
  if (xml === undefined) {
    const checked = checkNetworkSpec(view, spec, self);
    return { spec: checked, xml: networkXml(checked, self?.uuid) };
  }
  const parsed = specOfXml(xml);
  if (self && parsed.uuid !== self.uuid) {
    throw refusal('plan.network.keepUuid', { network: self.name, uuid: `<uuid>${self.uuid ?? ''}</uuid>` });
  }
  return { spec: checkNetworkSpec(view, parsed.spec, self), xml };
}

export function planNetworkCreate(view: HostView, intent: NetworkIntent<'network-create'>): PlanParts {
  const { ctx } = view;
  const { spec, xml } = resolve(view, intent.spec, intent.xml);
  const network = spec.name;
  const steps: Step[] = [undoable(ctx, { op: 'net-define', network, xml, redefine: false }, { op: 'net-undefine', network })];
  if (intent.start !== false) steps.push(undoable(ctx, { op: 'net-start', network }, { op: 'net-destroy', network }));
  if (intent.autostart) steps.push(autostartStep(ctx, network, true));
  return { steps, summary: [msg('plan.network.added', { network: spec.name, bridge: spec.bridge ?? '' })] };
}

const hostKey = (h: DhcpHost): string => JSON.stringify([h.mac?.toLowerCase(), h.id, h.name, h.ip]);

/** JSON with sorted keys and no undefined fields, so two specs compare by content, not by key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** A spec without its DHCP range and hosts, to see whether anything else differs. */
function withoutDhcp(spec: NetworkSpec): string {
  const strip = (s: NetworkSpec['ipv4']) => (s ? { ...s, dhcpHosts: undefined, dhcpRange: undefined } : undefined);
  return canonical({ ...spec, ipv4: strip(spec.ipv4), ipv6: strip(spec.ipv6) });
}

function updateScope(network: NetworkNode): VmScope {
  if (!network.active) return 'config';
  return network.persistent ? 'both' : 'live';
}

/** A static DHCP host in words: "192.168.122.10 for 52:54:00:…" */
export function dhcpHostWhat(ip: string | undefined, who: string | undefined): { what: string; whatSays: Message } {
  const whatSays = msg('plan.dhcpHostWhat', { ip: ip ?? '', who: who ?? '' });
  return { what: english(whatSays), whatSays };
}

function dhcpUpdate(ctx: HostContext, network: NetworkNode, ipIndex: number, command: 'add-last' | 'delete', host: DhcpHost): Step {
  const what = dhcpHostWhat(host.ip, host.mac ?? host.id ?? host.name);
  const op = { op: 'net-dhcp-host', network: network.name, ipIndex, xml: `${dhcpHostXml(host)}\n`, ...what, scope: updateScope(network) } as const;
  return undoable(ctx, { ...op, command }, { ...op, command: command === 'add-last' ? 'delete' : 'add-last' });
}

function dhcpRangeUpdate(ctx: HostContext, network: NetworkNode, ipIndex: number, command: 'add-last' | 'delete', range: { start: string; end: string }): Step {
  const xml = `<range start='${escapeXml(range.start)}' end='${escapeXml(range.end)}'/>\n`;
  const op = { op: 'net-dhcp-range', network: network.name, ipIndex, xml, what: `${range.start}-${range.end}`, scope: updateScope(network) } as const;
  return undoable(ctx, { ...op, command }, { ...op, command: command === 'add-last' ? 'delete' : 'add-last' });
}

/** A changed DHCP range, in place: the old range out, the new one in (net-update has no modify for ranges). */
function dhcpRangeSteps(ctx: HostContext, network: NetworkNode, before: NetworkSpec, after: NetworkSpec): Step[] {
  const steps: Step[] = [];
  for (const family of ['ipv4', 'ipv6'] as const) {
    const index = network.ips.findIndex((ip) => ip.family === family);
    const old = before[family]?.dhcpRange;
    const wanted = after[family]?.dhcpRange;
    if (old?.start === wanted?.start && old?.end === wanted?.end) continue;
    if (old) steps.push(dhcpRangeUpdate(ctx, network, index, 'delete', old));
    if (wanted) steps.push(dhcpRangeUpdate(ctx, network, index, 'add-last', wanted));
  }
  return steps;
}

function dhcpHostSteps(ctx: HostContext, network: NetworkNode, before: NetworkSpec, after: NetworkSpec): Step[] {
  const steps: Step[] = [];
  for (const family of ['ipv4', 'ipv6'] as const) {
    const index = network.ips.findIndex((ip) => ip.family === family);
    const old = before[family]?.dhcpHosts ?? [];
    const wanted = after[family]?.dhcpHosts ?? [];
    const oldKeys = new Set(old.map(hostKey));
    const wantedKeys = new Set(wanted.map(hostKey));
    // Removals first so a host can be changed (same MAC, new IP) without a duplicate in between.
    for (const host of old.filter((h) => !wantedKeys.has(hostKey(h)))) {
      steps.push(dhcpUpdate(ctx, network, index, 'delete', host));
    }
    for (const host of wanted.filter((h) => !oldKeys.has(hostKey(h)))) {
      steps.push(dhcpUpdate(ctx, network, index, 'add-last', host));
    }
  }
  return steps;
}

function redefineSteps(view: HostView, network: NetworkNode, xml: string): PlanParts {
  const { ctx } = view;
  const define = { op: 'net-define', network: network.name, xml, redefine: true } as const;
  const defineStep = network.xml
    ? undoable(ctx, define, { ...define, xml: network.xml })
    : irreversible(ctx, define, msg('plan.network.noCurrentXml'));
  if (!network.active || !network.persistent) {
    if (!network.persistent) throw refusal('plan.network.transientEdit', { network: network.name });
    return { steps: [defineStep] };
  }
  // Stop, define, start — in this order so undo (start⁻¹, define⁻¹, stop⁻¹) brings the old definition back running.
  const { vms, summary } = disconnects(view, network, 'redefine');
  return {
    steps: [stopStep(ctx, network), defineStep, undoable(ctx, { op: 'net-start', network: network.name }, { op: 'net-destroy', network: network.name })],
    vms,
    summary: [msg('plan.network.restarts', { network: network.name }), ...summary],
    warnings: reconnectWarning(network, vms),
  };
}

/** Parts of a network's current XML the form has no field for: a redefine from the form drops them. */
function formDrops(xml: string | undefined): Message[] {
  if (!xml) return [];
  const record = parseNetworkXml(xml);
  const dropped: [boolean, Message['key']][] = [
    [/<nat[\s>]/.test(xml), 'plan.network.drops.nat'],
    [record.mac !== undefined, 'plan.network.drops.mac'],
    [record.mtu !== undefined, 'plan.network.drops.mtu'],
    [record.portgroups.length > 0, 'plan.network.drops.portgroups'],
    [record.dnsHosts.length > 0, 'plan.network.drops.dnsHosts'],
    [record.forwardInterfaces.length > 0 || record.forwardPfs.length > 0, 'plan.network.drops.forwardPools'],
    [record.virtualport !== undefined, 'plan.network.drops.virtualport'],
  ];
  return dropped.filter(([present]) => present).map(([, what]) => msg(what));
}

export function planNetworkEdit(view: HostView, intent: NetworkIntent<'network-edit'>): PlanParts {
  const network = view.network(intent.network);
  const name = intent.xml === undefined ? intent.spec.name : specOfXml(intent.xml).spec.name;
  if (name !== network.name) throw refusal('plan.network.noRename', { network: network.name });
  const before = specOf(network);
  const after = resolve(view, intent.spec, intent.xml, network);
  const beforeChecked = { ...before, bridge: before.bridge ?? after.spec.bridge };
  if (intent.xml === undefined && withoutDhcp(beforeChecked) === withoutDhcp(after.spec)) {
    const steps = [...dhcpRangeSteps(view.ctx, network, before, after.spec), ...dhcpHostSteps(view.ctx, network, before, after.spec)];
    if (steps.length === 0) throw refusal('plan.network.noChange', { network: network.name });
    return { steps };
  }
  const parts = redefineSteps(view, network, after.xml);
  const dropped = intent.xml === undefined ? formDrops(network.xml) : [];
  if (dropped.length === 0) return parts;
  const drops = msg('plan.network.formDrops', { what: joinAnd(dropped), network: network.name });
  return { ...parts, warnings: [drops, ...(parts.warnings ?? [])] };
}
