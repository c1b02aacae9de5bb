// What the context menu offers for each kind of object and link: a change to preview at once
// (an Intent) or a dialog that asks for more. Pure, so the menu and the tests read the same list.
import type { Intent, NicTarget } from '../../shared/plan/types.ts';
import { isVmRunning, type NetworkNode, type Topology, type TopologyLink, type TopologyNode } from '../../shared/topology/model.ts';
import type { Message } from '../../shared/i18n/index.ts';
import { deviceDeleteProblemSays, nicMoveProblemSays, offlineReasonSays, portDeviceProblemSays } from '../../shared/plan/rules.ts';
import { t, tell } from '../state/i18n.svelte.ts';

/** A dialog that gathers what a change needs before it can be previewed. */
export type EditDialog =
  | { kind: 'network-create' }
  | { kind: 'network-edit'; network: string }
  | { kind: 'bridge-create' }
  | { kind: 'tap-create' }
  /** `target`: where the NIC goes, chosen already (a VM dropped on a physical NIC: macvtap, mode still to pick) */
  | { kind: 'nic-attach'; vm: string; target?: NicTarget }
  | { kind: 'nic-move'; vm: string; mac: string; current: string }
  /** model, link, bandwidth, MTU (and VLAN, macvtap mode) of an existing NIC */
  | { kind: 'nic-properties'; vm: string; mac: string }
  | { kind: 'nics-move'; nics: { vm: string; mac: string; current: string }[] };

export interface EditAction {
  label: string;
  /** previewed at once */
  intent?: Intent;
  /** several changes previewed at once as one plan (objects selected together) */
  intents?: Intent[];
  /** opens a dialog first */
  dialog?: EditDialog;
  destructive?: boolean;
  /** why it cannot be chosen now */
  disabled?: string;
}

/** What the menu is for: an object, a link, or a host's empty space (the canvas). */
export type MenuSubject = { type: 'node'; node: TopologyNode } | { type: 'link'; link: TopologyLink } | { type: 'host' };

/** An entry the planner would refuse is shown, off, with the rules' reason in the reader's language. */
const offIf = (problem: Message | undefined): Pick<EditAction, 'disabled'> => (problem === undefined ? {} : { disabled: tell(problem) });

const createActions = (): EditAction[] => [
  { label: t('action.createNetwork'), dialog: { kind: 'network-create' } },
  { label: t('action.createBridge'), dialog: { kind: 'bridge-create' } },
  { label: t('action.createTap'), dialog: { kind: 'tap-create' } },
];

function vmActions(vm: TopologyNode): EditAction[] {
  const running = isVmRunning(vm.state);
  return [
    running ? { label: t('action.shutDown'), intent: { kind: 'vm-shutdown', vm: vm.name }, destructive: true } : { label: t('action.start'), intent: { kind: 'vm-start', vm: vm.name } },
    ...(running ? [{ label: t('action.forceOff'), intent: { kind: 'vm-destroy', vm: vm.name }, destructive: true } satisfies EditAction] : []),
    { label: t('action.attachNic'), dialog: { kind: 'nic-attach', vm: vm.name } },
  ];
}

function networkActions(net: NetworkNode): EditAction[] {
  return [
    net.active
      ? { label: t('action.stop'), intent: { kind: 'network-stop', network: net.name }, destructive: true }
      : { label: t('action.start'), intent: { kind: 'network-start', network: net.name } },
    { label: t(net.autostart ? 'action.autostartOff' : 'action.autostartOn'), intent: { kind: 'network-autostart', network: net.name, enabled: !net.autostart } },
    { label: t('action.edit'), dialog: { kind: 'network-edit', network: net.name } },
    { label: t('action.delete'), intent: { kind: 'network-delete', network: net.name }, destructive: true },
  ];
}

function deviceActions(topology: Topology, device: Extract<TopologyNode, { kind: 'bridge' | 'tap' | 'physical' }>): EditAction[] {
  const actions: EditAction[] = [
    device.up
      ? { label: t('action.setDown'), intent: { kind: 'device-state', device: device.name, up: false }, destructive: true }
      : { label: t('action.setUp'), intent: { kind: 'device-state', device: device.name, up: true } },
  ];
  if (topology.links.some((l) => l.kind === 'port' && l.source === device.id)) {
    actions.push({ label: t('action.unplug'), intent: { kind: 'port-unplug', device: device.name }, destructive: true, ...offIf(portDeviceProblemSays(topology, device)) });
  }
  if (device.kind !== 'physical') {
    const kind = device.kind === 'bridge' ? 'bridge-delete' : 'tap-delete';
    actions.push({ label: t('action.delete'), intent: { kind, name: device.name }, destructive: true, ...offIf(deviceDeleteProblemSays(topology, device)) });
  }
  return actions;
}

function linkActions(topology: Topology, link: TopologyLink): EditAction[] {
  const vm = topology.nodes.find((n) => n.id === link.source);
  if (link.kind === 'nic' && vm?.kind === 'vm') {
    const down = link.linkState === 'down';
    const current = topology.nodes.find((n) => n.id === link.target)?.name ?? '';
    return [
      { label: t('action.detachNic'), intent: { kind: 'nic-detach', vm: vm.name, mac: link.mac }, destructive: true },
      down
        ? { label: t('action.linkUp'), intent: { kind: 'nic-link', vm: vm.name, mac: link.mac, state: 'up' } }
        : { label: t('action.linkDown'), intent: { kind: 'nic-link', vm: vm.name, mac: link.mac, state: 'down' }, destructive: true },
      { label: t('action.moveTo'), dialog: { kind: 'nic-move', vm: vm.name, mac: link.mac, current }, ...offIf(nicMoveProblemSays(vm, link)) },
      { label: t('action.editNic'), dialog: { kind: 'nic-properties', vm: vm.name, mac: link.mac } },
    ];
  }
  if (link.kind === 'port' && vm) {
    return [{ label: t('action.unplug'), intent: { kind: 'port-unplug', device: vm.name }, destructive: true, ...offIf(portDeviceProblemSays(topology, vm)) }];
  }
  return [];
}

function subjectActions(topology: Topology, subject: MenuSubject): EditAction[] {
  if (subject.type === 'host') return createActions();
  if (subject.type === 'link') return linkActions(topology, subject.link);
  const node = subject.node;
  if (node.kind === 'vm') return vmActions(node);
  if (node.kind === 'network') return networkActions(node);
  if (node.kind === 'bridge' || node.kind === 'tap' || node.kind === 'physical') return deviceActions(topology, node);
  return [];
}

/** The menu for `subject`; on a host that is not connected every entry says why it is off. */
export function editActions(topology: Topology, subject: MenuSubject, live: boolean): EditAction[] {
  const actions = subjectActions(topology, subject);
  if (live) return actions;
  const node = subject.type === 'node' ? subject.node : subject.type === 'link' ? topology.nodes.find((n) => n.id === subject.link.source) : undefined;
  const why = node ? tell(offlineReasonSays(node)) : t('action.connectToChange');
  return actions.map((a) => ({ ...a, disabled: why }));
}

/** What the Delete key does, in order of preference: detach a NIC, delete the object, unplug it from its bridge. */
const DELETE_KINDS: readonly (readonly Intent['kind'][])[] = [['nic-detach'], ['network-delete', 'bridge-delete', 'tap-delete'], ['port-unplug']];

/** The change the Delete key makes on a selection, if it has one. */
export function deleteAction(topology: Topology, subject: MenuSubject): EditAction | undefined {
  const actions = subjectActions(topology, subject);
  for (const kinds of DELETE_KINDS) {
    const action = actions.find((a) => a.intent !== undefined && kinds.includes(a.intent.kind));
    if (action) return action;
  }
  return undefined;
}

/**
 * The menu for several objects and links selected together: what can be done to all the
 * selected NICs, or all the selected VMs, as one change. Other selected objects are left out.
 */
export function bulkActions(topology: Topology, subjects: readonly MenuSubject[], live: boolean): EditAction[] {
  const byId = new Map(topology.nodes.map((n) => [n.id, n] as const));
  const nics = subjects.flatMap((s) => {
    if (s.type !== 'link' || s.link.kind !== 'nic') return [];
    const vm = byId.get(s.link.source);
    return vm?.kind === 'vm' ? [{ vm, link: s.link }] : [];
  });
  const vms = subjects.flatMap((s) => (s.type === 'node' && s.node.kind === 'vm' ? [s.node] : []));
  const actions: EditAction[] = [];
  if (nics.length > 0) {
    actions.push({ label: t('action.detachNics', { count: nics.length }), intents: nics.map(({ vm, link }) => ({ kind: 'nic-detach', vm: vm.name, mac: link.mac })), destructive: true });
    const up = nics.filter(({ link }) => link.linkState !== 'down');
    const down = nics.filter(({ link }) => link.linkState === 'down');
    if (up.length > 0) actions.push({ label: t('action.linkDownNics', { count: up.length }), intents: up.map(({ vm, link }) => ({ kind: 'nic-link', vm: vm.name, mac: link.mac, state: 'down' })), destructive: true });
    if (down.length > 0) actions.push({ label: t('action.linkUpNics', { count: down.length }), intents: down.map(({ vm, link }) => ({ kind: 'nic-link', vm: vm.name, mac: link.mac, state: 'up' })) });
    const problem = nics.map(({ vm, link }) => nicMoveProblemSays(vm, link)).find((p) => p !== undefined);
    const current = (link: TopologyLink): string => byId.get(link.target)?.name ?? '';
    actions.push({
      label: t('action.moveNics', { count: nics.length }),
      dialog: { kind: 'nics-move', nics: nics.map(({ vm, link }) => ({ vm: vm.name, mac: link.kind === 'nic' ? link.mac : '', current: current(link) })) },
      ...offIf(problem),
    });
  }
  if (vms.length > 0) {
    const running = vms.filter((vm) => isVmRunning(vm.state));
    const stopped = vms.filter((vm) => !isVmRunning(vm.state));
    if (stopped.length > 0) actions.push({ label: t('action.startVms', { count: stopped.length }), intents: stopped.map((vm) => ({ kind: 'vm-start', vm: vm.name })) });
    if (running.length > 0) {
      actions.push({ label: t('action.shutDownVms', { count: running.length }), intents: running.map((vm) => ({ kind: 'vm-shutdown', vm: vm.name })), destructive: true });
      actions.push({ label: t('action.forceOffVms', { count: running.length }), intents: running.map((vm) => ({ kind: 'vm-destroy', vm: vm.name })), destructive: true });
    }
  }
  if (live) return actions;
  const first = nics[0]?.vm ?? vms[0];
  const why = first ? tell(offlineReasonSays(first)) : t('action.connectToChange');
  return actions.map((a) => ({ ...a, disabled: why }));
}

/** What the Delete key does to several selected NICs: detach them all, as one change. */
export function bulkDeleteAction(topology: Topology, subjects: readonly MenuSubject[]): EditAction | undefined {
  return bulkActions(topology, subjects, true).find((a) => a.intents?.[0]?.kind === 'nic-detach');
}
