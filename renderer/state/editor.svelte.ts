// Edits on the graph, between the gestures and the change flow: which connected host an object
// belongs to, the drag-connect rules the graph asks, the context menu and the dialogs it opens,
// the Delete key, and undo/redo of the host in focus.
import type { PreviewedPlan } from '../../shared/api/index.ts';
import type { Intent } from '../../shared/plan/types.ts';
import type { Point, TopologyNode } from '../../shared/topology/model.ts';
import { bulkActions, bulkDeleteAction, deleteAction, type EditAction, editActions, type EditDialog, type MenuSubject } from '../edit/actions.ts';
import { canMoveNic, canStartConnect, checkConnect, liveHostIdsOf } from '../edit/connect.ts';
import { describeIntent } from '../edit/describe.ts';
import type { ConnectRules } from '../graph/connect.ts';
import type { DocumentState } from './document.svelte.ts';
import type { EditState } from './edit.svelte.ts';
import type { HostsState } from './hosts.svelte.ts';
import { t, tell } from './i18n.svelte.ts';
import type { LiveHostsState } from './live.svelte.ts';
import { type Selection, sameSelection } from './selection.ts';

export type MenuTarget = Selection | { type: 'host'; hostId: string | null };

export interface OpenMenu {
  at: Point;
  title: string;
  actions: EditAction[];
  profileId: string | null;
}

export interface OpenDialog {
  request: EditDialog;
  profileId: string;
  hostId: string;
}

export class Editor {
  menu = $state.raw<OpenMenu | null>(null);
  dialog = $state.raw<OpenDialog | null>(null);

  constructor(
    private readonly doc: DocumentState,
    private readonly live: LiveHostsState,
    private readonly hosts: HostsState,
    private readonly edit: EditState,
  ) {}

  /** ids of the hosts drawn from a live connection */
  liveHostIds(): ReadonlySet<string> {
    return liveHostIdsOf(this.live.hosts.values());
  }

  profileOfHost(hostId: string): string | null {
    for (const [profileId, live] of this.live.hosts) if (live.host.id === hostId) return profileId;
    return null;
  }

  readonly rules: ConnectRules = {
    canStart: (nodeId) => {
      const node = this.#node(nodeId);
      if (!node) return null;
      const check = canStartConnect(this.doc.topology, this.liveHostIds(), node);
      // Drags start only from VMs, TAPs and physical NICs; a handle anywhere else would only say so.
      if (check.ok) return check;
      return node.kind !== 'vm' && node.kind !== 'tap' && node.kind !== 'physical' ? null : { ok: false, reason: tell(check.says) };
    },
    canMove: (linkId) => {
      const link = this.doc.topology.links.find((l) => l.id === linkId);
      if (link?.kind !== 'nic') return null;
      const check = canMoveNic(this.doc.topology, this.liveHostIds(), linkId);
      return check.ok ? check : { ok: false, reason: tell(check.says) };
    },
    check: (sourceId, targetId, movingLinkId) => {
      const result = this.#connect(sourceId, targetId, movingLinkId);
      return result.ok ? { ok: true, label: describeIntent(result.intent) } : { ok: false, reason: tell(result.says) };
    },
    connect: (sourceId, targetId, movingLinkId) => {
      const result = this.#connect(sourceId, targetId, movingLinkId);
      const hostId = result.ok ? this.#node(sourceId)!.host : null;
      const profileId = hostId === null ? null : this.profileOfHost(hostId);
      if (!result.ok || profileId === null || hostId === null) return;
      // a VM dropped on a physical NIC: the macvtap mode is chosen in the dialog, with its caveat
      const intent = result.intent;
      if (intent.kind === 'nic-attach' && intent.target.kind === 'direct') {
        this.dialog = { request: { kind: 'nic-attach', vm: intent.vm, target: intent.target }, profileId, hostId };
        return;
      }
      void this.edit.change(profileId, intent);
    },
  };

  openMenu(target: MenuTarget, at: Point): void {
    const all = this.doc.selectedAll;
    if (all.length > 1 && target.type !== 'host' && all.some((s) => sameSelection(s, target))) return this.#openBulkMenu(all, at);
    const subject = this.#subject(target);
    if (!subject) return;
    const hostId = this.#hostOf(target);
    const profileId = hostId === null ? null : this.profileOfHost(hostId);
    let actions = editActions(this.doc.topology, subject.subject, profileId !== null);
    if (hostId === null) {
      const why = t(this.live.hosts.size === 0 ? 'action.connectFirst' : 'action.chooseHost');
      actions = actions.map((a) => ({ ...a, disabled: why }));
    }
    if (actions.length) this.menu = { at, title: subject.title, actions, profileId };
  }

  closeMenu(): void {
    this.menu = null;
  }

  choose(action: EditAction): void {
    const menu = this.menu;
    const profileId = menu?.profileId ?? null;
    this.menu = null;
    if (profileId === null || action.disabled) return;
    this.#run(profileId, action);
  }

  /** The Delete key: detach a NIC, delete a device or network, unplug a port; several NICs as one change. */
  deleteSelection(): void {
    const all = this.doc.selectedAll;
    if (all.length > 1) {
      const bulk = this.#bulk(all);
      const action = bulk && bulk.profileId !== null ? bulkDeleteAction(this.doc.topology, bulk.subjects) : undefined;
      if (action && bulk?.profileId) this.#run(bulk.profileId, action);
      return;
    }
    const selection = this.doc.selection;
    const subject = selection ? this.#subject(selection) : null;
    const hostId = selection ? this.#hostOf(selection) : null;
    const profileId = hostId === null ? null : this.profileOfHost(hostId);
    const action = subject ? deleteAction(this.doc.topology, subject.subject) : undefined;
    if (!action || profileId === null || action.disabled) return;
    this.#run(profileId, action);
  }

  closeDialog(): void {
    this.dialog = null;
  }

  submit(intent: Intent): void {
    const dialog = this.dialog;
    this.dialog = null;
    if (dialog) void this.edit.change(dialog.profileId, intent);
  }

  /** A change asked for outside the menu (the details panel's Pin / Unpin), on connected host `hostId`. */
  changeOnHost(hostId: string, intent: Intent): void {
    const profileId = this.profileOfHost(hostId);
    if (profileId !== null) void this.edit.change(profileId, intent);
  }

  /** A dialog for several selected objects (move N NICs) asked for one change to each. */
  submitMany(intents: Intent[]): void {
    const dialog = this.dialog;
    this.dialog = null;
    if (dialog) void this.edit.changeMany(dialog.profileId, intents);
  }

  /** The host undo/redo act on: the selected object's, the Hosts panel's, or the only connected one. */
  focusedProfile(): string | null {
    const selection = this.doc.selection;
    const hostId = selection ? this.#hostOf(selection) : null;
    const fromSelection = hostId === null ? null : this.profileOfHost(hostId);
    if (fromSelection !== null) return fromSelection;
    const panel = this.hosts.selectedId;
    if (panel !== null && this.live.hosts.has(panel)) return panel;
    return this.live.hosts.size === 1 ? [...this.live.hosts.keys()][0]! : null;
  }

  undo(): void {
    const profileId = this.focusedProfile();
    if (profileId !== null) void this.edit.undo(profileId);
  }

  redo(): void {
    const profileId = this.focusedProfile();
    if (profileId !== null) void this.edit.redo(profileId);
  }

  /** A detach the guest had not finished when the report came: true once the host shows the NIC gone. */
  nicGone(plan: PreviewedPlan): boolean {
    const intent = plan.intent;
    if (intent.kind !== 'nic-detach') return false;
    const hostId = this.live.hosts.get(plan.profileId)?.host.id;
    const vm = this.doc.topology.nodes.find((n) => n.host === hostId && n.kind === 'vm' && n.name === intent.vm);
    const mac = intent.mac.toLowerCase();
    return vm !== undefined && !this.doc.topology.links.some((l) => l.kind === 'nic' && l.source === vm.id && l.mac.toLowerCase() === mac);
  }

  /** The selected objects and links, and the connected host they all belong to (null: none, or several hosts). */
  #bulk(all: readonly Selection[]): { subjects: MenuSubject[]; profileId: string | null; hosts: number } | null {
    const subjects = all.map((s) => this.#subject(s)?.subject).filter((s): s is MenuSubject => s !== undefined);
    if (subjects.length === 0) return null;
    const hosts = all.map((s) => this.#hostOf(s)).filter((h, i, list) => list.indexOf(h) === i);
    const only = hosts.length === 1 ? hosts[0]! : null;
    return { subjects, profileId: only === null ? null : this.profileOfHost(only), hosts: hosts.length };
  }

  #openBulkMenu(all: readonly Selection[], at: Point): void {
    const bulk = this.#bulk(all);
    if (!bulk) return;
    let actions = bulkActions(this.doc.topology, bulk.subjects, bulk.profileId !== null);
    if (bulk.hosts > 1) actions = actions.map((a) => ({ ...a, disabled: t('action.severalHosts') }));
    if (actions.length === 0) actions = [{ label: t('action.nothingForAll'), disabled: t('action.selectNicsOrVms') }];
    this.menu = { at, title: t('action.selected', { count: all.length }), actions, profileId: bulk.profileId };
  }

  #run(profileId: string, action: EditAction): void {
    if (action.intents) void this.edit.changeMany(profileId, action.intents);
    else if (action.intent) void this.edit.change(profileId, action.intent);
    else if (action.dialog) {
      const hostId = this.live.hosts.get(profileId)?.host.id;
      if (hostId) this.dialog = { request: action.dialog, profileId, hostId };
    }
  }

  #node(id: string): TopologyNode | undefined {
    return this.doc.topology.nodes.find((n) => n.id === id);
  }

  #connect(sourceId: string, targetId: string, movingLinkId?: string): ReturnType<typeof checkConnect> {
    const source = this.#node(sourceId);
    const target = this.#node(targetId);
    if (!source || !target) return { ok: false, reason: t('action.sameHost'), says: { key: 'action.sameHost' } };
    return checkConnect(this.doc.topology, this.liveHostIds(), source, target, movingLinkId ? { linkId: movingLinkId } : undefined);
  }

  #hostOf(target: MenuTarget): string | null {
    if (target.type === 'host') {
      if (target.hostId !== null) return target.hostId;
      return this.live.hosts.size === 1 ? [...this.live.hosts.values()][0]!.host.id : null;
    }
    if (target.type === 'node') return this.#node(target.id)?.host ?? null;
    const link = this.doc.topology.links.find((l) => l.id === target.id);
    return link ? (this.#node(link.source)?.host ?? null) : null;
  }

  #subject(target: MenuTarget): { subject: MenuSubject; title: string } | null {
    if (target.type === 'host') {
      const hostId = this.#hostOf(target);
      const label = this.doc.topology.hosts.find((h) => h.id === hostId)?.label;
      return { subject: { type: 'host' }, title: label ? t('graph.host', { label }) : t('action.create') };
    }
    if (target.type === 'node') {
      const node = this.#node(target.id);
      return node ? { subject: { type: 'node', node }, title: node.name } : null;
    }
    const link = this.doc.topology.links.find((l) => l.id === target.id);
    if (!link) return null;
    const title = link.kind === 'nic' ? t('action.nic', { mac: link.mac }) : `${this.#node(link.source)?.name ?? ''} → ${this.#node(link.target)?.name ?? ''}`;
    return { subject: { type: 'link', link }, title };
  }
}
