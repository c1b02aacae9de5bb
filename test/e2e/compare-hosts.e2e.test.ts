// "Compare with…" another connected host (issue 12), in real Chromium against the stand-in
// backend (hosts-fake.ts): two hosts made from the demo under different host ids and UUIDs,
// "backup" differing from "lab" in known ways. The panel lists exactly those differences (worked
// out here from the edits, in the catalogue's words, not by the app's diff), the graph marks
// them on lab and nothing else, a row selects its object, networks and VMs are matched by name,
// "Make the host match" asks the backend for the plan and shows it, and the list (and why a file
// cannot be opened) speaks Traditional Chinese on a zh-TW page. The file case runs on the lab
// (compare.lab.test.ts).
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesiredPreview, HostProfile, LiveHost } from '../../shared/api/index.ts';
import { diffTopologies } from '../../shared/diff/index.ts';
import { CATALOGUES, type Locale, type MessageKey } from '../../shared/i18n/index.ts';
import { planDesired } from '../../shared/plan/desired.ts';
import { demoTopology } from '../../shared/topology/demo.ts';
import { linkId } from '../../shared/topology/ids.ts';
import { emptyTopology, type NetworkNode, type NicLink, type Topology, type TopologyNode, type VmNode } from '../../shared/topology/model.ts';
import { launchChromium, ROOT, startWebServer, type WebServer } from './harness.ts';
import { calls, emit, installFakeBackend, setResult } from './hosts-fake.ts';

const RESULTS = join(ROOT, 'test-results');
const base = { uri: 'qemu:///system', useSudo: false, knownHostsPolicy: 'ask', rememberSecrets: false } as const;
const LAB = { profileId: 'p-lab', hostId: 'root@lab:2222', label: 'lab' } as const;
const BACKUP = { profileId: 'p-backup', hostId: 'admin@backup', label: 'backup' } as const;
const PROFILES: HostProfile[] = [
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

const nodeOf = <K extends TopologyNode['kind']>(t: Topology, kind: K, name: string): Extract<TopologyNode, { kind: K }> => {
  const found = t.nodes.find((n) => n.kind === kind && n.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found as Extract<TopologyNode, { kind: K }>;
};
const nicOf = (t: Topology, mac: string): NicLink => t.links.find((l): l is NicLink => l.kind === 'nic' && l.mac === mac)!;

const MOVED = '52:54:00:7e:f8:5c'; // default → isolated on backup
const DETACHED = '52:54:00:07:b8:72'; // on isolated on lab, not on backup
const LINK_DOWN = '52:54:00:5e:11:03'; // the user-mode NIC: link down on backup

const lab = demoAs(LAB.hostId, (u) => u);
const backupUuids = new Map<string, string>();
/** backup: the same host by names, other UUIDs, and the differences the test expects to see. */
const backup = ((): Topology => {
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

function liveHost(profileId: string, label: string, t: Topology): LiveHost {
  return { profileId, host: { ...t.hosts[0]!, label }, nodes: t.nodes, links: t.links, banners: [], refreshedAt: new Date().toISOString() };
}

type Change = 'added' | 'removed' | 'changed';
type Catalogue = Readonly<Record<MessageKey, string>>;

/** A catalogue message with its arguments filled in (the messages used here have no plurals). */
const fill = (c: Catalogue, key: MessageKey, values: Record<string, string | number> = {}): string =>
  c[key].replace(/\{(\w+)(?:, number)?\}/g, (_, name: string) => String(values[name]));

interface Expected {
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
const EXPECTED: Expected[] = (() => {
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
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

interface Row {
  change: string | null;
  sign: string;
  signWords: string | null;
  words: string;
  disabled: boolean;
}

/** The panel's list as a user reads it. */
const rowsOf = (page: Page): Promise<Row[]> =>
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

const expectedRows = (locale: Locale): Row[] =>
  EXPECTED.map((e) => ({
    change: e.change,
    sign: SIGN[e.change],
    signWords: CATALOGUES[locale][SIGN_WORDS[e.change]],
    words: squash(e.words(CATALOGUES[locale])),
    disabled: e.marks === null,
  }));

const count = (change: Change): number => EXPECTED.filter((e) => e.change === change).length;

const byWords = (a: Row, b: Row) => (a.words < b.words ? -1 : a.words > b.words ? 1 : 0);

type Cy = {
  elements(): { map<T>(f: (e: CyElement) => T): T[] };
  $(selector: string): { map<T>(f: (e: CyElement) => T): T[] };
  getElementById(id: string): CyElement;
  edges(): { filter(f: (e: CyElement) => boolean): { map<T>(f: (e: CyElement) => T): T[] } };
};
type CyElement = { id(): string; isEdge(): boolean; data(key: string): string | undefined; classes(): string[]; style(name: string): string };

/** Every element the compare overlay marks, by node id or (for a drawn link) the topology link id. */
const overlayMarks = (page: Page): Promise<Record<string, string[]>> =>
  page.evaluate(() => {
    const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: Cy } })._cyreg.cy;
    const out: Record<string, string[]> = {};
    for (const [key, marks] of cy.elements().map((e) => [e.isEdge() ? (e.data('link') ?? e.id()) : e.id(), e.classes().filter((c) => c.startsWith('diff-'))] as const)) {
      if (marks.length) out[key] = [...new Set([...(out[key] ?? []), ...marks])];
    }
    return out;
  });

interface Look {
  colour: string;
  width: number;
  /** the opacity of the halo drawn under a node (0: none; edges have none) */
  underlay: number;
}

/** How the graph draws an element (a node by id, else the edges of a topology link): border or line colour and width, halo. */
const looksOf = (page: Page, id: string): Promise<Look[]> =>
  page.evaluate((key) => {
    const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: Cy } })._cyreg.cy;
    const node = cy.getElementById(key) as CyElement & { length: number };
    const drawn = node.length ? [node] : cy.edges().filter((e) => e.data('link') === key).map((e) => e);
    return drawn.map((e) =>
      e.isEdge()
        ? { colour: e.style('line-color').replaceAll(' ', ''), width: parseFloat(e.style('width')), underlay: 0 }
        : { colour: e.style('border-color').replaceAll(' ', ''), width: parseFloat(e.style('border-width')), underlay: Number(e.style('underlay-opacity')) },
    );
  }, id);

/** The colour of the list's sign for each kind of difference, as cytoscape writes colours. */
const signColours = (page: Page): Promise<Record<string, string>> =>
  page.getByTestId('compare-items').evaluate((list) => {
    const out: Record<string, string> = {};
    for (const b of list.querySelectorAll('button')) out[b.getAttribute('data-change')!] = getComputedStyle(b.querySelector('.sign')!).color.replaceAll(' ', '');
    return out;
  });

/** What cytoscape has selected: node ids, and the topology link ids of selected edges. */
const selected = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: Cy } })._cyreg.cy;
    return [...new Set(cy.$(':selected').map((e) => (e.isEdge() ? (e.data('link') ?? e.id()) : e.id())))];
  });

let server: WebServer;
let browser: Browser;
const problems: string[] = [];

/** A page with lab and backup connected, in `locale`; backup connects first, so Compare starts on it. */
async function openPage(locale: Locale | 'en-US'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1500, height: 920 }, colorScheme: 'light', locale });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${locale}: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`${locale}: uncaught: ${error.message}`));
  await installFakeBackend(page, {
    'app.getInfo': { name: 'VirtWire', version: '0.0.0', mode: 'browser', platform: 'linux' },
    'app.getInitialTopology': { topology: emptyTopology(), path: null, name: 'Untitled' },
    'files.recent': { files: [] },
    'hosts.list': { hosts: PROFILES },
    'live.list': { hosts: [] },
  });
  // The stand-in has no plan domain: the calls are recorded like the others', answered from its results.
  await page.addInitScript(() => {
    type Fake = { calls: { method: string; arg: unknown }[]; results: Record<string, unknown> };
    const w = window as unknown as { __fake: Fake; virtwire: Record<string, unknown> };
    w.virtwire.plan = new Proxy(
      {},
      {
        get: (_t, method: string) => async (arg: unknown) => {
          w.__fake.calls.push({ method: `plan.${method}`, arg });
          return { ok: true, value: w.__fake.results[`plan.${method}`] ?? null };
        },
      },
    );
  });
  await page.goto(server.url);
  await page.getByTestId('graph').waitFor();
  for (const [host, t] of [[BACKUP, backup], [LAB, lab]] as const) {
    await emit(page, 'hosts.onDidChangeState', { hostId: host.profileId, state: 'connected' });
    await emit(page, 'live.onDidChangeHost', { profileId: host.profileId, live: liveHost(host.profileId, host.label, t) });
  }
  await page.waitForFunction(
    (ids) => {
      const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg?: { cy: { getElementById(i: string): { length: number } } } })._cyreg?.cy;
      return ids.every((id) => (cy?.getElementById(`host:${id}`).length ?? 0) > 0);
    },
    [LAB.hostId, BACKUP.hostId],
  );
  return page;
}

/** Opens Compare from the top bar and picks lab as the host, compared with backup. */
async function compareLabWithBackup(page: Page): Promise<void> {
  await page.getByTestId('compare').click();
  const panel = page.getByTestId('compare-panel');
  await panel.waitFor();
  await panel.getByTestId('compare-host').selectOption(LAB.profileId);
  await panel.getByTestId('compare-source').selectOption(`host:${BACKUP.profileId}`);
}

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('Compare with another connected host', () => {
  let page: Page;

  beforeAll(async () => {
    page = await openPage('en-US');
  }, 60_000);

  it('compares the host picked with the other one picked, and says so', async () => {
    await compareLabWithBackup(page);
    const panel = page.getByTestId('compare-panel');
    await expect.poll(() => panel.getByTestId('compare-host').inputValue()).toBe(LAB.profileId);
    expect(await panel.getByTestId('compare-source').inputValue()).toBe(`host:${BACKUP.profileId}`);
    // the host compared is not offered as what it is compared with
    expect(await panel.getByTestId('compare-source').locator('option').evaluateAll((o) => o.map((e) => (e as HTMLOptionElement).value))).not.toContain(`host:${LAB.profileId}`);
    expect(squash((await panel.locator('h2').textContent()) ?? '')).toBe(`${CATALOGUES.en['compare.comparedWith']} ${fill(CATALOGUES.en, 'compare.hostName', { label: 'backup' })}`);
  });

  it('lists exactly the differences made on backup, each with its sign, and counts them', async () => {
    await expect.poll(async () => (await rowsOf(page)).sort(byWords)).toEqual(expectedRows('en').sort(byWords));
    const summary = page.getByTestId('compare-summary');
    const c = CATALOGUES.en;
    expect(await summary.locator('.removed').textContent()).toBe(fill(c, 'compare.onlyIn', { count: count('removed'), source: c['compare.theOtherHost'] }));
    expect(await summary.locator('.added').textContent()).toBe(fill(c, 'compare.onlyOnHostCount', { count: count('added') }));
    expect(await summary.locator('.changed').textContent()).toBe(fill(c, 'compare.changedCount', { count: count('changed') }));
  });

  it('matches networks and VMs by name across host ids and UUIDs, without a note that their UUIDs differ', async () => {
    // every network and VM of lab has another UUID on backup
    for (const kind of ['network', 'vm'] as const) {
      for (const n of lab.nodes.filter((x) => x.kind === kind)) {
        const other = backup.nodes.find((x) => x.kind === kind && x.name === n.name) as NetworkNode | VmNode;
        expect(other.uuid).not.toBe((n as NetworkNode | VmNode).uuid);
      }
    }
    // so the unchanged ones are in no row, and default only in the one for its DHCP range
    const words = (await rowsOf(page)).map((r) => r.words);
    const about = (what: string) => words.filter((w) => w.startsWith(`${what}:`));
    expect(about(fill(CATALOGUES.en, 'checks.diff.what.network', { name: 'isolated' }))).toEqual([]);
    expect(about(fill(CATALOGUES.en, 'checks.diff.what.vm', { name: 'centos7' }))).toEqual([]);
    expect(about(fill(CATALOGUES.en, 'checks.diff.what.network', { name: 'default' }))).toHaveLength(1);
    const panelText = (await page.getByTestId('compare-panel').textContent()) ?? '';
    for (const uuid of backupUuids.values()) expect(panelText).not.toContain(uuid);
    expect(await page.getByTestId('compare-panel').locator('p.note').count()).toBe(0);
  });

  it('marks the differing objects on lab’s graph in the list’s colours, and nothing else', async () => {
    const wanted = Object.fromEntries(EXPECTED.filter((e) => e.marks !== null).map((e) => [e.marks!, [`diff-${e.change}`]]));
    await expect.poll(() => overlayMarks(page)).toEqual(wanted);
    const colours = await signColours(page);
    const marked: Look[] = [];
    for (const e of EXPECTED.filter((x) => x.marks !== null)) {
      const looks = await looksOf(page, e.marks!);
      expect(looks.length, e.marks!).toBeGreaterThan(0);
      for (const look of looks) expect(look.colour, e.marks!).toBe(colours[e.change]);
      // a node also gets a halo of its mark's colour
      if (!e.marks!.startsWith('nic:')) for (const look of looks) expect(look.underlay, e.marks!).toBeGreaterThan(0);
      marked.push(...looks);
    }
    // unchanged objects are drawn without the overlay: no halo around a node, a link no wider than usual
    const unchanged = [
      nodeOf(lab, 'network', 'isolated').id,
      nodeOf(lab, 'vm', 'centos7').id,
      nodeOf(lab, 'bridge', 'virbr0').id,
      nodeOf(backup, 'network', 'default').id,
      nodeOf(backup, 'tap', 'vm-vnic').id,
    ];
    for (const id of unchanged) {
      for (const look of await looksOf(page, id)) expect(look.underlay, id).toBe(0);
    }
    for (const id of [nicOf(lab, '52:54:00:3c:aa:04').id, nicOf(backup, MOVED).id]) {
      const looks = await looksOf(page, id);
      expect(looks.length, id).toBeGreaterThan(0);
      for (const look of looks) expect(look.width, id).toBeLessThan(Math.min(...marked.filter((m) => m.underlay === 0).map((m) => m.width)));
    }
  });

  it('selects a row’s object on the graph and in the details panel; what lab lacks cannot be selected', async () => {
    const rows = page.getByTestId('compare-items').locator('button');
    const rowOf = (e: Expected) => rows.filter({ hasText: e.words(CATALOGUES.en) });
    const network = EXPECTED.find((e) => e.marks === nodeOf(lab, 'network', 'default').id)!;
    await rowOf(network).click();
    await expect.poll(() => selected(page)).toEqual([network.marks]);
    await expect.poll(() => page.getByTestId('details').locator('h2').textContent()).toBe('default');

    const moved = EXPECTED.find((e) => e.marks === nicOf(lab, MOVED).id)!;
    await rowOf(moved).click();
    await expect.poll(() => selected(page)).toEqual([moved.marks]);
    await expect.poll(() => page.getByTestId('details').locator('h2').textContent()).toBe('centos7 → default');

    const tap = EXPECTED.find((e) => e.marks === nodeOf(lab, 'tap', 'vm-vnic').id)!;
    await rowOf(tap).click();
    await expect.poll(() => selected(page)).toEqual([tap.marks]);
    await expect.poll(() => page.getByTestId('details').locator('h2').textContent()).toBe('vm-vnic');

    const missing = EXPECTED.find((e) => e.marks === null)!;
    expect(await rowOf(missing).isDisabled()).toBe(true);
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'virtwire-compare-hosts.png') });
  });

  it('asks the backend to plan lab into matching backup, and previews the plan it gets', async () => {
    // The stand-in backend plans as the real one does (electron/plan/service.ts previewDesired).
    const current: Topology = { hosts: [lab.hosts[0]!], nodes: lab.nodes, links: lab.links, layout: {} };
    const backupTopology: Topology = { hosts: [{ ...backup.hosts[0]!, label: BACKUP.label }], nodes: backup.nodes, links: backup.links, layout: {} };
    const ctx = { hostId: LAB.hostId, uri: 'qemu:///system', isRoot: true, useSudo: false, protectedInterfaces: [] };
    const desired = planDesired(diffTopologies(backupTopology, BACKUP.hostId, current, LAB.hostId), backupTopology, current, ctx, { prune: false });
    expect(desired.plan).not.toBeNull();
    const answer: DesiredPreview = {
      plan: { ...desired.plan!, planId: 'plan-match-backup', profileId: LAB.profileId, purpose: 'change', expiresAt: new Date(Date.now() + 600_000).toISOString() },
      leftAlone: desired.leftAlone,
      cannot: desired.cannot,
    };
    await page.evaluate((value) => {
      (window as unknown as { __fake: { results: Record<string, unknown> } }).__fake.results['plan.previewDesired'] = value;
    }, answer as unknown as Record<string, unknown>);

    await page.getByTestId('compare-apply').click();
    const dialog = page.getByTestId('plan-dialog');
    await expect.poll(() => dialog.locator('[data-stage]').getAttribute('data-stage')).toBe('preview');
    const [arg] = (await calls(page, 'plan.previewDesired')) as { profileId: string; fileHost: string; prune?: boolean; topology: Topology }[];
    expect(arg).toMatchObject({ profileId: LAB.profileId, fileHost: BACKUP.hostId, prune: false });
    expect(arg!.topology.hosts.map((h) => h.id)).toEqual([BACKUP.hostId]);
    expect(arg!.topology.nodes.map((n) => n.id).sort()).toEqual(backup.nodes.map((n) => n.id).sort());
    expect(arg!.topology.links.map((l) => l.id).sort()).toEqual(backup.links.map((l) => l.id).sort());

    expect(await dialog.locator('h2').first().textContent()).toBe(fill(CATALOGUES.en, 'compare.previewTitle', { name: fill(CATALOGUES.en, 'compare.hostName', { label: 'backup' }) }));
    const commands = await dialog.getByTestId('plan-command').allTextContents();
    expect(commands).toHaveLength(answer.plan!.steps.length);
    // backup-net defined on lab, default's DHCP range changed in place, the moved NIC moved back
    expect(commands.some((c) => c.includes('net-define'))).toBe(true);
    expect(commands.some((c) => c.includes('net-update') && c.includes('default') && c.includes('ip-dhcp-range'))).toBe(true);
    expect(commands.some((c) => c.includes('update-device') && c.includes('centos7'))).toBe(true);
    // what lab has and backup lacks stays, without "also remove"
    const notes = (await dialog.getByTestId('plan-notes').locator('li').allTextContents()).join('\n');
    expect(notes).toContain(fill(CATALOGUES.en, 'checks.diff.what.bridge', { name: 'tester' }));
    expect(notes).toContain(DETACHED);

    // closed without applying: the backend is told to forget the preview
    await dialog.getByRole('button', { name: CATALOGUES.en['common.close'] }).first().click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await calls(page, 'plan.cancel')).toEqual([{ planId: answer.plan!.planId }]);
    expect(await calls(page, 'plan.apply')).toEqual([]);
  });
});

describe('Compare with another connected host, in Traditional Chinese', () => {
  it('lists the same differences in the catalogue’s Chinese, names as they are', async () => {
    const page = await openPage('zh-TW');
    await compareLabWithBackup(page);
    await expect.poll(async () => (await rowsOf(page)).sort(byWords)).toEqual(expectedRows('zh-TW').sort(byWords));
    const words = (await rowsOf(page)).map((r) => r.words);
    for (const w of words) expect(w).toMatch(/[\u4e00-\u9fff]/);
    for (const name of ['backup-net', 'default', 'tester', 'vm-vnic', 'centos7', MOVED, DETACHED, LINK_DOWN]) expect(words.join('\n')).toContain(name);
    const c = CATALOGUES['zh-TW'];
    const summary = page.getByTestId('compare-summary');
    expect(await summary.locator('.removed').textContent()).toBe(fill(c, 'compare.onlyIn', { count: count('removed'), source: c['compare.theOtherHost'] }));
    expect(await summary.locator('.added').textContent()).toBe(fill(c, 'compare.onlyOnHostCount', { count: count('added') }));
    expect(await summary.locator('.changed').textContent()).toBe(fill(c, 'compare.changedCount', { count: count('changed') }));
    await page.screenshot({ path: join(RESULTS, 'virtwire-compare-hosts-zh-TW.png') });
    await page.context().close();
  });

  it('says why a file picked to compare with cannot be opened in Chinese too', async () => {
    const page = await openPage('zh-TW');
    await compareLabWithBackup(page);
    const says = { key: 'checks.file.notJson' } as const;
    await setResult(page, 'files.openText', { error: { code: 'invalid-input', message: CATALOGUES.en[says.key], says } });
    const panel = page.getByTestId('compare-panel');
    await panel.getByTestId('compare-source-file').setInputFiles({ name: 'broken.vwtopo', mimeType: 'application/json', buffer: Buffer.from('{') });
    await expect.poll(() => panel.getByRole('alert').textContent()).toBe(CATALOGUES['zh-TW'][says.key]);
    await page.context().close();
  });

  it('ran all of the above without a console error or an uncaught exception', () => {
    expect(problems).toEqual([]);
  });
});
