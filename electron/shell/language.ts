// The desktop shell's language: the one chosen in Preferences, or for 'system' Electron's
// app.getLocale() — the same choice the page makes, so the native menu and dialogs speak the
// language the window does.
import { type LanguageChoice, type Locale, resolveLocale, type Translate, translator } from '../../shared/i18n/index.ts';

export interface ShellLanguage {
  readonly locale: Locale;
  /** The message in the current language; it follows later choices. */
  readonly t: Translate;
  /** Follows the user's choice; true when the language changed (the menu is then built again). */
  choose(choice: LanguageChoice): boolean;
}

/** `systemLocale` is asked each time 'system' is chosen (Electron's app.getLocale()). */
export function shellLanguage(systemLocale: () => string, choice: LanguageChoice = 'system'): ShellLanguage {
  const translators = new Map<Locale, Translate>();
  let locale = resolveLocale(choice, [systemLocale()]);
  const current = (): Translate => {
    let t = translators.get(locale);
    if (!t) translators.set(locale, (t = translator(locale)));
    return t;
  };
  return {
    get locale() {
      return locale;
    },
    t: (key, values) => current()(key, values),
    choose(next) {
      const before = locale;
      locale = resolveLocale(next, [systemLocale()]);
      return locale !== before;
    },
  };
}
