// The offline topology viewer in real Chromium against `virtwire web` on the bundled demo.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTopology } from '../../shared/topology/demo.ts';
import { parseTopologyFile, serializeTopology } from '../../shared/topology/file.ts';
import {
  graphEdges,
  graphNodes,
  labelsByKind,
  launchChromium,
  nodeLooks,
  nodePagePosition,
  ROOT,
  startWebServer,
  type WebServer,
} from './harness.ts';

const RESULTS = join(ROOT, 'test-results');

const DEMO_OBJECTS = {
  network: ['default', 'isolated'],
  bridge: ['tester', 'virbr0', 'virbr1'],
  tap: ['virbr1-nic', 'vm-vnic', 'vnet0', 'vnet1'],
  vm: ['centos7'],
  physical: ['eth0'],
  // a NIC on a network that is gone, and a user-mode NIC: drawn, never dropped
  missing: ['lab-net'],
  endpoint: ['user (SLIRP)'],
};

let server: WebServer;
let browser: Browser;
let page: Page;
/** what the page logged as an error, and uncaught exceptions (a CSP violation is logged as an error) */
const pageProblems: string[] = [];

const outlineNames = (): Promise<string[]> => page.locator('[role="listbox"] [role="option"] .name').allTextContents();
const selectedInOutline = (): Promise<string[]> =>
  page.locator('[role="option"][aria-selected="true"] .name').allTextContents();
const selectedInGraph = async (): Promise<string[]> =>
  (await graphNodes(page)).filter((n) => n.selected).map((n) => n.label);

async function showView(view: 'logical' | 'wiring'): Promise<void> {
  await page.locator(`[data-view="${view}"]`).click();
  await expect.poll(() => page.locator(`[data-view="${view}"]`).getAttribute('aria-checked')).toBe('true');
}

async function upload(name: string, text: string): Promise<void> {
  await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  server = await startWebServer();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  page.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => pageProblems.push(`uncaught: ${error.message}`));
  await page.goto(server.url);
  await page.waitForFunction(
    () => ((document.querySelector('[data-testid="graph"]') as { _cyreg?: { cy: { nodes(): { length: number } } } } | null)?._cyreg?.cy.nodes().length ?? 0) > 0,
    undefined,
    { timeout: 15_000 },
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the offline viewer on the demo topology', () => {
  it('titles the window after the document', async () => {
    expect(await page.title()).toBe('Demo — VirtWire');
  });

  it('draws every object of the demo in the wiring view, inside its host', async () => {
    await showView('wiring');
    const nodes = await graphNodes(page);
    expect(labelsByKind(nodes)).toEqual(DEMO_OBJECTS);
    const edges = await graphEdges(page);
    expect(edges.filter((e) => e.kind === 'backs').map((e) => e.label).sort()).toEqual([
      '52:54:00:07:b8:72 · virtio',
      '52:54:00:7e:f8:5c · virtio',
    ]);
    expect(edges.filter((e) => e.kind === 'port')).toHaveLength(4);
    expect(edges.filter((e) => e.kind === 'uplink')).toHaveLength(1);
  });

  it('draws the logical view with VM NICs straight to their networks', async () => {
    await showView('logical');
    const nodes = await graphNodes(page);
    expect(labelsByKind(nodes)).toEqual({ ...DEMO_OBJECTS, tap: ['virbr1-nic', 'vm-vnic'] });
    const nics = (await graphEdges(page)).filter((e) => e.kind === 'nic');
    expect(nics.map((e) => e.label).sort()).toEqual([
      '52:54:00:07:b8:72 · virtio (vnet1)',
      '52:54:00:3c:aa:04 · virtio',
      '52:54:00:5e:11:03 · e1000',
      '52:54:00:7e:f8:5c · virtio (vnet0)',
    ]);
  });

  it('labels every object and link; a link too short for its label shows it only while hovered or selected', async () => {
    await showView('logical');
    const drawn = await page.evaluate(() => {
      type El = { data(k: string): unknown; style(k: string): string; hasClass(c: string): boolean; emit(e: string): void; select(): void; unselect(): void };
      type Eles = { map<T>(f: (e: El) => T): T[]; filter(f: (e: El) => boolean): Eles; [i: number]: El | undefined };
      const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: { nodes(): Eles; edges(): Eles } } })._cyreg.cy;
      const unlabelled = (eles: Eles): unknown[] => eles.filter((e) => e.style('label') !== String(e.data('label'))).map((e) => e.data('label'));
      const short = cy.edges().filter((e) => e.hasClass('short'))[0];
      if (!short) return null;
      const steps: string[] = [short.style('label')];
      short.emit('mouseover');
      steps.push(short.style('label'));
      short.emit('mouseout');
      steps.push(short.style('label'));
      short.select();
      steps.push(short.style('label'));
      short.unselect();
      steps.push(short.style('label'));
      return { nodes: unlabelled(cy.nodes()), edges: unlabelled(cy.edges().filter((e) => !e.hasClass('short'))), label: String(short.data('label')), steps };
    });
    expect(drawn).not.toBeNull();
    expect(drawn!.nodes).toEqual([]);
    expect(drawn!.edges).toEqual([]);
    expect(drawn!.steps).toEqual(['', drawn!.label, '', drawn!.label, '']);
  });

  it('lists every object in the outline', async () => {
    expect((await outlineNames()).sort()).toEqual(Object.values(DEMO_OBJECTS).flat().sort());
    for (const [kind, names] of Object.entries(DEMO_OBJECTS)) {
      const listed = await page.locator(`[role="option"][data-kind="${kind}"] .name`).allTextContents();
      expect(listed.sort()).toEqual(names);
    }
  });

  it('selects centos7 in the graph from the outline and shows its XML', async () => {
    await page.getByRole('option', { name: /centos7/ }).click();
    await expect.poll(selectedInGraph).toEqual(['centos7']);
    const details = page.getByTestId('details');
    expect(await details.locator('h2').textContent()).toBe('centos7');
    expect(await details.getByTestId('xml').textContent()).toContain('<name>centos7</name>');
    await page.screenshot({ path: join(RESULTS, 'virtwire-logical.png') });
  });

  it('selects in the outline what is clicked in the graph', async () => {
    await showView('wiring');
    const virbr0 = (await graphNodes(page)).find((n) => n.label === 'virbr0')!;
    const at = await nodePagePosition(page, virbr0.id);
    await page.mouse.click(at.x, at.y);
    await expect.poll(selectedInOutline).toEqual(['virbr0']);
    expect(await selectedInGraph()).toEqual(['virbr0']);
    expect(await page.getByTestId('details').locator('h2').textContent()).toBe('virbr0');
    // the selected row looks selected: its background is not the others'
    const background = (name: string) => page.getByRole('option', { name: new RegExp(`^${name}\\b`) }).first().evaluate((row) => getComputedStyle(row).backgroundColor);
    expect(await background('virbr0')).not.toBe(await background('virbr1'));
  });

  it('points from a TAP hidden in the logical view to the wiring view', async () => {
    await showView('logical');
    await page.getByRole('option', { name: /vnet0/ }).click();
    const details = page.getByTestId('details');
    await details.getByRole('button', { name: 'Show the wiring view' }).click();
    await expect.poll(() => page.locator('[data-view="wiring"]').getAttribute('aria-checked')).toBe('true');
    await expect.poll(selectedInGraph).toEqual(['vnet0']);
  });

  it('moves through the outline with the keyboard and clears with Escape', async () => {
    // from a row clicked: one step per key, the list keeping the focus (its rows show other
    // objects as it scrolls, so a row holding the focus would be another object's a moment later)
    await page.getByRole('option', { name: /^default\b/ }).click();
    await expect.poll(selectedInOutline).toEqual(['default']);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('listbox');
    await page.keyboard.press('ArrowDown');
    await expect.poll(selectedInOutline).toEqual(['isolated']);
    await page.keyboard.press('Home');
    await expect.poll(selectedInOutline).toEqual(['default']);
    await page.keyboard.press('ArrowDown');
    await expect.poll(selectedInOutline).toEqual(['isolated']);
    await expect.poll(selectedInGraph).toEqual(['isolated']);
    await page.keyboard.press('End');
    await expect.poll(selectedInOutline).toEqual(['user (SLIRP)']);
    await page.keyboard.press('Escape');
    await expect.poll(selectedInGraph).toEqual([]);
    expect(await selectedInOutline()).toEqual([]);
  });

  it('filters the outline by text and by kind', async () => {
    await page.keyboard.press('Control+f');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('outline-filter');
    await page.keyboard.type('vnet');
    await expect.poll(outlineNames).toEqual(['vnet0', 'vnet1']);
    await page.getByTestId('outline-filter').fill('');
    await page.locator('.chip[data-kind="tap"]').click();
    await expect.poll(async () => (await outlineNames()).length).toBe(9);
    expect(await outlineNames()).not.toContain('vnet0');
    await page.locator('.chip[data-kind="tap"]').click();
    await expect.poll(async () => (await outlineNames()).length).toBe(13);
  });

  it('searches on the graph: / focuses the search, matches are highlighted, Enter goes to the next', async () => {
    await showView('logical');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('outline-filter');
    await page.keyboard.type('virbr');
    const highlighted = async (): Promise<string[]> => (await nodeLooks(page)).filter((n) => n.highlighted).map((n) => n.label).sort();
    await expect.poll(highlighted).toEqual(['virbr0', 'virbr1', 'virbr1-nic']);
    const looks = await nodeLooks(page);
    expect(looks.find((n) => n.label === 'centos7')!.opacity).toBeLessThan(0.5);
    expect(looks.find((n) => n.label === 'virbr0')!.opacity).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(selectedInGraph).toEqual(['virbr0']);
    await page.keyboard.press('Enter');
    await expect.poll(selectedInGraph).toEqual(['virbr1']);
    await page.keyboard.press('Enter');
    await expect.poll(selectedInGraph).toEqual(['virbr1-nic']);
    await page.keyboard.press('Enter');
    await expect.poll(selectedInGraph).toEqual(['virbr0']);
    await page.keyboard.press('Shift+Enter');
    await expect.poll(selectedInGraph).toEqual(['virbr1-nic']);
    await page.getByTestId('outline-filter').fill('');
    await expect.poll(async () => (await nodeLooks(page)).every((n) => n.opacity === 1 && !n.highlighted)).toBe(true);
    await page.keyboard.press('Escape');
  });

  it('focus mode fades everything not wired to the selection, and follows it', async () => {
    await showView('wiring');
    await page.getByRole('option', { name: /tester/ }).click();
    await page.keyboard.press('i');
    const clear = async (): Promise<string[]> => (await nodeLooks(page)).filter((n) => n.opacity === 1).map((n) => n.label).sort();
    await expect.poll(clear).toEqual(['tester', 'vm-vnic']);
    expect((await nodeLooks(page)).find((n) => n.label === 'centos7')!.opacity).toBeLessThan(0.2);
    // a VM: its TAPs, their bridges and the networks using them, its endpoints and what it is on
    await page.getByRole('option', { name: /centos7/ }).click();
    await expect.poll(clear).toEqual(['centos7', 'default', 'isolated', 'lab-net', 'user (SLIRP)', 'virbr0', 'virbr1', 'vnet0', 'vnet1']);
    await page.keyboard.press('i');
    await expect.poll(async () => (await nodeLooks(page)).every((n) => n.opacity === 1)).toBe(true);
    await page.keyboard.press('Escape');
  });

  it('shows a clear error for a corrupt file and keeps the graph and title', async () => {
    const before = await graphNodes(page);
    await upload('broken.json', '{"format": "virtwire-topology", "version": 1, "hosts": [');
    const error = page.getByTestId('error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('invalid-file');
    expect(await error.textContent()).toContain('not valid JSON');
    expect(await page.title()).toBe('Demo — VirtWire');
    expect((await graphNodes(page)).map((n) => n.id)).toEqual(before.map((n) => n.id));
    await page.screenshot({ path: join(RESULTS, 'virtwire-error.png') });

    const newer = JSON.parse(serializeTopology(demoTopology(), new Date())) as Record<string, unknown>;
    await upload('future.json', JSON.stringify({ ...newer, version: 99 }));
    await expect.poll(() => error.textContent()).toMatch(/version/i);
    await error.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => error.count()).toBe(0);
    expect(await page.title()).toBe('Demo — VirtWire');
  });

  it('opens an uploaded file, marks it unsaved after a drag, saves it, and asks before discarding changes', async () => {
    const topology = demoTopology();
    topology.nodes = topology.nodes.filter((n) => n.name !== 'tester' && n.name !== 'vm-vnic');
    topology.links = topology.links.filter((l) => topology.nodes.some((n) => n.id === l.source) && topology.nodes.some((n) => n.id === l.target));
    await upload('lab.json', serializeTopology(topology, new Date()));
    await expect.poll(() => page.title()).toBe('lab.json — VirtWire');
    expect((await graphNodes(page)).map((n) => n.label)).not.toContain('tester');

    const eth0 = (await graphNodes(page)).find((n) => n.label === 'eth0')!;
    const from = await nodePagePosition(page, eth0.id);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 60, from.y + 20, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => page.title()).toBe('• lab.json — VirtWire');

    const downloading = page.waitForEvent('download');
    await page.keyboard.press('Control+s');
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('lab.vwtopo');
    const saved = parseTopologyFile(readFileSync(await download.path(), 'utf8'));
    expect(saved.layout[eth0.id]).toBeDefined();
    expect(saved.nodes).toHaveLength(topology.nodes.length);
    await expect.poll(() => page.title()).toBe('lab.json — VirtWire');

    const at = await nodePagePosition(page, eth0.id);
    await page.mouse.move(at.x, at.y);
    await page.mouse.down();
    await page.mouse.move(at.x - 40, at.y, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => page.title()).toBe('• lab.json — VirtWire');
    const openDemo = async (answer: 'accept' | 'dismiss'): Promise<void> => {
      page.once('dialog', (dialog) => void (answer === 'accept' ? dialog.accept() : dialog.dismiss()));
      await page.getByRole('button', { name: 'File' }).click();
      await page.getByRole('menuitem', { name: /Open Demo/ }).click();
    };
    await openDemo('dismiss');
    await expect.poll(() => page.title()).toBe('• lab.json — VirtWire');
    await openDemo('accept');
    await expect.poll(() => page.title()).toBe('Demo — VirtWire');
  });

  it('draws a host as a box around its objects: dragging the box takes them along, one dragged out grows it', async () => {
    type Box = { x1: number; y1: number; x2: number; y2: number };
    const geometry = () =>
      page.evaluate(() => {
        type El = { id(): string; data(k: string): unknown; visible(): boolean; position(): { x: number; y: number }; boundingBox(o: object): Box; renderedBoundingBox(o: object): Box };
        const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: { nodes(s?: string): { toArray(): El[] }; zoom(): number } } })._cyreg.cy;
        const host = cy.nodes('.host').toArray()[0]!;
        const members = cy
          .nodes()
          .toArray()
          .filter((n) => n.data('inHost') === host.id() && n.visible());
        return {
          zoom: cy.zoom(),
          box: host.boundingBox({ includeLabels: false }),
          rendered: host.renderedBoundingBox({ includeLabels: false }),
          members: members.map((n) => ({ id: n.id(), at: n.position(), box: n.boundingBox({ includeLabels: true }) })),
        };
      });
    const holdsAll = (g: Awaited<ReturnType<typeof geometry>>): boolean => g.members.every((m) => m.box.x1 >= g.box.x1 && m.box.x2 <= g.box.x2 && m.box.y1 >= g.box.y1 && m.box.y2 <= g.box.y2);
    const before = await geometry();
    expect(before.members.length).toBe((await graphNodes(page)).length);
    expect(holdsAll(before)).toBe(true);

    // grabbed by its left edge, inside the room around its objects
    const graph = (await page.getByTestId('graph').boundingBox())!;
    const grip = { x: graph.x + before.rendered.x1 + 8, y: graph.y + (before.rendered.y1 + before.rendered.y2) / 2 };
    await page.mouse.move(grip.x, grip.y);
    await page.mouse.down();
    await page.mouse.move(grip.x + 80, grip.y + 40, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => page.title()).toBe('• Demo — VirtWire');
    const moved = await geometry();
    for (const m of moved.members) {
      const was = before.members.find((b) => b.id === m.id)!;
      expect(m.at.x - was.at.x).toBeCloseTo(80 / before.zoom, 0);
      expect(m.at.y - was.at.y).toBeCloseTo(40 / before.zoom, 0);
    }
    expect(holdsAll(moved)).toBe(true);

    // an object dragged out to the right: the box follows it
    const eth0 = (await graphNodes(page)).find((n) => n.label === 'eth0')!;
    const from = await nodePagePosition(page, eth0.id);
    const outside = Math.min(graph.x + graph.width - 20, graph.x + moved.rendered.x2 + 60);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(outside, from.y, { steps: 8 });
    await page.mouse.up();
    await expect.poll(async () => holdsAll(await geometry())).toBe(true);
    expect((await geometry()).box.x2).toBeGreaterThan(moved.box.x2);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'File' }).click();
    await page.getByRole('menuitem', { name: /Open Demo/ }).click();
    await expect.poll(() => page.title()).toBe('Demo — VirtWire');
  });

  it('refuses requests to the server without the token', async () => {
    expect((await fetch(`${server.origin}/`)).status).toBe(401);
    expect((await fetch(`${server.origin}/?token=wrong`)).status).toBe(401);
    expect((await fetch(`${server.origin}/api`)).status).toBe(401);
    expect((await fetch(server.url)).status).toBe(200);
  });

  it('follows the system theme until the user picks one', async () => {
    const dark = await browser.newPage({ colorScheme: 'dark' });
    await dark.goto(server.url);
    await expect.poll(() => dark.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await dark.close();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  });

  it('looks finished in light and dark', async () => {
    await showView('wiring');
    await page.getByRole('option', { name: /centos7/ }).click();
    await page.keyboard.press('f');
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(RESULTS, 'virtwire.png') });
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(RESULTS, 'virtwire-dark.png') });
    // the choice is a stored preference: opening the app again keeps it (the printed address, as a
    // user opens it; a bare reload is answered 401 by design and restored by the tab — web-token e2e)
    await page.goto(server.url);
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  });

  it('ran all of the above without a console error, an uncaught exception or a Content-Security-Policy violation', () => {
    expect(pageProblems).toEqual([]);
  });
});
