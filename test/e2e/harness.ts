// Starts `virtwire web` and headless Chromium for the end-to-end tests, and reads the graph
// through the cytoscape instance cytoscape keeps on its container.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface WebServer {
  url: string;
  origin: string;
  /** where this server keeps its settings (VIRTWIRE_CONFIG_DIR) */
  configDir: string;
  stop(): Promise<void>;
}

const URL_LINE = /^VirtWire at (http:\/\/127\.0\.0\.1:\d+)\/\?token=\S+$/;

/**
 * `virtwire web` on a free port, with its settings in a throwaway folder, or in `configDir`
 * (kept when the server stops, so a restarted server finds them).
 */
export async function startWebServer(extraArgs: string[] = [], options: { configDir?: string } = {}): Promise<WebServer> {
  if (!existsSync(join(ROOT, 'out/renderer/index.html'))) throw new Error('The UI is not built: run `npm run build` first.');
  const configDir = options.configDir ?? mkdtempSync(join(tmpdir(), 'virtwire-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['electron/cli/bin.js', 'web', ...extraArgs], {
    cwd: ROOT,
    env: { ...process.env, VIRTWIRE_CONFIG_DIR: configDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`virtwire web printed no address in 30 s. ${stderr}`)), 30_000);
    lines.once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
    child.once('exit', (code) => reject(new Error(`virtwire web exited with ${code}: ${stderr}`)));
  });
  const match = URL_LINE.exec(line);
  if (!match) throw new Error(`unexpected first line from virtwire web: ${line}`);
  return {
    url: line.slice('VirtWire at '.length),
    origin: match[1]!,
    configDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (options.configDir === undefined) rmSync(configDir, { recursive: true, force: true });
    },
  };
}

/** The language pages open in unless a test names its own (language.e2e does): English, whatever the developer's LANG. */
export const E2E_LOCALE = 'en-US';

/** Headless Chromium whose new pages and contexts speak English unless given a `locale`. */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = (options = {}) => newContext({ locale: E2E_LOCALE, ...options });
  browser.newPage = (options = {}) => newPage({ locale: E2E_LOCALE, ...options });
  return browser;
}

export interface GraphNode {
  id: string;
  kind: string;
  label: string;
  selected: boolean;
}

export interface GraphEdge {
  id: string;
  kind: string;
  label: string;
}

interface CyLike {
  nodes(): { map<T>(f: (n: CyElement) => T): T[] };
  edges(): { map<T>(f: (n: CyElement) => T): T[] };
  getElementById(id: string): CyElement;
}
interface CyElement {
  id(): string;
  data(key: string): string;
  selected(): boolean;
  renderedPosition(): { x: number; y: number };
}
type GraphContainer = HTMLElement & { _cyreg: { cy: CyLike } };

/** The objects drawn in the graph now (hosts left out). */
export function graphNodes(page: Page): Promise<GraphNode[]> {
  return page.evaluate(() => {
    const cy = (document.querySelector('[data-testid="graph"]') as GraphContainer)._cyreg.cy;
    return cy
      .nodes()
      .map((n) => ({ id: n.id(), kind: n.data('kind'), label: n.data('label'), selected: n.selected() }))
      .filter((n) => n.kind !== 'host');
  });
}

export function graphEdges(page: Page): Promise<GraphEdge[]> {
  return page.evaluate(() => {
    const cy = (document.querySelector('[data-testid="graph"]') as GraphContainer)._cyreg.cy;
    return cy.edges().map((e) => ({ id: e.id(), kind: e.data('kind'), label: e.data('label') }));
  });
}

export interface NodeLook {
  label: string;
  /** the opacity cytoscape draws the node with */
  opacity: number;
  /** drawn with the search highlight behind it */
  highlighted: boolean;
}

/** How each object is drawn now: faded, dimmed or highlighted (hosts left out). */
export function nodeLooks(page: Page): Promise<NodeLook[]> {
  return page.evaluate(() => {
    type Styled = { data(key: string): string; style(name: string): string };
    const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: { nodes(): { map<T>(f: (n: Styled) => T): T[] } } } })._cyreg.cy;
    return cy
      .nodes()
      .map((n) => ({ kind: n.data('kind'), label: n.data('label'), opacity: Number(n.style('opacity')), highlighted: Number(n.style('underlay-opacity')) > 0 }))
      .filter((n) => n.kind !== 'host')
      .map(({ label, opacity, highlighted }) => ({ label, opacity, highlighted }));
  });
}

/** Where a node is on the page, for real mouse events. */
export async function nodePagePosition(page: Page, id: string): Promise<{ x: number; y: number }> {
  const rendered = await page.evaluate((nodeId) => {
    const cy = (document.querySelector('[data-testid="graph"]') as GraphContainer)._cyreg.cy;
    return cy.getElementById(nodeId).renderedPosition();
  }, id);
  const box = await page.getByTestId('graph').boundingBox();
  if (!box) throw new Error('the graph has no box');
  return { x: box.x + rendered.x, y: box.y + rendered.y };
}

/** Labels of the graph's objects grouped by kind, each list sorted. */
export function labelsByKind(nodes: GraphNode[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const n of nodes) (out[n.kind] ??= []).push(n.label);
  for (const list of Object.values(out)) list.sort();
  return out;
}
