import { describe, expect, it } from 'vitest';
import { demoTopology } from '../../shared/topology/demo.ts';
import { NODE_KINDS, type NodeKind } from '../../shared/topology/model.ts';
import { describeLink, describeNode } from '../../renderer/details/properties.ts';
import { isTitle, noteText, type OutlineNote, outlineEntries, outlineGroups, rowWindow, scrollToReveal, stepSelection } from '../../renderer/outline/items.ts';
import { language } from '../../renderer/state/i18n.svelte.ts';
import { commandForKey } from '../../renderer/shortcuts.ts';

const topology = demoTopology();
const all = new Set<NodeKind>(NODE_KINDS);
const names = (groups: ReturnType<typeof outlineGroups>): string[] => groups.flatMap((g) => g.items.map((i) => i.name));

describe('outline', () => {
  it('lists every object grouped by kind, sorted by name', () => {
    const groups = outlineGroups(topology, { text: '', kinds: all });
    expect(groups.map((g) => g.kind)).toEqual(['network', 'bridge', 'tap', 'vm', 'physical', 'missing', 'endpoint']);
    expect(names(groups)).toEqual(['default', 'isolated', 'tester', 'virbr0', 'virbr1', 'virbr1-nic', 'vm-vnic', 'vnet0', 'vnet1', 'centos7', 'eth0', 'lab-net', 'user (SLIRP)']);
  });

  it('sorts names naturally: net2 before net10, vnet9 before vnet10', () => {
    const network = topology.nodes.find((n) => n.kind === 'network')!;
    const many = {
      ...topology,
      nodes: [...topology.nodes, ...['net10', 'net2', 'net1', 'vnet10', 'vnet9'].map((name) => ({ ...network, id: `${network.id}-${name}`, name }))],
    };
    const networks = outlineGroups(many, { text: '', kinds: new Set<NodeKind>(['network']) })[0]!.items.map((i) => i.name);
    expect(networks).toEqual(['default', 'isolated', 'net1', 'net2', 'net10', 'vnet9', 'vnet10']);
  });

  it('after live changes (added, renamed, removed, changed state, many at once) rows are in the order a whole sort gives', () => {
    const network = topology.nodes.find((n) => n.kind === 'network')!;
    const net = (i: number, name = `net${i}`) => ({ ...network, id: `${network.id}-${i}`, name });
    const order = (nodes: (typeof network)[]): string[] =>
      [...nodes].sort((a, b) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name.localeCompare(b.name, 'en', { numeric: true }))).map((n) => n.name);
    const networks = (nodes: (typeof network)[]): string[] => outlineGroups({ ...topology, nodes }, { text: '', kinds: new Set<NodeKind>(['network']) })[0]!.items.map((i) => i.name);
    let nodes = Array.from({ length: 300 }, (_, i) => net(299 - i));
    expect(networks(nodes)).toEqual(order(nodes));
    // a few at a time, as live patches come: each is put in place among the rows already sorted
    nodes = [...nodes, net(1000, 'net150a'), net(1001, 'net7')];
    expect(networks(nodes)).toEqual(order(nodes));
    nodes = nodes.map((n) => (n.name === 'net42' ? { ...n, name: 'zz-renamed' } : n.name === 'net43' ? { ...n, state: 'inactive' } : n)).filter((n) => n.name !== 'net44');
    expect(networks(nodes)).toEqual(order(nodes));
    expect(networks(nodes).slice(0, 3)).toEqual(['net0', 'net1', 'net2']);
    // many new at once: sorted whole
    nodes = [...nodes, ...Array.from({ length: 100 }, (_, i) => net(2000 + i, `net${i}b`))];
    expect(networks(nodes)).toEqual(order(nodes));
  });

  it('filters by text (name or state) and by kind', () => {
    expect(names(outlineGroups(topology, { text: 'VIRBR', kinds: all }))).toEqual(['virbr0', 'virbr1', 'virbr1-nic']);
    expect(names(outlineGroups(topology, { text: 'down', kinds: new Set<NodeKind>(['tap']) }))).toEqual(['virbr1-nic', 'vm-vnic']);
    expect(outlineGroups(topology, { text: 'nothing-like-this', kinds: all })).toEqual([]);
  });

  it('names each row’s host when there are several, and finds objects by host', () => {
    expect(outlineGroups(topology, { text: '', kinds: all }).flatMap((g) => g.items.filter((i) => i.host !== undefined))).toEqual([]);
    const first = topology.hosts[0]!;
    const second = { ...first, id: `${first.id}-2`, label: 'rack2' };
    const network = topology.nodes.find((n) => n.name === 'default')!;
    const two = { ...topology, hosts: [first, second], nodes: [...topology.nodes, { ...network, id: `${network.id}-2`, host: second.id }] };
    const defaults = outlineGroups(two, { text: 'default', kinds: all }).flatMap((g) => g.items);
    expect(defaults.map((i) => `${i.name} on ${i.host}`)).toEqual([`default on ${first.label}`, 'default on rack2']);
    expect(names(outlineGroups(two, { text: 'rack2', kinds: all }))).toEqual(['default']);
    // back to one host: the rows say nothing of it again
    expect(outlineGroups(topology, { text: 'default', kinds: all })[0]!.items[0]!.host).toBeUndefined();
  });

  it('lists each group’s title before its rows, the same title object each time', () => {
    const entries = outlineEntries(outlineGroups(topology, { text: '', kinds: new Set<NodeKind>(['network', 'vm']) }));
    expect(entries.map((e) => (isTitle(e) ? `# ${e.title}` : e.name))).toEqual(['# network', 'default', 'isolated', '# vm', 'centos7']);
    const again = outlineEntries(outlineGroups(topology, { text: '', kinds: all }));
    expect(again[0]).toBe(entries[0]);
    expect(outlineEntries([])).toEqual([]);
  });

  it('puts in the page only the rows in sight and a few either side', () => {
    // 5,000 rows of 28 px seen through 560 px: 20 rows, and 12 either side
    expect(rowWindow(5000, 0, 560, 28, 12)).toEqual({ first: 0, last: 32 });
    expect(rowWindow(5000, 28 * 1000, 560, 28, 12)).toEqual({ first: 988, last: 1032 });
    // half a row scrolled: the row cut at the top and the one cut at the bottom are both in
    expect(rowWindow(5000, 28 * 1000 + 14, 560, 28, 0)).toEqual({ first: 1000, last: 1021 });
    expect(rowWindow(5000, 28 * 4990, 560, 28, 12)).toEqual({ first: 4978, last: 5000 });
    // a view not measured yet, or scrolled above the first row (the margin), still starts at 0
    expect(rowWindow(10, -6, 0, 28, 12)).toEqual({ first: 0, last: 10 });
    expect(rowWindow(0, 0, 560, 28, 12)).toEqual({ first: 0, last: 0 });
  });

  it('scrolls a row into view only as far as needed', () => {
    // in view: as it is
    expect(scrollToReveal(280, 28, 100, 400)).toBe(100);
    // above: to its top; below: until its bottom is at the view's bottom
    expect(scrollToReveal(56, 28, 100, 400)).toBe(56);
    expect(scrollToReveal(600, 28, 100, 400)).toBe(228);
  });

  it('steps through the visible order, clamped at the ends', () => {
    const ids = ['a', 'b', 'c'];
    expect(stepSelection(ids, null, 1)).toBe('a');
    expect(stepSelection(ids, null, -1)).toBe('c');
    expect(stepSelection(ids, 'b', 1)).toBe('c');
    expect(stepSelection(ids, 'c', 1)).toBe('c');
    expect(stepSelection(ids, 'b', -ids.length)).toBe('a');
    expect(stepSelection([], 'a', 1)).toBeNull();
  });
});

describe('details', () => {
  const node = (name: string) => topology.nodes.find((n) => n.name === name)!;

  it('describes a network with forward mode, bridge, addresses, DHCP and its XML', () => {
    const d = describeNode(topology, node('default'));
    expect(d.rows).toEqual(
      expect.arrayContaining([
        { label: 'Forward', value: 'NAT' },
        { label: 'Bridge', value: 'virbr0' },
        { label: 'IPv4', value: '192.168.122.1/24' },
        { label: 'DHCP range', value: '192.168.122.2 – 192.168.122.254' },
        { label: 'Autostart', value: 'yes' },
      ]),
    );
    expect(d.xml).toContain('<name>default</name>');
  });

  it('describes a VM with its NICs and XML, and a device without XML', () => {
    const vm = describeNode(topology, node('centos7'));
    expect(vm.connections.map((c) => c.value)).toEqual([
      '→ default (52:54:00:7e:f8:5c)',
      '→ isolated (52:54:00:07:b8:72)',
      '→ user (SLIRP) (52:54:00:5e:11:03)',
      '→ lab-net (52:54:00:3c:aa:04)',
    ]);
    expect(vm.xml).toContain('<name>centos7</name>');
    expect(vm.rows).toContainEqual({ label: 'Will not start', value: 'while network “lab-net” is missing (a NIC in its definition is on it)', goTo: node('lab-net').id });
    const tester = describeNode(topology, node('tester'));
    expect(tester.rows).toEqual(expect.arrayContaining([{ label: 'Managed by', value: 'no libvirt network' }, { label: 'Link', value: 'down' }]));
    expect(tester.xml).toBeUndefined();
  });

  it('describes a missing network, a NIC endpoint and the NIC to each', () => {
    const missing = describeNode(topology, node('lab-net'));
    expect(missing.kindLabel).toBe('Missing object');
    expect(missing.rows).toContainEqual({ label: 'Expected', value: 'a libvirt network by this name; none is defined on this host' });
    const slirp = describeNode(topology, node('user (SLIRP)'));
    expect(slirp.rows).toEqual(expect.arrayContaining([
      { label: 'NIC type', value: 'user' },
      { label: 'NIC of', value: 'centos7', goTo: node('centos7').id },
    ]));
    const toMissing = topology.links.find((l) => l.target === node('lab-net').id)!;
    expect(describeLink(topology, toMissing).rows).toContainEqual({ label: 'On', value: 'network “lab-net”, which this host does not have' });
  });

  it('notes in the outline what is missing and what is gone on reboot', () => {
    const items = outlineGroups(topology, { text: '', kinds: new Set(NODE_KINDS) }).flatMap((g) => g.items);
    const note = (name: string) => items.find((i) => i.name === name)?.note;
    expect([note('lab-net'), note('tester'), note('vm-vnic'), note('virbr0')]).toEqual(['network', 'goneOnReboot', 'goneOnReboot', undefined]);
    expect(['network', 'goneOnReboot'].map((n) => noteText(n as OutlineNote))).toEqual(['network', 'gone on reboot']);
    expect(outlineGroups(topology, { text: 'reboot', kinds: new Set(NODE_KINDS) }).flatMap((g) => g.items.map((i) => i.name))).toEqual(['tester', 'vm-vnic']);
  });

  it('says notes in the user’s language and finds rows by the words shown', () => {
    try {
      language.choose('zh-TW');
      expect(noteText('goneOnReboot')).toBe('重新開機後消失');
      const found = (text: string) => outlineGroups(topology, { text, kinds: new Set(NODE_KINDS) }).flatMap((g) => g.items.map((i) => i.name));
      expect(found('重新開機後消失')).toEqual(['tester', 'vm-vnic']);
      // a state as shown (執行中: running), and as the host says it
      expect(found('執行中')).toEqual(['centos7']);
      expect(found('running')).toEqual(['centos7']);
    } finally {
      language.choose('system');
    }
  });

  it('describes a NIC link', () => {
    const nic = topology.links.find((l) => l.kind === 'nic')!;
    const d = describeLink(topology, nic);
    expect(d.title).toBe('centos7 → default');
    expect(d.rows).toEqual(expect.arrayContaining([{ label: 'Model', value: 'virtio' }, { label: 'Host device', value: 'vnet0' }]));
  });
});

describe('shortcuts', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; shiftKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
  });

  it('maps the documented keys', () => {
    expect(commandForKey(key('o', { ctrlKey: true }), false)).toBe('open');
    expect(commandForKey(key('s', { ctrlKey: true }), true)).toBe('save');
    expect(commandForKey(key('S', { ctrlKey: true, shiftKey: true }), false)).toBe('saveAs');
    expect(commandForKey(key('f', { ctrlKey: true }), false)).toBe('find');
    expect(commandForKey(key('f'), false)).toBe('fit');
    expect(commandForKey(key('v'), false)).toBe('toggleView');
    expect(commandForKey(key('/'), false)).toBe('find');
    expect(commandForKey(key('i'), false)).toBe('focus');
    expect(commandForKey(key('Escape'), true)).toBe('clearSelection');
  });

  it('leaves single letters alone while the user types', () => {
    expect(commandForKey(key('v'), true)).toBeNull();
    expect(commandForKey(key('f'), true)).toBeNull();
    expect(commandForKey(key('/'), true)).toBeNull();
    expect(commandForKey(key('i'), true)).toBeNull();
  });
});
