// The renderer's language: Preferences' choice or the system's, switched at once for every
// message read afterwards (markup re-reads t() when the choice changes).
import { afterEach, describe, expect, it } from 'vitest';
import { journalExtent, journalOutcome } from '../../renderer/hosts/journal.ts';
import { language, t } from '../../renderer/state/i18n.svelte.ts';

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
