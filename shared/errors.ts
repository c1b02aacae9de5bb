// Typed errors that survive IPC and the browser-mode socket as plain JSON.

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
}

export class ApiError extends Error implements ApiErrorData {
  readonly code: ErrorCode;
  readonly detail?: string;
  readonly data?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, detail?: string, data?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    if (detail !== undefined) this.detail = detail;
    if (data !== undefined) this.data = data;
  }

  toJSON(): ApiErrorData {
    const out: ApiErrorData = { code: this.code, message: this.message };
    if (this.detail !== undefined) out.detail = this.detail;
    if (this.data !== undefined) out.data = this.data;
    return out;
  }

  static from(value: unknown): ApiError {
    if (value instanceof ApiError) return value;
    if (isApiErrorData(value)) return new ApiError(value.code, value.message, value.detail, value.data);
    const text = value instanceof Error ? value.message : String(value);
    return new ApiError('internal', 'Something went wrong inside VirtWire.', text);
  }
}

export function isApiErrorData(value: unknown): value is ApiErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(v.code) &&
    typeof v.message === 'string'
  );
}
