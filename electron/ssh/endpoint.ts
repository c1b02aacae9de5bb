// What a connection needs to know about each machine on the way to a host, and how it asks
// the user for decisions and secrets. Shared by the connection, auth and host-key code.

/** One machine to log in to: the host itself or a ProxyJump hop. */
export interface SshEndpoint {
  host: string;
  port: number;
  user: string;
  /** private key files to try; empty = OpenSSH's defaults (~/.ssh/id_ed25519, id_ecdsa, id_rsa) */
  identityFiles?: string[];
  /** only the identity files, not every key the agent holds (OpenSSH IdentitiesOnly) */
  identitiesOnly?: boolean;
}

export interface HostKeyQuestion {
  host: string;
  port: number;
  keyType: string;
  /** SHA256:… as ssh(1) shows it */
  fingerprint: string;
}

export interface KeyboardInteractiveQuestion {
  host: string;
  user: string;
  name: string;
  instructions: string;
  prompts: { prompt: string; echo: boolean }[];
}

/**
 * How a connection asks the user. Every answer may be null (the user cancelled); the
 * connection then goes on to the next way of logging in, or fails.
 */
export interface Prompter {
  /** An unknown host key under policy 'ask'. Nothing is sent to the host until this resolves true. */
  hostKey(question: HostKeyQuestion): Promise<boolean>;
  passphrase(question: { host: string; file: string; retry: boolean }): Promise<string | null>;
  password(question: { host: string; user: string; retry: boolean }): Promise<string | null>;
  keyboardInteractive(question: KeyboardInteractiveQuestion): Promise<string[] | null>;
}

export type KnownHostsPolicy = 'ask' | 'accept-new';

export interface KnownHostsSettings {
  /** files read for trusted keys, e.g. ~/.ssh/known_hosts and the app's own file */
  files: string[];
  /** the one file an accepted key is appended to; null = trust it for this connection only
   *  (the CLI writes to no known_hosts file it was not told to write to) */
  appendTo: string | null;
  policy: KnownHostsPolicy;
}

export const describeEndpoint = (e: SshEndpoint): string =>
  e.port === 22 ? `${e.user}@${e.host}` : `${e.user}@${e.host}:${e.port}`;
