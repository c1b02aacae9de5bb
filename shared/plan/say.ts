// The planner's sentences as catalogue messages (shared/i18n, the plan part): each one is built
// as key and arguments, and its English is what the plan's string fields keep (description,
// impact text, summary, warnings, reasons) for the journal, --json and logs. Readers say the
// message in their own language; a plan from before messages (restored from disk) has only the
// English, which is then shown as it is.
import { ApiError, type ErrorCode } from '../errors.ts';
import { isMessage, type Message, type MessageKey, sayEnglish } from '../i18n/index.ts';

export type { Message };

type Values = NonNullable<Message['values']>;

/** A message of the catalogue, with its arguments. */
export const msg = (key: MessageKey, values?: Values): Message => (values ? { key, values } : { key });

/** Text kept as it is, in every language: what came from elsewhere in English (a host, an older VirtWire). */
export const verbatim = (text: string): Message => msg('plan.verbatim', { text });

export const english = (message: Message): string => sayEnglish(message);

/** A refusal the planner throws: English in `message`, the message itself in `says`. */
export function refusal(key: MessageKey, values?: Values, data?: Record<string, unknown>, code: ErrorCode = 'invalid-input'): ApiError {
  return ApiError.said(code, msg(key, values), undefined, data);
}

/** What an error says, as a message: its own when it carries one, else its English words as they are. */
export function errorSays(error: unknown): Message {
  const e = ApiError.from(error);
  return e.says ?? verbatim(e.message);
}

/** "a, b and c" (zh-TW: "a、b和c"), each part a message or text. */
export function joinAnd(parts: readonly (Message | string)[]): Message | string {
  if (parts.length === 0) return '';
  if (parts.length === 1) return parts[0]!;
  const last = msg('plan.join.and', { a: parts[parts.length - 2]!, b: parts[parts.length - 1]! });
  return parts.slice(0, -2).reduceRight<Message>((rest, part) => msg('plan.join.comma', { a: part, b: rest }), last);
}

/** "a, b, c" (zh-TW: "a、b、c"). */
export function joinComma(parts: readonly (Message | string)[]): Message | string {
  if (parts.length === 0) return '';
  return parts.slice(0, -1).reduceRight<Message | string>((rest, part) => msg('plan.join.comma', { a: part, b: rest }), parts[parts.length - 1]!);
}

/** Sentences one after the other: "a b" (zh-TW: "ab"). */
export function joinSentences(parts: readonly Message[]): Message | string {
  if (parts.length === 0) return '';
  return parts.slice(0, -1).reduceRight<Message>((rest, part) => msg('plan.join.sentences', { a: part, b: rest }), parts[parts.length - 1]!);
}

/** A part of a message as a message, whichever it was built as. */
export const asMessage = (part: Message | string): Message => (isMessage(part) ? part : verbatim(part));

/** A sentence of a plan in a reader's language: its message when it has one, else its English. */
export const sayOr = (say: (message: Message) => string, englishText: string, message: Message | undefined): string =>
  message ? say(message) : englishText;

/** Lines of a plan (summary, warnings) in a reader's language, when their messages match them one for one. */
export function sayLines(say: (message: Message) => string, englishLines: readonly string[], messages: readonly Message[] | undefined): string[] {
  return messages && messages.length === englishLines.length ? messages.map(say) : [...englishLines];
}

/** The messages without repeats (the same key and arguments), in order. */
export function uniqueMessages(messages: readonly Message[]): Message[] {
  const seen = new Set<string>();
  return messages.filter((m) => {
    const key = JSON.stringify(m);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const KIND_WORDS = {
  vm: 'plan.kind.vm',
  network: 'plan.kind.network',
  bridge: 'plan.kind.bridge',
  tap: 'plan.kind.tap',
  physical: 'plan.kind.physical',
  missing: 'plan.kind.missing',
  endpoint: 'plan.kind.endpoint',
} as const satisfies Record<string, MessageKey>;

/** A kind of object as the planner names it in a sentence ("a tap, not a bridge"). */
export const kindWord = (kind: string): Message => (kind in KIND_WORDS ? msg(KIND_WORDS[kind as keyof typeof KIND_WORDS]) : verbatim(kind));

/** Lines of several plans (summaries, warnings) as one list without repeats, by their English, each with its message. */
export function uniqueLines(lists: readonly (readonly [readonly string[], readonly Message[] | undefined])[]): { english: string[]; says: Message[] } {
  const out = { english: [] as string[], says: [] as Message[] };
  const seen = new Set<string>();
  for (const [lines, messages] of lists) {
    lines.forEach((line, i) => {
      if (seen.has(line)) return;
      seen.add(line);
      out.english.push(line);
      out.says.push(messages && messages.length === lines.length ? messages[i]! : verbatim(line));
    });
  }
  return out;
}
