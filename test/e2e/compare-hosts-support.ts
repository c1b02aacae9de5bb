// The two hosts of the "Compare with…" e2e test (compare-hosts.e2e.test.ts) and what the panel
// must list for them: "lab" is the demo, "backup" the demo under another host id and UUIDs with
// known edits; the expected rows are worked out from those edits in the catalogue's words.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { HostProfile, LiveHost } from '../../shared/api/index.ts';
import { CATALOGUES, type Locale, type MessageKey } from '../../shared/i18n/index.ts';
import { demoTopology } from '../../shared/topology/demo.ts';
import { linkId } from '../../shared/topology/ids.ts';
import type { NetworkNode, NicLink, Topology, TopologyNode } from '../../shared/topology/model.ts';
import { ROOT } from './harness.ts';

export const RESULTS = join(ROOT, 'test-results');
const base = { uri: 'qemu:///system', useSudo: false, knownHostsPolicy: 'ask', rememberSecrets: false } as const;
export const LAB = { profileId: 'p-lab', hostId: 'root@lab:2222', label: 'lab' } as const;
export const BACKUP = { profileId: 'p-backup', hostId: 'admin@backup', label: 'backup' } as const;
export const PROFILES: HostProfile[] = [
  { ...base, id: LAB.profileId, label: LAB.label, target: 'root@lab:2222' },
  { ...base, id: BACKUP.profileId, label: BACKUP.label, target: 'admin@backup' },
];

/** The demo host under `hostId`, each network and VM UUID passed through `uuid` (ids and XML too). */
function demoAs(hostId: string, uuid: (old: string) => string): Topology {
  const demo = demoTopology();
  let json = JSON.stringify(demo).replaceAll(demo.hosts[0]!.id, hostId);
  for (const node of demo.nodes) if ('uuid' in node && node.uuid) json = json.replaceAll(node.uuid, uuid(node.uuid));
  return JSON.parse(json) as Topology;
}

export const nodeOf = <K extends TopologyNode['kind']>(t: Topology, kind: K, name: string): Extract<TopologyNode, { kind: K }> => {
  const found = t.nodes.find((n) => n.kind === kind && n.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found as Extract<TopologyNode, { kind: K }>;
};
export const nicOf = (t: Topology, mac: string): NicLink => t.links.find((l): l is NicLink => l.kind === 'nic' && l.mac === mac)!;

export const MOVED = '52:54:00:7e:f8:5c'; // default → isolated on backup
export const DETACHED = '52:54:00:07:b8:72'; // on isolated on lab, not on backup
export const LINK_DOWN = '52:54:00:5e:11:03'; // the user-mode NIC: link down on backup

export const lab = demoAs(LAB.hostId, (u) => u);
export const backupUuids = new Map<string, string>();
/** backup: the same host by names, other UUIDs, and the differences the test expects to see. */
export const backup = ((): Topology => {
  const t = demoAs(BACKUP.hostId, (u) => backupUuids.set(u, randomUUID()).get(u)!);
  const vm = nodeOf(t, 'vm', 'centos7');
  const isolated = nodeOf(t, 'network', 'isolated');
  const edit = (xml: string, mac: string, change: (element: string) => string): string =>
    xml.replace(new RegExp(`<interface[^>]*>\\s*<mac address='${mac}'/>[\\s\\S]*?</interface>\\n?`), change);
  // a NIC detached: gone from the VM and its vnet1 with it
  const vnet1 = nodeOf(t, 'tap', 'vnet1');
  t.nodes = t.nodes.filter((n) => n !== vnet1);
  t.links = t.links.filter((l) => l !== nicOf(t, DETACHED) && l.source !== vnet1.id);
  vm.xml = edit(vm.xml!, DETACHED, () => '');
  // a NIC moved to the isolated network
  const moved = nicOf(t, MOVED);
  Object.assign(moved, { target: isolated.id, id: linkId('nic', vm.id, isolated.id, MOVED) });
  const vnet0 = nodeOf(t, 'tap', 'vnet0');
  vnet0.managedBy = 'isolated';
  const vnet0Port = t.links.find((l) => l.kind === 'port' && l.source === vnet0.id)!;
  Object.assign(vnet0Port, { target: nodeOf(t, 'bridge', 'virbr1').id, id: linkId('port', vnet0.id, nodeOf(t, 'bridge', 'virbr1').id) });
  vm.xml = edit(vm.xml, MOVED, (e) => e.replace(/<source network='default'[^>]*\/>/, "<source network='isolated' bridge='virbr1'/>"));
  // a NIC's link set down
  nicOf(t, LINK_DOWN).linkState = 'down';
  vm.xml = edit(vm.xml, LINK_DOWN, (e) => e.replace('</interface>', "  <link state='down'/>\n    </interface>"));
  // the hand-made bridge tester is not there (its TAP vm-vnic is then on no bridge)
  const tester = nodeOf(t, 'bridge', 'tester');
  t.nodes = t.nodes.filter((n) => n !== tester);
  t.links = t.links.filter((l) => l.target !== tester.id);
  // default hands out a narrower DHCP range
  const defaultNet = nodeOf(t, 'network', 'default');
  defaultNet.ips = [{ ...defaultNet.ips[0]!, dhcpRanges: [{ start: '192.168.122.100', end: '192.168.122.200' }] }];
  defaultNet.xml = defaultNet.xml!.replace("<range start='192.168.122.2' end='192.168.122.254'/>", "<range start='192.168.122.100' end='192.168.122.200'/>");
  // an extra isolated network, backup-net, on its own libvirt bridge
  const uuid = randomUUID();
  const extra: NetworkNode = {
    id: `${BACKUP.hostId}/network/${uuid}`, host: BACKUP.hostId, kind: 'network', name: 'backup-net', state: 'active', uuid,
    forward: 'isolated', bridge: 'virbr9', ips: [], active: true, autostart: true, persistent: true,
    xml: `<network>\n  <name>backup-net</name>\n  <uuid>${uuid}</uuid>\n  <bridge name='virbr9' stp='on' delay='0'/>\n</network>\n`,
  };
  const virbr9: TopologyNode = { id: `${BACKUP.hostId}/bridge/virbr9`, host: BACKUP.hostId, kind: 'bridge', name: 'virbr9', state: 'up', mac: '52:54:00:99:00:01', mtu: 1500, up: true, managedBy: 'backup-net', bridgeType: 'linux', persistence: 'libvirt' };
  t.nodes.push(extra, virbr9);
  t.links.push({ id: linkId('uses', extra.id, virbr9.id), kind: 'uses', source: extra.id, target: virbr9.id });
  return t;
})();

export function liveHost(profileId: string, label: string, t: Topology): LiveHost {
  return { profileId, host: { ...t.hosts[0]!, label }, nodes: t.nodes, links: t.links, banners: [], refreshedAt: new Date().toISOString() };
}

type Change = 'added' | 'removed' | 'changed';
type Catalogue = Readonly<Record<MessageKey, string>>;

/** A catalogue message with its arguments filled in (the messages used here have no plurals). */
export const fill = (c: Catalogue, key: MessageKey, values: Record<string, string | number> = {}): string =>
  c[key].replace(/\{(\w+)(?:, number)?\}/g, (_, name: string) => String(values[name]));

export interface Expected {
  change: Change;
  /** the row's words in a language */
  words: (c: Catalogue) => string;
  /** what lab's graph marks for it: a node id, or a NIC's link id; none for what lab lacks */
  marks: string | null;
}

/**
 * What lab has that backup (the side compared with, as "the file") does not, or has otherwise:
 * read from the edits above. "added": on lab only; "removed": on backup only.
 */
export const EXPECTED: Expected[] = (() => {
  const what = (c: Catalogue, kind: 'network' | 'bridge' | 'tap', name: string) => fill(c, `checks.diff.what.${kind}`, { name });
  const nic = (c: Catalogue, mac: string) => fill(c, 'checks.diff.what.nic', { mac, name: 'centos7' });
  const change = (c: Catalogue, whatText: string, field: MessageKey, before: string, after: string) =>
    fill(c, 'checks.diff.changed', { what: whatText, changes: fill(c, 'checks.diff.change', { field: c[field], before, after }) });
  const shown = (c: Catalogue, field: MessageKey, value: string) => fill(c, 'checks.diff.fieldValue', { field: c[field], value });
  const place = (c: Catalogue, network: string) => fill(c, 'checks.diff.place.network', { name: network });
  return [
    {
      change: 'removed',
      words: (c) =>
        fill(c, 'checks.diff.removedHostWith', {
          what: what(c, 'network', 'backup-net'),
          summary: fill(c, 'checks.diff.list', { head: shown(c, 'checks.diff.field.forward', c['checks.diff.isolated']), tail: shown(c, 'checks.diff.field.bridge', 'virbr9') }),
        }),
      marks: null,
    },
    {
      change: 'changed',
      words: (c) => change(c, what(c, 'network', 'default'), 'checks.diff.field.ipv4DhcpRange', '192.168.122.100-192.168.122.200', '192.168.122.2-192.168.122.254'),
      marks: nodeOf(lab, 'network', 'default').id,
    },
    {
      change: 'added',
      words: (c) => fill(c, 'checks.diff.addedHostWith', { what: what(c, 'bridge', 'tester'), summary: shown(c, 'checks.diff.field.type', 'linux') }),
      marks: nodeOf(lab, 'bridge', 'tester').id,
    },
    {
      change: 'changed',
      words: (c) => change(c, what(c, 'tap', 'vm-vnic'), 'checks.diff.field.bridge', c['checks.diff.none'], 'tester'),
      marks: nodeOf(lab, 'tap', 'vm-vnic').id,
    },
    {
      change: 'added',
      words: (c) => fill(c, 'checks.diff.addedHostWith', { what: nic(c, DETACHED), summary: shown(c, 'checks.diff.field.source', place(c, 'isolated')) }),
      marks: nicOf(lab, DETACHED).id,
    },
    {
      change: 'changed',
      words: (c) => change(c, nic(c, MOVED), 'checks.diff.field.source', place(c, 'isolated'), place(c, 'default')),
      marks: nicOf(lab, MOVED).id,
    },
    {
      change: 'changed',
      words: (c) => change(c, nic(c, LINK_DOWN), 'checks.diff.field.link', c['checks.diff.down'], c['checks.diff.up']),
      marks: nicOf(lab, LINK_DOWN).id,
    },
  ];
})();

const SIGN: Record<Change, string> = { removed: '−', added: '+', changed: '~' };
const SIGN_WORDS: Record<Change, MessageKey> = { removed: 'compare.onlyOnOther', added: 'compare.onlyOnHost', changed: 'compare.changed' };
export const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

interface Row {
  change: string | null;
  sign: string;
  signWords: string | null;
  words: string;
  disabled: boolean;
}

/** The panel's list as a user reads it. */
export const rowsOf = (page: Page): Promise<Row[]> =>
  page
    .getByTestId('compare-items')
    .locator('button')
    .evaluateAll((buttons) =>
      buttons.map((b) => {
        const [sign, words] = [...b.querySelectorAll('span')];
        return {
          change: b.getAttribute('data-change'),
          sign: sign?.textContent ?? '',
          signWords: sign?.getAttribute('aria-label') ?? null,
          words: words?.textContent ?? '',
          disabled: (b as HTMLButtonElement).disabled,
        };
      }),
    )
    .then((rows) => rows.map((r) => ({ ...r, sign: squash(r.sign), words: squash(r.words) })));

export const expectedRows = (locale: Locale): Row[] =>
  EXPECTED.map((e) => ({
    change: e.change,
    sign: SIGN[e.change],
    signWords: CATALOGUES[locale][SIGN_WORDS[e.change]],
    words: squash(e.words(CATALOGUES[locale])),
    disabled: e.marks === null,
  }));

export const count = (change: Change): number => EXPECTED.filter((e) => e.change === change).length;

export const byWords = (a: Row, b: Row) => (a.words < b.words ? -1 : a.words > b.words ? 1 : 0);
