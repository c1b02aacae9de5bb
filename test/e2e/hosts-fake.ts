// A stand-in for the Electron preload (`window.virtwire`) for the Hosts UI tests that need
// situations a real host cannot be put in on demand: a changed host key, keyboard-interactive
// questions, a reconnect, banners. The page's calls are recorded; the test pushes events.
// Every answer and event is checked against shared/api's schemas before the page gets it
// (checkAnswer, checkEvent), so the fake cannot drift from the real backend unnoticed.
import type { Page } from 'playwright-core';
import type { ApiEventName, ApiEvents } from '../../shared/api/index.ts';
import { checkAnswer, checkEvent } from '../../shared/api/outputs.ts';
import { DEFAULT_PREFERENCES } from '../../shared/api/prefs.ts';

/** What the page reads at start besides what a test sets: the preferences, as a first run has them. */
const DEFAULT_RESULTS: Record<string, unknown> = {
  'prefs.get': { preferences: { ...DEFAULT_PREFERENCES }, path: '/fake/preferences.json', imported: true },
};

export interface RecordedCall {
  method: string;
  arg: unknown;
}

interface FakeWindow {
  __fake: {
    calls: RecordedCall[];
    results: Record<string, unknown>;
    emit(event: string, payload: unknown): void;
  };
}

/** Installs the fake before the page's scripts run; `results` answer methods by "domain.method". */
export async function installFakeBackend(page: Page, given: Record<string, unknown>): Promise<void> {
  const results = { ...DEFAULT_RESULTS, ...given };
  for (const [method, value] of Object.entries(results)) checkAnswer(method, value);
  await page.addInitScript((initial) => {
    const listeners = new Map<string, Set<(payload: unknown) => void>>();
    const fake = {
      calls: [] as { method: string; arg: unknown }[],
      results: initial,
      emit(event: string, payload: unknown) {
        for (const l of listeners.get(event) ?? []) l(payload);
      },
    };
    const domain = (name: string) =>
      new Proxy(
        {},
        {
          get: (_t, method: string) => async (arg: unknown) => {
            const key = `${name}.${method}`;
            fake.calls.push({ method: key, arg });
            // preferences change as the real backend changes them: merged, and answered whole
            if (key === 'prefs.set') {
              const state = fake.results['prefs.get'] as { preferences: Record<string, unknown> };
              state.preferences = { ...state.preferences, ...(arg as { changes: Record<string, unknown> }).changes };
              return { ok: true, value: state.preferences };
            }
            const value = fake.results[key];
            return value !== null && typeof value === 'object' && 'error' in value ? { ok: false, ...(value as object) } : { ok: true, value: value ?? null };
          },
        },
      );
    (window as unknown as FakeWindow).__fake = fake;
    (window as unknown as { virtwire: unknown }).virtwire = {
      app: domain('app'),
      files: domain('files'),
      hosts: domain('hosts'),
      live: domain('live'),
      prefs: domain('prefs'),
      on(event: string, listener: (payload: unknown) => void) {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event)!.add(listener);
        return () => listeners.get(event)!.delete(listener);
      },
    };
  }, results);
}

export async function emit<E extends ApiEventName>(page: Page, event: E, payload: ApiEvents[E]): Promise<void> {
  checkEvent(event, payload);
  await page.evaluate(([e, p]) => (window as unknown as FakeWindow).__fake.emit(e, p), [event, payload] as const);
}

export function calls(page: Page, method: string): Promise<unknown[]> {
  return page.evaluate((m) => (window as unknown as FakeWindow).__fake.calls.filter((c) => c.method === m).map((c) => c.arg), method);
}

export async function setResult(page: Page, method: string, value: unknown): Promise<void> {
  checkAnswer(method, value);
  await page.evaluate(
    ([m, v]) => {
      (window as unknown as FakeWindow).__fake.results[m] = v;
    },
    [method, value] as const,
  );
}
