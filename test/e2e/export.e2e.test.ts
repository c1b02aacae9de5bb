// File › Export… in real Chromium against `virtwire web`: SVG and PNG of the graph as drawn
// (cytoscape's own drawing) and the text formats, each handed to the browser as a download.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTopology } from '../../shared/topology/demo.ts';
import { serializeTopology } from '../../shared/topology/file.ts';
import { buildView } from '../../shared/topology/views.ts';
import { HOSTILE_NAMES, manyVmsTopology } from '../support/many-vms.ts';
import { pngSize, svgTexts } from '../support/pictures.ts';
import { graphNodes, launchChromium, startWebServer, type WebServer } from './harness.ts';

let server: WebServer;
let browser: Browser;
let page: Page;

interface NodeLike {
  data(key: string): string;
  position(): { x: number; y: number };
  outerWidth(): number;
  outerHeight(): number;
}
type GraphContainer = HTMLElement & {
  _cyreg: { cy: { nodes(): { length: number; map<T>(f: (n: NodeLike) => T): T[] }; elements(): { boundingBox(): { x1: number; y1: number; w: number; h: number } } } };
};

async function exportFile(format: string, view?: 'logical' | 'wiring', via: 'menu' | 'keyboard' = 'menu'): Promise<{ name: string; bytes: Buffer }> {
  if (via === 'keyboard') {
    await page.getByTestId('graph').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+e');
  } else {
    await page.getByRole('button', { name: 'File' }).click();
    await page.getByRole('menuitem', { name: /Export/ }).click();
  }
  const dialog = page.getByTestId('export-dialog');
  await dialog.locator(`[data-format="${format}"]`).check();
  if (view) await dialog.locator(`[data-view="${view}"]`).check();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export' }).click();
  const download = await downloading;
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

/**
 * The objects (hosts left out) with no filled shape of their own in the SVG: one centred where
 * the object is (the picture starts at the graph's bounding box) and about its size. Measured by
 * the browser, which lays the SVG out hidden.
 */
function unshapedNodes(svg: string): Promise<string[]> {
  return page.evaluate((text) => {
    const cy = (document.querySelector('[data-testid="graph"]') as GraphContainer)._cyreg.cy;
    const box = cy.elements().boundingBox();
    const holder = document.createElement('div');
    holder.style.cssText = 'position: absolute; visibility: hidden';
    holder.append(document.importNode(new DOMParser().parseFromString(text, 'image/svg+xml').documentElement, true));
    document.body.append(holder);
    const shapes = [...holder.querySelectorAll('path')].filter((p) => p.getAttribute('fill') !== 'none').map((p) => p.getBBox());
    holder.remove();
    const near = (a: number, b: number, by: number): boolean => Math.abs(a - b) <= by;
    return cy
      .nodes()
      .map((n) => {
        const { x, y } = n.position();
        const [w, h] = [n.outerWidth(), n.outerHeight()];
        const shaped = shapes.some(
          (s) => near(s.x + s.width / 2, x - box.x1, 3) && near(s.y + s.height / 2, y - box.y1, 3) && near(s.width, w, w * 0.25) && near(s.height, h, h * 0.25),
        );
        return n.data('kind') === 'host' || shaped ? '' : n.data('label');
      })
      .filter((label) => label !== '');
  }, svg);
}

async function upload(name: string, text: string): Promise<void> {
  await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect.poll(() => page.title()).toBe(`${name} — VirtWire`);
}

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  await page.goto(server.url);
  await page.waitForFunction(() => ((document.querySelector('[data-testid="graph"]') as GraphContainer | null)?._cyreg?.cy.nodes().length ?? 0) > 0, undefined, {
    timeout: 15_000,
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('export from the app', () => {
  it('exports the graph as drawn to SVG: well-formed, with every object’s name and shape', async () => {
    const { name, bytes } = await exportFile('svg', 'wiring');
    expect(name).toBe('Demo-wiring.svg');
    const texts = svgTexts(bytes.toString('utf8'));
    const labels = (await graphNodes(page)).map((n) => n.label);
    expect(labels).toHaveLength(buildView(demoTopology(), 'wiring').nodes.length);
    for (const label of labels) expect(texts).toContain(label);
    // every kind's shape, the rounded polygons (tap, physical, missing, endpoint) included
    expect(await unshapedNodes(bytes.toString('utf8'))).toEqual([]);
    expect(texts).toContain('kvm-host');
    // the dialog switched the graph to the view it exported
    expect(await page.locator('[data-view="wiring"][role="radio"]').getAttribute('aria-checked')).toBe('true');
  });

  it('exports a PNG of the whole graph at twice its drawn size', async () => {
    const { name, bytes } = await exportFile('png', 'logical');
    expect(name).toBe('Demo-logical.png');
    const size = pngSize(bytes);
    const box = await page.evaluate(() => (document.querySelector('[data-testid="graph"]') as GraphContainer)._cyreg.cy.elements().boundingBox());
    expect(Math.abs(size.width - 2 * box.w)).toBeLessThanOrEqual(4);
    expect(Math.abs(size.height - 2 * box.h)).toBeLessThanOrEqual(4);
    expect(size.width).toBeGreaterThan(300);
  });

  it('exports DOT, Mermaid and draw.io as the same text the CLI writes', async () => {
    const dot = await exportFile('dot', 'logical', 'keyboard');
    expect(dot.name).toBe('Demo-logical.dot');
    expect(dot.bytes.toString('utf8')).toMatch(/^\/\/ VirtWire topology, logical view/);
    expect((await exportFile('mermaid')).bytes.toString('utf8')).toMatch(/^flowchart TB\n/);
    expect((await exportFile('drawio')).bytes.toString('utf8')).toContain('<mxGraphModel');
  });

  it('keeps the SVG well-formed whatever the names hold', async () => {
    const topology = manyVmsTopology(60, { hostile: true });
    await upload('hostile.json', serializeTopology(topology, new Date()));
    const { name, bytes } = await exportFile('svg', 'logical');
    expect(name).toBe('hostile-logical.svg');
    // What XML cannot hold is replaced; line ends are read as XML reads them, spaces as drawn.
    const normal = (text: string): string =>
      text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/gu, '\ufffd').replace(/\s+/g, ' ');
    const texts = svgTexts(bytes.toString('utf8')).map(normal);
    const labels = (await graphNodes(page)).map((n) => n.label);
    for (const name of HOSTILE_NAMES) expect(labels.some((l) => l.startsWith(name))).toBe(true);
    for (const label of labels) expect(texts).toContain(normal(label));
  });
});
