// The gesture rules and the planner agree: for every ordered pair of kinds of object, what a
// drop is allowed to make, the planner plans; what the rules refuse, the planner refuses too.
//
// The planner may still decline an allowed drop for what only the host can say at plan time,
// never for a reason the rules know: an inactive network a running VM would join (it offers
// to start it: data.offer) and a protected interface (it asks to confirm the risk: data.risk).
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors.ts';
import { planIntent } from '../../../shared/plan/planner.ts';
import {
  canMoveNic,
  canStartConnect,
  checkConnect,
  deviceDeleteProblem,
  managedDeviceProblem,
  nicTargetProblem,
  portDeviceProblem,
  type ConnectCheck,
} from '../../../shared/plan/rules.ts';
import type { HostContext, Intent } from '../../../shared/plan/types.ts';
import type { NicLink, Topology, TopologyNode } from '../../../shared/topology/model.ts';

const H = 'root@rules-host';
const ctx: HostContext = { hostId: H, uri: 'qemu:///system', isRoot: true, useSudo: false, protectedInterfaces: ['eth0'] };
const live = new Set([H]);
const ip = { family: 'ipv4' as const, prefix: 24, dhcpRanges: [], dhcpHosts: [] };
const dev = { host: H, state: 'up', up: true, managedBy: null };

const domainXml = (name: string, uuid: string, nics: string): string => `<domain type='kvm'>\n  <name>${name}</name>\n  <uuid>${uuid}</uuid>\n  <devices>\n${nics}  </devices>\n</domain>\n`;
const iface = (type: string, mac: string, source: string): string => `    <interface type='${type}'>\n      <mac address='${mac}'/>\n${source}      <model type='virtio'/>\n    </interface>\n`;
const RUN_XML = domainXml(
  'run',
  'u1',
  iface('network', '52:54:00:00:00:01', "      <source network='on'/>\n") +
    iface('bridge', '52:54:00:00:00:02', "      <source bridge='br-hand'/>\n") +
    iface('bridge', '52:54:00:00:00:03', "      <source bridge='br-gone'/>\n") +
    iface('user', '52:54:00:00:00:09', ''),
);

/** One of each kind of object a drag can meet, by what it is. */
const KINDS: Record<string, TopologyNode> = {
  'running VM': { id: 'vm-run', host: H, kind: 'vm', name: 'run', state: 'running', uuid: 'u1', persistent: true, xml: RUN_XML },
  'shut-off VM': { id: 'vm-off', host: H, kind: 'vm', name: 'off', state: 'shut off', uuid: 'u2', persistent: true, xml: domainXml('off', 'u2', '') },
  'active network': { id: 'net-on', host: H, kind: 'network', name: 'on', state: 'active', forward: 'nat', bridge: 'virbr1', ips: [{ ...ip, address: '10.1.0.1' }], active: true, autostart: true, persistent: true },
  'inactive network': { id: 'net-idle', host: H, kind: 'network', name: 'idle', state: 'inactive', forward: 'isolated', bridge: 'virbr2', ips: [{ ...ip, address: '10.2.0.1' }], active: false, autostart: false, persistent: true },
  'hand-made bridge': { ...dev, id: 'br-hand', kind: 'bridge', name: 'br-hand', bridgeType: 'linux' },
  'libvirt bridge': { ...dev, id: 'virbr1', kind: 'bridge', name: 'virbr1', bridgeType: 'linux', managedBy: 'on' },
  'OVS bridge': { ...dev, id: 'ovsbr0', kind: 'bridge', name: 'ovsbr0', bridgeType: 'ovs' },
  'free TAP': { ...dev, id: 'tap-free', kind: 'tap', name: 'tap-free' },
  'plugged TAP': { ...dev, id: 'tap-in', kind: 'tap', name: 'tap-in' },
  'VM TAP (vnet)': { ...dev, id: 'vnet0', kind: 'tap', name: 'vnet0', vm: 'vm-run', managedBy: 'on' },
  'network TAP': { ...dev, id: 'virbr1-nic', kind: 'tap', name: 'virbr1-nic', managedBy: 'on' },
  'physical NIC': { ...dev, id: 'eth1', kind: 'physical', name: 'eth1' },
  'protected physical NIC': { ...dev, id: 'eth0', kind: 'physical', name: 'eth0' },
  // Placeholders drawn so every NIC has a far end
  'missing network': { id: 'missing-gone', host: H, kind: 'missing', name: 'gone', state: 'missing', expected: 'network' },
  'missing bridge': { id: 'missing-br-gone', host: H, kind: 'missing', name: 'br-gone', state: 'missing', expected: 'bridge' },
  'NIC endpoint': { id: 'endpoint-user', host: H, kind: 'endpoint', name: 'user (SLIRP)', state: 'up', nicType: 'user', vm: 'vm-run', mac: '52:54:00:00:00:09' },
};

const nic = (id: string, target: string, mac: string, type: string): NicLink => ({ id, kind: 'nic', source: 'vm-run', target, mac, type, model: 'virtio', live: true, config: true });
const NICS: Record<string, NicLink> = {
  'network NIC': nic('nic-net', 'net-on', '52:54:00:00:00:01', 'network'),
  'bridge NIC': nic('nic-br', 'br-hand', '52:54:00:00:00:02', 'bridge'),
  'NIC on a missing bridge': nic('nic-gone', 'missing-br-gone', '52:54:00:00:00:03', 'bridge'),
  'user-mode NIC': nic('nic-user', 'endpoint-user', '52:54:00:00:00:09', 'user'),
};

const topology: Topology = {
  hosts: [],
  nodes: Object.values(KINDS),
  links: [
    ...Object.values(NICS),
    { id: 'port-tap-in', kind: 'port', source: 'tap-in', target: 'br-hand' },
    { id: 'port-vnet0', kind: 'port', source: 'vnet0', target: 'virbr1' },
    { id: 'port-virbr1-nic', kind: 'port', source: 'virbr1-nic', target: 'virbr1' },
  ],
  layout: {},
};

const macs = (): (() => string) => {
  let n = 0;
  return () => `52:54:00:aa:00:${(++n).toString(16).padStart(2, '0')}`;
};

type Outcome = { planned: true } | { planned: false; error: ApiError };

function plan(intent: Intent): Outcome {
  try {
    planIntent(intent, topology, ctx, { macFactory: macs() });
    return { planned: true };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { planned: false, error: e };
  }
}

/** The planner declined for the host's state, which no drag rule can know, not for the gesture itself. */
const hostStateQuestion = (error: ApiError): boolean => error.code === 'invalid-input' && (error.data?.offer !== undefined || error.data?.risk !== undefined);

/** The change a drop of `source` on `target` asks for, built without the rules. */
function gesture(source: TopologyNode, target: TopologyNode, moving?: NicLink): Intent {
  const to = target.kind === 'network' ? { kind: 'network' as const, network: target.name } : { kind: 'bridge' as const, bridge: target.name };
  if (moving) return { kind: 'nic-move', vm: source.name, mac: moving.mac, target: to };
  // a VM dropped on a physical NIC asks for a macvtap NIC on it, bridge mode until the dialog says otherwise
  if (source.kind === 'vm' && target.kind === 'physical') return { kind: 'nic-attach', vm: source.name, target: { kind: 'direct', dev: target.name, mode: 'bridge' }, model: 'virtio' };
  if (source.kind === 'vm') return { kind: 'nic-attach', vm: source.name, target: to, model: 'virtio' };
  return { kind: 'port-plug', device: source.name, bridge: target.name };
}

function agree(rule: ConnectCheck, intent: Intent): void {
  const outcome = plan(intent);
  if (rule.ok) {
    expect(rule.intent).toEqual(intent);
    if (!outcome.planned) expect(hostStateQuestion(outcome.error), `planner refused an allowed drop: ${outcome.error.message}`).toBe(true);
  } else {
    expect(outcome.planned, `the rules refuse (${rule.reason}) but the planner plans ${JSON.stringify(intent)}`).toBe(false);
    if (!outcome.planned) expect(outcome.error.code).toBe('invalid-input');
  }
}

const names = Object.keys(KINDS);
const pairs = names.flatMap((s) => names.map((t) => [s, t] as const));

describe('drag rules and the planner agree on every pair of kinds', () => {
  it.each(pairs)('%s dropped on %s', (s, t) => {
    const source = KINDS[s]!;
    const target = KINDS[t]!;
    agree(checkConnect(topology, live, source, target), gesture(source, target));
  });

  it.each(Object.keys(NICS).flatMap((n) => names.map((t) => [n, t] as const)))('%s of the running VM moved onto %s', (n, t) => {
    const moving = NICS[n]!;
    const vm = KINDS['running VM']!;
    const target = KINDS[t]!;
    agree(checkConnect(topology, live, vm, target, { linkId: moving.id }), gesture(vm, target, moving));
  });
});

describe('drag rules', () => {
  const reason = (r: { ok: boolean; reason?: string }): string => (r.ok ? '' : (r.reason ?? ''));
  const drop = (s: string, t: string) => checkConnect(topology, live, KINDS[s]!, KINDS[t]!);

  it('allows what each kind connects to', () => {
    expect(drop('running VM', 'inactive network')).toMatchObject({ ok: true, intent: { kind: 'nic-attach', target: { kind: 'network', network: 'idle' } } });
    expect(drop('running VM', 'OVS bridge')).toMatchObject({ ok: true, intent: { kind: 'nic-attach', target: { kind: 'bridge', bridge: 'ovsbr0' } } });
    expect(drop('free TAP', 'libvirt bridge')).toEqual({ ok: true, intent: { kind: 'port-plug', device: 'tap-free', bridge: 'virbr1' } });
    expect(drop('physical NIC', 'OVS bridge')).toEqual({ ok: true, intent: { kind: 'port-plug', device: 'eth1', bridge: 'ovsbr0' } });
  });

  it('refuses a VM NIC on a libvirt network’s bridge, as the planner does', () => {
    expect(reason(drop('running VM', 'libvirt bridge'))).toBe('Bridge “virbr1” belongs to network “on”: connect the VM to the network instead.');
    expect(nicTargetProblem(KINDS['libvirt bridge']!)).toBe(reason(drop('running VM', 'libvirt bridge')));
    const planned = plan({ kind: 'nic-attach', vm: 'off', target: { kind: 'bridge', bridge: 'virbr1' } });
    expect(planned.planned ? '' : planned.error.message).toBe(nicTargetProblem(KINDS['libvirt bridge']!));
  });

  it('starts no drag from a TAP libvirt made, for a VM NIC or for a network', () => {
    expect(reason(canStartConnect(topology, live, KINDS['VM TAP (vnet)']!))).toBe('TAP “vnet0” belongs to a NIC of VM “run”; libvirt plugs it and removes it with the NIC. Change the NIC instead.');
    expect(reason(canStartConnect(topology, live, KINDS['network TAP']!))).toContain('belongs to network “on”');
    expect(canStartConnect(topology, live, KINDS['free TAP']!)).toEqual({ ok: true });
  });

  it('connects nothing to or from placeholders', () => {
    expect(reason(drop('running VM', 'missing network'))).toBe('Network “gone” does not exist on this host; a NIC only names it. Nothing can be connected to or from it.');
    expect(reason(drop('running VM', 'NIC endpoint'))).toContain('Nothing can be connected');
    expect(canStartConnect(topology, live, KINDS['missing network']!).ok).toBe(false);
    expect(portDeviceProblem(topology, KINDS['NIC endpoint']!)).toContain('Nothing can be connected');
  });

  it('moves only network and bridge NICs, and only somewhere else', () => {
    expect(canMoveNic(topology, live, 'nic-net')).toEqual({ ok: true });
    expect(reason(canMoveNic(topology, live, 'nic-user'))).toBe('NIC 52:54:00:00:00:09 of VM “run” is of type user; only network and bridge NICs can be moved.');
    expect(reason(checkConnect(topology, live, KINDS['running VM']!, KINDS['active network']!, { linkId: 'nic-net' }))).toBe('The NIC 52:54:00:00:00:01 is already on “on”.');
    expect(canMoveNic(topology, new Set(), 'nic-net').ok).toBe(false);
  });

  it('refuses every drag on a host that is not connected (the planner never sees those)', () => {
    for (const node of Object.values(KINDS)) expect(canStartConnect(topology, new Set(), node).ok).toBe(false);
  });
});

describe('menu rules and the planner agree', () => {
  const devices = Object.entries(KINDS).filter(([, n]) => n.kind === 'bridge' || n.kind === 'tap');

  it.each(devices)('deleting the %s', (_what, device) => {
    const intent: Intent = device.kind === 'bridge' ? { kind: 'bridge-delete', name: device.name } : { kind: 'tap-delete', name: device.name };
    const problem = deviceDeleteProblem(topology, device);
    const outcome = plan(intent);
    if (problem === undefined) expect(outcome.planned || hostStateQuestion(outcome.error)).toBe(true);
    else expect(outcome.planned ? '' : outcome.error.message).toBe(problem);
  });

  // The menu offers Unplug only on what is plugged in; that it is, is the planner's check too.
  it.each(Object.entries(KINDS).filter(([, n]) => topology.links.some((l) => l.kind === 'port' && l.source === n.id)))('unplugging the %s', (_what, device) => {
    const problem = portDeviceProblem(topology, device);
    const outcome = plan({ kind: 'port-unplug', device: device.name });
    if (problem === undefined) expect(outcome.planned || hostStateQuestion(outcome.error)).toBe(true);
    else expect(outcome.planned ? '' : outcome.error.message).toBe(problem);
  });

  it('names what owns a managed device', () => {
    expect(managedDeviceProblem(topology, KINDS['libvirt bridge']!)).toBe('Bridge “virbr1” belongs to network “on”; libvirt makes and removes it with the network. Change the network instead.');
    expect(managedDeviceProblem(topology, KINDS['hand-made bridge']!)).toBeUndefined();
    expect(managedDeviceProblem(topology, KINDS['physical NIC']!)).toBeUndefined();
  });
});
