// The API over WebSocket: each text message is one call, answered with its result under
// the same id. Messages that are not calls are answered with 'invalid-input' when they
// carry an id and dropped otherwise.
import type { WebSocket } from 'ws';
import type { CallMessage, ResultMessage } from '../../shared/api/wire.ts';
import { ApiError } from '../../shared/errors.ts';
import type { Dispatcher } from '../api/dispatch.ts';

function asCall(value: unknown): CallMessage | { id: number } | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'number') return null;
  if (v.type === 'call' && typeof v.method === 'string') return v as unknown as CallMessage;
  return { id: v.id };
}

export function serveApi(socket: WebSocket, dispatcher: Dispatcher): void {
  socket.on('message', async (data, isBinary) => {
    if (isBinary) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      return;
    }
    const call = asCall(parsed);
    if (call === null) return;
    const result =
      'method' in call
        ? await dispatcher.call(call.method, call.arg)
        : { ok: false as const, error: new ApiError('invalid-input', 'This message is not an API call.').toJSON() };
    const reply: ResultMessage = { type: 'result', id: call.id, ...result };
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(reply));
  });
}
