import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect as netConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createDispatcher, type Dispatcher } from '../../../electron/api/dispatch.ts';
import { createServices } from '../../../electron/services/index.ts';
import { startWebServer, type WebServer } from '../../../electron/web/server.ts';
import { MAX_CALLS_IN_FLIGHT, MAX_MESSAGE_BYTES } from '../../../electron/web/socket-api.ts';
import type { ServerMessage } from '../../../shared/api/wire.ts';

let dir: string;
let server: WebServer;
let origin: string;
let host: string;

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
  host = `127.0.0.1:${server.port}`;
  origin = `http://${host}`;
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

async function open(s: WebServer = server, headers: Record<string, string> = {}): Promise<WebSocket> {
  const socket = await connect(`ws://127.0.0.1:${s.port}/api?token=${s.token}`, headers);
  if (typeof socket === 'number') throw new Error(`refused with ${socket}`);
  return socket;
}

function nextMessage(socket: WebSocket): Promise<ServerMessage> {
  return new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)) as ServerMessage)));
}

function closed(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
}

/** The server still serves: the page over HTTP and a call over a fresh socket. */
async function stillServing(s: WebServer = server): Promise<void> {
  expect((await fetch(s.url)).status).toBe(s === server ? 200 : 404);
  const socket = await open(s);
  socket.send(JSON.stringify({ type: 'call', id: 1, method: 'app.getInfo', arg: {} }));
  expect(await nextMessage(socket)).toMatchObject({ type: 'result', id: 1 });
  socket.close();
}

interface RawExchange {
  socket: Socket;
  /** everything the server sent until it closed the connection */
  done: Promise<Buffer>;
}

/** A raw TCP connection to the server that sends `text`, collecting the answer until close. */
function raw(text: string | Buffer, port = server.port): RawExchange {
  const socket = netConnect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not close the connection')), 5_000);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
  });
  socket.write(text);
  return { socket, done };
}

const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
function upgradeRequest(target: string, hostHeader: string, extra = ''): string {
  return `GET ${target} HTTP/1.1\r\nHost: ${hostHeader}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`;
}

/** A raw socket through the handshake, ready for hand-made frames. */
async function handshaken(): Promise<{ socket: Socket; done: Promise<Buffer>; answer: Promise<string> }> {
  const { socket, done } = raw(upgradeRequest(`/api?token=${server.token}`, host));
  const answer = new Promise<string>((resolve) => socket.once('data', (c: Buffer) => resolve(c.toString('latin1'))));
  expect(await answer).toMatch(/^HTTP\/1\.1 101 /);
  return { socket, done, answer };
}

/** A masked client frame; `length` may claim more than `payload` holds. */
function frame(opcode: number, payload: Buffer, length = payload.length): Buffer {
  const mask = Buffer.from([1, 2, 3, 4]);
  const head =
    length < 126
      ? Buffer.from([0x80 | opcode, 0x80 | length])
      : Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | 127]), (() => {
          const b = Buffer.alloc(8);
          b.writeBigUInt64BE(BigInt(length));
          return b;
        })()]);
  const body = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([head, mask, body]);
}

/** A plain HTTP GET with headers fetch would not let us set (Host). */
function get(path: string, headers: Record<string, string>): Promise<{ status: number; setCookie: string[] | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie'] }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser-mode server', () => {
  it('listens on loopback only and prints its token in the URL', () => {
    expect(server.url).toBe(`${origin}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('serves the document with the token, and its scripts and styles without any credential, never setting a cookie', async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>ui</title>');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self';/);
    expect(res.headers.get('set-cookie')).toBeNull();
    for (const path of ['/assets/app.js', '/resume-token.js']) {
      const asset = await fetch(`${origin}${path}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      expect(asset.headers.get('set-cookie')).toBeNull();
    }
  });

  it.each([
    ['no token', '/'],
    ['no token', '/index.html'],
    ['a wrong token', '/?token=wrong'],
    ['a token one character short', () => `/?token=${server.token.slice(1)}`],
  ])('answers the document with %s by a 401 that only resumes a kept token', async (_what, path) => {
    const res = await fetch(origin + (typeof path === 'function' ? path() : path));
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(text).not.toContain('<title>ui</title>');
    expect(text).toContain('<script src="/resume-token.js"></script>');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('answers a plain request for the socket path with 401, or 426 with the token', async () => {
    expect((await fetch(`${origin}/api`)).status).toBe(401);
    expect((await fetch(`${origin}/api?token=${server.token}`)).status).toBe(426);
  });

  it('serves nothing outside the UI folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/missing.js']) {
      expect((await fetch(`${origin}${path}`)).status).toBe(404);
    }
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
  });

  it('refuses a socket without the token, with a wrong one, or on a cookie', async () => {
    expect(await connect(`ws://127.0.0.1:${server.port}/api`)).toBe(401);
    expect(await connect(`ws://127.0.0.1:${server.port}/api?token=wrong`)).toBe(401);
    expect(await connect(`ws://127.0.0.1:${server.port}/api`, { cookie: `virtwire_token=${server.token}` })).toBe(401);
  });

  it('accepts socket Origins that are exactly the page’s own origin', async () => {
    const url = `ws://127.0.0.1:${server.port}/api?token=${server.token}`;
    for (const other of ['https://evil.example', `http://localhost:${server.port}`, `http://127.0.0.1:${server.port + 1}`, 'null', `https://${host}`]) {
      expect(await connect(url, { origin: other })).toBe(401);
    }
    const socket = await open(server, { origin });
    socket.close();
  });

  it.each([
    ['a DNS-rebound name', (p: number) => `evil.example:${p}`],
    ['localhost', (p: number) => `localhost:${p}`],
    ['another port', (p: number) => `127.0.0.1:${p + 1}`],
    ['no port', () => '127.0.0.1'],
  ])('refuses a page or a socket whose Host is %s', async (_what, hostOf) => {
    const wrong = hostOf(server.port);
    const page = await get('/', { host: wrong });
    expect(page.status).toBe(403);
    expect((await get('/assets/app.js', { host: wrong })).status).toBe(403);
    const answer = (await raw(upgradeRequest(`/api?token=${server.token}`, wrong, `Origin: ${origin}\r\n`)).done).toString();
    expect(answer).toMatch(/^HTTP\/1\.1 403 /);
    expect(answer).not.toContain('101 Switching');
  });

  it('carries API calls and events over a socket with the token', async () => {
    const socket = await open(server, { origin });
    socket.send(JSON.stringify({ type: 'call', id: 7, method: 'app.getInfo', arg: {} }));
    expect(await nextMessage(socket)).toMatchObject({ type: 'result', id: 7, ok: true, value: { mode: 'browser' } });
    socket.send(JSON.stringify({ type: 'call', id: 8, method: 'files.delete', arg: {} }));
    expect(await nextMessage(socket)).toMatchObject({ type: 'result', id: 8, ok: false, error: { code: 'invalid-input' } });
    const event = nextMessage(socket);
    server.broadcast('app.onDidInvokeMenu', { command: 'fit' });
    expect(await event).toEqual({ type: 'event', event: 'app.onDidInvokeMenu', payload: { command: 'fit' } });
    socket.close();
  });
});

describe('browser-mode server against hostile clients', () => {
  it.each([
    ['//[/', 'this server'],
    ['//[/api?token=x', 'this server'],
    ['http://[/api', 'this server'],
    ['http://evil.example/api', 'this server'],
    ['*', 'this server'],
    ['/api?token=x', '[::'],
    ['/api?token=x', 'a:b:c'],
  ])('answers an upgrade to %s (Host %s) with 400 and closes, and goes on serving', async (target, hostHeader) => {
    const request = upgradeRequest(target.replace('token=x', `token=${server.token}`), hostHeader === 'this server' ? host : hostHeader);
    const answer = (await raw(request).done).toString();
    expect(answer).toMatch(/^HTTP\/1\.1 (400|403) /);
    await stillServing();
  });

  it('answers a plain request with a malformed target with 400', async () => {
    const answer = (await raw(`GET //[/ HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`).done).toString();
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    await stillServing();
  });

  it('closes a socket that sends invalid UTF-8, and goes on serving', async () => {
    const { socket, done } = await handshaken();
    socket.write(frame(0x1, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])));
    const rest = await done;
    // the server's close frame carries 1007 (invalid frame payload data)
    expect(rest.includes(Buffer.from([0x03, 0xef]))).toBe(true);
    await stillServing();
  });

  it(`closes a socket whose frame is larger than ${MAX_MESSAGE_BYTES} bytes (1009), and goes on serving`, async () => {
    expect(MAX_MESSAGE_BYTES).toBeLessThanOrEqual(4 * 1024 * 1024);
    const big = await open(server);
    const code = closed(big);
    big.send(JSON.stringify({ type: 'call', id: 1, method: 'files.openText', arg: { name: 'x.json', text: 'x'.repeat(MAX_MESSAGE_BYTES) } }));
    expect(await code).toBe(1009);
    // a frame header alone announcing 200 MiB
    const { socket, done } = await handshaken();
    socket.write(frame(0x1, Buffer.from('{}'), 200 * 1024 * 1024).subarray(0, 14));
    await done;
    await stillServing();
  });

  it('survives sockets reset in the middle of a handshake, a refusal and a connection', async () => {
    const half = raw(`GET /api?token=${server.token} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\n`);
    half.socket.resetAndDestroy();
    const refused = raw(upgradeRequest('/api?token=wrong', host));
    refused.socket.resetAndDestroy();
    const { socket } = await handshaken();
    socket.write(frame(0x1, Buffer.from('{"type":"call","id":1,"method":"app.getInfo","arg":{}}')));
    socket.resetAndDestroy();
    await new Promise((r) => setTimeout(r, 100));
    await stillServing();
  });

  it('ignores binary frames and messages that are not calls', async () => {
    const socket = await open(server);
    socket.send(Buffer.from([0, 1, 2]), { binary: true });
    socket.send('not json');
    socket.send('{"type":"call","id":"x"}');
    socket.send(JSON.stringify({ type: 'nonsense', id: 3 }));
    expect(await nextMessage(socket)).toMatchObject({ id: 3, ok: false, error: { code: 'invalid-input' } });
    socket.close();
  });
});

describe('browser-mode server under a flood of calls', () => {
  let slow: WebServer;
  let running = 0;
  let most = 0;
  const dispatcher: Dispatcher = {
    async call(method) {
      if (method === 'boom.now') throw new Error('the dispatcher threw');
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 20));
      running--;
      return { ok: true, value: method };
    },
  } as Dispatcher;

  beforeAll(async () => {
    slow = await startWebServer({ dispatcher, rendererDir: join(dir, 'none') });
  });
  afterAll(() => slow.close());

  it(`answers every one of 1,000 calls sent at once, running at most ${MAX_CALLS_IN_FLIGHT} at a time`, async () => {
    const socket = await open(slow);
    const results = new Map<number, ServerMessage>();
    const all = new Promise<void>((resolve) =>
      socket.on('message', (data) => {
        const m = JSON.parse(String(data)) as ServerMessage & { id: number };
        results.set(m.id, m);
        if (results.size === 1000) resolve();
      }),
    );
    for (let id = 1; id <= 1000; id++) socket.send(JSON.stringify({ type: 'call', id, method: 'app.getInfo', arg: {} }));
    await all;
    expect(most).toBeLessThanOrEqual(MAX_CALLS_IN_FLIGHT);
    const values = [...results.values()];
    const refused = values.filter((v) => v.type === 'result' && !v.ok);
    expect(values.filter((m) => m.type === 'result' && m.ok).length).toBeGreaterThanOrEqual(MAX_CALLS_IN_FLIGHT);
    expect(refused.length).toBeGreaterThan(0);
    for (const m of values.filter((v) => v.type === 'result' && !v.ok)) {
      expect(m).toMatchObject({ ok: false, error: { code: 'cancelled', message: expect.stringMatching(/Too many calls/) } });
    }
    // the connection is still good once the flood has drained
    socket.send(JSON.stringify({ type: 'call', id: 5000, method: 'app.getInfo', arg: {} }));
    expect(await nextMessage(socket)).toMatchObject({ id: 5000, ok: true });
    socket.close();
    await stillServing(slow);
  });

  it('answers a call the dispatcher throws on with an internal error', async () => {
    const socket = await open(slow);
    socket.send(JSON.stringify({ type: 'call', id: 9, method: 'boom.now', arg: {} }));
    expect(await nextMessage(socket)).toMatchObject({ type: 'result', id: 9, ok: false, error: { code: 'internal' } });
    socket.close();
  });
});
