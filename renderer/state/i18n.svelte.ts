// The renderer's language: the one chosen in Preferences, or the system's (navigator.languages,
// which Electron sets from the OS locale). Reading `t` inside markup makes that markup follow a
// change of language at once.
import {
  type LanguageChoice,
  type Locale,
  type Message,
  type MessageKey,
  type MessageValues,
  resolveLocale,
  say,
  type Translate,
  translator,
} from '../../shared/i18n/index.ts';

const systemLanguages = (): readonly string[] => globalThis.navigator?.languages ?? [];

class Language {
  choice = $state<LanguageChoice>('system');
  readonly locale: Locale = $derived(resolveLocale(this.choice, systemLanguages()));
  #translators = new Map<Locale, Translate>();

  translate(key: MessageKey, values?: MessageValues): string {
    const locale = this.locale;
    let translate = this.#translators.get(locale);
    if (!translate) {
      translate = translator(locale);
      this.#translators.set(locale, translate);
    }
    return translate(key, values);
  }

  /** Follows the user's choice; the page's lang attribute follows too (fonts, screen readers). */
  choose(choice: LanguageChoice): void {
    this.choice = choice;
    if (globalThis.document) document.documentElement.lang = this.locale;
  }
}

export const language = new Language();
if (globalThis.document) document.documentElement.lang = language.locale;

/** The message `key` in the current language, with its {arguments} filled in. */
export const t = (key: MessageKey, values?: MessageValues): string => language.translate(key, values);

/** A message kept as key and arguments (steps, refusals, differences), in the current language. */
export const tell = (message: Message): string => say(t, message);

/** What an error says, in the current language when it carries its message, else its own words. */
export const errorText = (error: { message: string; says?: Message }): string => (error.says ? tell(error.says) : error.message);
