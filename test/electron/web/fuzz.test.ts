// Fuzzing what a hostile page or file can feed VirtWire: random bytes and random JSON to the
// topology file reader, and random messages and API calls to the browser-mode socket. Whatever
// comes in, the answer is a structured error (never a raw exception), and the server stays up.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createDispatcher } from '../../../electron/api/dispatch.ts';
import { createServices } from '../../../electron/services/index.ts';
import { readTopologyFile } from '../../../electron/services/topology-file.ts';
import { startWebServer, type WebServer } from '../../../electron/web/server.ts';
import { API_METHODS } from '../../../shared/api/index.ts';
import type { ServerMessage } from '../../../shared/api/wire.ts';
import { ApiError, ERROR_CODES } from '../../../shared/errors.ts';

let dir: string;
let server: WebServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'virtwire-fuzz-'));
  const services = createServices({
    info: { name: 'VirtWire', version: '0.1.0', mode: 'browser', platform: 'linux' },
    configDir: join(dir, 'config'),
    initialFile: null,
  });
  server = await startWebServer({ dispatcher: createDispatcher(services), rendererDir: join(dir, 'ui') });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the topology file reader', () => {
  it('answers random bytes and random JSON with a structured error or a topology, never a raw exception', async () => {
    let n = 0;
    const content = fc.oneof(
      fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)),
      fc.json({ maxDepth: 6 }).map((j) => Buffer.from(j)),
      fc.anything({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify({ format: 'virtwire-topology', version: 1, hosts: [], nodes: [v], links: [], layout: {} }) ?? '')),
    );
    await fc.assert(
      fc.asyncProperty(content, async (bytes) => {
        const file = join(dir, `f${n++}.json`);
        await writeFile(file, bytes);
        try {
          await readTopologyFile(file);
        } catch (e) {
          expect(e).toBeInstanceOf(ApiError);
          expect(['invalid-file', 'invalid-input']).toContain((e as ApiError).code);
        }
      }),
      { numRuns: 150 },
    );
  });
});

function open(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, { headers: { origin: `http://127.0.0.1:${server.port}` } });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('the browser-mode socket', () => {
  it('answers random calls with structured results and outlives random messages', async () => {
    const call = fc.record({
      type: fc.constant('call'),
      id: fc.integer({ min: 1, max: 1_000_000 }),
      method: fc.oneof(fc.constantFrom(...API_METHODS), fc.string({ maxLength: 30 })),
      arg: fc.anything({ maxDepth: 3 }),
    });
    const garbage = fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 4 }), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')));
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 8 }), garbage, async (calls, junk) => {
        const socket = await open();
        const answers = new Map<number, ServerMessage>();
        socket.on('message', (data) => {
          const message = JSON.parse(String(data)) as ServerMessage;
          if (message.type === 'result') answers.set(message.id, message);
        });
        const ids = [...new Set(calls.map((c) => c.id))];
        // hosts.* and files.* calls with random arguments must not touch anything outside the
        // test's config folder: the schemas refuse them before a service runs
        for (const c of calls) socket.send(JSON.stringify(c));
        for (let i = 0; i < 100 && answers.size < ids.length; i++) await new Promise((r) => setTimeout(r, 20));
        for (const id of ids) {
          const answer = answers.get(id);
          expect(answer, `call ${id} answered`).toBeDefined();
          if (answer?.type === 'result' && !answer.ok) expect(ERROR_CODES).toContain(answer.error.code);
        }
        socket.send(junk);
        socket.close();
      }),
      { numRuns: 40 },
    );
    const after = await open();
    after.send(JSON.stringify({ type: 'call', id: 1, method: 'app.getInfo', arg: {} }));
    const info = await new Promise<ServerMessage>((resolve) => after.once('message', (d) => resolve(JSON.parse(String(d)) as ServerMessage)));
    expect(info).toMatchObject({ type: 'result', id: 1, ok: true, value: { name: 'VirtWire' } });
    after.close();
  });
});
