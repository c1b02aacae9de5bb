// The list of differences in the reader's language: every kind of item, field and value the diff
// writes says itself in Traditional Chinese with no English left but names and libvirt's words,
// and in English exactly as describeItem wrote it before it became a message.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeItem, diffTopologies, isUuidNote, itemMessage, keepNotes, noteMessages } from '../../../shared/diff/index.ts';
import type { DiffItem, FieldChange } from '../../../shared/diff/types.ts';
import { DIFF_KINDS } from '../../../shared/diff/types.ts';
import { en } from '../../../shared/i18n/en.ts';
import { type Message, say, sayEnglish, translator } from '../../../shared/i18n/index.ts';
import type { Topology, TopologyNode } from '../../../shared/topology/model.ts';
import { HOST, labTopology } from '../plan/hosts.ts';

const zh = translator('zh-TW');

/** describeItem as it was before the catalogue: the English every message must still give. */
function englishBefore(item: DiffItem): string {
  const what = item.kind === 'nic' ? `NIC ${item.mac} of VM ${item.name}` : `${item.kind === 'tap' ? 'TAP' : item.kind === 'vm' ? 'VM' : item.kind} ${item.name}`;
  const show = (v: string | null) => v ?? '(none)';
  const summary = (fields: FieldChange[], side: 'before' | 'after') => {
    const shown = fields.filter((f) => f[side] !== null && ['source', 'forward', 'bridge', 'ipv4', 'type'].includes(f.field));
    return shown.length ? ` (${shown.map((f) => `${f.field} ${f[side]}`).join(', ')})` : '';
  };
  if (item.change === 'removed') return `${what}: in the file, not on the host${summary(item.fields, 'before')}`;
  if (item.change === 'added') return `${what}: on the host, not in the file${summary(item.fields, 'after')}`;
  return `${what}: ${item.fields.map((f) => `${f.field} ${show(f.before)} → ${show(f.after)}`).join('; ')}`;
}

const item = (kind: DiffItem['kind'], change: DiffItem['change'], name: string, fields: [string, string | null, string | null][], mac?: string): DiffItem => ({
  kind,
  change,
  name,
  ...(mac ? { mac } : {}),
  fileIds: [],
  hostIds: [],
  fields: fields.map(([field, before, after]) => ({ field, before, after })),
});

/** Every kind of item, every field the diff compares, every value it writes in words; with the names and libvirt words each keeps. */
const CASES: { item: DiffItem; kept: string[] }[] = [
  {
    item: item('network', 'changed', 'lab', [
      ['name', 'lab-old', 'lab'],
      ['forward', 'isolated', 'nat'],
      ['bridge', 'virbr7', 'virbr8'],
      ['forward device', null, 'eth0'],
      ['domain', 'example', null],
      ['ipv4', '10.10.0.1/24', '10.10.0.1/16'],
      ['ipv4 DHCP range', '10.10.0.2-10.10.0.254', '10.10.0.50-10.10.0.60'],
      ['ipv4 DHCP hosts', '52:54:00:aa:00:01 10.10.0.10', null],
      ['ipv6', null, 'fd00::1/64'],
      ['ipv6 DHCP range', null, 'fd00::10-fd00::ff'],
      ['ipv6 DHCP hosts', null, 'fd00::20'],
      ['running', 'yes', 'no'],
      ['autostart', 'no', 'yes'],
      ['persistent', 'yes', 'no'],
      ['mtu', '9000', null],
      ['DNS hosts', '10.10.0.5 db', '10.10.0.6 db; 10.10.0.7 x'],
      ['port groups', 'web (default); db', null],
      ['forward interfaces', 'eth1; eth2', 'eth1'],
    ]),
    kept: ['lab-old', 'lab', 'nat', 'virbr7', 'virbr8', 'eth0', 'example', 'fd00::1/64', 'fd00::10-fd00::ff', 'fd00::20', 'db', 'x', 'web', 'eth1', 'eth2', '52:54:00:aa:00:01'],
  },
  { item: item('network', 'removed', 'routed', [['forward', 'route', null], ['bridge', 'virbr2', null], ['ipv4', '192.168.124.1/24', null], ['running', 'yes', null]]), kept: ['routed', 'route', 'virbr2'] },
  { item: item('network', 'added', 'vw-new', [['forward', null, 'isolated'], ['bridge', null, 'vwnewbr0'], ['autostart', null, 'no']]), kept: ['vw-new', 'vwnewbr0'] },
  { item: item('bridge', 'removed', 'br0', [['type', 'linux', null], ['state', 'up', null]]), kept: ['br0', 'linux'] },
  { item: item('bridge', 'added', 'ovsbr', [['type', null, 'ovs'], ['state', null, 'down']]), kept: ['ovsbr', 'ovs'] },
  { item: item('bridge', 'changed', 'tester', [['type', 'linux', 'ovs'], ['state', 'down', 'up']]), kept: ['tester', 'linux', 'ovs'] },
  { item: item('tap', 'removed', 'tap-free', [['state', 'down', null]]), kept: ['tap-free'] },
  { item: item('tap', 'added', 'tap9', [['bridge', null, 'br0'], ['state', null, 'up']]), kept: ['tap9', 'br0'] },
  { item: item('tap', 'changed', 'vm-vnic', [['bridge', 'tester', null], ['state', 'up', 'down']]), kept: ['vm-vnic', 'tester'] },
  { item: item('port', 'removed', 'eth1', [['bridge', 'br0', null]]), kept: ['eth1', 'br0'] },
  { item: item('port', 'added', 'eth2', [['bridge', null, 'br0']]), kept: ['eth2', 'br0'] },
  { item: item('port', 'changed', 'eth1', [['bridge', 'br0', null]]), kept: ['eth1', 'br0'] },
  { item: item('vm', 'removed', 'web01', []), kept: ['web01'] },
  { item: item('vm', 'added', 'new-vm', []), kept: ['new-vm'] },
  { item: item('vm', 'changed', 'web02', [['name', 'web01', 'web02']]), kept: ['web01', 'web02'] },
  { item: item('nic', 'added', 'centos7', [['source', null, 'network isolated'], ['model', null, 'virtio'], ['link', null, 'up']], '52:54:00:99:00:01'), kept: ['centos7', 'isolated', 'virtio'] },
  { item: item('nic', 'removed', 'vm-off3', [['source', 'bridge br9 (missing)', null], ['link', 'down', null]], '52:54:00:00:05:01'), kept: ['vm-off3', 'br9'] },
  { item: item('nic', 'removed', 'vm-off4', [['source', 'network routed (missing)', null]], '52:54:00:00:05:02'), kept: ['vm-off4', 'routed'] },
  {
    item: item('nic', 'changed', 'guest1', [
      ['live', 'yes', 'no'],
      ['config', 'no', 'yes'],
      ['source', 'device eth0', 'direct (unknown)'],
      ['model', 'virtio', 'e1000e'],
      ['link', 'up', 'down'],
      ['portgroup', null, 'web'],
      ['virtualport', null, 'openvswitch'],
      ['vlan', '42', 'trunk 42,48'],
      ['macvtap mode', 'bridge', 'vepa'],
      ['inbound limit', null, '500 kB/s'],
      ['outbound limit', '500 kB/s', '800 kB/s (peak 900 kB/s, burst 64 kB)'],
      ['mtu', '1400', null],
    ], '52:54:00:00:01:02'),
    kept: ['guest1', 'eth0', 'direct', 'virtio', 'e1000e', 'web', 'openvswitch', 'trunk', 'bridge', 'vepa'],
  },
  {
    item: item('nic', 'changed', 'guest2', [['source (config)', 'network default', 'bridge br0'], ['source (live)', 'network default', 'user (SLIRP)'], ['link (live)', 'up', 'down'], ['outbound limit (config)', null, '100 kB/s (burst 8 kB)']], '52:54:00:00:02:01'),
    kept: ['guest2', 'default', 'br0', 'user (SLIRP)'],
  },
];

/** Latin words a Chinese line may keep besides the item's own names and values: kinds of devices, protocols, units. */
const LATIN = /TAP|IPv[46]|DHCP|DNS|MTU|VLAN|macvtap|kB\/s|kB/g;

function englishLeft(text: string, kept: string[]): string[] | null {
  let rest = text;
  for (const k of [...kept].sort((a, b) => b.length - a.length)) rest = rest.split(k).join('');
  return rest.replace(LATIN, '').match(/[A-Za-z]{2,}/g);
}

describe('the list of differences', () => {
  it('covers every kind of item and every change', () => {
    for (const kind of DIFF_KINDS) for (const change of ['added', 'removed', 'changed'] as const) expect(CASES.some((c) => c.item.kind === kind && c.item.change === change), `${kind} ${change}`).toBe(true);
  });

  it('gives each item in English exactly as before', () => {
    for (const { item: i } of CASES) {
      expect(describeItem(i)).toBe(englishBefore(i));
      expect(sayEnglish(itemMessage(i))).toBe(englishBefore(i));
    }
  });

  it('gives the same English as before for any item, fields and values', () => {
    const field = fc.constantFrom(...CASES.flatMap((c) => c.item.fields.map((f) => f.field)), 'something new');
    const value = fc.option(fc.constantFrom(...CASES.flatMap((c) => c.item.fields.flatMap((f) => [f.before, f.after])).filter((v): v is string => v !== null), 'any text', 'network a b c', '7 kB/s (odd)'));
    const anItem = fc.record({
      kind: fc.constantFrom(...DIFF_KINDS),
      change: fc.constantFrom('added' as const, 'removed' as const, 'changed' as const),
      name: fc.string({ minLength: 1, maxLength: 12 }),
      mac: fc.constant('52:54:00:00:00:01'),
      fileIds: fc.constant<string[]>([]),
      hostIds: fc.constant<string[]>([]),
      fields: fc.array(fc.record({ field, before: value, after: value }), { minLength: 1, maxLength: 6 }),
    });
    fc.assert(fc.property(anItem, (i) => describeItem(i) === englishBefore(i)), { numRuns: 500 });
  });

  it('says each item in Traditional Chinese, with no English left but names and libvirt’s words', () => {
    for (const { item: i, kept } of CASES) {
      const text = say(zh, itemMessage(i));
      expect(text, text).toMatch(/\p{Script=Han}/u);
      expect(englishLeft(text, kept), text).toBeNull();
    }
  });

  it('says, against another connected host, which host has it — not a file', () => {
    for (const { item: i, kept } of CASES.filter((c) => c.item.change !== 'changed')) {
      const english = sayEnglish(itemMessage(i, 'host'));
      expect(english).toMatch(i.change === 'removed' ? /: on the other host, not on this one/ : /: on this host, not on the other/);
      expect(english).not.toMatch(/file/);
      // the object and its summary are said as against a file
      expect(english.replace(/: on (the other|this) host, not on (this one|the other)/, '')).toBe(englishBefore(i).replace(/: (in the file, not on the host|on the host, not in the file)/, ''));
      const chinese = say(zh, itemMessage(i, 'host'));
      expect(chinese).toContain('另一台主機');
      expect(chinese).not.toContain('檔案');
      expect(englishLeft(chinese, kept), chinese).toBeNull();
    }
    for (const { item: i } of CASES.filter((c) => c.item.change === 'changed')) expect(itemMessage(i, 'host')).toEqual(itemMessage(i));
  });

  it('names every field and says every value in words', () => {
    const said = CASES.map(({ item: i }) => say(zh, itemMessage(i)));
    expect(said).toContain('網路「routed」：在檔案中，不在主機上（轉送方式 route、橋接器 virbr2、IPv4 位址 192.168.124.1/24）');
    expect(said).toContain('虛擬機器「centos7」的網路卡 52:54:00:99:00:01：在主機上，不在檔案中（來源 網路「isolated」）');
    expect(said).toContain('虛擬機器「vm-off3」的網路卡 52:54:00:00:05:01：在檔案中，不在主機上（來源 橋接器「br9」（遺失））');
    expect(said).toContain('連接埠「eth1」：橋接器 br0 → （無）');
    expect(said).toContain('橋接器「tester」：類型 linux → ovs；狀態 已停用 → 已啟用');
    expect(said).toContain(
      '虛擬機器「guest2」的網路卡 52:54:00:00:02:01：來源（設定） 網路「default」 → 橋接器「br0」；來源（執行中） 網路「default」 → user (SLIRP)；連線（執行中） 已啟用 → 已停用；輸出頻寬上限（設定） （無） → 100 kB/s（突發量 8 kB）',
    );
    const nic = say(zh, itemMessage(CASES.find((c) => c.item.name === 'guest1')!.item));
    expect(nic).toContain('在執行中的虛擬機器上 是 → 否；在已儲存的定義中 否 → 是；來源 裝置「eth0」 → direct（不明）');
    expect(nic).toContain('輸出頻寬上限 500 kB/s → 800 kB/s（峰值 900 kB/s、突發量 64 kB）');
    const network = say(zh, itemMessage(CASES[0]!.item));
    expect(network).toContain('轉送方式 隔離 → nat');
    expect(network).toContain('執行中 是 → 否；自動啟動 否 → 是；持久保存 是 → 否；MTU 值 9000 → （無）');
    expect(network).toContain('連接埠群組 web（預設）; db → （無）');
  });

  it('has a message for every field the diff names', () => {
    const fields = new Set(CASES.flatMap((c) => c.item.fields.map((f) => f.field.replace(/ \((config|live)\)$/, ''))));
    expect(fields.size).toBe(Object.keys(en).filter((k) => k.startsWith('checks.diff.field.')).length);
  });
});

describe('the notes', () => {
  const copy = (t: Topology): Topology => JSON.parse(JSON.stringify(t)) as Topology;
  const find = (t: Topology, kind: TopologyNode['kind'], name: string) => t.nodes.find((n) => n.kind === kind && n.name === name)!;

  function noted() {
    const file = labTopology();
    const host = copy(file);
    const lab = find(host, 'network', 'lab') as TopologyNode & { uuid?: string };
    lab.uuid = 'bbbbbbbb-0000-0000-0000-000000000000';
    const web01 = find(host, 'vm', 'web01') as TopologyNode & { uuid?: string };
    web01.uuid = '99999999-2222-3333-4444-555555555555';
    const centos7 = find(host, 'vm', 'centos7');
    centos7.state = 'shut off';
    for (const l of host.links) if (l.kind === 'nic' && l.source === centos7.id) l.live = false;
    return diffTopologies(file, HOST, host, HOST);
  }

  it('keeps each note as a message whose English is the note', () => {
    const diff = noted();
    const messages = noteMessages(diff);
    expect(messages.map((m) => m.key).sort()).toEqual(['checks.diff.note.networkUuid', 'checks.diff.note.vmState', 'checks.diff.note.vmUuid']);
    expect(messages.map(sayEnglish)).toEqual(diff.notes);
    expect(diff.notes).toContain('VM centos7 is shut off on the host and was running in the file.');
  });

  it('says each note in Traditional Chinese', () => {
    const said = noteMessages(noted()).map((m: Message) => say(zh, m));
    expect(said).toContain('虛擬機器「centos7」在主機上的狀態為「已關機」，檔案中為「執行中」。');
    expect(said.some((s) => /^網路「lab」是依名稱對應的：它在主機上的 UUID 是 bbbbbbbb-0000-0000-0000-000000000000，在檔案中是 \S+。$/.test(s))).toBe(true);
    expect(said.some((s) => s.startsWith('虛擬機器「web01」是依名稱對應的：'))).toBe(true);
  });

  it('keeps the JSON as it was: the notes in English, nothing else added', () => {
    const diff = noted();
    const json = JSON.parse(JSON.stringify(diff)) as typeof diff;
    expect(Object.keys(json)).toEqual(['fileHost', 'liveHost', 'items', 'notes']);
    expect(json.notes).toEqual(diff.notes);
    expect(noteMessages(json).map((m) => say(zh, m))).toEqual(diff.notes);
  });

  it('drops notes by what they say, in words and as messages together', () => {
    const kept = keepNotes(noted(), (note) => !isUuidNote(note));
    expect(kept.notes).toEqual(['VM centos7 is shut off on the host and was running in the file.']);
    expect(noteMessages(kept).map((m) => m.key)).toEqual(['checks.diff.note.vmState']);
  });
});
