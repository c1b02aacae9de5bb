// A generated big host opened in real Chromium (`virtwire web --open FILE`), for the big-host
// e2e files: the page once every VM is drawn, what it logged as an error, and how to close it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { serializeTopology } from '../../shared/topology/file.ts';
import type { Topology } from '../../shared/topology/model.ts';
import { launchChromium, ROOT, startWebServer } from './harness.ts';

export const RESULTS = join(ROOT, 'test-results');

export interface BigHostPage {
  page: Page;
  /** console errors and uncaught exceptions (a CSP violation is a console error) */
  problems: string[];
  close(): Promise<void>;
}

export async function openBigHost(topology: Topology): Promise<BigHostPage> {
  mkdirSync(RESULTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'virtwire-big-'));
  const file = join(dir, 'big.json');
  writeFileSync(file, serializeTopology(topology, '2026-12-01T08:00:00.000Z'));
  const server = await startWebServer(['--open', file]);
  const browser = await launchChromium();
  const close = async (): Promise<void> => {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    await page.goto(server.url);
    await page.waitForFunction(
      (vms) => {
        type Cy = { nodes(s: string): { length: number } };
        const cy = (document.querySelector('[data-testid="graph"]') as (HTMLElement & { _cyreg?: { cy: Cy } }) | null)?._cyreg?.cy;
        return (cy?.nodes('[kind = "vm"]').length ?? 0) === vms;
      },
      topology.nodes.filter((n) => n.kind === 'vm').length,
      { timeout: 60_000 },
    );
    return { page, problems, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The names of the VMs selected on the graph. */
export function selectedVms(page: Page, topology: Topology): Promise<string[]> {
  const names = new Map(topology.nodes.map((n) => [n.id, n.name] as const));
  return page
    .evaluate(() => {
      type Cy = { nodes(s: string): { map<T>(f: (n: { id(): string }) => T): T[] } };
      return (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: Cy } })._cyreg.cy.nodes('[kind = "vm"]:selected').map((n) => n.id());
    })
    .then((ids) => ids.map((id) => names.get(id) ?? id));
}
