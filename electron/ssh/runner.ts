// THE choke point: every command VirtWire runs on a host goes through run() (or runKept(), the
// same for the live picture's repeated reads, sent to a shell kept open). Commands are argv
// arrays quoted here; payloads go over stdin; channels are queued below the server's session
// limit; each run is journaled (#journaled).
import { constants } from 'node:os';
import type { Client, ClientChannel } from 'ssh2';
import { ApiError, type ErrorCode } from '../../shared/errors.ts';
import { execChannel } from './exec-channel.ts';
import type { Journal } from './journal.ts';
import type { StepNeeds } from '../../shared/plan/ops.ts';
import { KeptChannel, KeptUnavailable } from './kept-channel.ts';
import { KEPT_SHELL, shellDialect } from './kept-shell.ts';
import { virshDialect } from './kept-virsh.ts';
import { commandLine } from './quote.ts';
import { visible, visibleLines } from '../../shared/text/visible.ts';

export interface RunOptions {
  /** sent on stdin, which is then closed */
  stdin?: string | Buffer;
  /** milliseconds before the command is stopped and reported as 'timeout' */
  timeout?: number;
  /** what the command needs beyond the login; the runner decides whether that means `sudo -n --` */
  needs?: StepNeeds;
  signal?: AbortSignal;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunnerSettings {
  /** the host's label, for the journal and messages */
  host: string;
  user: string;
  useSudo: boolean;
  /** channels open at once; OpenSSH allows 10 sessions per connection (MaxSessions) */
  maxChannels?: number;
  defaultTimeoutMs?: number;
}

/** What the runner needs from a session: the live connection. */
export interface ConnectionSource {
  client(): Promise<Client>;
}

const DEFAULT_MAX_CHANNELS = 8;
const DEFAULT_TIMEOUT_MS = 120_000;
/** characters of a stream's stderr kept to say why it ended */
const STREAM_STDERR_KEPT = 2_000;
/** Past this length a journaled command line is rebuilt from its argv when read (Journal). */
const LONG_LINE = 512;
/**
 * A copy of an argument that holds only its own characters. A name or UUID taken from a
 * command's output is a slice of that whole output in V8 (a sliced string keeps its parent
 * alive), so journaling it as it is would keep each probe's ~30 KB output for as long as the
 * entry lives. Long arguments are the probe's script, one constant string, and are kept as they are.
 */
const ownCopy = (arg: string): string => (arg.length > LONG_LINE ? arg : Buffer.from(arg, 'utf8').toString('utf8'));

/**
 * Builds a journaled command line again when it is read. Made here, outside run(), so the
 * function holds only the argv and the sudo flag: a closure made inside run() would keep run()'s
 * whole scope alive with the entry — the line itself, the options and the output — which is
 * what it is there to avoid (an all-day session journals thousands of probe reads).
 */
const lineLater = (argv: readonly string[], sudo: boolean): (() => string) => () => commandLine(argv, { sudo });

/** sudo's own words when -n stops it from asking for a password or it is not allowed */
const SUDO_REFUSED = /^sudo: (a password is required|a terminal is required|.* is not in the sudoers file|sorry, user .* is not allowed)/m;

export class HostRunner {
  readonly #source: ConnectionSource;
  readonly #settings: RunnerSettings;
  readonly #journal: Journal | undefined;
  #open = 0;
  readonly #waiting: (() => void)[] = [];
  /** virsh reaches libvirt without sudo (a member of the libvirt group); learnt by learnLibvirtAccess */
  #libvirtDirect = false;
  /** the shell runKept() sends commands to; it holds one channel slot while open */
  readonly #kept: KeptChannel;
  /** the virsh runVirsh() sends commands to; one channel slot while open */
  readonly #keptVirsh: KeptChannel;

  constructor(source: ConnectionSource, settings: RunnerSettings, journal?: Journal) {
    this.#source = source;
    this.#settings = settings;
    this.#journal = journal;
    const host = { label: settings.host, takeSlot: () => this.#takeChannelSlot(undefined) };
    this.#kept = new KeptChannel(host, shellDialect);
    this.#keptVirsh = new KeptChannel(host, virshDialect);
  }

  /** channels open now, commands and streams alike (at most maxChannels) */
  get channelsInUse(): number {
    return this.#open;
  }

  /**
   * THE elevation policy: whether a command that needs `needs` runs through `sudo -n --` on this
   * login. Root never needs sudo; a profile without sudo never gets it (its commands fail with
   * the host's own permission error); root-only commands (ip link, ovs-vsctl) always take it;
   * virsh takes it unless the user reaches libvirt directly (the libvirt group).
   */
  elevates(needs: StepNeeds | undefined): boolean {
    const { user, useSudo } = this.#settings;
    if (needs === undefined || user === 'root' || !useSudo) return false;
    return needs === 'root' || !this.#libvirtDirect;
  }

  /** The exact line run() sends for argv: what a preview shows is what runs. */
  commandLineFor(argv: readonly string[], needs: StepNeeds | undefined): string {
    return commandLine(argv, { sudo: this.elevates(needs) });
  }

  /**
   * Finds out, once per connection, whether a sudo profile's user reaches libvirt at `uri`
   * without sudo (`virsh uri` answers), so virsh runs as the user where it can — as the
   * libvirt group intends — and through sudo only where it must.
   */
  async learnLibvirtAccess(uri: string): Promise<void> {
    if (this.#settings.user === 'root' || !this.#settings.useSudo) return;
    const result = await this.run(['virsh', '-c', uri, 'uri'], { timeout: 30_000 }).catch(() => null);
    this.#libvirtDirect = result?.code === 0;
  }

  /** Runs argv; a non-zero exit is a result, not an error (see runChecked). */
  async run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    return this.#journaled(argv, options, (line) => this.#ownChannel(line, options));
  }

  /** Runs a command line on a channel of its own. */
  async #ownChannel(line: string, options: RunOptions): Promise<RunResult> {
    const release = await this.#takeChannelSlot(options.signal);
    let client: Client;
    try {
      client = await this.#source.client();
    } catch (error) {
      release();
      throw error;
    }
    return this.#exec(client, line, options, release);
  }

  /**
   * Like run(), for the reads the live picture repeats after every event: the command runs in a
   * shell kept open on the host (kept-shell.ts), so it does not open a session and start the
   * login shell each time. A command with stdin, or one that needs sudo, or one that comes while
   * the kept shell is busy, or on a host where it cannot be started, runs on a channel of its
   * own as run() does. Journaled the same way.
   */
  async runKept(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    if (options.stdin !== undefined || this.elevates(options.needs) || this.#kept.busy) return this.run(argv, options);
    return this.#journaled(argv, options, async (line) => {
      const client = await this.#source.client();
      if (!this.#kept.unavailableOn(client, KEPT_SHELL) && !this.#kept.busy) {
        try {
          return await this.#kept.run(client, KEPT_SHELL, line, options.timeout ?? this.#settings.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS, options.signal);
        } catch (error) {
          if (!(error instanceof KeptUnavailable)) throw error;
        }
      }
      return this.#ownChannel(line, options);
    });
  }

  /**
   * Starts the kept virsh for `uri` ahead of the first read that needs it (the live picture's
   * first event then pays no virsh start). Runs nothing and journals nothing; false where it
   * cannot be started on this connection.
   */
  async openVirsh(uri: string): Promise<boolean> {
    if (this.#keptVirsh.busy) return false;
    return this.#keptVirsh.open(await this.#source.client(), this.#virshProgram(uri));
  }

  /**
   * Runs virsh commands (`cmd; cmd; …` on one line, every argument safe for virsh's own parser)
   * against `uri` in a virsh kept open on the host (kept-virsh.ts): no process start and no new
   * libvirt connection per read. Journaled as the `virsh -c URI 'commands'` it stands for, with
   * sudo as for any libvirt command. Gives null, having run nothing, where the kept virsh is
   * busy or cannot be started on this connection (no virsh, sudo refused, a forced command):
   * the caller then reads the usual way. Errors of the commands are on stderr; the code is 0.
   */
  async runVirsh(uri: string, commands: string, options: Omit<RunOptions, 'stdin' | 'needs'> = {}): Promise<RunResult | null> {
    // virsh reads one line per command line: a newline would end it early and run the rest as another
    if (/[\r\n]/.test(commands)) throw new ApiError('invalid-input', 'virsh commands for the kept virsh must be one line.');
    const program = this.#virshProgram(uri);
    const client = await this.#source.client();
    if (this.#keptVirsh.busy || !(await this.#keptVirsh.open(client, program)) || this.#keptVirsh.busy) return null;
    return this.#journaled(['virsh', '-c', uri, commands], { ...options, needs: 'libvirt' }, () =>
      this.#keptVirsh.run(client, program, commands, options.timeout ?? this.#settings.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS, options.signal),
    );
  }

  /** what the kept virsh's channel runs: `virsh -c URI`, through sudo where libvirt needs it */
  #virshProgram(uri: string): string {
    return `exec ${commandLine(['virsh', '-c', uri], { sudo: this.elevates('libvirt') })}`;
  }

  /** Runs `exec` with the command line of argv, and journals what it gave: THE record of every command. */
  async #journaled(argv: readonly string[], options: RunOptions, exec: (line: string) => Promise<RunResult>): Promise<RunResult> {
    const sudo = this.elevates(options.needs);
    const line = commandLine(argv, { sudo });
    const started = Date.now();
    const kept = argv.map(ownCopy);
    const record = (exitCode: number | null, error?: ErrorCode) =>
      this.#journal?.add({
        time: new Date(started).toISOString(),
        host: this.#settings.host,
        argv: kept,
        // a long line (the probe) is built again when the journal is read, not kept per run
        commandLine: line.length > LONG_LINE ? lineLater(kept, sudo) : line,
        exitCode,
        durationMs: Date.now() - started,
        ...(error ? { error } : {}),
        ...(options.stdin === undefined ? {} : { stdinBytes: Buffer.byteLength(options.stdin) }),
      });
    try {
      const result = await exec(line);
      if (sudo && result.code !== 0 && SUDO_REFUSED.test(result.stderr)) {
        throw new ApiError('permission', `sudo on ${this.#settings.host} refused to run the command without a password.`, result.stderr.trim(), { argv: [...argv] });
      }
      record(result.code, result.code === 0 ? undefined : 'command');
      return result;
    } catch (error) {
      const typed = ApiError.from(error);
      record(null, typed.code);
      throw typed;
    }
  }

  /** Like run(), but a non-zero exit throws 'command' with the host's stderr as detail. */
  async runChecked(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    const result = await this.run(argv, options);
    if (result.code !== 0) {
      throw new ApiError('command', `${argv[0] ?? 'The command'} failed on ${this.#settings.host} (exit code ${result.code}).`, result.stderr.trim(), {
        argv: [...argv],
        code: result.code,
        stdout: result.stdout,
      });
    }
    return result;
  }

  /**
   * Runs a long-lived command (an event stream) and calls onLine for each line it prints,
   * until it ends or close() is called. It holds one channel slot for its whole life. The
   * command is wrapped so that it is killed when its stdin closes, since OpenSSH does not
   * pass signals to root sessions and closing the channel alone would leave it running.
   * onStarted is called once the host has started the command (its channel is open).
   */
  stream(argv: readonly string[], onLine: (line: string) => void, onEnd: (reason?: string) => void, needs?: StepNeeds, onStarted?: () => void): { close(): void } {
    // The watchdog (cat) ends when stdin closes and then stops the command; `wait` makes the
    // wrapper end, and so the channel close, as soon as the command itself ends.
    const command = this.elevates(needs) ? ['sudo', '-n', '--', ...argv] : [...argv];
    // The watchdog reads the channel's stdin through fd 3: a background job's own stdin is
    // /dev/null in a non-interactive shell (POSIX), so a plain `cat` ended at once and killed
    // every stream a moment after it opened.
    const script = 'exec 3<&0; "$@" </dev/null 3<&- & p=$!; (cat <&3 >/dev/null 2>&1; kill $p 2>/dev/null) >/dev/null 2>&1 & exec 3<&-; wait $p';
    const wrapped = ['sh', '-c', script, 'virtwire-stream', ...command];
    const line = commandLine(wrapped);
    const started = Date.now();
    let closed = false;
    let channel: ClientChannel | null = null;
    let ended = false;
    let exit: { code: number | null; signal: string | null } | null = null;
    let stderr = '';
    /** Journals why the stream ended (who closed it, its exit status, what it said on stderr), then tells the caller. */
    const end = (why: string, error?: ErrorCode) => {
      if (ended) return;
      ended = true;
      const durationMs = Date.now() - started;
      const exitCode = exit?.code ?? (exit?.signal ? signalExitCode(exit.signal) : null);
      const said = stderr.trim();
      const ranFor = `after ${formatDuration(durationMs)}`;
      const sentence = closed ? `closed by VirtWire ${ranFor}` : `${why} ${ranFor}`;
      this.#journal?.add({
        time: new Date(started).toISOString(),
        host: this.#settings.host,
        argv: [...argv],
        commandLine: line,
        exitCode: closed ? null : exitCode,
        durationMs,
        ...(closed ? { error: 'cancelled' as const } : error ? { error } : {}),
        ended: sentence,
        ...(said ? { stderr: visibleLines(said) } : {}),
      });
      onEnd(closed ? 'closed' : `${sentence}${said ? `: ${visible(said.split('\n').at(-1)!)}` : ''}`);
    };
    void (async () => {
      let release: () => void = () => undefined;
      try {
        release = await this.#takeChannelSlot(undefined);
        const client = await this.#source.client();
        if (closed) throw cancelled();
        execChannel(client, line, (error, ch) => {
          if (error || closed) {
            release();
            ch?.close();
            end(error ? `the host did not open a channel (${error.message})` : 'closed', error ? 'disconnected' : undefined);
            return;
          }
          channel = ch;
          onStarted?.();
          let buffered = '';
          ch.on('data', (chunk: Buffer) => {
            buffered += chunk.toString('utf8');
            const lines = buffered.split('\n');
            buffered = lines.pop() ?? '';
            for (const l of lines) onLine(l);
          });
          // Only the end of it is kept: it is what explains why the stream ended.
          ch.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-STREAM_STDERR_KEPT)));
          ch.on('exit', (code: number | null, signalName?: string) => (exit = { code, signal: signalName ?? null }));
          ch.once('close', () => {
            release();
            if (exit === null) end('cut off with its connection', 'disconnected');
            else if (exit.code === null) end(`killed on the host by signal ${exit.signal ?? 'unknown'}`, 'command');
            else end(`ended on the host with exit code ${exit.code}`, exit.code === 0 ? undefined : 'command');
          });
        });
      } catch (error) {
        release();
        const typed = ApiError.from(error);
        end(`could not start: ${typed.message}`, typed.code);
      }
    })();
    return {
      close: () => {
        closed = true;
        (channel as ClientChannel | null)?.close();
      },
    };
  }

  /** Waits for a free channel slot; the returned function gives it back (again: no effect). */
  async #takeChannelSlot(signal: AbortSignal | undefined): Promise<() => void> {
    if (signal?.aborted) throw cancelled();
    if (this.#open >= (this.#settings.maxChannels ?? DEFAULT_MAX_CHANNELS)) {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          this.#waiting.splice(this.#waiting.indexOf(go), 1);
          reject(cancelled());
        };
        const go = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        this.#waiting.push(go);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    this.#open++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#open--;
      this.#waiting.shift()?.();
    };
  }

  /**
   * Runs one command on its own channel. A stopped command (timeout, cancel) is reported at
   * once, but its slot is released only when the host closes the channel: OpenSSH refuses
   * signals for root logins, so the remote process may live on and still count against
   * MaxSessions until it exits.
   */
  #exec(client: Client, line: string, options: RunOptions, release: () => void): Promise<RunResult> {
    const timeoutMs = options.timeout ?? this.#settings.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      execChannel(client, line, (error, channel) => {
        if (error) {
          release();
          reject(new ApiError('disconnected', `${this.#settings.host} did not open a channel for the command.`, error.message));
          return;
        }
        const stdout: Buffer[] = [];
        const stderr: Buffer[] = [];
        let exitCode: number | null = null;
        let exitSignal: string | null = null;
        let stopped: ApiError | null = null;
        const stop = (reason: ApiError) => {
          if (stopped) return;
          stopped = reason;
          channel.signal('KILL');
          channel.close();
          reject(withOutput(reason, Buffer.concat(stderr).toString('utf8')));
        };
        const timer = setTimeout(() => stop(new ApiError('timeout', `The command did not finish on ${this.#settings.host} within ${timeoutMs / 1000} s and was stopped.`)), timeoutMs);
        const onAbort = () => stop(cancelled());
        options.signal?.addEventListener('abort', onAbort, { once: true });
        channel.on('data', (chunk: Buffer) => stdout.push(chunk));
        channel.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
        channel.on('exit', (code: number | null, signalName?: string) => {
          exitCode = code;
          exitSignal = signalName ?? null;
        });
        channel.once('close', () => {
          release();
          clearTimeout(timer);
          options.signal?.removeEventListener('abort', onAbort);
          const text = { stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') };
          if (stopped) return;
          if (exitCode !== null) resolve({ code: exitCode, ...text });
          else if (exitSignal !== null) resolve({ code: signalExitCode(exitSignal), ...text });
          // A channel that closes without an exit status was cut off with its connection.
          else reject(withOutput(lost(), text.stderr));
        });
        writeStdin(channel, options.stdin);
      });
    });
  }
}

/** Always ends stdin, so a command that reads it (cat, virsh define /dev/stdin) can finish. */
function writeStdin(channel: ClientChannel, stdin: string | Buffer | undefined): void {
  if (stdin === undefined || stdin.length === 0) channel.end();
  else channel.end(stdin);
}

/** A shell reports a command killed by signal N as exit code 128 + N. */
const signalExitCode = (name: string): number => 128 + (constants.signals[`SIG${name}` as keyof typeof constants.signals] ?? 0);
const formatDuration = (ms: number): string => (ms < 1_000 ? `${ms} ms` : ms < 120_000 ? `${(ms / 1_000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`);
const cancelled = () => new ApiError('cancelled', 'The command was cancelled.');
const lost = () => new ApiError('disconnected', 'The connection to the host was lost while the command ran.');
const withOutput = (error: ApiError, stderr: string) =>
  stderr.trim() === '' ? error : new ApiError(error.code, error.message, stderr.trim(), error.data);
