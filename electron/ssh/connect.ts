// Opens one SSH connection to a host, through any ProxyJump hops, with the host-key check
// and authentication of each machine on the way. Failures come back as typed ApiErrors.
import type { Duplex } from 'node:stream';
// ssh2 is CommonJS: Node's ESM loader only sees its default export.
import ssh2, { type Client, type ServerHostKeyAlgorithm } from 'ssh2';
import { ApiError } from '../../shared/errors.ts';
import { authHandler, defaultAgent, type SecretMemory } from './auth.ts';
import { describeEndpoint, type KnownHostsSettings, type Prompter, type SshEndpoint } from './endpoint.ts';
import { hostKeyCheck, knownHostKeyAlgorithms } from './hostVerifier.ts';

/**
 * ssh2 gives up after keepaliveCountMax + 1 unanswered keepalives, so 10 s × 2 notices a
 * dead link after 30 s, the bound users know from ServerAliveInterval 10 / CountMax 3.
 */
export const KEEPALIVE_INTERVAL_MS = 10_000;
export const KEEPALIVE_COUNT_MAX = 2;
const HANDSHAKE_TIMEOUT_MS = 20_000;

export interface ConnectOptions {
  target: SshEndpoint;
  /** ProxyJump hops, first hop first */
  jumps?: SshEndpoint[];
  knownHosts: KnownHostsSettings;
  prompter: Prompter;
  /** agent socket or pipe; undefined = SSH_AUTH_SOCK (or the Windows agent), null = none */
  agent?: string | null;
  memory?: SecretMemory;
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  /** time allowed for the network part of logging in; time spent waiting for the user does not count */
  handshakeTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface Connection {
  /** the connection to the target host */
  client: Client;
  /** closes the target connection and every hop */
  close(): void;
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNRESET']);

function connectError(error: Error & { level?: string; code?: string }, endpoint: SshEndpoint): ApiError {
  const name = describeEndpoint(endpoint);
  if (error.level === 'client-authentication') {
    return new ApiError('auth', `VirtWire could not log in to ${name}: no way of logging in was accepted.`, error.message, { host: endpoint.host, port: endpoint.port, user: endpoint.user });
  }
  if (error.level === 'client-timeout') return new ApiError('timeout', `${name} did not answer in time.`, error.message);
  if (error.code && UNREACHABLE_CODES.has(error.code)) return new ApiError('unreachable', `${name} cannot be reached.`, error.message);
  return new ApiError('unreachable', `The connection to ${name} failed.`, error.message);
}

/** Pauses the handshake timer while the user is being asked something. */
function timedPrompter(prompter: Prompter, pause: () => void, resume: () => void): Prompter {
  const wrap =
    <A, R>(ask: (arg: A) => Promise<R>) =>
    async (arg: A): Promise<R> => {
      pause();
      try {
        return await ask(arg);
      } finally {
        resume();
      }
    };
  return {
    hostKey: wrap((q) => prompter.hostKey(q)),
    passphrase: wrap((q) => prompter.passphrase(q)),
    password: wrap((q) => prompter.password(q)),
    keyboardInteractive: wrap((q) => prompter.keyboardInteractive(q)),
  };
}

async function connectOne(endpoint: SshEndpoint, sock: Duplex | undefined, options: ConnectOptions): Promise<Client> {
  const preferred = (await knownHostKeyAlgorithms(endpoint.host, endpoint.port, options.knownHosts)) as ServerHostKeyAlgorithm[];
  const client = new ssh2.Client();
  const log = options.log ?? (() => {});
  const timeoutMs = options.handshakeTimeoutMs ?? HANDSHAKE_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  let failure: ApiError | null = null;
  const pause = () => clearTimeout(timer);
  const resume = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      failure = new ApiError('timeout', `${describeEndpoint(endpoint)} did not finish logging in within ${timeoutMs / 1000} s.`);
      client.destroy();
    }, timeoutMs);
  };
  const prompter = timedPrompter(options.prompter, pause, resume);
  const check = hostKeyCheck(endpoint.host, endpoint.port, options.knownHosts, prompter);

  return new Promise<Client>((resolve, reject) => {
    const fail = (error: ApiError) => {
      pause();
      client.removeAllListeners('ready');
      reject(check.refusal() ?? failure ?? error);
    };
    client.once('ready', () => {
      pause();
      client.removeListener('error', onError);
      client.removeListener('close', onClose);
      resolve(client);
    });
    const onError = (error: Error) => fail(connectError(error, endpoint));
    const onClose = () => fail(new ApiError('unreachable', `${describeEndpoint(endpoint)} closed the connection while logging in.`));
    client.on('error', onError);
    client.once('close', onClose);
    resume();
    log(`connect: ${describeEndpoint(endpoint)}${sock ? ' (through jump host)' : ''}`);
    client.connect({
      host: endpoint.host,
      port: endpoint.port,
      username: endpoint.user,
      ...(sock ? { sock } : {}),
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => check.verify(key, verify),
      authHandler: authHandler({
        endpoint,
        agent: options.agent === undefined ? defaultAgent() : options.agent,
        prompter,
        memory: options.memory ?? new Map(),
        log,
      }),
      // ssh2 applies these in key order: take the known ones out, then put them first.
      ...(preferred.length ? { algorithms: { serverHostKey: { remove: preferred, prepend: preferred, append: [] } } } : {}),
      readyTimeout: 0,
      keepaliveInterval: options.keepaliveIntervalMs ?? KEEPALIVE_INTERVAL_MS,
      keepaliveCountMax: options.keepaliveCountMax ?? KEEPALIVE_COUNT_MAX,
    });
  });
}

function forward(via: Client, from: SshEndpoint, to: SshEndpoint): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    via.forwardOut('127.0.0.1', 0, to.host, to.port, (error, stream) => {
      if (error) {
        reject(new ApiError('unreachable', `The jump host ${describeEndpoint(from)} could not reach ${to.host}:${to.port}.`, error.message));
      } else {
        resolve(stream);
      }
    });
  });
}

/** Connects to the target through every hop in order; on failure, closes what was opened. */
export async function connect(options: ConnectOptions): Promise<Connection> {
  const chain = [...(options.jumps ?? []), options.target];
  const opened: Client[] = [];
  const close = () => [...opened].reverse().forEach((c) => c.end());
  try {
    let sock: Duplex | undefined;
    for (const [index, endpoint] of chain.entries()) {
      const client = await connectOne(endpoint, sock, options);
      opened.push(client);
      const nextHop = chain[index + 1];
      if (nextHop) sock = await forward(client, endpoint, nextHop);
    }
  } catch (error) {
    close();
    throw error;
  }
  return { client: opened[opened.length - 1] as Client, close };
}
