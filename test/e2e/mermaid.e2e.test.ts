// The Mermaid export read by Mermaid itself. Its parser needs a DOM, so it runs in headless
// Chromium on a blank page: every chart must parse, and small ones render to an SVG showing
// every object's name exactly.
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneLine } from '../../shared/export/graph.ts';
import { toMermaid } from '../../shared/export/mermaid.ts';
import { demoTopology } from '../../shared/topology/demo.ts';
import type { Topology } from '../../shared/topology/model.ts';
import { buildView, VIEW_KINDS } from '../../shared/topology/views.ts';
import { manyVmsTopology } from '../support/many-vms.ts';
import { launchChromium } from './harness.ts';

const MERMAID = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');

interface MermaidGlobal {
  initialize(config: Record<string, unknown>): void;
  parse(text: string): Promise<unknown>;
  render(id: string, text: string): Promise<{ svg: string }>;
}

let browser: Browser;
let page: Page;

/** Parses (and, when asked, renders) a chart; returns Mermaid's error, or the rendered node labels. */
function mermaid(text: string, render: boolean): Promise<{ error: string } | { labels: string[] | null }> {
  return page.evaluate(
    async ({ text, render }) => {
      const m = (window as unknown as { mermaid: MermaidGlobal }).mermaid;
      try {
        await m.parse(text);
        if (!render) return { labels: null };
        const { svg } = await m.render(`chart${Math.random().toString(36).slice(2)}`, text);
        // Mermaid's labels are HTML inside the SVG (<br> and all): it is made to be put in a page
        const doc = new DOMParser().parseFromString(`<body>${svg}</body>`, 'text/html');
        const shown = (node: Node): string =>
          node.nodeName === 'BR' ? '\n' : node.nodeType === Node.TEXT_NODE ? (node.textContent ?? '') : [...node.childNodes].map(shown).join('');
        return { labels: [...doc.querySelectorAll('g.node .nodeLabel')].map(shown) };
      } catch (e) {
        return { error: String((e as Error).message ?? e) };
      }
    },
    { text, render },
  );
}

/** What a node's label shows: its name and, on the next line, what it is. */
function expectedLabels(topology: Topology, view: (typeof VIEW_KINDS)[number]): string[] {
  return buildView(topology, view).nodes.map((n) => oneLine(n.label)).sort();
}

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ path: MERMAID });
  // the large chart is past Mermaid's default limits, which a wiki raises in its own config
  await page.evaluate(() =>
    (window as unknown as { mermaid: MermaidGlobal }).mermaid.initialize({ startOnLoad: false, maxTextSize: 10_000_000, maxEdges: 100_000 }),
  );
});

afterAll(async () => {
  await browser?.close();
});

describe('Mermaid reads the export', () => {
  for (const view of VIEW_KINDS) {
    it(`renders the demo's ${view} view with every name`, async () => {
      const result = await mermaid(toMermaid(demoTopology(), view), true);
      expect(result).not.toHaveProperty('error');
      const names = (result as { labels: string[] }).labels.map((l) => l.split('\n')[0]).sort();
      expect(names).toEqual(expectedLabels(demoTopology(), view));
    });
  }

  it('renders hostile names as text, exactly', async () => {
    const topology = manyVmsTopology(20, { hostile: true });
    const result = await mermaid(toMermaid(topology, 'logical'), true);
    expect(result).not.toHaveProperty('error');
    // less the word joiner kept between a backslash and an n (see mermaidText)
    const names = (result as { labels: string[] }).labels.map((l) => l.split('\n')[0]!.replace(/\u2060/g, '')).sort();
    expect(names).toEqual(expectedLabels(topology, 'logical'));
  });

  it('parses 1,000 VMs in both views', async () => {
    const topology = manyVmsTopology(1000, { hostile: true });
    for (const view of VIEW_KINDS) expect(await mermaid(toMermaid(topology, view), false)).toEqual({ labels: null });
  });
});
