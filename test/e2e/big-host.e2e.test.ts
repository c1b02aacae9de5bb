// A big host in real Chromium (`virtwire web --open` a generated 1,000-VM file): semantic zoom
// collapses each busy network's VMs into an aggregate when zoomed out and expands them when
// zoomed in or clicked; the minimap shows, toggles with M, and dragging in it pans the graph.
// (Its outline and details: big-host-lists.e2e.test.ts.)
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeAggregates } from '../../renderer/graph/aggregate.ts';
import { graphElements } from '../../renderer/graph/elements.ts';
import { autoLayout } from '../../shared/topology/layout.ts';
import { buildView } from '../../shared/topology/views.ts';
import { manyVmsTopology } from '../support/many-vms.ts';
import { type BigHostPage, openBigHost, RESULTS } from './big-host-support.ts';

const VMS = 1000;
const topology = manyVmsTopology(VMS);
const byId = new Map(topology.nodes.map((n) => [n.id, n] as const));

let big: BigHostPage;
let page: Page;

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
  big = await openBigHost(topology);
  page = big.page;
}, 90_000);

afterAll(async () => {
  await big?.close();
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
    expect(big.problems).toEqual([]);
  });
});
