// For the Hosts end-to-end tests: `virtwire web` with a throwaway HOME (so ~/.ssh is empty and
// no agent is used) and config folder, and reads of the graph by host group.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from 'playwright-core';
import { ROOT } from './harness.ts';

export interface IsolatedWebServer {
  url: string;
  /** the HOME the server runs with */
  home: string;
  stop(): Promise<void>;
}

export async function startIsolatedWebServer(): Promise<IsolatedWebServer> {
  const home = mkdtempSync(join(tmpdir(), 'virtwire-home-'));
  const configDir = mkdtempSync(join(tmpdir(), 'virtwire-config-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, VIRTWIRE_CONFIG_DIR: configDir };
  delete env.SSH_AUTH_SOCK;
  const child: ChildProcess = spawn(process.execPath, ['electron/cli/bin.js', 'web'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`virtwire web printed no address in 30 s. ${stderr}`)), 30_000);
    createInterface({ input: child.stdout! }).once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
    child.once('exit', (code) => reject(new Error(`virtwire web exited with ${code}: ${stderr}`)));
  });
  if (!line.startsWith('VirtWire at ')) throw new Error(`unexpected first line from virtwire web: ${line}`);
  return {
    url: line.slice('VirtWire at '.length),
    home,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(home, { recursive: true, force: true });
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}

export interface HostGraph {
  nodes: { id: string; kind: string; label: string }[];
  edges: { id: string; kind: string; label: string; pending: string | null; source: string; target: string }[];
}

interface CyCollection<T> {
  map<U>(f: (e: T) => U): U[];
  filter(f: (e: T) => boolean): CyCollection<T>;
}
interface CyElement {
  id(): string;
  data(key: string): string | undefined;
  source(): CyElement;
  target(): CyElement;
}
type GraphContainer = HTMLElement & { _cyreg: { cy: { nodes(): CyCollection<CyElement>; edges(): CyCollection<CyElement> } } };

/** What the graph draws inside one host's group. */
export function hostGraph(page: Page, hostId: string): Promise<HostGraph> {
  return page.evaluate((group) => {
    const cy = (document.querySelector('[data-testid="graph"]') as GraphContainer)._cyreg.cy;
    const inGroup = (n: CyElement): boolean => n.data('inHost') === group;
    return {
      nodes: cy
        .nodes()
        .filter(inGroup)
        .map((n) => ({ id: n.id(), kind: n.data('kind') ?? '', label: n.data('label') ?? '' })),
      edges: cy
        .edges()
        .filter((e) => inGroup(e.source()))
        .map((e) => ({
          id: e.id(),
          kind: e.data('kind') ?? '',
          label: e.data('label') ?? '',
          pending: e.data('pending') ?? null,
          source: e.source().id(),
          target: e.target().id(),
        })),
    };
  }, `host:${hostId}`);
}

/** Where an edge's middle is on the page, for a real click. */
export async function edgeMiddle(page: Page, edgeId: string): Promise<{ x: number; y: number }> {
  const rendered = await page.evaluate((id) => {
    const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: { getElementById(i: string): { renderedMidpoint(): { x: number; y: number } } } } })._cyreg.cy;
    return cy.getElementById(id).renderedMidpoint();
  }, edgeId);
  const box = await page.getByTestId('graph').boundingBox();
  if (!box) throw new Error('the graph has no box');
  return { x: box.x + rendered.x, y: box.y + rendered.y };
}

export const sortedLabels = (graph: HostGraph, kind: string): string[] =>
  graph.nodes
    .filter((n) => n.kind === kind)
    .map((n) => n.label)
    .sort();
