// What the transports carry. Both the Electron preload and the browser-mode WebSocket move
// results as plain envelopes rather than thrown errors: an Error crossing contextBridge or
// JSON loses its code, detail and data, an envelope keeps them.
import type { ApiErrorData } from '../errors.ts';
import type { ApiEventName, ApiEvents, VirtWireApi } from './index.ts';

export type CallResult = { ok: true; value: unknown } | { ok: false; error: ApiErrorData };

/** Browser mode, UI → server: one API call. `id` pairs it with its result. */
export interface CallMessage {
  type: 'call';
  id: number;
  /** "domain.method", one of API_METHODS */
  method: string;
  arg: unknown;
}

/** Browser mode, server → UI: the outcome of the call with the same `id`. */
export type ResultMessage = { type: 'result'; id: number } & CallResult;

/** Browser mode, server → UI: an event pushed to every open page. */
export interface EventMessage<E extends ApiEventName = ApiEventName> {
  type: 'event';
  event: E;
  payload: ApiEvents[E];
}

export type ServerMessage = ResultMessage | EventMessage;

/** Path of the browser-mode WebSocket. */
export const SOCKET_PATH = '/api';
/** Query parameter (page and socket) carrying the browser-mode token; no cookie ever does. */
export const TOKEN_PARAM = 'token';

/**
 * What the Electron preload exposes as `window.virtwire`: the API's named functions,
 * each resolving to an envelope, plus event subscription returning a disposer.
 */
export type ExposedApi = {
  [D in keyof VirtWireApi]: { [M in keyof VirtWireApi[D]]: (arg: unknown) => Promise<CallResult> };
} & {
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
};

/** The IPC channel of one API method. */
export const ipcChannel = (method: string): string => `virtwire:${method}`;
/** The IPC channel events reach the preload on. */
export const IPC_EVENT_CHANNEL = 'virtwire:event';
