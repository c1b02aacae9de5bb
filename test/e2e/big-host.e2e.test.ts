// A big host in real Chromium (`virtwire web --open` a generated 1,000-VM file): semantic zoom
// collapses each busy network's VMs into an aggregate when zoomed out and expands them when
// zoomed in or clicked; the minimap shows, toggles with M, and dragging in it pans the graph.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeAggregates } from '../../renderer/graph/aggregate.ts';
import { graphElements } from '../../renderer/graph/elements.ts';
import { NODE_KINDS } from '../../shared/topology/model.ts';
import { outlineGroups } from '../../renderer/outline/items.ts';
import { serializeTopology } from '../../shared/topology/file.ts';
import { autoLayout } from '../../shared/topology/layout.ts';
import { buildView } from '../../shared/topology/views.ts';
import { manyVmsTopology } from '../support/many-vms.ts';
import { launchChromium, ROOT, startWebServer, type WebServer } from './harness.ts';

const RESULTS = join(ROOT, 'test-results');
const VMS = 1000;
const topology = manyVmsTopology(VMS);
const byId = new Map(topology.nodes.map((n) => [n.id, n] as const));

let dir: string;
let server: WebServer;
let browser: Browser;
let page: Page;
const pageProblems: string[] = [];

/** What the page draws: each aggregate and VM, whether it is shown, where and with what label. */
interface Drawn {
  zoom: number;
  pan: { x: number; y: number };
  aggregates: { id: string; hub: string; label: string; shown: boolean; highlighted: boolean; at: { x: number; y: number }; radius: number }[];
  vms: { id: string; shown: boolean; x: number; y: number; selected: boolean }[];
}

function drawn(): Promise<Drawn> {
  return page.evaluate(() => {
    type El = {
      id(): string;
      data(k: string): unknown;
      visible(): boolean;
      selected(): boolean;
      style(k: string): string;
      position(): { x: number; y: number };
      renderedPosition(): { x: number; y: number };
      renderedWidth(): number;
    };
    type Cy = { zoom(): number; pan(): { x: number; y: number }; nodes(s: string): { map<T>(f: (n: El) => T): T[] } };
    const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: Cy } })._cyreg.cy;
    return {
      zoom: cy.zoom(),
      pan: cy.pan(),
      aggregates: cy.nodes('[kind = "aggregate"]').map((n) => ({
        id: n.id(),
        hub: String(n.data('hub')),
        // the label cytoscape draws
        label: n.style('label'),
        shown: n.visible(),
        highlighted: Number(n.style('underlay-opacity')) > 0,
        at: n.renderedPosition(),
        radius: n.renderedWidth() / 2,
      })),
      vms: cy.nodes('[kind = "vm"]').map((n) => ({ id: n.id(), shown: n.visible(), selected: n.selected(), ...n.position() })),
    };
  });
}

async function graphBox(): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.getByTestId('graph').boundingBox();
  if (!box) throw new Error('the graph has no box');
  return box;
}

const zoomLevel = (): Promise<number> =>
  page.evaluate(() => (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: { zoom(): number } } })._cyreg.cy.zoom());

/** Turns the mouse wheel over the graph's middle until the zoom passes `level` (up or down). */
async function wheelTo(level: number): Promise<void> {
  const box = await graphBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const up = (await zoomLevel()) < level;
  for (let i = 0; i < 300; i++) {
    await page.mouse.wheel(0, up ? -100 : 100);
    const zoom = await zoomLevel();
    if (up ? zoom >= level : zoom <= level) return;
  }
  throw new Error(`the wheel did not reach zoom ${level}`);
}

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'virtwire-big-'));
  const file = join(dir, 'big.json');
  writeFileSync(file, serializeTopology(topology, '2026-12-01T08:00:00.000Z'));
  server = await startWebServer(['--open', file]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  page.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(message.text());
  });
  page.on('pageerror', (error) => pageProblems.push(`uncaught: ${error.message}`));
  await page.goto(server.url);
  await page.waitForFunction(
    (vms) => {
      type Cy = { nodes(s: string): { length: number } };
      const cy = (document.querySelector('[data-testid="graph"]') as (HTMLElement & { _cyreg?: { cy: Cy } }) | null)?._cyreg?.cy;
      return (cy?.nodes('[kind = "vm"]').length ?? 0) === vms;
    },
    VMS,
    { timeout: 60_000 },
  );
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('semantic zoom on a 1,000-VM file', () => {
  let laidOut: Map<string, { x: number; y: number }>;

  it('opens fitted and zoomed out, with each busy network’s VMs drawn as one aggregate that counts them', async () => {
    await expect.poll(async () => (await drawn()).aggregates.filter((a) => a.shown).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const now = await drawn();
    expect(now.zoom).toBeLessThan(0.3);
    laidOut = new Map(now.vms.map((vm) => [vm.id, { x: vm.x, y: vm.y }]));

    // every aggregate the page shows, and no other, is what the file's drawing gives
    const elements = graphElements(buildView(topology, 'logical'), autoLayout(topology));
    const expected = computeAggregates(
      elements.filter((e) => e.group === 'nodes' && e.data.kind !== 'host').map((e) => ({ id: e.data.id!, kind: String(e.data.kind), label: String(e.data.label), state: String(e.data.state), position: e.position! })),
      elements.filter((e) => e.group === 'edges').map((e) => ({ id: e.data.id!, kind: String(e.data.kind), source: String(e.data.source), target: String(e.data.target) })),
    );
    expect(now.aggregates.map((a) => a.label).sort()).toEqual(expected.map((a) => a.label).sort());
    expect(now.aggregates.every((a) => a.shown)).toBe(true);
    // each host's name is still drawn, 13 px on screen (at 13 graph units it was below what is drawn)
    const hostLabels = () =>
      page.evaluate(() => {
        type Host = { data(k: string): unknown; pstyle(k: string): { pfValue: number } };
        const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: { zoom(): number; nodes(s: string): { map<T>(f: (n: Host) => T): T[] } } } })._cyreg.cy;
        return cy.nodes('.host').map((n) => `${String(n.data('label'))} ${Math.round(n.pstyle('font-size').pfValue * cy.zoom())}px`);
      });
    await expect.poll(hostLabels).toEqual(['alpha 13px', 'beta 13px']);

    // what the labels say adds up to what is hidden: each hidden VM counted once, its state from the file
    const hidden = now.vms.filter((vm) => !vm.shown);
    const said = now.aggregates.map((a) => /^(.+) · (\d+) VMs, (\d+) running$/.exec(a.label)!);
    expect(said.every((m) => m !== null)).toBe(true);
    expect(said.reduce((n, m) => n + Number(m[2]), 0)).toBe(hidden.length);
    expect(said.reduce((n, m) => n + Number(m[3]), 0)).toBe(hidden.filter((vm) => byId.get(vm.id)!.state === 'running').length);
    for (const [a, m] of now.aggregates.map((a, i) => [a, said[i]!] as const)) {
      const hub = byId.get(a.hub)!;
      expect(m[1]).toBe(hub.name);
      // each network has 50 VMs in this file; its aggregate holds those drawn around it, 30 or more
      expect(Number(m[2])).toBeGreaterThanOrEqual(30);
      expect(Number(m[2])).toBeLessThanOrEqual(60);
    }
    // most VMs are gathered; the hubs with fewer than 30 around them keep theirs
    expect(hidden.length).toBeGreaterThan(800);
    expect(hidden.length).toBeLessThan(VMS);
    await page.screenshot({ path: join(RESULTS, 'big-host-aggregates.png') });
  });

  it('expands every aggregate when zoomed in past the threshold, with each VM where it was laid out', async () => {
    await wheelTo(0.45);
    await expect.poll(async () => (await drawn()).vms.every((vm) => vm.shown), { timeout: 5_000 }).toBe(true);
    const now = await drawn();
    expect(now.aggregates.some((a) => a.shown)).toBe(false);
    for (const vm of now.vms) expect({ x: vm.x, y: vm.y }).toEqual(laidOut.get(vm.id));
  });

  it('does not flicker between the thresholds, and collapses again when zoomed out', async () => {
    // back down to between the two thresholds: still expanded
    await wheelTo(0.36);
    const between = await drawn();
    expect(between.zoom).toBeGreaterThan(0.3);
    expect(between.zoom).toBeLessThan(0.42);
    await page.waitForTimeout(400);
    expect((await drawn()).aggregates.some((a) => a.shown)).toBe(false);
    await wheelTo(0.2);
    await expect.poll(async () => (await drawn()).aggregates.filter((a) => a.shown).length, { timeout: 5_000 }).toBeGreaterThan(0);
  });

  it('expands an aggregate that is clicked and zooms to its VMs', async () => {
    await page.keyboard.press('f');
    await expect.poll(async () => (await drawn()).aggregates.every((a) => a.shown), { timeout: 5_000 }).toBe(true);
    const before = await drawn();
    const target = before.aggregates.find((a) => /^net7 /.test(a.label))!;
    const box = await graphBox();
    // on the disc, left of the hub in its middle
    await page.mouse.click(box.x + target.at.x - target.radius * 0.6, box.y + target.at.y);
    await expect.poll(async () => (await drawn()).aggregates.find((a) => a.id === target.id)!.shown, { timeout: 5_000 }).toBe(false);
    await page.waitForTimeout(500);
    const after = await drawn();
    expect(after.zoom).toBeGreaterThan(before.zoom * 2);
    // its VMs are shown and on the screen
    const members = await page.evaluate((hub) => {
      type N = { id(): string; visible(): boolean; renderedPosition(): { x: number; y: number } };
      type Cy = { nodes(s: string): { filter(f: (n: N) => boolean): { map<T>(f: (n: N) => T): T[] } }; getElementById(id: string): { neighborhood(s: string): { map<T>(f: (n: N) => T): T[] } } };
      const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: Cy } })._cyreg.cy;
      return cy.getElementById(hub).neighborhood('node[kind = "vm"]').map((n) => ({ shown: n.visible(), ...n.renderedPosition() }));
    }, target.hub);
    expect(members.length).toBeGreaterThanOrEqual(30);
    expect(members.every((m) => m.shown)).toBe(true);
    const onScreen = members.filter((m) => m.x >= 0 && m.y >= 0 && m.x <= box.width && m.y <= box.height);
    expect(onScreen.length).toBeGreaterThan(members.length * 0.8);
  });

  it('highlights the aggregate holding a search match, and shows the match once it is selected', async () => {
    await page.keyboard.press('f');
    await expect.poll(async () => (await drawn()).aggregates.every((a) => a.shown), { timeout: 5_000 }).toBe(true);
    const target = (await drawn()).vms.find((vm) => byId.get(vm.id)!.name === 'vm432')!;
    expect(target.shown).toBe(false);
    await page.keyboard.press('/');
    await page.keyboard.type('vm432');
    await expect.poll(async () => (await drawn()).aggregates.filter((a) => a.highlighted).length).toBe(1);
    const holder = (await drawn()).aggregates.find((a) => a.highlighted)!;
    const hubOfTarget = topology.links.find((l) => l.kind === 'nic' && l.source === target.id)!.target;
    expect(holder.hub).toBe(hubOfTarget);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await drawn()).vms.find((vm) => vm.id === target.id)).toMatchObject({ shown: true, selected: true });
    expect((await drawn()).aggregates.find((a) => a.id === holder.id)!.shown).toBe(false);
    await page.getByTestId('outline-filter').fill('');
    await page.keyboard.press('Escape');
  });
});

describe('the outline of a big host', () => {
  const outline = () => page.getByTestId('outline');
  const list = () => outline().getByRole('listbox');
  const rows = () => list().locator('[role="option"]');
  /** the list's scroll, size and the rows in the page with their places */
  const listState = () =>
    list().evaluate((el) => ({
      scrollTop: el.scrollTop,
      scrollHeight: el.scrollHeight,
      clientHeight: el.clientHeight,
      top: el.getBoundingClientRect().top,
      bottom: el.getBoundingClientRect().bottom,
      active: el.getAttribute('aria-activedescendant'),
    }));
  const rowAt = async (name: string) => {
    const row = rows().filter({ has: page.locator('.name', { hasText: new RegExp(`^${name}$`) }) });
    if ((await row.count()) === 0) return { id: null, selected: null, box: null };
    const box = await row.boundingBox();
    return { id: await row.getAttribute('id'), selected: await row.getAttribute('aria-selected'), box };
  };
  const objects = topology.nodes.length;
  /** the count over the list with nothing filtered out, as the user reads it: “1,959 of 1,959” */
  const allShown = `${objects.toLocaleString('en')} of ${objects.toLocaleString('en')}`;
  const sorted = outlineGroups(topology, { text: '', kinds: new Set(NODE_KINDS) });

  it('lists every object but puts only the rows in sight in the page', async () => {
    await page.getByTestId('outline-filter').fill('');
    await page.keyboard.press('Escape');
    await expect.poll(() => outline().locator('.count').textContent()).toBe(allShown);
    const vms = topology.nodes.filter((n) => n.kind === 'vm').length;
    expect(await outline().locator('.chip[data-kind="vm"] .n').textContent()).toBe(vms.toLocaleString('en'));
    const state = await listState();
    const inPage = await rows().count();
    expect(inPage).toBeGreaterThan(10);
    expect(inPage).toBeLessThan(100);
    // the scrollbar is as long as all the rows (titles included) would be
    expect(state.scrollHeight).toBeGreaterThanOrEqual((objects + sorted.length) * 28);
    expect(await rows().first().getAttribute('aria-setsize')).toBe(String(objects));
  });

  it('tells two hosts’ objects of one name apart, and finds objects by host', async () => {
    const shown = () => rows().evaluateAll((options) => options.map((o) => `${o.querySelector('.name')?.textContent} · ${o.querySelector('.host')?.textContent}`));
    // (the words are found in the name, state, kind and host: vnet2… TAPs hold “net2” too)
    await page.getByTestId('outline-filter').fill('net2 network');
    await expect.poll(shown).toEqual(['net2 · alpha', 'net2 · beta']);
    expect(await rows().last().locator('.host').getAttribute('title')).toBe('On host beta');
    await page.getByTestId('outline-filter').fill('beta net2 network');
    await expect.poll(shown).toEqual(['net2 · beta']);
    await page.getByTestId('outline-filter').fill('');
    await page.getByTestId('outline-filter').blur();
    await expect.poll(() => outline().locator('.count').textContent()).toBe(allShown);
  });

  it('scrolls to the last object in natural order', async () => {
    await list().evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const last = sorted.at(-1)!.items.at(-1)!;
    await expect.poll(async () => (await rows().last().locator('.name').textContent()) ?? '').toBe(last.name);
    expect(await rows().last().getAttribute('aria-posinset')).toBe(String(objects));
    // the rows before it in the page are the ones before it in order
    const names = await rows().locator('.name').allTextContents();
    const items = sorted.flatMap((g) => g.items.map((i) => i.name));
    expect(names).toEqual(items.slice(items.length - names.length));
    await list().evaluate((el) => el.scrollTo({ top: 0 }));
  });

  it('brings the row of what is selected elsewhere into view, and steps from it with the keyboard', async () => {
    // selected from the canvas search, far down the list; the search cleared, the row is shown
    await page.keyboard.press('/');
    await page.keyboard.type('vm765');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await drawn()).vms.filter((vm) => vm.selected).map((vm) => byId.get(vm.id)!.name)).toEqual(['vm765']);
    await page.getByTestId('outline-filter').fill('');
    await expect.poll(() => outline().locator('.count').textContent()).toBe(allShown);
    await expect.poll(async () => (await rowAt('vm765')).selected).toBe('true');
    const row = await rowAt('vm765');
    const state = await listState();
    expect(state.scrollTop).toBeGreaterThan(700 * 28);
    expect(row.box!.y).toBeGreaterThanOrEqual(state.top - 1);
    expect(row.box!.y + row.box!.height).toBeLessThanOrEqual(state.bottom + 1);
    expect(state.active).toBe(row.id);
    // the next in natural order, from the list's keyboard
    await list().focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await drawn()).vms.filter((vm) => vm.selected).map((vm) => byId.get(vm.id)!.name)).toEqual(['vm766']);
    await expect.poll(async () => (await rowAt('vm766')).selected).toBe('true');
    expect((await rowAt('vm765')).selected).toBe('false');
    await page.screenshot({ path: join(RESULTS, 'big-host-outline.png') });
    await page.keyboard.press('Escape');
  });
});

describe('the details of a busy object', () => {
  it('lists the first 50 of a network’s links, and all of them when asked, until another object is chosen', async () => {
    const linksOf = (id: string) => topology.links.filter((l) => l.source === id || l.target === id).length;
    const networks = topology.nodes.filter((n) => n.kind === 'network').sort((a, b) => linksOf(b.id) - linksOf(a.id));
    const busy = networks[0]!;
    const count = linksOf(busy.id);
    expect(count).toBeGreaterThan(50);
    const host = topology.hosts.find((h) => h.id === busy.host)!.label;
    const choose = async (words: string) => {
      await page.getByTestId('outline-filter').fill(words);
      await page.getByTestId('outline').getByRole('option').first().click();
    };
    const links = page.getByTestId('details').getByTestId('links');
    await choose(`${busy.name} network ${host}`);
    await expect.poll(() => page.getByTestId('details').locator('h2').textContent()).toBe(busy.name);
    expect(await links.locator('h3 .count').textContent()).toBe(String(count));
    expect(await links.locator('dd').count()).toBe(50);
    await links.getByTestId('show-all').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS, 'big-host-details.png') });
    await links.getByRole('button', { name: `Show all ${count} links` }).click();
    await expect.poll(() => links.locator('dd').count()).toBe(count);
    expect(await links.getByTestId('show-all').count()).toBe(0);
    // scrolled down to the last link, then another object: it starts short again, from its top
    await links.locator('dd').last().scrollIntoViewIfNeeded();
    expect(await page.getByTestId('details').evaluate((panel) => panel.scrollTop)).toBeGreaterThan(0);
    const other = networks[1]!;
    await choose(`${other.name} network ${topology.hosts.find((h) => h.id === other.host)!.label}`);
    await expect.poll(() => page.getByTestId('details').locator('h2').textContent()).toBe(other.name);
    await expect.poll(() => page.getByTestId('details').evaluate((panel) => panel.scrollTop)).toBe(0);
    expect(linksOf(other.id)).toBeGreaterThan(50);
    expect(await links.locator('dd').count()).toBe(50);
    await page.getByTestId('outline-filter').fill('');
    await page.getByTestId('outline-filter').blur();
  });
});

describe('the minimap', () => {
  const minimap = () => page.getByTestId('minimap');

  it('shows with M and with the toolbar button, and hides again', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    expect(await minimap().count()).toBe(0);
    await page.keyboard.press('m');
    await expect.poll(() => minimap().count()).toBe(1);
    expect(await page.getByTestId('minimap-toggle').getAttribute('aria-pressed')).toBe('true');
    // the thumbnail is drawn
    await expect.poll(() => minimap().locator('img').getAttribute('src'), { timeout: 5_000 }).toMatch(/^data:image\/png;base64,/);
    await page.keyboard.press('m');
    await expect.poll(() => minimap().count()).toBe(0);
    await page.getByTestId('minimap-toggle').click();
    await expect.poll(() => minimap().count()).toBe(1);
    await page.keyboard.press('?');
    await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).textContent()).toContain('Show or hide the minimap');
    await page.keyboard.press('Escape');
  });

  it('pans the graph when its view rectangle is dragged', async () => {
    // zoomed in (with the toolbar's button), the rectangle is a small part of the minimap
    while ((await zoomLevel()) < 0.6) await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.waitForTimeout(300);
    const view = minimap().locator('.cytoscape-navigatorView');
    const rect = await view.boundingBox();
    const panel = await minimap().boundingBox();
    expect(rect && panel).toBeTruthy();
    expect(rect!.width).toBeLessThan(panel!.width);
    const before = (await drawn()).pan;
    const from = { x: rect!.x + rect!.width / 2, y: rect!.y + rect!.height / 2 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 30, from.y + 12, { steps: 6 });
    await page.mouse.up();
    const after = (await drawn()).pan;
    // the rectangle went right and down: the graph moves left and up under the view
    expect(after.x).toBeLessThan(before.x - 100);
    expect(after.y).toBeLessThan(before.y - 30);
    const moved = await view.boundingBox();
    expect(moved!.x).toBeCloseTo(rect!.x + 30, -1);
    await page.screenshot({ path: join(RESULTS, 'big-host-minimap.png') });
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.keyboard.press('f');
    await page.waitForTimeout(1_500);
    await page.screenshot({ path: join(RESULTS, 'big-host-minimap-dark.png') });
  });

  it('ran all of the above without a console error, an uncaught exception or a Content-Security-Policy violation', () => {
    expect(pageProblems).toEqual([]);
  });
});
