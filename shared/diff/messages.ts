// The differences in words, as catalogue messages each reader says in their own language: one
// line per item ("network default: running yes → no"), and the notes. English is what
// describeItem, the journal and --json keep. Field names and the values the diff writes in words
// (yes/no, up/down, where a NIC is, a bandwidth limit, a default port group) are messages too;
// every other value (names, addresses, libvirt's own words such as forward modes) stays as it is.
import type { Message, MessageKey } from '../i18n/index.ts';
import { type DiffItem, type DiffKind, type FieldChange, NOTE_MESSAGES, type TopologyDiff } from './types.ts';

type Said = string | Message;

const WHAT: Readonly<Record<DiffKind, MessageKey>> = {
  network: 'checks.diff.what.network',
  bridge: 'checks.diff.what.bridge',
  tap: 'checks.diff.what.tap',
  port: 'checks.diff.what.port',
  vm: 'checks.diff.what.vm',
  nic: 'checks.diff.what.nic',
};

/** The fields the diff compares (see diff.ts), by the name it gives them. */
const FIELDS: Readonly<Record<string, MessageKey>> = {
  name: 'checks.diff.field.name',
  forward: 'checks.diff.field.forward',
  bridge: 'checks.diff.field.bridge',
  'forward device': 'checks.diff.field.forwardDevice',
  domain: 'checks.diff.field.domain',
  ipv4: 'checks.diff.field.ipv4',
  ipv6: 'checks.diff.field.ipv6',
  'ipv4 DHCP range': 'checks.diff.field.ipv4DhcpRange',
  'ipv6 DHCP range': 'checks.diff.field.ipv6DhcpRange',
  'ipv4 DHCP hosts': 'checks.diff.field.ipv4DhcpHosts',
  'ipv6 DHCP hosts': 'checks.diff.field.ipv6DhcpHosts',
  running: 'checks.diff.field.running',
  autostart: 'checks.diff.field.autostart',
  persistent: 'checks.diff.field.persistent',
  mtu: 'checks.diff.field.mtu',
  'DNS hosts': 'checks.diff.field.dnsHosts',
  'port groups': 'checks.diff.field.portGroups',
  'forward interfaces': 'checks.diff.field.forwardInterfaces',
  type: 'checks.diff.field.type',
  state: 'checks.diff.field.state',
  source: 'checks.diff.field.source',
  model: 'checks.diff.field.model',
  link: 'checks.diff.field.link',
  portgroup: 'checks.diff.field.portgroup',
  virtualport: 'checks.diff.field.virtualport',
  vlan: 'checks.diff.field.vlan',
  'macvtap mode': 'checks.diff.field.macvtapMode',
  'inbound limit': 'checks.diff.field.inboundLimit',
  'outbound limit': 'checks.diff.field.outboundLimit',
  live: 'checks.diff.field.live',
  config: 'checks.diff.field.config',
};

/** A NIC field that differs differently on the running VM and in its definition: "source (config)". */
const SIDE = / \((config|live)\)$/;

function fieldMessage(field: string): Said {
  const side = SIDE.exec(field);
  if (side) return { key: side[1] === 'config' ? 'checks.diff.side.config' : 'checks.diff.side.live', values: { field: fieldMessage(field.slice(0, side.index)) } };
  return Object.hasOwn(FIELDS, field) ? { key: FIELDS[field]! } : field;
}

const WORDS: Readonly<Record<string, Readonly<Record<string, MessageKey>>>> = {
  yesNo: { yes: 'checks.diff.yes', no: 'checks.diff.no' },
  upDown: { up: 'checks.diff.up', down: 'checks.diff.down' },
  forward: { isolated: 'checks.diff.isolated' },
};
const WORDS_OF: Readonly<Record<string, keyof typeof WORDS>> = {
  running: 'yesNo',
  autostart: 'yesNo',
  persistent: 'yesNo',
  live: 'yesNo',
  config: 'yesNo',
  state: 'upDown',
  link: 'upDown',
  forward: 'forward',
};

/** Where a NIC is, as diff.ts's placeOf writes it: "network default", "bridge br0 (missing)", "direct (unknown)"… */
function placeMessage(place: string): Said {
  const missing = /^(network|bridge|device) (.*) \(missing\)$/.exec(place);
  if (missing) return { key: 'checks.diff.place.missing', values: { place: { key: `checks.diff.place.${missing[1] as 'network' | 'bridge' | 'device'}`, values: { name: missing[2]! } } } };
  const unknown = /^(\S+) \(unknown\)$/.exec(place);
  if (unknown) return { key: 'checks.diff.place.unknown', values: { type: unknown[1]! } };
  const object = /^(network|bridge|device) (.*)$/.exec(place);
  if (object) return { key: `checks.diff.place.${object[1] as 'network' | 'bridge' | 'device'}`, values: { name: object[2]! } };
  return place; // an endpoint: what the graph names it (user (SLIRP), mcast 230.0.0.1:5558…)
}

/** A bandwidth limit as nic-props' limitText writes it: "800 kB/s (peak 900 kB/s, burst 64 kB)". */
function limitMessage(limit: string): Said {
  const m = /^(\S+) kB\/s(?: \((.+)\))?$/.exec(limit);
  if (!m) return limit;
  if (m[2] === undefined) return { key: 'checks.diff.limit', values: { average: m[1]! } };
  const more: Said[] = [];
  for (const part of m[2].split(', ')) {
    const peak = /^peak (\S+) kB\/s$/.exec(part);
    const burst = /^burst (\S+) kB$/.exec(part);
    if (peak) more.push({ key: 'checks.diff.peak', values: { peak: peak[1]! } });
    else if (burst) more.push({ key: 'checks.diff.burst', values: { burst: burst[1]! } });
    else return limit;
  }
  return { key: 'checks.diff.limitWith', values: { average: m[1]!, more: joined(more, 'checks.diff.list') } };
}

/** A network's port groups, as diff.ts writes them: "db; web (default)". */
function portGroupsMessage(groups: string): Said {
  return joined(
    groups.split('; ').map((g) => (g.endsWith(' (default)') ? { key: 'checks.diff.defaultPortGroup', values: { name: g.slice(0, -' (default)'.length) } } : g)),
    'checks.diff.values',
  );
}

function valueMessage(field: string, value: string | null): Said {
  if (value === null) return { key: 'checks.diff.none' };
  const base = field.replace(SIDE, '');
  const words = Object.hasOwn(WORDS_OF, base) ? WORDS[WORDS_OF[base]!]! : undefined;
  if (words && Object.hasOwn(words, value)) return { key: words[value]! };
  if (base === 'source') return placeMessage(value);
  if (base === 'inbound limit' || base === 'outbound limit') return limitMessage(value);
  if (base === 'port groups') return portGroupsMessage(value);
  return value;
}

/** Parts said one after another, each pair joined by `key` ("{head}; {tail}"). */
function joined(parts: Said[], key: MessageKey): Said {
  return parts.reduceRight((tail, head) => ({ key, values: { head, tail } }));
}

/** What an item is about: "network default", "NIC 52:54:00:… of VM web01". */
function whatMessage(item: DiffItem): Message {
  return item.kind === 'nic' ? { key: WHAT.nic, values: { mac: item.mac ?? '', name: item.name } } : { key: WHAT[item.kind], values: { name: item.name } };
}

/** The fields shown beside an object only on one side: where it is, its kind of forwarding, bridge, subnet, type. */
const SUMMARY_FIELDS = new Set(['source', 'forward', 'bridge', 'ipv4', 'type']);

function summary(fields: FieldChange[], side: 'before' | 'after'): Said | undefined {
  const shown = fields.filter((f) => f[side] !== null && SUMMARY_FIELDS.has(f.field));
  if (!shown.length) return undefined;
  return joined(shown.map((f) => ({ key: 'checks.diff.fieldValue', values: { field: fieldMessage(f.field), value: valueMessage(f.field, f[side]) } })), 'checks.diff.list');
}

/** One line per difference, in words: "network default: ipv4 DHCP range 192.168.122.2-… → …". */
/**
 * One difference in words. `against` says what the host is compared with: a saved file ("in the
 * file, not on the host") or another connected host ("on the other host, not on this one").
 */
export function itemMessage(item: DiffItem, against: 'file' | 'host' = 'file'): Message {
  const what = whatMessage(item);
  if (item.change === 'changed') {
    const changes = item.fields.map((f): Message => ({
      key: 'checks.diff.change',
      values: { field: fieldMessage(f.field), before: valueMessage(f.field, f.before), after: valueMessage(f.field, f.after) },
    }));
    return { key: 'checks.diff.changed', values: { what, changes: changes.length ? joined(changes, 'checks.diff.changes') : '' } };
  }
  const removed = item.change === 'removed';
  const shown = summary(item.fields, removed ? 'before' : 'after');
  const host = against === 'host';
  if (shown === undefined) return { key: removed ? (host ? 'checks.diff.removedHost' : 'checks.diff.removed') : host ? 'checks.diff.addedHost' : 'checks.diff.added', values: { what } };
  const key = removed ? (host ? 'checks.diff.removedHostWith' : 'checks.diff.removedWith') : host ? 'checks.diff.addedHostWith' : 'checks.diff.addedWith';
  return { key, values: { what, summary: shown } };
}

/** A VM's state as libvirt names it (virsh domstate); one the catalogue does not know stays as it is. */
const VM_STATES: Readonly<Record<string, MessageKey>> = {
  running: 'checks.diff.vmState.running',
  idle: 'checks.diff.vmState.idle',
  paused: 'checks.diff.vmState.paused',
  'in shutdown': 'checks.diff.vmState.inShutdown',
  'shut off': 'checks.diff.vmState.shutOff',
  crashed: 'checks.diff.vmState.crashed',
  pmsuspended: 'checks.diff.vmState.pmsuspended',
};

export const vmStateMessage = (state: string): Said => (Object.hasOwn(VM_STATES, state) ? { key: VM_STATES[state]! } : state);

/** The notes of a diff as messages; a diff that came through JSON has only their English. */
export function noteMessages(diff: TopologyDiff): Message[] {
  return diff[NOTE_MESSAGES] ?? diff.notes.map((note) => ({ key: 'checks.diff.note.other', values: { note } }));
}

/** That an object was matched by name while its UUID differs. */
export const isUuidNote = (note: Message): boolean => note.key === 'checks.diff.note.networkUuid' || note.key === 'checks.diff.note.vmUuid';

/** The diff with only the notes `keep` keeps, in words and as messages. */
export function keepNotes(diff: TopologyDiff, keep: (note: Message) => boolean): TopologyDiff {
  const messages = noteMessages(diff);
  const kept = diff.notes.flatMap((note, i) => (keep(messages[i]!) ? [i] : []));
  return { ...diff, notes: kept.map((i) => diff.notes[i]!), [NOTE_MESSAGES]: kept.map((i) => messages[i]!) };
}
