// The soak's browser, in a process of its own so that the soak's memory figures are the
// backend's alone (test/lab/soak-page.ts forks it): headless Chromium with the UI served by the
// backend, answering the soak's questions over IPC — open the page, watch the graph for a change,
// the page's JS heap after a forced collection.
import type { CDPSession, Page } from 'playwright-core';
import { defineKeepNamesHelper } from '../bench/graph-page.ts';
import { launchChromium } from '../e2e/harness.ts';
import type { BrowserAnswer, BrowserAsk, Shows } from './soak-page.ts';

interface CyElement {
  data(key: string): unknown;
}
interface CyLike {
  nodes(): { length: number; some(f: (n: CyElement) => boolean): boolean };
  edges(): { some(f: (e: CyElement) => boolean): boolean };
}

const browser = await launchChromium();
const page: Page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
const errors: string[] = [];
page.on('pageerror', (e) => errors.push(e.message));
await defineKeepNamesHelper(page);
let cdp: CDPSession | null = null;

async function open(url: string): Promise<null> {
  await page.goto(url);
  await page.waitForFunction(() => {
    const cy = (document.querySelector('[data-testid="graph"]') as { _cyreg?: { cy?: CyLike } } | null)?._cyreg?.cy;
    return (cy?.nodes().length ?? 0) > 10;
  }, undefined, { timeout: 60_000 });
  cdp = await page.context().newCDPSession(page);
  return null;
}

/** The time (ms since the epoch) of the first animation frame in which the graph shows `shows`. */
async function watch(shows: Shows, timeoutMs: number): Promise<number> {
  const handle = await page.waitForFunction(
    (want: Shows) => {
      const cy = (document.querySelector('[data-testid="graph"]') as { _cyreg?: { cy?: CyLike } } | null)?._cyreg?.cy;
      if (!cy) return false;
      const ok =
        'nic' in want
          ? cy.edges().some((e) => String(e.data('link')).endsWith(`#${want.nic}`)) === want.present
          : cy.nodes().some((n) => n.data('kind') === 'network' && n.data('label') === want.network && n.data('status') === (want.active ? 'ok' : 'off'));
      return ok ? Date.now() : false;
    },
    shows,
    { polling: 'raf', timeout: timeoutMs },
  );
  try {
    return (await handle.jsonValue()) as number;
  } finally {
    await handle.dispose();
  }
}

async function heapUsed(): Promise<number> {
  if (!cdp) throw new Error('the page is not open');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

async function answer(ask: BrowserAsk): Promise<unknown> {
  switch (ask.cmd) {
    case 'open':
      return open(ask.url);
    case 'watch':
      return watch(ask.shows, ask.timeoutMs);
    case 'heap':
      return heapUsed();
    case 'errors':
      return errors;
    case 'close':
      await browser.close();
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (ask: BrowserAsk) => {
  void answer(ask).then(
    (value) => process.send!({ id: ask.id, ok: true, value } satisfies BrowserAnswer),
    (e: unknown) => process.send!({ id: ask.id, ok: false, error: e instanceof Error ? e.message : String(e) } satisfies BrowserAnswer),
  );
});
process.send!({ id: 0, ok: true, value: 'ready' } satisfies BrowserAnswer);
