// Browser mode's token stays with the page: it is read from the printed address, dropped from
// the address bar, presented on the API socket and never put in a cookie — cookies are not
// scoped by port, so another server on 127.0.0.1 would receive it.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphNodes, launchChromium, startWebServer, type WebServer } from './harness.ts';

let server: WebServer;
let token: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let other: Server;
let otherOrigin: string;
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = await startWebServer();
  token = new URL(server.url).searchParams.get('token')!;
  other = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>another local site</title>');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((resolve) => other?.close(resolve));
});

describe('the browser-mode token', () => {
  it('opens the app from the printed address and draws the demo topology over the socket', async () => {
    expect(token.length).toBeGreaterThanOrEqual(40);
    await page.goto(server.url);
    await expect.poll(async () => (await graphNodes(page)).length, { timeout: 20_000 }).toBeGreaterThan(0);
  });

  it('drops the token from the address bar and keeps it out of cookies', async () => {
    expect(page.url()).toBe(`${server.origin}/`);
    expect(page.url()).not.toContain(token);
    const cookies = await context.cookies();
    expect(cookies.filter((c) => c.value.includes(token) || c.name.includes('token'))).toEqual([]);
  });

  it('still works after a reload, with the token kept by the tab', async () => {
    // the bare address answers 401 with a script that puts back the token the tab kept
    await page.reload();
    await expect.poll(async () => (await graphNodes(page).catch(() => [])).length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(page.url()).toBe(`${server.origin}/`);
    // an API call on a socket of the page's own, with the token the tab kept
    const info = await page.evaluate(
      () =>
        new Promise<unknown>((resolve, reject) => {
          const kept = sessionStorage.getItem('virtwire.token') ?? '';
          const socket = new WebSocket(`ws://${location.host}/api?token=${encodeURIComponent(kept)}`);
          socket.onopen = () => socket.send(JSON.stringify({ type: 'call', id: 1, method: 'app.getInfo', arg: {} }));
          socket.onmessage = (e) => {
            resolve(JSON.parse(String(e.data)));
            socket.close();
          };
          socket.onerror = () => reject(new Error('the socket was refused'));
        }),
    );
    expect(info).toMatchObject({ type: 'result', id: 1, ok: true, value: { mode: 'browser' } });
  });

  it('sends no cookie carrying the token to another server on 127.0.0.1', async () => {
    await page.goto(`${otherOrigin}/visit`);
    await expect(page.title()).resolves.toBe('another local site');
    // the other site's own page loading a subresource from itself, with credentials
    await page.evaluate(() => fetch('/fetched', { credentials: 'include' }).then((r) => r.text()));
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (const headers of seen) {
      expect(headers.cookie ?? '').not.toContain(token);
      expect(JSON.stringify(headers)).not.toContain(token);
    }
  });

  it('gives a page without the token nothing from the API', async () => {
    const fresh = await context.newPage();
    await fresh.goto(`${server.origin}/`);
    await fresh.waitForTimeout(1_500);
    expect((await graphNodes(fresh).catch(() => [])).length).toBe(0);
    await fresh.close();
  });
});
