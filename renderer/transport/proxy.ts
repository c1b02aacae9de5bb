// Turns a transport (something that carries one call and returns its envelope) into the
// typed API the UI uses, so components see Promise methods and ApiError rejections
// whichever transport is underneath.
import { API_METHODS, type ApiEventName, type ApiEvents, type VirtWireBridge } from '../../shared/api/index.ts';
import type { CallResult } from '../../shared/api/wire.ts';
import { ApiError } from '../../shared/errors.ts';

export interface Transport {
  call(method: string, arg: unknown): Promise<CallResult>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

export function unwrap(result: CallResult): unknown {
  if (result.ok) return result.value;
  throw ApiError.from(result.error);
}

export function bridgeFrom(transport: Transport): VirtWireBridge {
  const domains: Record<string, Record<string, (arg: unknown) => Promise<unknown>>> = {};
  for (const name of API_METHODS) {
    const [domain, method] = name.split('.') as [string, string];
    domains[domain] ??= {};
    domains[domain][method] = async (arg: unknown) => unwrap(await transport.call(name, arg ?? {}));
  }
  return {
    ...(domains as unknown as Omit<VirtWireBridge, 'on'>),
    on: (event, listener) => transport.on(event, listener),
  };
}
