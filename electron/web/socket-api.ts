// The API over WebSocket: each text message is one call, answered with its result under
// the same id. Messages that are not calls are answered with 'invalid-input' when they
// carry an id and dropped otherwise. Nothing a client sends ends the process: a frame ws
// rejects (invalid UTF-8, larger than MAX_MESSAGE_BYTES, bad framing) or a socket error
// closes that connection only, a dispatcher that throws answers 'internal', and calls past
// MAX_CALLS_IN_FLIGHT on one connection are refused with 'cancelled' without being run.
import type { RawData, WebSocket } from 'ws';
import type { CallMessage, CallResult, ResultMessage } from '../../shared/api/wire.ts';
import { ApiError } from '../../shared/errors.ts';
import type { Dispatcher } from '../api/dispatch.ts';

/**
 * The largest message the server reads: 4 MiB. A topology file sent from the page
 * (files.openText) must fit in it; the page refuses a larger call before sending it.
 */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
/** Calls one connection may have running at once; more are refused, not queued. */
export const MAX_CALLS_IN_FLIGHT = 64;
/** A client that stops reading its answers is dropped rather than buffered without end. */
const MAX_UNREAD_BYTES = 64 * 1024 * 1024;

function asCall(value: unknown): CallMessage | { id: number } | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'number') return null;
  if (v.type === 'call' && typeof v.method === 'string') return v as unknown as CallMessage;
  return { id: v.id };
}

const failure = (error: ApiError): CallResult => ({ ok: false, error: error.toJSON() });

export function serveApi(socket: WebSocket, dispatcher: Dispatcher): void {
  let inFlight = 0;
  // ws closes the connection itself after an error; without a listener the error would be thrown.
  socket.on('error', () => socket.terminate());

  function send(reply: ResultMessage): void {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_UNREAD_BYTES) return socket.terminate();
    let text: string;
    try {
      text = JSON.stringify(reply);
    } catch {
      text = JSON.stringify({ type: 'result', id: reply.id, ...failure(new ApiError('internal', 'The result could not be sent.')) });
    }
    socket.send(text);
  }

  async function answer(call: CallMessage | { id: number }): Promise<CallResult> {
    if (!('method' in call)) return failure(new ApiError('invalid-input', 'This message is not an API call.'));
    if (inFlight >= MAX_CALLS_IN_FLIGHT) {
      return failure(new ApiError('cancelled', `Too many calls at once on this connection (at most ${MAX_CALLS_IN_FLIGHT}); this one was not run.`));
    }
    inFlight++;
    try {
      return await dispatcher.call(call.method, call.arg);
    } catch (e) {
      return failure(new ApiError('internal', 'Something went wrong inside VirtWire.', e instanceof Error ? e.message : String(e)));
    } finally {
      inFlight--;
    }
  }

  function receive(data: RawData, isBinary: boolean): void {
    if (isBinary) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      return;
    }
    const call = asCall(parsed);
    if (call === null) return;
    void answer(call)
      .then((result) => send({ type: 'result', id: call.id, ...result }))
      .catch(() => socket.terminate());
  }

  socket.on('message', (data, isBinary) => {
    try {
      receive(data, isBinary);
    } catch {
      socket.terminate();
    }
  });
}
