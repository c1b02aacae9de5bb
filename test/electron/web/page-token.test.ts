// The page side of browser mode's token (renderer/transport): taken from the page's own
// address, dropped from it, kept in the tab; and a call too large for the server's socket
// limit refused in the page instead of costing the connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createDispatcher } from '../../../electron/api/dispatch.ts';
import { createServices } from '../../../electron/services/index.ts';
import { startWebServer, type WebServer } from '../../../electron/web/server.ts';
import { MAX_MESSAGE_BYTES as SERVER_MAX } from '../../../electron/web/socket-api.ts';
import { pageToken, socketUrl } from '../../../renderer/transport/index.ts';
import { bridgeFrom } from '../../../renderer/transport/proxy.ts';
import { MAX_MESSAGE_BYTES, SocketTransport } from '../../../renderer/transport/socket.ts';
import { ApiError } from '../../../shared/errors.ts';

function fakePage(href: string) {
  const url = new URL(href);
  const stored = new Map<string, string>();
  const replaced: string[] = [];
  const location = { search: url.search, pathname: url.pathname, hash: url.hash, host: url.host, protocol: url.protocol } as Location;
  const history = { state: null, replaceState: (_s: unknown, _t: string, to: string) => replaced.push(to) } as unknown as History;
  const storage = { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => stored.set(k, v) } as unknown as Storage;
  return { location, history, storage, stored, replaced };
}

describe('the page keeps its token', () => {
  it('takes it from the address, drops it from the address bar and keeps it in the tab', () => {
    const page = fakePage('http://127.0.0.1:4000/?token=s3cret&view=x#top');
    expect(pageToken(page.location, page.history, page.storage)).toBe('s3cret');
    expect(page.replaced).toEqual(['/?view=x#top']);
    expect([...page.stored.values()]).toEqual(['s3cret']);
    expect(socketUrl(page.location, 's3cret')).toBe('ws://127.0.0.1:4000/api?token=s3cret');
  });

  it('uses the kept one when the address has none (a reload), and works without storage', () => {
    const first = fakePage('http://127.0.0.1:4000/?token=kept');
    pageToken(first.location, first.history, first.storage);
    const reload = { ...fakePage('http://127.0.0.1:4000/'), storage: first.storage };
    expect(pageToken(reload.location, reload.history, reload.storage)).toBe('kept');
    expect(reload.replaced).toEqual([]);
    const bare = fakePage('http://127.0.0.1:4000/?token=t');
    expect(pageToken(bare.location, bare.history, null)).toBe('t');
    expect(bare.replaced).toEqual(['/']);
  });
});

describe('a call too large for the socket', () => {
  let server: WebServer;
  beforeAll(async () => {
    const services = createServices({
      info: { name: 'VirtWire', version: '0.1.0', mode: 'browser', platform: 'linux' },
      configDir: '/nonexistent-virtwire-config',
      initialFile: null,
    });
    server = await startWebServer({ dispatcher: createDispatcher(services), rendererDir: '/nonexistent-ui' });
  });
  afterAll(() => server.close());

  it('is refused in the page with invalid-input, and the connection goes on', async () => {
    expect(MAX_MESSAGE_BYTES).toBe(SERVER_MAX);
    const api = bridgeFrom(
      new SocketTransport(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, (u) => new WebSocket(u) as unknown as globalThis.WebSocket),
    );
    await expect(api.app.getInfo({})).resolves.toMatchObject({ mode: 'browser' });
    const error = await api.files.openText({ name: 'big.json', text: 'é'.repeat(MAX_MESSAGE_BYTES / 2) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/too large/) });
    await expect(api.app.getInfo({})).resolves.toMatchObject({ mode: 'browser' });
  });
});
