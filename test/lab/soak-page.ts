// The soak's renderer: the real UI (out/renderer) in browser mode, served by the same services
// the soak keeps connected to the lab, in headless Chromium. It measures what the user sees:
// when the graph first shows a change, and the page's JavaScript heap after a forced collection.
// Chromium and its Playwright client run in a child process (soak-browser.ts), so the soak's own
// memory is the backend's: the services and the browser-mode server.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createDispatcher } from '../../electron/api/dispatch.ts';
import { RENDERER_DIR } from '../../electron/cli/paths.ts';
import { startWebServer } from '../../electron/web/server.ts';
import type { ApiEventName, ApiEvents, VirtWireApi } from '../../shared/api/index.ts';

/** What the page's graph must show: a NIC with this MAC (or none), a network started or stopped. */
export type Shows = { nic: string; present: boolean } | { network: string; active: boolean };

export type BrowserAsk = { id: number } & (
  | { cmd: 'open'; url: string }
  | { cmd: 'watch'; shows: Shows; timeoutMs: number }
  | { cmd: 'heap' }
  | { cmd: 'errors' }
  | { cmd: 'close' }
);
export type BrowserAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

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
  errors(): Promise<string[]>;
  close(): Promise<void>;
}

type Ask = BrowserAsk extends infer A ? (A extends BrowserAsk ? Omit<A, 'id'> : never) : never;

export async function soakPage(api: VirtWireApi): Promise<SoakPage> {
  const server = await startWebServer({ dispatcher: createDispatcher(api), rendererDir: RENDERER_DIR });
  const child = fork(fileURLToPath(new URL('./soak-browser.ts', import.meta.url)), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let next = 1;
  const ready = new Promise<void>((resolve, reject) => {
    waiting.set(0, { resolve: () => resolve(), reject });
    child.once('exit', (code) => reject(new Error(`the soak's browser process exited with ${code}`)));
  });
  child.on('message', (answer: BrowserAnswer) => {
    const w = waiting.get(answer.id);
    waiting.delete(answer.id);
    if (answer.ok) w?.resolve(answer.value);
    else w?.reject(new Error(answer.error));
  });
  await ready;
  const ask = <T>(question: Ask): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve: (v) => resolve(v as T), reject });
      child.send({ ...question, id });
    });
  return {
    broadcast: (event, payload) => server.broadcast(event, payload),
    open: () => ask<null>({ cmd: 'open', url: server.url }).then(() => undefined),
    watch: (shows, timeoutMs) => ask<number>({ cmd: 'watch', shows, timeoutMs }),
    heapUsed: () => ask<number>({ cmd: 'heap' }),
    errors: () => ask<string[]>({ cmd: 'errors' }),
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await ask({ cmd: 'close' });
      await exited;
      await server.close();
    },
  };
}
