// A shell kept open on the host for frequent reads. Every command run() sends opens a session
// channel, and OpenSSH then starts the login shell, which on many hosts reads startup files
// (Debian's bash reads ~/.bashrc for commands sent over SSH; pyenv, conda or nvm set up there
// take ~0.5 s, more on a busy host). The live picture re-reads part of a host after every
// event, so it sends its reads to one `sh` started once per connection instead: each command is
// written to its stdin, in a subshell with stdin from /dev/null, followed by lines that print a
// random token with the exit status on stdout and stderr, which is how its end is found.
import { randomBytes } from 'node:crypto';
import type { Client, ClientChannel } from 'ssh2';
import { ApiError } from '../../shared/errors.ts';
import { execChannel } from './exec-channel.ts';
import type { RunResult } from './runner.ts';

/** What a kept shell needs from the runner: a channel slot (its release), and how to say why it failed. */
export interface KeptShellHost {
  takeSlot(): Promise<() => void>;
  label: string;
}

/** The kept shell could not be started on this connection (a forced command, a shell that is not one): run the command the usual way. */
export class KeptShellUnavailable extends Error {}

/** how long the kept shell may take to answer its first line before it is given up for the connection */
const GREETING_TIMEOUT_MS = 15_000;

const token = (): string => `vwk${randomBytes(16).toString('hex')}`;

/**
 * Collects one stream's bytes until they end with the token's line: `\n<token>:<status>:<token>\n`
 * on stdout, `\n<token>\n` on stderr. Nothing follows that line (the next command is written only
 * after it), so only the last few bytes are looked at on each chunk, whatever the output's size.
 */
class UntilToken {
  readonly #chunks: Buffer[] = [];
  #length = 0;
  #tail: Buffer = Buffer.alloc(0);
  readonly #pattern: RegExp;
  readonly #longest: number;
  /** where the end line starts, and the status it carried ('' on stderr) */
  end: { at: number; status: string } | null = null;

  private constructor(pattern: RegExp, longest: number) {
    this.#pattern = pattern;
    this.#longest = longest;
  }

  /** stdout: ends with the token, the exit status and the token again */
  static statusLine(t: string): UntilToken {
    return new UntilToken(new RegExp(`\n${t}:(\\d+):${t}\n$`), 2 * t.length + 8);
  }

  /** stderr: ends with the token alone */
  static line(t: string): UntilToken {
    return new UntilToken(new RegExp(`\n${t}()\n$`), t.length + 2);
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

interface Running {
  stdout: UntilToken;
  stderr: UntilToken;
  finish: (result: RunResult | ApiError) => void;
}

export class KeptShell {
  readonly #host: KeptShellHost;
  #channel: ClientChannel | null = null;
  #client: Client | null = null;
  #opening: Promise<ClientChannel> | null = null;
  #running: Running | null = null;
  /** the connection on which the shell could not be started: not tried again on it */
  #unavailableOn: Client | null = null;

  constructor(host: KeptShellHost) {
    this.#host = host;
  }

  /** a command is running in it now (another one then goes its own way) */
  get busy(): boolean {
    return this.#running !== null || this.#opening !== null;
  }

  /** whether the shell could not be started on this connection */
  unavailableOn(client: Client): boolean {
    return this.#unavailableOn === client;
  }

  /**
   * Runs one command line (already quoted for a POSIX shell) in the kept shell, opening it on
   * `client` first when it is not open there. A command stopped by the timeout or the signal
   * takes the shell with it: the next one opens a new shell. Throws KeptShellUnavailable when the
   * shell cannot be started on this connection (nothing has run then).
   */
  async run(client: Client, line: string, timeoutMs: number, signal?: AbortSignal): Promise<RunResult> {
    if (this.busy) throw new Error('the kept shell is busy');
    const cancelled = () => new ApiError('cancelled', 'The command was cancelled.');
    if (signal?.aborted) throw cancelled();
    const channel = await this.#shellOn(client);
    if (signal?.aborted) throw cancelled();
    const t = token();
    return new Promise<RunResult>((resolve, reject) => {
      const finish = (result: RunResult | ApiError) => {
        if (this.#running !== running) return;
        this.#running = null;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (result instanceof ApiError) reject(result);
        else resolve(result);
      };
      const running: Running = {
        stdout: UntilToken.statusLine(t),
        stderr: UntilToken.line(t),
        finish,
      };
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
      // A subshell, so that nothing the command does (exit, cd) changes the kept shell; stdin from
      // /dev/null, so that it cannot read the commands that follow it.
      channel.write(`(\n${line}\n) </dev/null; printf '\\n%s:%s:%s\\n' ${t} "$?" ${t}; printf '\\n%s\\n' ${t} >&2\n`);
    });
  }

  /** Closes the shell (its command, if one runs, is reported by whoever stopped it). */
  close(): void {
    const channel = this.#channel;
    this.#channel = null;
    this.#client = null;
    channel?.close();
  }

  async #shellOn(client: Client): Promise<ClientChannel> {
    if (this.#channel && this.#client === client) return this.#channel;
    this.close();
    this.#opening = this.#open(client);
    try {
      return await this.#opening;
    } catch (error) {
      // A connection that is gone fails the command as any would; a shell that would not start is not tried again here.
      if (error instanceof KeptShellUnavailable) this.#unavailableOn = client;
      throw error;
    } finally {
      this.#opening = null;
    }
  }

  async #open(client: Client): Promise<ClientChannel> {
    const release = await this.#host.takeSlot();
    const channel = await new Promise<ClientChannel>((resolve, reject) => {
      execChannel(client, 'exec sh', (error, ch) => {
        if (error) {
          release();
          reject(new ApiError('disconnected', `${this.#host.label} did not open a channel for the command.`, error.message));
        } else resolve(ch);
      });
    });
    let greetingTimer: NodeJS.Timeout | undefined;
    const ready = token();
    // The greeting goes to stdout and stderr: each stream is the shell's own once its greeting came
    // (what the startup files printed comes before it, and the two streams arrive independently).
    const greeting = { stdout: UntilToken.statusLine(ready), stderr: UntilToken.line(ready) };
    await new Promise<void>((resolve, reject) => {
      let up = false;
      const onGreeting = (stream: UntilToken, chunk: Buffer): void => {
        stream.push(chunk);
        if (greeting.stdout.end && greeting.stderr.end) {
          up = true;
          clearTimeout(greetingTimer);
          resolve();
        }
      };
      channel.on('data', (chunk: Buffer) => {
        if (!greeting.stdout.end) return onGreeting(greeting.stdout, chunk);
        this.#running?.stdout.push(chunk);
        this.#settle();
      });
      channel.stderr.on('data', (chunk: Buffer) => {
        if (!greeting.stderr.end) return onGreeting(greeting.stderr, chunk);
        this.#running?.stderr.push(chunk);
        this.#settle();
      });
      // The shell itself ended (killed, out of memory): what it ran may still hold the channel open.
      channel.once('exit', () => {
        if (!up) return;
        this.#running?.finish(new ApiError('command', `The shell VirtWire keeps for reads on ${this.#host.label} ended while the command ran.`));
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
        if (!up) reject(new KeptShellUnavailable(`${this.#host.label} closed the shell VirtWire keeps for reads as it started.`));
        this.#running?.finish(new ApiError('disconnected', 'The connection to the host was lost while the command ran.'));
      });
      greetingTimer = setTimeout(() => {
        reject(new KeptShellUnavailable(`${this.#host.label} did not answer in the shell VirtWire keeps for reads.`));
        channel.close();
      }, GREETING_TIMEOUT_MS);
      channel.write(`printf '\\n%s:0:%s\\n' ${ready} ${ready}; printf '\\n%s\\n' ${ready} >&2\n`);
    });
    this.#channel = channel;
    this.#client = client;
    return channel;
  }

  #settle(): void {
    const running = this.#running;
    if (!running?.stdout.end || !running.stderr.end) return;
    running.finish({ code: Number(running.stdout.end.status), stdout: running.stdout.text(), stderr: running.stderr.text() });
  }
}
