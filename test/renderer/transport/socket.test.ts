// The browser-mode transport against the real server, with `ws` standing in for the
// browser's WebSocket (same event API).
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createDispatcher, type Dispatcher } from '../../../electron/api/dispatch.ts';
import { createServices } from '../../../electron/services/index.ts';
import { startWebServer, type WebServer } from '../../../electron/web/server.ts';
import { ApiError } from '../../../shared/errors.ts';
import { demoTopology } from '../../../shared/topology/demo.ts';
import { bridgeFrom } from '../../../renderer/transport/proxy.ts';
import { SocketTransport } from '../../../renderer/transport/socket.ts';

const servers: WebServer[] = [];

function realDispatcher(): Dispatcher {
  const services = createServices({
    info: { name: 'VirtWire', version: '0.1.0', mode: 'browser', platform: 'linux' },
    configDir: '/nonexistent-virtwire-config',
    initialFile: null,
  });
  return createDispatcher(services);
}

async function serve(dispatcher: Dispatcher, port = 0, token?: string): Promise<WebServer> {
  const server = await startWebServer({ dispatcher, rendererDir: '/nonexistent-ui', port, token });
  servers.push(server);
  return server;
}

function bridgeTo(server: WebServer) {
  const url = `ws://127.0.0.1:${server.port}/api?token=${server.token}`;
  return bridgeFrom(new SocketTransport(url, (u) => new WebSocket(u) as unknown as globalThis.WebSocket));
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('browser-mode transport', () => {
  it('calls the API and turns error envelopes back into ApiErrors', async () => {
    const api = bridgeTo(await serve(realDispatcher()));
    await expect(api.app.getInfo({})).resolves.toMatchObject({ mode: 'browser' });
    const error = await api.files.open({ path: '/etc/passwd' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'permission', message: expect.stringMatching(/does not open \/etc\/passwd/) });
  });

  it('cannot read or write a file the user did not choose, whatever path a page names', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'virtwire-socket-'));
    try {
      const api = bridgeTo(await serve(realDispatcher()));
      const target = join(dir, 'bashrc');
      await writeFile(target, 'keep');
      for (const path of [target, join(dir, 'new.json')]) {
        const error = await api.files.save({ path, topology: demoTopology() }).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'permission' });
      }
      expect(await readFile(target, 'utf8')).toBe('keep');
      expect(await readdir(dir)).toEqual(['bashrc']);
      await expect(api.files.open({ path: target }).catch((e: unknown) => e)).resolves.toMatchObject({ code: 'permission' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('delivers pushed events to listeners until disposed', async () => {
    const server = await serve(realDispatcher());
    const api = bridgeTo(server);
    await api.app.getInfo({});
    const seen: unknown[] = [];
    const dispose = api.on('app.onDidInvokeMenu', (payload) => seen.push(payload));
    server.broadcast('app.onDidInvokeMenu', { command: 'fit' });
    await expect.poll(() => seen).toEqual([{ command: 'fit' }]);
    dispose();
    server.broadcast('app.onDidInvokeMenu', { command: 'save' });
    await api.app.getInfo({});
    expect(seen).toEqual([{ command: 'fit' }]);
  });

  it('fails a call in flight with disconnected when the server goes, and reconnects when it is back', async () => {
    const never: Dispatcher = { call: () => new Promise(() => {}) };
    const first = await serve(never);
    const api = bridgeTo(first);
    const inFlight = api.app.getInfo({}).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    servers.splice(servers.indexOf(first), 1);
    await first.close();
    expect(await inFlight).toMatchObject({ code: 'disconnected' });

    await serve(realDispatcher(), first.port, first.token);
    await expect.poll(() => api.app.getInfo({}).then((i) => i.mode, () => 'failed'), { timeout: 5_000 }).toBe('browser');
  });
});
