// The soak's renderer: the real UI (out/renderer) in browser mode, served by the same services
// the soak keeps connected to the lab, in headless Chromium. It measures what the user sees:
// when the graph first shows a change, and the page's JavaScript heap after a forced collection.
import type { Browser, CDPSession, Page } from 'playwright-core';
import { createDispatcher } from '../../electron/api/dispatch.ts';
import { RENDERER_DIR } from '../../electron/cli/paths.ts';
import { startWebServer, type WebServer } from '../../electron/web/server.ts';
import type { ApiEventName, ApiEvents, VirtWireApi } from '../../shared/api/index.ts';
import { defineKeepNamesHelper } from '../bench/graph-page.ts';
import { launchChromium } from '../e2e/harness.ts';

/** What the page's graph must show: a NIC with this MAC (or none), a network started or stopped. */
export type Shows = { nic: string; present: boolean } | { network: string; active: boolean };

export interface SoakPage {
  /** passes a backend event on to the page */
  broadcast<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void;
  /** opens the page once the backend is connected; resolves when its graph shows the host's objects */
  open(): Promise<void>;
  /** starts watching, every frame, for the graph to show `shows`; resolves to the time (ms since the epoch) of the first frame that did */
  watch(shows: Shows, timeoutMs: number): Promise<number>;
  /** the page's JS heap in use after a forced garbage collection, in bytes */
  heapUsed(): Promise<number>;
  /** errors the page threw */
  errors: string[];
  close(): Promise<void>;
}

interface CyElement {
  data(key: string): unknown;
}
interface CyLike {
  nodes(): { length: number; some(f: (n: CyElement) => boolean): boolean };
  edges(): { some(f: (e: CyElement) => boolean): boolean };
}

export async function soakPage(api: VirtWireApi): Promise<SoakPage> {
  const server: WebServer = await startWebServer({ dispatcher: createDispatcher(api), rendererDir: RENDERER_DIR });
  const browser: Browser = await launchChromium();
  const page: Page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await defineKeepNamesHelper(page);
  let cdp: CDPSession | null = null;

  return {
    broadcast: (event, payload) => server.broadcast(event, payload),
    errors,
    async open() {
      await page.goto(server.url);
      await page.waitForFunction(() => {
        const cy = (document.querySelector('[data-testid="graph"]') as { _cyreg?: { cy?: CyLike } } | null)?._cyreg?.cy;
        return (cy?.nodes().length ?? 0) > 10;
      }, undefined, { timeout: 60_000 });
      cdp = await page.context().newCDPSession(page);
    },
    async watch(shows, timeoutMs) {
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
      return (await handle.jsonValue()) as number;
    },
    async heapUsed() {
      if (!cdp) throw new Error('the page is not open');
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      return usedSize;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
