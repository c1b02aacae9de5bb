// The message catalogue: English and Traditional Chinese have the same keys and the same
// arguments, every message formats in both, and the system's language picks the catalogue.
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/en.ts';
import { CATALOGUES, LOCALES, type MessageKey, resolveLocale, say, sayEnglish, systemLocale, translator } from '../../shared/i18n/index.ts';
import { zhTW } from '../../shared/i18n/zh-TW.ts';
import { apiErrorSchema } from '../../shared/api/outputs.ts';
import { ApiError } from '../../shared/errors.ts';

/** The names of a message's {arguments}, nested ones (inside plural branches) included; `numbers` gets those formatted as numbers. */
function argumentsOf(message: string, locale: string, numbers?: Set<string>): string[] {
  const names = new Set<string>();
  const walk = (nodes: unknown): void => {
    if (!Array.isArray(nodes)) return;
    for (const node of nodes as { type: number; value?: unknown; options?: Record<string, { value: unknown }> }[]) {
      // Types 1..6 are argument, number, date, time, select and plural elements; 0 is literal text, 7 is #.
      if (node.type >= 1 && node.type <= 6 && typeof node.value === 'string') {
        names.add(node.value);
        if (node.type === 2 || node.type === 6) numbers?.add(node.value);
      }
      for (const option of Object.values(node.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst());
  return [...names].sort();
}

const keys = Object.keys(en) as MessageKey[];
const HAN = /\p{Script=Han}/u;

describe('message catalogue', () => {
  it('has every English message in Traditional Chinese, and nothing else', () => {
    expect(Object.keys(zhTW).sort()).toEqual([...keys].sort());
    for (const key of keys) expect(zhTW[key].trim(), key).not.toBe('');
  });

  it('uses the same arguments in both languages', () => {
    for (const key of keys) expect(argumentsOf(zhTW[key], 'zh-TW'), key).toEqual(argumentsOf(en[key], 'en'));
  });

  it('has each zh-TW message written in Chinese, not left in English', () => {
    const english = keys.filter((key) => !HAN.test(zhTW[key]) && /[A-Za-z]{3}/.test(zhTW[key].replace(/\{[^}]*\}/g, '')));
    // Brand and command names are the only Latin words a Chinese message may consist of.
    expect(english.filter((key) => !/^(VirtWire|virsh|ssh)\b/.test(zhTW[key]))).toEqual([]);
  });

  it('formats every message in every language with sample arguments', () => {
    for (const locale of LOCALES) {
      const t = translator(locale);
      for (const key of keys) {
        const numbers = new Set<string>();
        argumentsOf(en[key], 'en', numbers);
        argumentsOf(zhTW[key], 'zh-TW', numbers);
        const values = Object.fromEntries(argumentsOf(en[key], 'en').map((name) => [name, numbers.has(name) ? 2 : `‹${name}›`]));
        const text = t(key, values);
        expect(text, `${locale} ${key}`).not.toMatch(/[{}]/);
        for (const value of Object.values(values)) if (typeof value === 'string') expect(text, `${locale} ${key}`).toContain(value);
      }
    }
  });

  it('chooses plural forms by number in English', () => {
    const t = translator('en');
    expect(t('status.counts', { objects: 1, links: 1 })).toBe('1 object · 1 link');
    expect(t('status.counts', { objects: 2433, links: 0 })).toBe('2,433 objects · 0 links');
    expect(translator('zh-TW')('status.counts', { objects: 1, links: 3 })).toBe('1 個物件 · 3 條連結');
  });

  it('follows the system language, Chinese of any region in Traditional Chinese, else English', () => {
    expect(systemLocale(['zh-TW', 'en-US'])).toBe('zh-TW');
    expect(systemLocale(['zh-Hant-HK'])).toBe('zh-TW');
    expect(systemLocale(['zh_TW.UTF-8'])).toBe('zh-TW');
    expect(systemLocale(['zh-CN'])).toBe('zh-TW');
    expect(systemLocale(['de-DE', 'en-GB'])).toBe('en');
    expect(systemLocale(['fr-FR'])).toBe('en');
    expect(systemLocale([])).toBe('en');
    expect(resolveLocale('en', ['zh-TW'])).toBe('en');
    expect(resolveLocale('zh-TW', ['en-US'])).toBe('zh-TW');
    expect(resolveLocale('system', ['zh-TW'])).toBe('zh-TW');
    expect(Object.keys(CATALOGUES).sort()).toEqual([...LOCALES].sort());
  });
});

describe('messages kept as key and arguments', () => {
  it('are said in each reader\'s language, a message argument in the same language, and in English for the journal', () => {
    const message = { key: 'graph.aggregate', values: { hub: { key: 'kind.network' }, vms: 42, running: 40 } } as const;
    expect(say(translator('en'), message)).toBe('Network · 42 VMs, 40 running');
    expect(sayEnglish(message)).toBe('Network · 42 VMs, 40 running');
    const chinese = say(translator('zh-TW'), message);
    expect(chinese).toContain(zhTW['kind.network']);
    expect(chinese).not.toContain('VMs');
  });
});

describe('an error that carries its message', () => {
  it('crosses IPC as JSON with its key and arguments, passes the API contract, and says it in the reader\'s language', () => {
    const error = ApiError.said('invalid-input', { key: 'graph.aggregate', values: { hub: 'net3', vms: 2, running: 1 } }, 'virsh said no');
    expect(error.message).toBe('net3 · 2 VMs, 1 running');
    const wire = JSON.parse(JSON.stringify(error)) as unknown;
    expect(apiErrorSchema.safeParse(wire).success).toBe(true);
    const back = ApiError.from(wire);
    expect(back).toMatchObject({ code: 'invalid-input', message: 'net3 · 2 VMs, 1 running', detail: 'virsh said no' });
    expect(say(translator('zh-TW'), back.says!)).toBe(say(translator('zh-TW'), { key: 'graph.aggregate', values: { hub: 'net3', vms: 2, running: 1 } }));
    expect(say(translator('zh-TW'), back.says!)).not.toBe(back.message);
    // a key the catalogue does not have is refused at the boundary
    expect(apiErrorSchema.safeParse({ ...(wire as object), says: { key: 'no.such.key' } }).success).toBe(false);
  });
});
