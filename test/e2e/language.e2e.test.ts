// The UI in the system's language, in real Chromium against `virtwire web` on the demo: a
// browser whose language is Traditional Chinese gets the Chinese catalogue (screenshot in
// test-results/ui-zh-TW.png), an English one the English catalogue.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, ROOT, startWebServer, type WebServer } from './harness.ts';

const RESULTS = join(ROOT, 'test-results');

let server: WebServer;
let browser: Browser;

async function openIn(locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(
    () => ((document.querySelector('[data-testid="graph"]') as { _cyreg?: { cy: { nodes(): { length: number } } } } | null)?._cyreg?.cy.nodes().length ?? 0) > 0,
    undefined,
    { timeout: 15_000 },
  );
  return page;
}

const tabs = (page: Page): Promise<string[]> => page.getByRole('tab').allTextContents();

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  server = await startWebServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the UI in the system language', () => {
  it('speaks Traditional Chinese to a zh-TW browser', async () => {
    const page = await openIn('zh-TW');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-TW');
    expect((await tabs(page)).map((t) => t.trim())).toEqual(['大綱', '主機', '變更']);
    const status = await page.locator('footer.status-bar').innerText();
    expect(status).toMatch(/\d+ 個物件 · \d+ 條連結/);
    expect(await page.getByRole('navigation', { name: '大綱' }).getByRole('heading').innerText()).toBe('大綱');
    expect(await page.getByPlaceholder('搜尋物件').count()).toBe(1);
    // the outline's states and notes too, not the host's English words
    const row = (name: string) => page.getByTestId('outline').getByRole('option', { name: new RegExp(`^${name}\\b`) });
    expect(await row('centos7').locator('.state').innerText()).toBe('執行中');
    expect(await row('tester').locator('.note').innerText()).toBe('重新開機後消失');
    expect(await row('lab-net').locator('.note').innerText()).toBe('網路');
    await page.screenshot({ path: join(RESULTS, 'ui-zh-TW.png') });
    await page.context().close();
  });

  it('speaks English to an English browser', async () => {
    const page = await openIn('en-GB');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect((await tabs(page)).map((t) => t.trim())).toEqual(['Outline', 'Hosts', 'Changes']);
    expect(await page.locator('footer.status-bar').innerText()).toMatch(/\d+ objects · \d+ links/);
    await page.context().close();
  });
});

describe('the language chosen in Preferences', () => {
  const topBar = (page: Page) => page.locator('header.top-bar');
  const hostsPanel = (page: Page) => page.getByTestId('hosts-panel');

  it('switches the whole page at once, without a reload, and back', async () => {
    const page = await openIn('en-GB');
    await page.getByRole('tab', { name: /Hosts/ }).click();
    await hostsPanel(page).waitFor();
    const loaded = await page.evaluate(() => performance.timeOrigin);

    await page.keyboard.press('Control+,');
    const dialog = page.getByTestId('preferences');
    await dialog.waitFor();
    expect(await dialog.getByTestId('pref-language').locator('option').allTextContents()).toEqual(['Follow the system', 'English', '繁體中文']);
    await dialog.getByTestId('pref-language').selectOption({ label: '繁體中文' });

    // The dialog itself, the top bar, the side tabs and the Hosts panel, all at once.
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-TW');
    expect(await dialog.getByText('語言', { exact: true }).count()).toBe(1);
    expect(await dialog.getByTestId('pref-language').locator('option').allTextContents()).toEqual(['跟隨系統', 'English', '繁體中文']);
    await dialog.getByRole('button', { name: '完成' }).click();
    expect((await tabs(page)).map((t) => t.trim())).toEqual(['大綱', '主機', '變更']);
    expect(await topBar(page).getByRole('button', { name: '檔案' }).count()).toBe(1);
    expect(await topBar(page).getByRole('button', { name: '開啟', exact: true }).count()).toBe(1);
    expect(await topBar(page).getByRole('radio', { name: '邏輯' }).count()).toBe(1);
    expect(await topBar(page).getByRole('button', { name: '偏好設定' }).getAttribute('title')).toBe('偏好設定（Ctrl+,）');
    expect(await hostsPanel(page).getByRole('button', { name: '新增' }).count()).toBe(1);
    expect(await hostsPanel(page).getByText('還沒有主機。').count()).toBe(1);
    expect(await page.locator('footer.status-bar').innerText()).toMatch(/\d+ 個物件 · \d+ 條連結/);
    await page.screenshot({ path: join(RESULTS, 'ui-chosen-zh-TW.png') });

    await page.keyboard.press('Control+,');
    await dialog.waitFor();
    await dialog.getByTestId('pref-language').selectOption({ label: 'English' });
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await dialog.getByRole('button', { name: 'Done' }).click();
    expect((await tabs(page)).map((t) => t.trim())).toEqual(['Outline', 'Hosts', 'Changes']);
    expect(await topBar(page).getByRole('button', { name: 'File' }).count()).toBe(1);
    expect(await hostsPanel(page).getByText('No hosts yet.').count()).toBe(1);
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(loaded);

    // Back to following the system, as the other tests of this server expect.
    await page.keyboard.press('Control+,');
    await dialog.getByTestId('pref-language').selectOption('system');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.context().close();
  });
});
