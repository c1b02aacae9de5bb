// The renderer's language: Preferences' choice or the system's, switched at once for every
// message read afterwards (markup re-reads t() when the choice changes).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Preferences } from '../../shared/api/index.ts';
import { DEFAULT_PREFERENCES, LANGUAGE_CHOICES } from '../../shared/api/prefs.ts';
import type { CallResult } from '../../shared/api/wire.ts';
import { LOCALES } from '../../shared/i18n/index.ts';
import { targetProblem } from '../../renderer/hosts/form.ts';
import { journalExtent, journalOutcome } from '../../renderer/hosts/journal.ts';
import { staleNote } from '../../renderer/hosts/stale.ts';
import { stateWords } from '../../renderer/hosts/wording.ts';
import { shortcutKeys, withShortcut } from '../../renderer/shortcuts.ts';
import { language, t } from '../../renderer/state/i18n.svelte.ts';
import { PreferencesState } from '../../renderer/state/preferences.svelte.ts';

describe('language', () => {
  afterEach(() => language.choose('system'));

  it('speaks the chosen language and switches back', () => {
    language.choose('en');
    expect(t('plan.commands', { count: 3 })).toBe('The 3 commands, in order');
    language.choose('zh-TW');
    expect(language.locale).toBe('zh-TW');
    expect(t('plan.commands', { count: 3 })).toBe('依序執行的 3 個指令');
    expect(journalExtent(120, 5000, 7)).toBe('顯示最近 120 個指令，最多保留 5,000 個；已捨棄較舊的 7 個。');
    expect(journalOutcome({ exitCode: 2 } as Parameters<typeof journalOutcome>[0]).text).toBe('結束碼 2');
    language.choose('en');
    expect(journalOutcome({ exitCode: 2 } as Parameters<typeof journalOutcome>[0]).text).toBe('exit 2');
  });

  it('sets the page language for screen readers and fonts', () => {
    const root = { lang: '' };
    const saved = globalThis.document;
    Object.assign(globalThis, { document: { documentElement: root } });
    try {
      language.choose('zh-TW');
      expect(root.lang).toBe('zh-TW');
    } finally {
      Object.assign(globalThis, { document: saved });
    }
  });
});

describe('the Hosts panel and tooltips', () => {
  afterEach(() => language.choose('system'));

  it('say connection states, form problems and shortcuts in the chosen language', () => {
    const at = new Date(2026, 11, 1, 9, 5).getTime();
    language.choose('en');
    expect(stateWords({ hostId: 'a', state: 'reconnecting', attempt: 2 }).label).toBe('Reconnecting (attempt 2)…');
    expect(staleNote(at)).toBe('Reconnecting — showing the picture from 09:05');
    expect(shortcutKeys('find')).toBe('Ctrl+F or /');
    expect(withShortcut('Save', 'save')).toBe('Save (Ctrl+S)');
    language.choose('zh-TW');
    expect(stateWords({ hostId: 'a', state: 'reconnecting', attempt: 2 }).label).toBe('正在重新連線（第 2 次嘗試）…');
    expect(stateWords(undefined).label).toBe('未連線');
    expect(staleNote(at)).toBe('正在重新連線 — 顯示的是 09:05 時的畫面');
    expect(targetProblem('root@host:99999')).toBe('連接埠必須是 1 到 65535 之間的數字。');
    expect(shortcutKeys('find')).toBe('Ctrl+F 或 /');
    expect(withShortcut(t('top.save'), 'save')).toBe('儲存（Ctrl+S）');
  });
});

describe('the language preference', () => {
  const saved = (globalThis as { window?: unknown }).window;
  afterEach(() => {
    Object.assign(globalThis, { window: saved });
    language.choose('system');
  });

  it('offers following the system and every language of the catalogue', () => {
    expect(LANGUAGE_CHOICES).toEqual(['system', ...LOCALES]);
  });

  it('switches the page language when preferences are read, changed in another window, and changed here', async () => {
    let stored: Preferences = { ...DEFAULT_PREFERENCES, language: 'zh-TW' };
    let failNextSet = false;
    const listeners = new Map<string, (payload: unknown) => void>();
    const answer = (value: unknown): Promise<CallResult> => Promise.resolve({ ok: true, value });
    const virtwire = {
      prefs: {
        get: () => answer({ preferences: stored, path: '/home/u/.config/VirtWire/preferences.json', imported: true }),
        set: ({ changes }: { changes: Partial<Preferences> }): Promise<CallResult> => {
          if (failNextSet) return Promise.resolve({ ok: false, error: { code: 'io', message: 'The disk is full.' } });
          stored = { ...stored, ...changes };
          return answer(stored);
        },
      },
      on: (event: string, listener: (payload: unknown) => void) => {
        listeners.set(event, listener);
        return () => listeners.delete(event);
      },
    };
    Object.assign(globalThis, { window: { virtwire } });
    language.choose('en');

    const preferences = new PreferencesState();
    const stop = preferences.start();
    await vi.waitFor(() => expect(preferences.loaded).toBe(true));
    expect(language.locale).toBe('zh-TW');
    expect(stateWords(undefined).label).toBe('未連線');

    listeners.get('prefs.onDidChange')?.({ ...stored, language: 'en' });
    expect(language.locale).toBe('en');
    expect(stateWords(undefined).label).toBe('Not connected');

    const setting = preferences.set({ language: 'zh-TW' });
    expect(language.locale).toBe('zh-TW');
    await setting;
    expect(stored.language).toBe('zh-TW');
    expect(t('prefs.language')).toBe('語言');

    failNextSet = true;
    await preferences.set({ language: 'en' });
    expect(preferences.error?.message).toBe('The disk is full.');
    expect(language.locale).toBe('zh-TW');

    stop();
    expect(listeners.size).toBe(0);
  });
});
