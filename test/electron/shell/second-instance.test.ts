// A second start while VirtWire runs: it does not get the single-instance lock, so it opens no
// window and quits; the running one gets its arguments ('second-instance', desktop.test.ts).
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { recorded } from '../fakes/electron.ts';

vi.mock('electron', () => import('../fakes/electron.ts'));

beforeAll(() => {
  vi.stubEnv('VIRTWIRE_CONFIG_DIR', '/nonexistent-virtwire-config');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

it('quits at once, with no window and no services, when another instance holds the lock', async () => {
  recorded.singleInstanceLock = false;
  await import('../../../electron/shell/main.ts');
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(recorded.quitCalls).toBe(1);
  expect(recorded.windows).toEqual([]);
  expect(recorded.handlers.size).toBe(0);
});
