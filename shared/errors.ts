// Typed errors that survive IPC and the browser-mode socket as plain JSON.
import { type Message, sayEnglish } from './i18n/index.ts';

export const ERROR_CODES = [
  'auth',
  'hostkey-unknown',
  'hostkey-changed',
  'unreachable',
  'timeout',
  'disconnected',
  'permission',
  'command',
  'cancelled',
  'invalid-input',
  'invalid-file',
  'not-found',
  'io',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorData {
  code: ErrorCode;
  /** one sentence in the user's words */
  message: string;
  /** the host's or the system's own text, shown under the message */
  detail?: string;
  /** structured extras (e.g. fingerprints for hostkey errors) */
  data?: Record<string, unknown>;
  /** the message as key and arguments, so each reader says it in its own language (message is its English) */
  says?: Message;
}

export class ApiError extends Error implements ApiErrorData {
  readonly code: ErrorCode;
  readonly detail?: string;
  readonly data?: Record<string, unknown>;
  says?: Message;

  constructor(code: ErrorCode, message: string, detail?: string, data?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    if (detail !== undefined) this.detail = detail;
    if (data !== undefined) this.data = data;
  }

  /** An error whose message is a catalogue message: English in `message`, the message itself in `says`. */
  static said(code: ErrorCode, says: Message, detail?: string, data?: Record<string, unknown>): ApiError {
    const error = new ApiError(code, sayEnglish(says), detail, data);
    error.says = says;
    return error;
  }

  toJSON(): ApiErrorData {
    const out: ApiErrorData = { code: this.code, message: this.message };
    if (this.detail !== undefined) out.detail = this.detail;
    if (this.data !== undefined) out.data = this.data;
    if (this.says !== undefined) out.says = this.says;
    return out;
  }

  static from(value: unknown): ApiError {
    if (value instanceof ApiError) return value;
    if (isApiErrorData(value)) {
      const error = new ApiError(value.code, value.message, value.detail, value.data);
      if (value.says !== undefined) error.says = value.says;
      return error;
    }
    const text = value instanceof Error ? value.message : String(value);
    return new ApiError('internal', 'Something went wrong inside VirtWire.', text);
  }
}

/** What an error says, as a message argument: its message when it carries one, else its own words. */
export const errorSays = (error: ApiErrorData): Message | string => error.says ?? error.message;

export function isApiErrorData(value: unknown): value is ApiErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(v.code) &&
    typeof v.message === 'string'
  );
}
