// For lab end-to-end tests that edit the host: connect the page to the lab host through the
// Hosts panel (profile form, host-key prompt), then find and drag objects of that host.
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { LabEnv } from '../lab/env.ts';
import { nodePagePosition } from './harness.ts';
import { hostGraph } from './hosts-support.ts';

export interface LabSession {
  hostId: string;
  /** through the Hosts panel */
  disconnect(): Promise<void>;
  /** removes the copy of the lab key */
  dispose(): void;
}

/** Waits for `check` to give a value other than undefined/false; usable in hooks, unlike expect.poll. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Adds the lab host in the Hosts panel, trusts its key and waits for its objects on the graph. */
export async function connectLabHost(page: Page, lab: LabEnv, label = 'lab host'): Promise<LabSession> {
  const keyDir = mkdtempSync(join(tmpdir(), 'virtwire-key-'));
  copyFileSync(lab.sshKey, join(keyDir, 'lab_key'));
  chmodSync(join(keyDir, 'lab_key'), 0o600);
  const hostId = `${lab.sshUser}@${lab.sshHost}:${lab.sshPort}`;

  await page.getByRole('tab', { name: /Hosts/ }).click();
  await page.getByTestId('add-host').click();
  const form = page.getByTestId('host-form');
  await form.getByLabel('SSH target', { exact: true }).fill(hostId);
  await form.getByLabel('Label', { exact: true }).fill(label);
  await form.getByRole('textbox', { name: /Identity files/ }).fill(join(keyDir, 'lab_key'));
  await form.getByLabel('Use only these identity files').check();
  await form.getByRole('button', { name: 'Add host' }).click();
  const row = page.getByTestId('host-row').filter({ hasText: label });
  await row.getByRole('button', { name: 'Connect' }).click();
  const prompt = page.getByTestId('prompt-hostkey');
  await prompt.waitFor({ timeout: 20_000 });
  await prompt.getByRole('button', { name: 'Trust and connect' }).click();
  await waitFor('the lab host to connect', async () => (await row.getAttribute('data-state')) === 'connected', 30_000);
  await waitFor('the lab host on the graph', async () => (await hostGraph(page, hostId)).nodes.length > 0, 30_000);
  return {
    hostId,
    disconnect: async () => {
      await page.getByRole('tab', { name: /Hosts/ }).click();
      await row.getByRole('button', { name: 'Disconnect' }).click();
      await waitFor('the lab host to disconnect', async () => (await row.getAttribute('data-state')) !== 'connected', 15_000);
    },
    dispose: () => rmSync(keyDir, { recursive: true, force: true }),
  };
}

/** The graph id of the host's object of this kind and name, once it is drawn. */
export async function nodeIdOf(page: Page, hostId: string, kind: string, label: string): Promise<string> {
  return waitFor(`${kind} ${label} on the graph`, async () => (await hostGraph(page, hostId)).nodes.find((n) => n.kind === kind && n.label === label)?.id, 20_000);
}

/**
 * Drags from an object's connect handle onto another object with the real mouse, resting on
 * the target longer than edgehandles' hover delay before letting go.
 */
export async function dragConnect(page: Page, sourceId: string, targetId: string): Promise<void> {
  // New objects may be placed outside the view: fit first, as a user would.
  await page.getByTestId('graph').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('f');
  await page.waitForTimeout(300);
  const from = await nodePagePosition(page, sourceId);
  await page.mouse.move(from.x, from.y, { steps: 4 });
  const handle = page.getByTestId('connect-handle');
  await handle.waitFor({ state: 'visible', timeout: 5000 });
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
  await page.mouse.down();
  const to = await nodePagePosition(page, targetId);
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.waitForTimeout(600);
  await page.mouse.up();
}
