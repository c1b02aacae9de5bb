// The message catalogue: every sentence VirtWire shows comes from here, in English (en) and
// Traditional Chinese (zh-TW). Messages are ICU MessageFormat ("{count, plural, other {# VMs}}",
// "{name}") formatted by intl-messageformat; libvirt and command names stay as they are.
import { IntlMessageFormat } from 'intl-messageformat';
import { en, type MessageKey } from './en.ts';
import { zhTW } from './zh-TW.ts';

export type { MessageKey } from './en.ts';
export const LOCALES = ['en', 'zh-TW'] as const;
export type Locale = (typeof LOCALES)[number];
/** What the user chose in Preferences: follow the system, or one language. */
export type LanguageChoice = 'system' | Locale;

export const CATALOGUES: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { en, 'zh-TW': zhTW };

/** Each language's own name, as shown in the language choice. */
export const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', 'zh-TW': '繁體中文' };

/**
 * The locale for the system's preferred languages (navigator.languages, Electron's
 * app.getLocale(), LANG): the first one VirtWire has. Any Chinese is shown in Traditional
 * Chinese, the only Chinese catalogue; anything else unknown falls back to English.
 */
export function systemLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const lower = tag.toLowerCase().replace(/_/g, '-').replace(/\..*$/, '');
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-TW';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return 'en';
}

export const resolveLocale = (choice: LanguageChoice, preferred: readonly string[]): Locale =>
  choice === 'system' ? systemLocale(preferred) : choice;

export type MessageValues = Record<string, string | number>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

/** A translator for one locale; compiled messages are kept for reuse. */
export function translator(locale: Locale): Translate {
  const catalogue = CATALOGUES[locale];
  const compiled = new Map<MessageKey, IntlMessageFormat>();
  return (key, values) => {
    let format = compiled.get(key);
    if (!format) {
      format = new IntlMessageFormat(catalogue[key] ?? en[key], locale, undefined, { ignoreTag: true });
      compiled.set(key, format);
    }
    return String(format.format(values));
  };
}

/**
 * A sentence kept as its key and arguments, so each reader says it in their own language: the
 * shared code (planner, checks, diff) returns these, the renderer and the CLI render them with
 * their translator, and the journal and --json keep the English. An argument may itself be a
 * message (a kind's name, a clause), rendered in the same language.
 */
export interface Message {
  key: MessageKey;
  values?: Readonly<Record<string, string | number | Message>>;
}

export const isMessage = (value: unknown): value is Message =>
  typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string';

/** The message in t's language, its message arguments rendered first. */
export function say(t: Translate, message: Message): string {
  const values: MessageValues = {};
  for (const [name, value] of Object.entries(message.values ?? {})) values[name] = isMessage(value) ? say(t, value) : value;
  return t(message.key, values);
}

let englishT: Translate | undefined;
/** The message in English: what the journal, --json output and logs keep. */
export function sayEnglish(message: Message): string {
  englishT ??= translator('en');
  return say(englishT, message);
}
