// Logging in, in OpenSSH's order: the agent, then key files, then keyboard-interactive, then
// password (ssh(1)'s PreferredAuthentications without gssapi/hostbased). Only methods the
// server still offers are tried, and a secret is asked for only when its method is next.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import ssh2, { type AnyAuthMethod, type AuthHandlerMiddleware, type ParsedKey } from 'ssh2';
import type { Prompter, SshEndpoint } from './endpoint.ts';

/** OpenSSH tries a password or passphrase this many times (NumberOfPasswordPrompts). */
const SECRET_TRIES = 3;
const WINDOWS_AGENT_PIPE = '\\\\.\\pipe\\openssh-ssh-agent';

/** The agent to ask: SSH_AUTH_SOCK, else on Windows the OpenSSH agent pipe or Pageant. */
export function defaultAgent(): string | null {
  const socket = process.env.SSH_AUTH_SOCK;
  if (socket) return socket;
  if (process.platform === 'win32') return existsSync(WINDOWS_AGENT_PIPE) ? WINDOWS_AGENT_PIPE : 'pageant';
  return null;
}

export const defaultIdentityFiles = (): string[] =>
  ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((name) => join(homedir(), '.ssh', name));

/** Secrets typed during this session, so a reconnect does not ask again. Memory only. */
export type SecretMemory = Map<string, string>;

export interface AuthOptions {
  endpoint: SshEndpoint;
  agent: string | null;
  prompter: Prompter;
  memory: SecretMemory;
  /** one line per attempt, naming the method and never a secret */
  log: (line: string) => void;
}

type Step = { kind: 'agent' } | { kind: 'key'; file: string } | { kind: 'keyboard-interactive' } | { kind: 'password' };

export function authHandler(options: AuthOptions): AuthHandlerMiddleware {
  const { endpoint, prompter, memory, log } = options;
  const username = endpoint.user;
  const files = endpoint.identityFiles?.length ? endpoint.identityFiles : defaultIdentityFiles();
  const steps: Step[] = [
    ...(options.agent && !endpoint.identitiesOnly ? [{ kind: 'agent' } as const] : []),
    ...files.map((file) => ({ kind: 'key', file }) as const),
    ...Array.from({ length: SECRET_TRIES }, () => ({ kind: 'keyboard-interactive' }) as const),
    ...Array.from({ length: SECRET_TRIES }, () => ({ kind: 'password' }) as const),
  ];
  const passwordKey = `password:${username}@${endpoint.host}:${endpoint.port}`;
  let passwordTried = false;
  // A cancelled prompt means "stop asking for this", not "ask again".
  let skipKeyboardInteractive = false;
  let skipPassword = false;

  async function unlock(file: string): Promise<ParsedKey | null> {
    let text: Buffer;
    try {
      text = await readFile(file);
    } catch {
      return null;
    }
    const plain = ssh2.utils.parseKey(text);
    if (!(plain instanceof Error)) return plain;
    if (!/passphrase/i.test(plain.message)) {
      log(`auth: skipping ${file}: ${plain.message}`);
      return null;
    }
    const memoryKey = `passphrase:${file}`;
    for (let attempt = 0; attempt < SECRET_TRIES; attempt++) {
      const remembered = attempt === 0 ? memory.get(memoryKey) : undefined;
      const passphrase = remembered ?? (await prompter.passphrase({ host: endpoint.host, file, retry: attempt > 0 }));
      if (passphrase === null) return null;
      const key = ssh2.utils.parseKey(text, passphrase);
      if (!(key instanceof Error)) {
        memory.set(memoryKey, passphrase);
        return key;
      }
      memory.delete(memoryKey);
    }
    return null;
  }

  async function next(methodsLeft: string[]): Promise<AnyAuthMethod | false> {
    // Being asked again after a password means that password was wrong.
    if (passwordTried) memory.delete(passwordKey);
    for (let step = steps.shift(); step; step = steps.shift()) {
      switch (step.kind) {
        case 'agent':
          if (!methodsLeft.includes('publickey')) continue;
          log('auth: agent');
          return { type: 'agent', username, agent: options.agent as string };
        case 'key': {
          if (!methodsLeft.includes('publickey')) continue;
          const key = await unlock(step.file);
          if (!key) continue;
          log(`auth: publickey ${step.file}`);
          return { type: 'publickey', username, key };
        }
        case 'keyboard-interactive':
          if (!methodsLeft.includes('keyboard-interactive') || skipKeyboardInteractive) continue;
          log('auth: keyboard-interactive');
          return {
            type: 'keyboard-interactive',
            username,
            prompt: (name, instructions, _lang, prompts, finish) => {
              if (prompts.length === 0) return finish([]);
              const question = { host: endpoint.host, user: username, name, instructions, prompts: prompts.map((p) => ({ prompt: p.prompt, echo: p.echo ?? false })) };
              prompter.keyboardInteractive(question).then(
                (answers) => {
                  if (answers === null) skipKeyboardInteractive = true;
                  finish(answers ?? []);
                },
                () => finish([]),
              );
            },
          };
        case 'password': {
          if (!methodsLeft.includes('password') || skipPassword) continue;
          const password = memory.get(passwordKey) ?? (await prompter.password({ host: endpoint.host, user: username, retry: passwordTried }));
          if (password === null) {
            skipPassword = true;
            continue;
          }
          memory.set(passwordKey, password);
          passwordTried = true;
          log('auth: password');
          return { type: 'password', username, password };
        }
      }
    }
    return false;
  }

  return (methodsLeft, _partial, callback) => {
    // OpenSSH starts with "none" to learn which methods the server offers.
    if (methodsLeft === null) {
      log('auth: none');
      callback({ type: 'none', username });
      return;
    }
    next(methodsLeft).then(
      (method) => callback(method as AnyAuthMethod),
      () => callback(false as unknown as AnyAuthMethod),
    );
  };
}
