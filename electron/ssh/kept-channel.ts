// A program kept open on the host for frequent reads (a shell, virsh): one session channel that
// commands are written to, one after another, instead of a channel (and a login, and a program
// start) per command. Each command is followed by lines that print a random token on stdout and
// on stderr; that is how its end is found on each stream. What the program is, how a command is
// framed and how its output is cut out of what the program printed is the dialect's
// (kept-shell.ts, kept-virsh.ts); opening, the greeting, timeouts, cancelling and a program that
// dies are handled here once.
import { randomBytes } from 'node:crypto';
import type { Client, ClientChannel } from 'ssh2';
import { ApiError } from '../../shared/errors.ts';
import { execChannel } from './exec-channel.ts';
import type { RunResult } from './runner.ts';

/** What a kept program needs from the runner: a channel slot (its release), and how to say why it failed. */
export interface KeptHost {
  takeSlot(): Promise<() => void>;
  label: string;
}

/** The kept program could not be started on this connection (a forced command, no such program, sudo refused): run the command the usual way. */
export class KeptUnavailable extends Error {}

/** how long the kept program may take to answer its first line before it is given up for the connection */
const GREETING_TIMEOUT_MS = 15_000;
/**
 * how long stderr's greeting may lag stdout's: a program that greets on stdout but not on stderr
 * cannot mark a command's end there (virsh without `echo --err`) and is given up at once
 */
const STDERR_GREETING_LAG_MS = 3_000;

export const keptToken = (): string => `vwk${randomBytes(16).toString('hex')}`;

/**
 * Collects one stream's bytes until they end with a token's line (`pattern`, anchored at the end,
 * matching within the last `longest` bytes). Nothing but the program's prompt follows that line
 * (the next command is written only after it), so only the last few bytes are looked at on each
 * chunk, whatever the output's size.
 */
export class UntilToken {
  readonly #chunks: Buffer[] = [];
  #length = 0;
  #tail: Buffer = Buffer.alloc(0);
  readonly #pattern: RegExp;
  readonly #longest: number;
  /** where the end line starts, and the status it carried ('' when it carries none) */
  end: { at: number; status: string } | null = null;

  /** `pattern` must end with `$`; its first group, if any, is the status */
  constructor(pattern: RegExp, longest: number) {
    this.#pattern = pattern;
    this.#longest = longest;
  }

  push(chunk: Buffer): void {
    if (this.end) return;
    this.#chunks.push(chunk);
    this.#length += chunk.length;
    const tail = chunk.length >= this.#longest ? chunk : Buffer.concat([this.#tail, chunk]);
    this.#tail = tail.subarray(Math.max(0, tail.length - this.#longest));
    // latin1 maps each byte to one character, so an index in the tail is a byte offset
    const match = this.#pattern.exec(this.#tail.toString('latin1'));
    if (match) this.end = { at: this.#length - this.#tail.length + match.index, status: match[1] ?? '' };
  }

  /** what came before the end line, as text */
  text(): string {
    return Buffer.concat(this.#chunks, this.#length).subarray(0, this.end?.at ?? this.#length).toString('utf8');
  }
}

/** What is written for one command or the greeting, and how its end is recognised on each stream. */
export interface Framed {
  write: string;
  stdout: UntilToken;
  stderr: UntilToken;
}

/** A command as written, with its result once both streams reached their end lines. */
export interface FramedCommand extends Framed {
  result(): RunResult;
}

export interface KeptDialect {
  /** what the program is called in messages: "the shell VirtWire keeps for reads" */
  name: string;
  /** what makes the program print its greeting tokens once it is up */
  greeting(): Framed;
  /** what runs `line` and then prints the end tokens */
  frame(line: string): FramedCommand;
  /** whether the program must be started again after this result (it lost what it was connected to) */
  spent?(result: RunResult): boolean;
  /**
   * how long a program that would not start is left alone on that connection before it is tried
   * again; for as long as the connection lasts when not given (a forced command stays forced)
   */
  retryAfterMs?: number;
}

interface Running {
  command: FramedCommand;
  finish: (result: RunResult | ApiError) => void;
}

export class KeptChannel {
  readonly #host: KeptHost;
  readonly #dialect: KeptDialect;
  #channel: ClientChannel | null = null;
  #client: Client | null = null;
  /** the command line the open channel runs */
  #command = '';
  #opening: Promise<ClientChannel> | null = null;
  #running: Running | null = null;
  /** the connection (and program) that could not be started: not tried again on it (until `until`) */
  #unavailable: { client: Client; command: string; until: number } | null = null;

  constructor(host: KeptHost, dialect: KeptDialect) {
    this.#host = host;
    this.#dialect = dialect;
  }

  /** a command is running in it now (another one then goes its own way) */
  get busy(): boolean {
    return this.#running !== null || this.#opening !== null;
  }

  /** whether the program `command` could not be started on this connection */
  unavailableOn(client: Client, command: string): boolean {
    return this.#unavailable?.client === client && this.#unavailable.command === command && Date.now() < this.#unavailable.until;
  }

  /**
   * Runs one command `line` in the program that `command` starts on `client`, opening it first
   * when it is not open there. A command stopped by the timeout or the signal takes the program
   * with it: the next one opens a new one. Throws KeptUnavailable when the program cannot be
   * started on this connection (nothing has run then).
   */
  async run(client: Client, command: string, line: string, timeoutMs: number, signal?: AbortSignal): Promise<RunResult> {
    if (this.busy) throw new Error(`${this.#dialect.name} is busy`);
    const cancelled = () => new ApiError('cancelled', 'The command was cancelled.');
    if (signal?.aborted) throw cancelled();
    const channel = await this.#openOn(client, command);
    if (signal?.aborted) throw cancelled();
    const framed = this.#dialect.frame(line);
    return new Promise<RunResult>((resolve, reject) => {
      const finish = (result: RunResult | ApiError) => {
        if (this.#running !== running) return;
        this.#running = null;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (result instanceof ApiError) reject(result);
        else {
          if (this.#dialect.spent?.(result)) this.close();
          resolve(result);
        }
      };
      const running: Running = { command: framed, finish };
      const stop = (error: ApiError) => {
        finish(error);
        this.close();
      };
      const timer = setTimeout(
        () => stop(new ApiError('timeout', `The command did not finish on ${this.#host.label} within ${timeoutMs / 1000} s and was stopped.`)),
        timeoutMs,
      );
      const onAbort = () => stop(cancelled());
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#running = running;
      channel.write(framed.write);
    });
  }

  /**
   * Opens the program `command` on `client` unless it is open there: true when it is up, false
   * when it cannot be started on this connection. A lost connection throws.
   */
  async open(client: Client, command: string): Promise<boolean> {
    if (this.unavailableOn(client, command)) return false;
    try {
      await this.#openOn(client, command);
      return true;
    } catch (error) {
      if (error instanceof KeptUnavailable) return false;
      throw error;
    }
  }

  /** Closes the program (its command, if one runs, is reported by whoever stopped it). */
  close(): void {
    const channel = this.#channel;
    this.#channel = null;
    this.#client = null;
    channel?.close();
  }

  async #openOn(client: Client, command: string): Promise<ClientChannel> {
    if (this.#channel && this.#client === client && this.#command === command) return this.#channel;
    this.close();
    this.#opening = this.#open(client, command);
    try {
      return await this.#opening;
    } catch (error) {
      // A connection that is gone fails the command as any would; a program that would not start is not tried again here.
      if (error instanceof KeptUnavailable) this.#unavailable = { client, command, until: Date.now() + (this.#dialect.retryAfterMs ?? Infinity) };
      throw error;
    } finally {
      this.#opening = null;
    }
  }

  async #open(client: Client, command: string): Promise<ClientChannel> {
    const release = await this.#host.takeSlot();
    const channel = await new Promise<ClientChannel>((resolve, reject) => {
      execChannel(client, command, (error, ch) => {
        if (error) {
          release();
          reject(new ApiError('disconnected', `${this.#host.label} did not open a channel for the command.`, error.message));
        } else resolve(ch);
      });
    });
    let greetingTimer: NodeJS.Timeout | undefined;
    const { name } = this.#dialect;
    // The greeting goes to stdout and stderr: each stream is the program's own once its greeting
    // came (what the startup files printed comes before it, and the two streams arrive independently).
    const greeting = this.#dialect.greeting();
    await new Promise<void>((resolve, reject) => {
      let up = false;
      const giveUp = (why: string): void => {
        clearTimeout(greetingTimer);
        reject(new KeptUnavailable(why));
        channel.close();
      };
      const onGreeting = (stream: UntilToken, chunk: Buffer): void => {
        stream.push(chunk);
        if (greeting.stdout.end && greeting.stderr.end) {
          up = true;
          clearTimeout(greetingTimer);
          resolve();
        } else if (stream === greeting.stdout && greeting.stdout.end) {
          clearTimeout(greetingTimer);
          greetingTimer = setTimeout(() => giveUp(`${this.#host.label} did not answer on stderr in ${name}.`), STDERR_GREETING_LAG_MS);
        }
      };
      channel.on('data', (chunk: Buffer) => {
        if (!greeting.stdout.end) return onGreeting(greeting.stdout, chunk);
        this.#running?.command.stdout.push(chunk);
        this.#settle();
      });
      channel.stderr.on('data', (chunk: Buffer) => {
        if (!greeting.stderr.end) return onGreeting(greeting.stderr, chunk);
        this.#running?.command.stderr.push(chunk);
        this.#settle();
      });
      // The program itself ended (killed, out of memory): what it ran may still hold the channel open.
      channel.once('exit', () => {
        if (!up) return;
        this.#running?.finish(new ApiError('command', `${capitalised(name)} on ${this.#host.label} ended while the command ran.`));
        if (this.#channel === channel) this.close();
        else channel.close();
      });
      channel.once('close', () => {
        release();
        if (this.#channel === channel) {
          this.#channel = null;
          this.#client = null;
        }
        clearTimeout(greetingTimer);
        if (!up) reject(new KeptUnavailable(`${this.#host.label} closed ${name} as it started.`));
        this.#running?.finish(new ApiError('disconnected', 'The connection to the host was lost while the command ran.'));
      });
      greetingTimer = setTimeout(() => giveUp(`${this.#host.label} did not answer in ${name}.`), GREETING_TIMEOUT_MS);
      channel.write(greeting.write);
    });
    this.#channel = channel;
    this.#client = client;
    this.#command = command;
    return channel;
  }

  #settle(): void {
    const running = this.#running;
    if (!running?.command.stdout.end || !running.command.stderr.end) return;
    running.finish(running.command.result());
  }
}

const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
