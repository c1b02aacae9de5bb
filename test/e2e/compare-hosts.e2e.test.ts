// "Compare with…" another connected host (issue 12), in real Chromium against the stand-in
// backend (hosts-fake.ts): two hosts made from the demo under different host ids and UUIDs,
// "backup" differing from "lab" in known ways. The panel lists exactly those differences (worked
// out here from the edits, in the catalogue's words, not by the app's diff), the graph marks
// them on lab and nothing else, a row selects its object, networks and VMs are matched by name,
// "Make the host match" asks the backend for the plan and shows it, and the list (and why a file
// cannot be opened) speaks Traditional Chinese on a zh-TW page. The file case runs on the lab
// (compare.lab.test.ts).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesiredPreview } from '../../shared/api/index.ts';
import { diffTopologies } from '../../shared/diff/index.ts';
import { CATALOGUES, type Locale } from '../../shared/i18n/index.ts';
import { planDesired } from '../../shared/plan/desired.ts';
import { emptyTopology, type NetworkNode, type Topology, type VmNode } from '../../shared/topology/model.ts';
import { launchChromium, startWebServer, type WebServer } from './harness.ts';
import { calls, emit, installFakeBackend, setResult } from './hosts-fake.ts';
import { BACKUP, backup, backupUuids, byWords, count, DETACHED, EXPECTED, type Expected, expectedRows, fill, LAB, lab, LINK_DOWN, liveHost, MOVED, nicOf, nodeOf, PROFILES, RESULTS, rowsOf, squash } from './compare-hosts-support.ts';

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
