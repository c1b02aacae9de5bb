// Preferences and the close guard in real Chromium against `virtwire web` (issue 14): choices
// made in the Preferences dialog are in the data folder and survive a restart of the server
// (a new process, a new port, so nothing the page kept helps); the page's old localStorage
// settings are taken over once; leaving the tab with unsaved changes asks (beforeunload), and
// without them, or with the preference off, it does not.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphNodes, launchChromium, nodePagePosition, startWebServer, type WebServer } from './harness.ts';

let browser: Browser;
let configDir: string;
const servers: WebServer[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  configDir = mkdtempSync(join(tmpdir(), 'virtwire-prefs-e2e-'));
});
afterAll(async () => {
  await browser?.close();
  for (const server of servers) await server.stop();
  rmSync(configDir, { recursive: true, force: true });
});

async function start(): Promise<WebServer> {
  const server = await startWebServer([], { configDir });
  servers.push(server);
  return server;
}

async function open(server: WebServer, before?: () => void): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  if (before) await page.addInitScript(before);
  await page.goto(server.url);
  await expect.poll(() => page.title()).toBe('Demo — VirtWire');
  return page;
}

const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);
const storedPreferences = () => (JSON.parse(readFileSync(join(configDir, 'preferences.json'), 'utf8')) as { preferences: Record<string, unknown>; imported: boolean });

async function dragANode(page: Page): Promise<void> {
  const eth0 = (await graphNodes(page)).find((n) => n.label === 'eth0')!;
  const from = await nodePagePosition(page, eth0.id);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 60, from.y + 20, { steps: 8 });
  await page.mouse.up();
  await expect.poll(() => page.title()).toBe('• Demo — VirtWire');
}

/**
 * Leaves the page as closing the tab or reloading does: beforeunload runs, and Chromium asks when
 * a handler wants it. (Playwright's page.close({ runBeforeUnload }) shows no dialog in headless
 * Chromium; leaving by navigation does.) `answer` is the user's: leave, or stay on the page.
 * Resolves to whether the page asked.
 */
async function leavingAsks(page: Page, answer: 'leave' | 'stay' = 'leave'): Promise<boolean> {
  let asked = false;
  const onDialog = (dialog: Dialog): void => {
    if (dialog.type() === 'beforeunload') asked = true;
    void (answer === 'leave' ? dialog.accept() : dialog.dismiss());
  };
  page.on('dialog', onDialog);
  await page.evaluate(() => {
    location.href = 'about:blank';
  });
  await page.waitForTimeout(1_000);
  page.off('dialog', onDialog);
  return asked;
}

describe('preferences', () => {
  it('takes over the old localStorage settings once, and keeps choices across a restart of virtwire web', async () => {
    const first = await start();
    const page = await open(first, () => {
      // what an older VirtWire left in this origin's storage
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('virtwire.theme', 'dark');
        localStorage.setItem('virtwire.skipPreview', 'true');
        sessionStorage.setItem('seeded', '1');
      }
    });
    await expect.poll(() => theme(page)).toBe('dark');
    await expect.poll(() => page.evaluate(() => [localStorage.getItem('virtwire.theme'), localStorage.getItem('virtwire.skipPreview')])).toEqual([null, null]);
    expect(storedPreferences()).toMatchObject({ imported: true, preferences: { theme: 'dark', skipPreview: true } });

    await page.keyboard.press('Control+,');
    const dialog = page.getByTestId('preferences');
    await dialog.waitFor();
    expect(await dialog.getByTestId('pref-skip-preview').isChecked()).toBe(true);
    await dialog.getByRole('radio', { name: 'Light' }).check();
    await expect.poll(() => theme(page)).toBe('light');
    await dialog.getByTestId('pref-nic-model').selectOption('e1000e');
    await dialog.getByTestId('pref-host-key').selectOption('accept-new');
    await dialog.getByTestId('pref-skip-preview').uncheck();
    expect(await dialog.getByTestId('pref-language').locator('option').allTextContents()).toEqual(['Follow the system', 'English', '繁體中文']);
    await expect.poll(() => storedPreferences().preferences).toMatchObject({ theme: 'light', defaultNicModel: 'e1000e', hostKeyPolicy: 'accept-new', skipPreview: false });
    await page.screenshot({ path: join('test-results', 'preferences-light.png') });
    await dialog.getByRole('radio', { name: 'Dark' }).check();
    await expect.poll(() => theme(page)).toBe('dark');
    await page.screenshot({ path: join('test-results', 'preferences-dark.png') });
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.close();
    await first.stop();

    const second = await start();
    expect(second.origin).not.toBe(first.origin);
    const again = await open(second);
    await expect.poll(() => theme(again)).toBe('dark');
    await again.getByTestId('preferences-button').click();
    const reopened = again.getByTestId('preferences');
    await reopened.waitFor();
    expect(await reopened.getByTestId('pref-nic-model').inputValue()).toBe('e1000e');
    expect(await reopened.getByTestId('pref-host-key').inputValue()).toBe('accept-new');
    expect(await reopened.getByTestId('pref-skip-preview').isChecked()).toBe(false);
    expect(await reopened.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true);
    expect(await reopened.getByTestId('pref-confirm-close').isChecked()).toBe(true);
    await again.close();
  });
});

describe('closing or reloading the tab', () => {
  let server: WebServer;
  beforeAll(async () => {
    server = servers.at(-1) ?? (await start());
  });

  it('asks with unsaved changes; staying keeps them', async () => {
    const page = await open(server);
    await dragANode(page);
    expect(await leavingAsks(page, 'stay')).toBe(true);
    expect(await page.title()).toBe('• Demo — VirtWire');
    expect(await leavingAsks(page, 'leave')).toBe(true);
    expect(page.url()).toBe('about:blank');
    await page.close();
  });

  it('does not ask without them', async () => {
    const page = await open(server);
    // the user has used the page (Chromium asks only then), but changed nothing
    await page.getByRole('button', { name: 'File' }).click();
    await page.keyboard.press('Escape');
    expect(await leavingAsks(page)).toBe(false);
    expect(page.url()).toBe('about:blank');
    await page.close();
  });

  it('does not ask when "Ask before closing with unsaved changes" is off', async () => {
    const page = await open(server);
    await page.keyboard.press('Control+,');
    await page.getByTestId('pref-confirm-close').uncheck();
    await expect.poll(() => storedPreferences().preferences.confirmBeforeClose).toBe(false);
    await page.getByTestId('preferences').getByRole('button', { name: 'Done' }).click();
    await dragANode(page);
    expect(await leavingAsks(page)).toBe(false);
    expect(page.url()).toBe('about:blank');
    await page.close();
  });
});
