// A saved topology as the desired state of a host: the diff (shared/diff) becomes Intents for the
// planner, planned one after the other against the host as it will be by then, so preview,
// undo and the journal work as for any other change. Created: networks (from what the file says,
// UUID kept), bridges, TAPs, ports, NICs (whole, from the file's XML, unless it names host programs). Changed in place where libvirt can: a DHCP range or host
// with net-update, a NIC's source with update-device (a move keeps the NIC), its link state.
// Removed only with `prune`; what the file lacks is otherwise left alone and listed. What the
// file does not describe is never touched, and no VM is created, deleted, started or stopped.
import type { DiffItem, FieldChange, TopologyDiff } from '../diff/types.ts';
import { isMessage } from '../i18n/index.ts';
import { interfaceByMac, definedNic, nicXml } from '../libvirt/interface-xml.ts';
import { parseNetworkXml, type DnsHost } from '../libvirt/network.ts';
import { MACVTAP_MODES, nicProps, type MacvtapMode, type NicPropName, type NicProps } from '../libvirt/nic-props.ts';
import { isVmRunning, type BridgeNode, type NetworkNode, type NicLink, type TapNode, type Topology, type TopologyNode, type VmNode } from '../topology/model.ts';
import { checkIntentNames } from './check.ts';
import { impactsOf } from './impact.ts';
import { specOf } from './networkSpec.ts';
import { networkXml } from './networkXml.ts';
import type { NicChanges } from './nic-modify.ts';
import { planIntent } from './planner.ts';
import { unplanned, type DesiredPlan, type Unplanned } from './desired-outcome.ts';
import { errorSays, kindWord, msg, uniqueLines, verbatim, type Message } from './say.ts';
import type { HostContext, Intent, NicSide, NicTarget, Plan, PlanOptions, Step } from './types.ts';

export interface DesiredOptions extends PlanOptions {
  /** remove what is on the host and not in the file (networks, bridges, TAPs, NICs) */
  prune?: boolean;
}

// The order intents run in: what is made before what uses it, what is removed last.
const PHASE = {
  createDevices: 0,
  deviceUp: 1,
  stopNetworks: 2,
  createNetworks: 3,
  editNetworks: 4,
  startNetworks: 5,
  ports: 6,
  detachNics: 7,
  nics: 8,
  deleteNetworks: 9,
  deleteTaps: 10,
  deleteBridges: 11,
} as const;

interface Wish {
  phase: number;
  item: DiffItem;
  intent: Intent;
  /** what the intent does to the picture of the host, for the intents planned after it */
  simulate?: (sim: Topology) => void;
}

const NETWORK_CONFIG_FIELDS = /^(forward|bridge|forward device|domain|ipv4|ipv6)( DHCP (range|hosts))?$/;
const KEPT_BY_MOVE = new Set(['portgroup', 'virtualport']);
/** The diff's NIC fields a nic-modify changes in place, by the property they are. */
const NIC_FIELD_PROPS: Record<string, NicPropName> = {
  model: 'model',
  link: 'link',
  'inbound limit': 'inbound',
  'outbound limit': 'outbound',
  mtu: 'mtu',
  vlan: 'vlan',
  'macvtap mode': 'mode',
};

class Planner {
  readonly wishes: Wish[] = [];
  readonly leftAlone: Unplanned[] = [];
  readonly cannot: Unplanned[] = [];

  constructor(
    readonly file: Topology,
    readonly live: Topology,
    readonly ctx: HostContext,
    readonly prune: boolean,
  ) {}

  fileNode<K extends TopologyNode['kind']>(item: DiffItem, kind: K): Extract<TopologyNode, { kind: K }> | undefined {
    const id = item.fileIds[0];
    return this.file.nodes.find((n): n is Extract<TopologyNode, { kind: K }> => n.id === id && n.kind === kind);
  }

  hostNode<K extends TopologyNode['kind']>(item: DiffItem, kind: K): Extract<TopologyNode, { kind: K }> | undefined {
    const id = item.hostIds[0];
    return this.live.nodes.find((n): n is Extract<TopologyNode, { kind: K }> => n.id === id && n.kind === kind);
  }

  want(phase: number, item: DiffItem, intent: Intent, simulate?: (sim: Topology) => void): void {
    this.wishes.push({ phase, item, intent, ...(simulate ? { simulate } : {}) });
  }

  refuse(item: DiffItem, why: Message): void {
    this.cannot.push(unplanned(item, why));
  }

  leave(item: DiffItem, why: Message): void {
    this.leftAlone.push(unplanned(item, why));
  }

  /**
   * An object on the host the file lacks: removed with prune, else left alone. Once removed it
   * is gone from the picture too, with its links, so a bridge deleted after its TAP does not
   * unplug that TAP a second time.
   */
  extra(item: DiffItem, phase: number, intent: Intent): void {
    if (!this.prune) {
      this.leave(item, msg('plan.desired.leftAlonePrune'));
      return;
    }
    const ids = new Set(item.hostIds);
    this.want(phase, item, intent, (sim) => {
      if (item.kind === 'nic' || item.kind === 'port') {
        sim.links = sim.links.filter((l) => !(item.kind === 'nic' ? ids.has(l.id) : l.kind === 'port' && ids.has(l.source)));
        return;
      }
      sim.nodes = sim.nodes.filter((n) => !ids.has(n.id));
      sim.links = sim.links.filter((l) => !ids.has(l.source) && !ids.has(l.target));
    });
  }

  /** A simulated host node for something an earlier intent makes. */
  made<T extends TopologyNode>(node: T): T {
    return { ...node, id: `${this.ctx.hostId}/planned/${node.kind}/${node.name}`, host: this.ctx.hostId };
  }

  network(item: DiffItem): void {
    if (item.change === 'added') return this.extra(item, PHASE.deleteNetworks, { kind: 'network-delete', network: item.name });
    const f = this.fileNode(item, 'network');
    if (!f) return this.refuse(item, msg('plan.desired.fileLacks.network'));
    if (item.change === 'removed') {
      if (!f.persistent) return this.refuse(item, msg('plan.desired.transient'));
      let spec;
      try {
        spec = specOf(f);
      } catch (e) {
        return this.refuse(item, errorSays(e));
      }
      // The XML defined is made from what the file says, never the file's own text: a file's
      // network XML could carry dnsmasq options (a dhcp-script runs as root) or anything else.
      const intent: Intent = { kind: 'network-create', spec, xml: networkXml(spec, f.uuid), start: f.active, autostart: f.autostart };
      return this.want(PHASE.createNetworks, item, intent, (sim) => sim.nodes.push(this.made<NetworkNode>(f)));
    }
    const h = this.hostNode(item, 'network');
    if (!h) return this.refuse(item, msg('plan.desired.hostLacks.network'));
    const fields = new Map(item.fields.map((c) => [c.field, c]));
    if (fields.has('name')) return this.refuse(item, msg('plan.desired.rename', { file: f.name, host: h.name }));
    if (fields.has('persistent')) this.refuse(item, msg('plan.desired.persistence'));
    const setActive = (sim: Topology, active: boolean) => sim.nodes.forEach((n) => n.kind === 'network' && n.name === h.name && n.host === this.ctx.hostId && (n.active = active));
    if (fields.has('running') && !f.active) this.want(PHASE.stopNetworks, item, { kind: 'network-stop', network: h.name }, (sim) => setActive(sim, false));
    if (item.fields.some((c) => NETWORK_CONFIG_FIELDS.test(c.field))) {
      try {
        this.want(PHASE.editNetworks, item, { kind: 'network-edit', network: h.name, spec: { ...specOf(f), name: h.name } });
      } catch (e) {
        this.refuse(item, errorSays(e));
      }
    }
    this.networkXmlChanges(item, f, h, fields);
    if (fields.has('running') && f.active) this.want(PHASE.startNetworks, item, { kind: 'network-start', network: h.name }, (sim) => setActive(sim, true));
    if (fields.has('autostart')) this.want(PHASE.startNetworks, item, { kind: 'network-autostart', network: h.name, enabled: f.autostart });
  }

  /**
   * What the network's XML holds beyond the form: DNS host entries change in place (net-update);
   * the MTU, port groups and forward interface pool only by redefining the network, which VirtWire
   * does not do from a file's XML (it could carry anything), so those are listed with why.
   */
  networkXmlChanges(item: DiffItem, f: NetworkNode, h: NetworkNode, fields: Map<string, FieldChange>): void {
    const network = h.name;
    if (fields.has('mtu')) this.refuse(item, msg('plan.desired.redefine.mtu', { network }));
    if (fields.has('port groups')) this.refuse(item, msg('plan.desired.redefine.portgroups', { network }));
    if (fields.has('forward interfaces')) this.refuse(item, msg('plan.desired.redefine.forwardPool', { network }));
    if (!fields.has('DNS hosts') || !h.xml || !f.xml) return;
    const key = (d: DnsHost) => `${d.ip} ${d.hostnames.join(' ')}`;
    const before = parseNetworkXml(h.xml).dnsHosts;
    const after = parseNetworkXml(f.xml).dnsHosts;
    const removed = before.filter((d) => !after.some((a) => key(a) === key(d)));
    const added = after.filter((d) => !before.some((b) => key(b) === key(d)));
    this.want(PHASE.editNetworks, item, { kind: 'network-dns-hosts', network: h.name, add: added, remove: removed });
  }

  /** A TAP's or physical device's bridge and state as the file has them. */
  port(item: DiffItem, device: string, bridge: string | null | undefined, up: boolean | undefined): void {
    if (bridge !== undefined) {
      const intent: Intent = bridge === null ? { kind: 'port-unplug', device } : { kind: 'port-plug', device, bridge };
      this.want(PHASE.ports, item, intent, (sim) => {
        const dev = sim.nodes.find((n) => n.host === this.ctx.hostId && n.name === device && (n.kind === 'tap' || n.kind === 'physical'));
        const to = sim.nodes.find((n) => n.host === this.ctx.hostId && n.name === bridge && n.kind === 'bridge');
        if (!dev) return;
        sim.links = sim.links.filter((l) => !(l.kind === 'port' && l.source === dev.id));
        if (to) sim.links.push({ id: `port:${dev.id}->${to.id}`, kind: 'port', source: dev.id, target: to.id });
      });
    }
    if (up !== undefined) this.want(PHASE.ports, item, { kind: 'device-state', device, up });
  }

  bridge(item: DiffItem): void {
    if (item.change === 'added') return this.extra(item, PHASE.deleteBridges, { kind: 'bridge-delete', name: item.name });
    const f = this.fileNode(item, 'bridge');
    if (!f) return this.refuse(item, msg('plan.desired.fileLacks.bridge'));
    if (item.change === 'removed') {
      this.want(PHASE.createDevices, item, { kind: 'bridge-create', name: f.name, type: f.bridgeType ?? 'linux' }, (sim) =>
        sim.nodes.push(this.made<BridgeNode>({ ...f, up: false, state: 'down' })),
      );
      if (f.up && f.bridgeType !== 'ovs') this.want(PHASE.deviceUp, item, { kind: 'device-state', device: f.name, up: true });
      return;
    }
    if (item.fields.some((c) => c.field === 'type')) return this.refuse(item, msg('plan.desired.bridgeType'));
    if (item.fields.some((c) => c.field === 'state')) this.want(PHASE.ports, item, { kind: 'device-state', device: f.name, up: f.up });
  }

  /** A physical device's bridge: plugged or unplugged, never made or removed. */
  physicalPort(item: DiffItem): void {
    if (item.change === 'added') return this.extra(item, PHASE.ports, { kind: 'port-unplug', device: item.name });
    const bridge = item.fields.find((c) => c.field === 'bridge');
    if (bridge) this.port(item, item.name, bridge.before, undefined);
  }

  device(item: DiffItem): void {
    if (item.kind === 'port') return this.physicalPort(item);
    if (item.change === 'added') return this.extra(item, PHASE.deleteTaps, { kind: 'tap-delete', name: item.name });
    const f = this.fileNode(item, item.kind === 'tap' ? 'tap' : 'physical');
    if (!f) return this.refuse(item, msg('plan.desired.fileLacks.device'));
    const bridge = item.fields.find((c) => c.field === 'bridge');
    const state = item.fields.find((c) => c.field === 'state');
    if (item.change === 'removed') {
      this.want(PHASE.createDevices, item, { kind: 'tap-create', name: f.name }, (sim) => sim.nodes.push(this.made<TapNode>({ ...(f as TapNode), up: false, state: 'down' })));
      return this.port(item, f.name, bridge?.before ?? undefined, f.up ? true : undefined);
    }
    this.port(item, f.name, bridge ? bridge.before : undefined, state ? f.up : undefined);
  }

  /** Where a NIC of the file is, as a target the planner can put a NIC on, or why it cannot be. */
  target(link: NicLink): NicTarget | Message {
    const node = this.file.nodes.find((n) => n.id === link.target);
    if (node?.kind === 'network') return { kind: 'network', network: node.name };
    if (node?.kind === 'bridge') return { kind: 'bridge', bridge: node.name };
    return node ? msg('plan.desired.nicOn', { kind: kindWord(node.kind), name: node.name }) : msg('plan.desired.nicOnUnknown');
  }

  nic(item: DiffItem): void {
    const mac = item.mac!;
    const vm = item.name;
    if (item.change === 'added') return this.extra(item, PHASE.detachNics, { kind: 'nic-detach', vm, mac });
    const links = this.file.links.filter((l): l is NicLink => l.kind === 'nic' && item.fileIds.includes(l.id));
    const link = links.find((l) => l.config) ?? links.find((l) => l.live);
    if (!link) return this.refuse(item, msg('plan.desired.fileLacks.nic'));
    const target = this.target(link);
    if (item.change === 'removed') {
      if (isMessage(target)) return this.refuse(item, target);
      const element = this.savedElement(link);
      return this.want(PHASE.nics, item, { kind: 'nic-attach', vm, target, mac, ...(link.model ? { model: link.model } : {}), ...(element ? { element } : {}) });
    }
    for (const side of ['live', 'config'] as const) this.presence(item, links, side);
    // Each changed field belongs to both sides of the NIC, or to one ("model (config)").
    const groups = new Map<NicSide | 'both', string[]>();
    for (const { field } of item.fields) {
      if (field === 'live' || field === 'config') continue;
      const m = / \((live|config)\)$/.exec(field);
      const side = (m?.[1] as NicSide | undefined) ?? 'both';
      groups.set(side, [...(groups.get(side) ?? []), m ? field.slice(0, m.index) : field]);
    }
    for (const [side, fields] of groups) this.nicChange(item, links, side, fields, target);
  }

  /**
   * The fields of a NIC that differ on `side`: a move alone is a nic-move, a link alone a
   * nic-link (as the graph does them); anything else, with the move and link beside it, is one
   * nic-modify with the file's values — one update-device per side.
   */
  nicChange(item: DiffItem, links: NicLink[], side: NicSide | 'both', fields: string[], target: NicTarget | Message): void {
    const vm = item.name;
    const mac = item.mac!;
    const moved = fields.includes('source');
    const props = fields.flatMap((f) => (NIC_FIELD_PROPS[f] ? [NIC_FIELD_PROPS[f]] : []));
    const rest = fields.filter((f) => f !== 'source' && !NIC_FIELD_PROPS[f] && !(moved && KEPT_BY_MOVE.has(f)));
    if (rest.length) this.refuse(item, msg('plan.desired.nicFields', { fields: rest.join(', ') }));
    if (moved && isMessage(target)) return this.refuse(item, target);
    const to = moved && !isMessage(target) && !this.waitsFor(item, target) ? target : undefined;
    const scope = side === 'both' ? {} : { scope: side };
    if (props.length === 0 || (props.length === 1 && props[0] === 'link' && side === 'both')) {
      if (to) this.want(PHASE.nics, item, side === 'both' ? { kind: 'nic-move', vm, mac, target: to } : { kind: 'nic-modify', vm, mac, changes: { target: to }, scope: side });
      if (props.length) this.want(PHASE.nics, item, { kind: 'nic-link', vm, mac, state: this.fileProps(links, side).link });
      return;
    }
    const wanted = this.fileProps(links, side);
    const changes: NicChanges = { ...(to ? { target: to } : {}) };
    for (const p of props) {
      if (p === 'mode') {
        if (wanted.mode !== null && (MACVTAP_MODES as readonly string[]).includes(wanted.mode)) changes.mode = wanted.mode as MacvtapMode;
        else this.refuse(item, msg('plan.desired.macvtapMode', { mode: wanted.mode ?? msg('plan.nicModify.none') }));
      } else if (p === 'model') {
        if (wanted.model !== null) changes.model = wanted.model;
      } else (changes as Record<string, unknown>)[p] = wanted[p];
    }
    this.want(PHASE.nics, item, { kind: 'nic-modify', vm, mac, changes, ...scope });
  }

  /** The NIC's properties as the file has them on `side` (its definition's for both), from its XML, else from what the graph shows. */
  fileProps(links: NicLink[], side: NicSide | 'both'): NicProps {
    const link = (side === 'live' ? links.find((l) => l.live) : links.find((l) => l.config)) ?? links[0]!;
    const vm = this.file.nodes.find((n): n is VmNode => n.id === link.source && n.kind === 'vm');
    const running = vm ? isVmRunning(vm.state) : false;
    const xml = side === 'live' ? (running ? vm?.xml : undefined) : running ? vm?.inactiveXml ?? vm?.xml : vm?.xml;
    try {
      const node = xml ? interfaceByMac(xml, link.mac) : undefined;
      if (node) return nicProps(node);
    } catch {
      // an unreadable VM XML in the file: the NIC's fields as the graph shows them
    }
    return { model: link.model ?? null, link: link.linkState ?? 'up', inbound: null, outbound: null, mtu: null, vlan: link.vlan ?? null, mode: link.sourceMode ?? null };
  }

  /**
   * Whether the host's NIC already names `target`, which is missing on the host: making that
   * network or bridge again puts the NIC back, with no step of its own.
   */
  waitsFor(item: DiffItem, target: NicTarget): boolean {
    const links = this.live.links.filter((l): l is NicLink => l.kind === 'nic' && item.hostIds.includes(l.id));
    const name = target.kind === 'network' ? target.network : target.kind === 'bridge' ? target.bridge : target.dev;
    return links.length > 0 && links.every((l) => {
      const node = this.live.nodes.find((n) => n.id === l.target);
      return node?.kind === 'missing' && node.expected === target.kind && node.name === name;
    });
  }

  /**
   * A NIC the file has in the running VM (or in its saved definition) and the host has not: it
   * is attached to that side alone, whole; one the host has there and the file has not is
   * detached from that side alone, with prune.
   */
  presence(item: DiffItem, links: NicLink[], side: NicSide): void {
    const change = item.fields.find((c) => c.field === side);
    if (!change) return;
    if (change.before === 'no') {
      if (this.prune) this.want(PHASE.detachNics, item, { kind: 'nic-detach', vm: item.name, mac: item.mac!, scope: side });
      else this.leave(item, msg(side === 'live' ? 'plan.desired.hostHasLive' : 'plan.desired.hostHasConfig'));
      return;
    }
    const link = links.find((l) => l[side]);
    const target = link ? this.target(link) : msg('plan.desired.fileLacksSide');
    if (isMessage(target)) return this.refuse(item, target);
    const element = this.savedElement(link!, side);
    this.want(PHASE.nics, item, { kind: 'nic-attach', vm: item.name, target, mac: item.mac!, scope: side, ...(link!.model ? { model: link!.model } : {}), ...(element ? { element } : {}) });
  }

  /** The NIC's whole `<interface>` element from the file's VM XML: the side asked for, else its saved definition first. */
  savedElement(link: NicLink, side?: NicSide): string | undefined {
    const vm = this.file.nodes.find((n): n is VmNode => n.id === link.source && n.kind === 'vm');
    for (const xml of side === 'live' ? [vm?.xml] : [vm?.inactiveXml, vm?.xml]) {
      if (!xml) continue;
      try {
        const node = interfaceByMac(xml, link.mac);
        if (node) return nicXml(definedNic(node, { keepAddress: false }));
      } catch {
        // an unreadable VM XML in the file: the NIC is attached from its fields instead
      }
    }
    return undefined;
  }

  vm(item: DiffItem): void {
    if (item.change === 'added' && !this.prune) this.leave(item, msg('plan.desired.leftAlone'));
    else this.refuse(item, msg(item.change === 'changed' ? 'plan.desired.vmRename' : 'plan.desired.vmCreate'));
  }
}

/**
 * The plan that makes host `ctx.hostId` of `live` match what `diff` says the file `file` holds.
 * Each intent is planned against the host as the intents before it leave it; one the planner
 * refuses (a protected interface, an inactive network…) becomes an entry of `cannot` with the
 * planner's reason, and the others go ahead.
 */
export function planDesired(diff: TopologyDiff, file: Topology, live: Topology, ctx: HostContext, options: DesiredOptions = {}): DesiredPlan {
  const p = new Planner(file, live, ctx, options.prune ?? false);
  for (const item of diff.items) {
    switch (item.kind) {
      case 'network':
        p.network(item);
        break;
      case 'bridge':
        p.bridge(item);
        break;
      case 'tap':
      case 'port':
        p.device(item);
        break;
      case 'nic':
        p.nic(item);
        break;
      case 'vm':
        p.vm(item);
        break;
    }
  }
  const sim: Topology = { ...live, nodes: live.nodes.map((n) => ({ ...n })), links: [...live.links] };
  const wishes = [...p.wishes].sort((a, b) => a.phase - b.phase);
  const steps: Step[] = [];
  const intents: Intent[] = [];
  const warnings: [string[], Message[] | undefined][] = [];
  const summary: string[] = [];
  const summarySays: Message[] = [];
  const vms = new Set<string>();
  for (const wish of wishes) {
    try {
      checkIntentNames(wish.intent);
      const planned = planIntent(wish.intent, sim, ctx, options);
      steps.push(...planned.steps);
      intents.push(wish.intent);
      warnings.push([planned.warnings, planned.warningSays]);
      summary.push(...planned.affects.summary);
      summarySays.push(...(planned.affects.summarySays ?? planned.affects.summary.map(verbatim)));
      planned.affects.vms.forEach((v) => vms.add(v));
      wish.simulate?.(sim);
    } catch (e) {
      p.refuse(wish.item, errorSays(e));
    }
  }
  const impacts = impactsOf(steps, live, ctx.hostId);
  const withImpact = steps.map((s, i) => ({ ...s, impact: impacts[i]! }));
  const warned = uniqueLines(warnings);
  const plan: Plan | null =
    intents.length === 0
      ? null
      : {
          intent: intents[0]!,
          intents,
          steps: withImpact,
          affects: { vms: [...vms].sort(), summary, summarySays },
          destructive: withImpact.some((s) => s.destructive),
          warnings: warned.english,
          warningSays: warned.says,
        };
  return { plan, intents, leftAlone: p.leftAlone, cannot: p.cannot };
}
