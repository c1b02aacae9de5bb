// The CLI's messages from the catalogue (shared/i18n, the cli.* keys), in the language the
// environment asks for (see locale.ts). The language is read once, when the first message is
// needed; tests that call the commands in-process choose it with useLocale.
import { type Locale, type Message, type MessageKey, type MessageValues, say, type Translate, translator } from '../../shared/i18n/index.ts';
import { messagesLocale } from './locale.ts';

let chosen: { locale: Locale; translate: Translate } | undefined;

function current(): { locale: Locale; translate: Translate } {
  if (!chosen) useLocale(messagesLocale(process.env));
  return chosen!;
}

/** Speaks `locale` from now on, whatever the environment says. */
export function useLocale(locale: Locale): void {
  chosen = { locale, translate: translator(locale) };
}

/** The language the CLI speaks. */
export const cliLocale = (): Locale => current().locale;

/** The message `key` in the CLI's language, with its {arguments} filled in. */
export const t = (key: MessageKey, values?: MessageValues): string => current().translate(key, values);

/** A message kept as key and arguments (steps, refusals, differences), in the CLI's language. */
export const tell = (message: Message): string => say(t, message);

/** What an error says, in the CLI's language when it carries its message, else its own words. */
export const errorText = (error: { message: string; says?: Message }): string => (error.says ? tell(error.says) : error.message);

/**
 * What node:util parseArgs refused, in the CLI's language: an unknown option, an option
 * without its value, or a value given to a flag. Anything else keeps Node's own words.
 */
export function argumentsProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown) return t('cli.args.unknownOption', { option: unknown[1]! });
  // Node names an option with a short form as '-o, --out <value>': the long name is enough
  const missing = /^Option '(?:-\w, )?([^' ]+)(?: <value>)?' argument missing/.exec(message);
  if (missing) return t('cli.args.needsValue', { option: missing[1]! });
  const flag = /^Option '(?:-\w, )?([^' ]+)' does not take an argument/.exec(message);
  if (flag) return t('cli.args.takesNoValue', { option: flag[1]! });
  return message;
}
