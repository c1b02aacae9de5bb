// Browser mode: the API over one WebSocket to the `virtwire web` server. The socket
// reconnects on its own; a call in flight when it drops fails with 'disconnected' rather
// than hanging, because the server may have restarted and lost it.
import type { ApiEventName, ApiEvents } from '../../shared/api/index.ts';
import type { CallMessage, CallResult, ServerMessage } from '../../shared/api/wire.ts';
import { ApiError } from '../../shared/errors.ts';
import type { Transport } from './proxy.ts';

const FIRST_RETRY_MS = 250;
/** The most the server reads in one message (electron/web/socket-api.ts); it closes the socket on more. */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
const MAX_RETRY_MS = 5_000;

type Listener = (payload: unknown) => void;

function tooLarge(text: string): boolean {
  return text.length * 3 > MAX_MESSAGE_BYTES && new TextEncoder().encode(text).length > MAX_MESSAGE_BYTES;
}

export class SocketTransport implements Transport {
  private socket: WebSocket | null = null;
  private readonly pending = new Map<number, (result: CallResult) => void>();
  private readonly unsent: CallMessage[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  private nextId = 1;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly url: string,
    private readonly openSocket: (url: string) => WebSocket = (u) => new WebSocket(u),
  ) {
    this.connect();
  }

  call(method: string, arg: unknown): Promise<CallResult> {
    const message: CallMessage = { type: 'call', id: this.nextId++, method, arg };
    if (tooLarge(JSON.stringify(message))) {
      const error = ApiError.said('invalid-input', { key: 'app.tooLargeToSend', values: { mib: MAX_MESSAGE_BYTES / 1024 / 1024 } });
      return Promise.resolve({ ok: false, error: error.toJSON() });
    }
    return new Promise((resolve) => {
      this.pending.set(message.id, resolve);
      if (this.socket && this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
      else {
        this.unsent.push(message);
        if (this.socket === null) this.connectNow();
      }
    });
  }

  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  private connectNow(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.connect();
  }

  private connect(): void {
    const socket = this.openSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.retryMs = FIRST_RETRY_MS;
      for (const message of this.unsent.splice(0)) socket.send(JSON.stringify(message));
    });
    socket.addEventListener('message', (e) => this.receive(String(e.data)));
    // an error is always followed by close, which does the recovery
    socket.addEventListener('error', () => undefined);
    socket.addEventListener('close', () => this.dropped(socket));
  }

  private receive(text: string): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(text) as ServerMessage;
    } catch {
      return;
    }
    if (message.type === 'result') {
      const resolve = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve?.(message.ok ? { ok: true, value: message.value } : { ok: false, error: message.error });
    } else if (message.type === 'event') {
      for (const listener of this.listeners.get(message.event) ?? []) listener(message.payload);
    }
  }

  private dropped(socket: WebSocket): void {
    if (this.socket !== socket) return;
    this.socket = null;
    this.unsent.length = 0;
    const error = ApiError.said('disconnected', { key: 'app.socketLost' }).toJSON();
    for (const resolve of this.pending.values()) resolve({ ok: false, error });
    this.pending.clear();
    this.retryTimer = setTimeout(() => this.connectNow(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }
}
