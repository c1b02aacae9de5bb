// The CLI's language from the environment, as POSIX and GNU gettext choose it.
import { describe, expect, it } from 'vitest';
import { messagesLocale } from '../../../electron/cli/locale.ts';

describe('the language of virtwire messages', () => {
  it('speaks Traditional Chinese for a Chinese locale and English for C, POSIX, English, unset or unknown', () => {
    expect(messagesLocale({ LANG: 'zh_TW.UTF-8' })).toBe('zh-TW');
    expect(messagesLocale({ LANG: 'zh_TW' })).toBe('zh-TW');
    expect(messagesLocale({ LANG: 'zh_HK.UTF-8@stroke' })).toBe('zh-TW');
    expect(messagesLocale({ LANG: 'zh_CN.GB18030' })).toBe('zh-TW');
    expect(messagesLocale({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(messagesLocale({ LANG: 'de_DE.UTF-8' })).toBe('en');
    for (const c of ['C', 'POSIX', 'C.UTF-8', 'C.utf8']) expect(messagesLocale({ LANG: c }), c).toBe('en');
    expect(messagesLocale({})).toBe('en');
  });

  it('takes LC_ALL before LC_MESSAGES before LANG, an empty one counting as unset', () => {
    expect(messagesLocale({ LC_ALL: 'C', LC_MESSAGES: 'zh_TW.UTF-8', LANG: 'zh_TW.UTF-8' })).toBe('en');
    expect(messagesLocale({ LC_ALL: 'zh_TW.UTF-8', LANG: 'C' })).toBe('zh-TW');
    expect(messagesLocale({ LC_MESSAGES: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh-TW');
    expect(messagesLocale({ LC_MESSAGES: 'C', LANG: 'zh_TW.UTF-8' })).toBe('en');
    expect(messagesLocale({ LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_TW.UTF-8' })).toBe('zh-TW');
  });

  it('honours LANGUAGE, first choice first, unless the locale is C', () => {
    expect(messagesLocale({ LANGUAGE: 'zh_TW:en', LANG: 'en_US.UTF-8' })).toBe('zh-TW');
    expect(messagesLocale({ LANGUAGE: 'fr:en:zh_TW', LANG: 'zh_TW.UTF-8' })).toBe('en');
    expect(messagesLocale({ LANGUAGE: 'fr:zh_TW', LANG: 'en_US.UTF-8' })).toBe('zh-TW');
    // a list of languages VirtWire does not have: the untranslated (English) messages, as gettext gives
    expect(messagesLocale({ LANGUAGE: 'fr:de', LANG: 'zh_TW.UTF-8' })).toBe('en');
    expect(messagesLocale({ LANGUAGE: '::', LANG: 'zh_TW.UTF-8' })).toBe('zh-TW');
    expect(messagesLocale({ LANGUAGE: 'zh_TW', LANG: 'C' })).toBe('en');
    expect(messagesLocale({ LANGUAGE: 'zh_TW' })).toBe('en');
    expect(messagesLocale({ LANGUAGE: 'zh_TW', LC_ALL: 'POSIX', LANG: 'en_US.UTF-8' })).toBe('en');
  });
});
