// The language of the CLI's messages, chosen from the environment as POSIX and GNU gettext do:
// the first of LC_ALL, LC_MESSAGES and LANG that is set and not empty names the locale (none:
// the C locale); unless that is C or POSIX, LANGUAGE — a colon-separated list of languages,
// first choice first — is honoured before it. C and POSIX mean English.
import { type Locale, systemLocale } from '../../shared/i18n/index.ts';

type Environment = Readonly<Record<string, string | undefined>>;

/** C, POSIX and their variants (C.UTF-8): the untranslated messages. */
const isCLocale = (name: string): boolean => /^(C|POSIX)([.@]|$)/.test(name);

/** A POSIX locale name (zh_TW.UTF-8@modifier) as a language tag systemLocale reads (zh_TW). */
const languageOf = (name: string): string => name.replace(/[.@].*$/, '');

/** The catalogue for the messages of a process started with this environment. */
export function messagesLocale(env: Environment): Locale {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '') ?? 'C';
  if (isCLocale(locale)) return 'en';
  const languages = (env.LANGUAGE ?? '').split(':').filter((language) => language !== '');
  // With LANGUAGE set, gettext looks only through its list: a list of languages VirtWire does
  // not have gets the untranslated (English) messages, not the locale's language.
  return systemLocale((languages.length > 0 ? languages : [locale]).map(languageOf));
}
