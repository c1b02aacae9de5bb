// The one choke point between a transport and the services: every call from the UI, over
// IPC or the browser-mode socket, is checked here against the API contract before any
// service sees it, and every outcome leaves as a plain envelope with no stack trace.
import type { z } from 'zod';
import { API_METHODS, API_SCHEMAS, type VirtWireApi } from '../../shared/api/index.ts';
import type { CallResult } from '../../shared/api/wire.ts';
import { ApiError } from '../../shared/errors.ts';

export interface Dispatcher {
  call(method: string, arg: unknown): Promise<CallResult>;
}

type AnyMethod = (arg: unknown) => Promise<unknown>;
type SchemaTable = Record<string, Record<string, z.ZodType>>;

const KNOWN_METHODS = new Set(API_METHODS);

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 10)
    .map((i) => `${i.path.map(String).join('.') || '(argument)'}: ${i.message}`)
    .join('\n');
}

/**
 * `onUnexpectedError` sees errors that are not ApiErrors (bugs), with their stacks, so they
 * can be logged on the backend while the UI gets only an 'internal' error.
 */
export function createDispatcher(services: VirtWireApi, onUnexpectedError: (e: unknown) => void = () => {}): Dispatcher {
  const schemas = API_SCHEMAS as unknown as SchemaTable;
  const domains = services as unknown as Record<string, Record<string, AnyMethod>>;

  return {
    async call(method, arg) {
      try {
        if (typeof method !== 'string' || !KNOWN_METHODS.has(method)) {
          throw new ApiError('invalid-input', `There is no API method called ${JSON.stringify(String(method)).slice(0, 80)}.`);
        }
        const [domain, name] = method.split('.') as [string, string];
        const parsed = schemas[domain]![name]!.safeParse(arg);
        if (!parsed.success) {
          throw new ApiError('invalid-input', `The input to ${method} is not valid.`, describeIssues(parsed.error.issues));
        }
        const service = domains[domain]!;
        const value = await service[name]!.call(service, parsed.data);
        return { ok: true, value: value ?? null };
      } catch (e) {
        if (!(e instanceof ApiError)) onUnexpectedError(e);
        return { ok: false, error: ApiError.from(e).toJSON() };
      }
    },
  };
}
