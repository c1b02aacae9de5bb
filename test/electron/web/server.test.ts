import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createDispatcher } from '../../../electron/api/dispatch.ts';
import { createServices } from '../../../electron/services/index.ts';
import { startWebServer, type WebServer } from '../../../electron/web/server.ts';
import type { ServerMessage } from '../../../shared/api/wire.ts';

let dir: string;
let server: WebServer;
let origin: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'virtwire-web-'));
  await mkdir(join(dir, 'ui', 'assets'), { recursive: true });
  await writeFile(join(dir, 'ui', 'index.html'), '<!doctype html><title>ui</title>');
  await writeFile(join(dir, 'ui', 'assets', 'app.js'), 'export {};');
  await writeFile(join(dir, 'secret.txt'), 'outside the UI');
  const services = createServices({
    info: { name: 'VirtWire', version: '0.1.0', mode: 'browser', platform: 'linux' },
    configDir: join(dir, 'config'),
    initialFile: null,
  });
  server = await startWebServer({ dispatcher: createDispatcher(services), rendererDir: join(dir, 'ui') });
  origin = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** Resolves to the socket once open, or to the HTTP status the server refused it with. */
function connect(url: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', reject);
  });
}

function nextMessage(socket: WebSocket): Promise<ServerMessage> {
  return new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)) as ServerMessage)));
}

describe('browser-mode server', () => {
  it('listens on loopback only and prints its token in the URL', () => {
    expect(server.url).toBe(`${origin}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it.each([
    ['no token', '/'],
    ['a wrong token', '/?token=wrong'],
    ['a token one character short', () => `/?token=${server.token.slice(1)}`],
    ['an asset without token', '/assets/app.js'],
  ])('answers a request with %s by a bare 401', async (_what, path) => {
    const res = await fetch(origin + (typeof path === 'function' ? path() : path));
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('Unauthorized\n');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('serves the page with the token, with a strict CSP and the token cookie', async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>ui</title>');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self';/);
    expect(res.headers.get('set-cookie')).toMatch(/^virtwire_token=.*HttpOnly; SameSite=Strict/);
  });

  it('serves assets to the cookie and nothing outside the UI folder', async () => {
    const cookie = { cookie: `virtwire_token=${server.token}` };
    expect((await fetch(`${origin}/assets/app.js`, { headers: cookie })).headers.get('content-type')).toMatch(/javascript/);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/missing.js']) {
      expect((await fetch(`${origin}${path}`, { headers: cookie })).status).toBe(404);
    }
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
  });

  it('refuses a socket without the token, with a wrong one, or from another site', async () => {
    expect(await connect(`ws://127.0.0.1:${server.port}/api`)).toBe(401);
    expect(await connect(`ws://127.0.0.1:${server.port}/api?token=wrong`)).toBe(401);
    expect(await connect(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, { origin: 'https://evil.example' })).toBe(401);
  });

  it('carries API calls and events over a socket with the token', async () => {
    const socket = await connect(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, { origin });
    if (typeof socket === 'number') throw new Error(`refused with ${socket}`);
    socket.send(JSON.stringify({ type: 'call', id: 7, method: 'app.getInfo', arg: {} }));
    expect(await nextMessage(socket)).toMatchObject({ type: 'result', id: 7, ok: true, value: { mode: 'browser' } });
    socket.send(JSON.stringify({ type: 'call', id: 8, method: 'files.delete', arg: {} }));
    expect(await nextMessage(socket)).toMatchObject({ type: 'result', id: 8, ok: false, error: { code: 'invalid-input' } });
    const event = nextMessage(socket);
    server.broadcast('app.onDidInvokeMenu', { command: 'fit' });
    expect(await event).toEqual({ type: 'event', event: 'app.onDidInvokeMenu', payload: { command: 'fit' } });
    socket.close();
  });

  it('accepts the socket on the cookie alone', async () => {
    const socket = await connect(`ws://127.0.0.1:${server.port}/api`, { cookie: `virtwire_token=${server.token}` });
    expect(socket).toBeInstanceOf(WebSocket);
    (socket as WebSocket).close();
  });
});
