import { afterAll, describe, expect, it } from 'vitest';
import type { CallResult } from '../../shared/api/wire.ts';
import { emptyTopology } from '../../shared/topology/model.ts';
import { askFirstAnswers, takeFirstAnswers } from '../../renderer/state/first-answers.ts';

// The first screen's data is asked for before the app shell is loaded (renderer/main.ts) and
// taken by the workspace when it starts: asked once, taken once, and a failure reaches the taker.
describe('the first answers', () => {
  const saved = (globalThis as { window?: unknown }).window;
  afterAll(() => Object.assign(globalThis, { window: saved }));

  const info = { name: 'VirtWire', version: '0.1.0', mode: 'browser', platform: 'linux' };
  const opened = (name: string): unknown => ({ topology: emptyTopology(), path: null, name });

  /**
   * A stand-in Electron preload whose answers are counted; `fail`: the next getInitialTopology
   * fails. One for the file: the page's API is made once, from the first preload it sees.
   */
  let backend: { calls: string[]; fail: boolean } | null = null;
  function fakeBackend(): { calls: string[]; fail: boolean } {
    if (backend) {
      backend.calls = [];
      return backend;
    }
    const state = { calls: [] as string[], fail: false };
    const answer = (method: string, value: unknown): Promise<CallResult> => {
      state.calls.push(method);
      if (method === 'getInitialTopology' && state.fail) {
        state.fail = false;
        return Promise.resolve({ ok: false, error: { code: 'io', message: 'The file cannot be read.' } });
      }
      return Promise.resolve({ ok: true, value });
    };
    const virtwire = {
      app: { getInfo: () => answer('getInfo', info), getInitialTopology: () => answer('getInitialTopology', opened(`open ${state.calls.length}`)) },
      on: () => () => undefined,
    };
    Object.assign(globalThis, { window: { virtwire } });
    backend = state;
    return state;
  }

  it('asks once however often it is told to, hands that answer over once, and asks again after', async () => {
    const backend = fakeBackend();
    askFirstAnswers();
    askFirstAnswers();
    expect(backend.calls).toEqual(['getInfo', 'getInitialTopology']);
    const [gotInfo, first] = await takeFirstAnswers();
    expect(gotInfo).toEqual(info);
    expect(first.name).toBe('open 1');
    expect(backend.calls).toHaveLength(2);
    // a second start (nothing asked early): asked now
    const [, again] = await takeFirstAnswers();
    expect(again.name).toBe('open 3');
    expect(backend.calls).toHaveLength(4);
  });

  it('keeps a failure asked for early for the one who takes it, not as an unhandled rejection', async () => {
    const backend = fakeBackend();
    backend.fail = true;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      askFirstAnswers();
      // long enough for the rejection to be noticed were nobody to handle it
      await new Promise((resolve) => setTimeout(resolve, 20));
      await expect(takeFirstAnswers()).rejects.toThrow('The file cannot be read.');
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
