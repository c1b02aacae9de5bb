// One host's SSH session over time: connects, notices a lost link (keepalive), reconnects
// with backoff, and reports its state. Commands borrow the live connection through client().
import type { Client } from 'ssh2';
import { ApiError, type ApiErrorData } from '../../shared/errors.ts';
import { connect, type Connection, type ConnectOptions } from './connect.ts';

export type SessionState = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'disconnected';

export interface SessionStateChange {
  state: SessionState;
  /** why the session failed, or why it is reconnecting */
  reason?: ApiErrorData;
  /** reconnect attempt number, counting from 1 */
  attempt?: number;
}

export interface ReconnectPolicy {
  maxAttempts: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export interface SessionOptions extends ConnectOptions {
  reconnect?: ReconnectPolicy;
}

const DEFAULT_RECONNECT: ReconnectPolicy = { maxAttempts: 6, firstDelayMs: 1_000, maxDelayMs: 30_000 };

/** Errors that a new attempt cannot fix: retrying a refused key or password only repeats the refusal. */
const isFinal = (e: ApiError): boolean => e.code === 'auth' || e.code === 'hostkey-changed' || e.code === 'hostkey-unknown';

export class SshSession {
  #state: SessionState = 'disconnected';
  #connection: Connection | null = null;
  #listeners = new Set<(change: SessionStateChange) => void>();
  /** secrets typed during this session, reused on reconnect; dropped on disconnect */
  readonly #memory = new Map<string, string>();
  readonly #options: SessionOptions;
  #retryTimer: NodeJS.Timeout | undefined;

  constructor(options: SessionOptions) {
    this.#options = options;
  }

  get state(): SessionState {
    return this.#state;
  }

  onDidChangeState(listener: (change: SessionStateChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #set(change: SessionStateChange): void {
    this.#state = change.state;
    for (const listener of [...this.#listeners]) listener(change);
  }

  /** Connects (again); resolves once connected, rejects with the typed reason on failure. */
  async connect(): Promise<void> {
    if (this.#state === 'connected' || this.#state === 'connecting') return this.#whenConnected();
    clearTimeout(this.#retryTimer);
    this.#set({ state: 'connecting' });
    let connection: Connection;
    try {
      connection = await connect({ ...this.#options, memory: this.#memory });
    } catch (error) {
      const reason = ApiError.from(error);
      if (this.state === 'connecting') this.#set({ state: 'failed', reason: reason.toJSON() });
      throw reason;
    }
    if (!this.#adopt(connection)) throw new ApiError('cancelled', 'The connection was cancelled.');
  }

  /** Closes the connection on the user's request; no reconnect follows. */
  disconnect(): void {
    clearTimeout(this.#retryTimer);
    const connection = this.#connection;
    this.#connection = null;
    this.#memory.clear();
    this.#set({ state: 'disconnected' });
    connection?.close();
  }

  /** The live connection; waits while (re)connecting, and fails if there is none to wait for. */
  async client(): Promise<Client> {
    await this.#whenConnected();
    if (!this.#connection) throw new ApiError('disconnected', 'The connection to the host is closed.');
    return this.#connection.client;
  }

  #whenConnected(): Promise<void> {
    if (this.#state === 'connected') return Promise.resolve();
    if (this.#state !== 'connecting' && this.#state !== 'reconnecting') {
      return Promise.reject(new ApiError('disconnected', 'VirtWire is not connected to the host.'));
    }
    return new Promise((resolve, reject) => {
      const stop = this.onDidChangeState((change) => {
        if (change.state === 'connected') resolve();
        else if (change.state === 'failed' || change.state === 'disconnected') {
          reject(new ApiError('disconnected', 'The connection to the host could not be made.', change.reason?.message));
        } else return;
        stop();
      });
    });
  }

  /** Takes a new connection into use, unless the user disconnected while it was being made. */
  #adopt(connection: Connection): boolean {
    if (this.#state === 'disconnected') {
      connection.close();
      return false;
    }
    this.#connection = connection;
    let lastError: Error | null = null;
    connection.client.on('error', (error) => (lastError = error));
    connection.client.once('close', () => {
      if (this.#connection !== connection) return;
      this.#connection = null;
      connection.close();
      const reason = new ApiError('disconnected', 'The connection to the host was lost.', lastError?.message);
      this.#retry(1, reason);
    });
    this.#set({ state: 'connected' });
    return true;
  }

  #retry(attempt: number, reason: ApiError): void {
    const policy = this.#options.reconnect ?? DEFAULT_RECONNECT;
    if (attempt > policy.maxAttempts) {
      this.#set({ state: 'failed', reason: reason.toJSON() });
      return;
    }
    this.#set({ state: 'reconnecting', reason: reason.toJSON(), attempt });
    const delay = Math.min(policy.firstDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
    this.#retryTimer = setTimeout(() => {
      connect({ ...this.#options, memory: this.#memory }).then(
        (connection) => {
          if (this.#state === 'reconnecting') this.#adopt(connection);
          else connection.close();
        },
        (error: unknown) => {
          if (this.#state !== 'reconnecting') return;
          const next = ApiError.from(error);
          if (isFinal(next)) this.#set({ state: 'failed', reason: next.toJSON() });
          else this.#retry(attempt + 1, next);
        },
      );
    }, delay);
  }
}
