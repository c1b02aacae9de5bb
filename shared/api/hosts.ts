// Host profiles and SSH connections: what the Hosts panel can ask the backend, and the events
// it receives (state changes, and questions the user must answer while connecting).
import { z } from 'zod';
import type { ApiErrorData } from '../errors.ts';

export type KnownHostsPolicy = 'ask' | 'accept-new';

export interface HostProfile {
  id: string;
  label: string;
  /** `user@host:port`, `host`, or a ~/.ssh/config alias */
  target: string;
  /** libvirt connection URI on the host, e.g. qemu:///system */
  uri: string;
  /** run privileged commands through `sudo -n` when the login user is not root */
  useSudo: boolean;
  knownHostsPolicy: KnownHostsPolicy;
  /** keep typed passwords/passphrases encrypted by the OS (Electron safeStorage) */
  rememberSecrets: boolean;
  /** private key files, as from IdentityFile */
  identityFiles?: string[];
  identitiesOnly?: boolean;
  /** ProxyJump hops, comma-separated `user@host:port` or aliases, first hop first */
  proxyJump?: string;
}

export type HostConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'disconnected';

export interface HostStateChange {
  hostId: string;
  state: HostConnectionState;
  reason?: ApiErrorData;
  attempt?: number;
}

/** A question asked while connecting; answered with hosts.answerPrompt({promptId, …}). */
export type HostPrompt = { promptId: string; hostId: string } & (
  | { kind: 'hostkey'; host: string; port: number; keyType: string; fingerprint: string }
  | { kind: 'passphrase'; file: string; retry: boolean }
  | { kind: 'password'; user: string; host: string; retry: boolean }
  | { kind: 'keyboard-interactive'; name: string; instructions: string; prompts: { prompt: string; echo: boolean }[] }
);

export type PromptAnswer =
  | { kind: 'hostkey'; accept: boolean }
  /** passphrase or password; null = cancel */
  | { kind: 'secret'; value: string | null; remember?: boolean }
  | { kind: 'keyboard-interactive'; answers: string[] | null };

export interface JournalEntry {
  /** ISO-8601 time the command started */
  time: string;
  /** the host's label as the user knows it */
  host: string;
  argv: string[];
  /** the exact command line sent to the host's shell */
  commandLine: string;
  /** exit code; null when the command did not finish (timeout, cancel, lost connection) */
  exitCode: number | null;
  durationMs: number;
  /** why it failed or did not finish */
  error?: ApiErrorData['code'];
  /** size of the stdin payload, when there was one (the payload is not kept) */
  stdinBytes?: number;
  /** an event stream: why it ended and after how long, in words ("ended on the host with exit code 1 after 3.2 s") */
  ended?: string;
  /** an event stream: the end of what it printed on stderr, control characters made visible */
  stderr?: string;
}

/** The journal keeps at most this many commands; older ones are dropped first. */
export const JOURNAL_LIMIT = 5_000;

/** What an exported journal is called: virtwire-journal-20261201-073000.sh (local time). */
export function journalFileName(atMs: number): string {
  const at = new Date(atMs);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `virtwire-journal-${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}.sh`;
}

export interface JournalAnswer {
  entries: JournalEntry[];
  script: string;
  limit: number;
  dropped: number;
}

export type NewHostProfile = Omit<HostProfile, 'id'>;

/** One Host entry of an SSH config, as the import dialog lists it. */
export interface SshConfigEntry {
  alias: string;
  /** where it logs in: user@host:port */
  target: string;
  proxyJump?: string;
}

export interface HostsApi {
  list(arg: Record<string, never>): Promise<{ hosts: HostProfile[] }>;
  add(arg: { profile: NewHostProfile }): Promise<HostProfile>;
  update(arg: { profile: HostProfile }): Promise<HostProfile>;
  remove(arg: { id: string }): Promise<void>;
  /** ids in the new order; every profile's id exactly once */
  reorder(arg: { ids: string[] }): Promise<{ hosts: HostProfile[] }>;
  /** The concrete Host entries of ~/.ssh/config or `path`, resolved as ssh -G would, without adding them. */
  sshConfigAliases(arg: { path?: string }): Promise<{ aliases: SshConfigEntry[] }>;
  /** Adds a profile for each alias (all concrete Host entries when none given) of ~/.ssh/config or `path`. */
  importSshConfig(arg: { path?: string; aliases?: string[] }): Promise<{ hosts: HostProfile[] }>;
  connect(arg: { id: string }): Promise<{ state: HostConnectionState }>;
  disconnect(arg: { id: string }): Promise<void>;
  answerPrompt(arg: { promptId: string; answer: PromptAnswer }): Promise<void>;
  /**
   * Commands run, oldest first, and the same as a shell script; `limit` is how many the
   * journal keeps (JOURNAL_LIMIT) and `dropped` how many older ones it has let go so far.
   */
  journal(arg: { id?: string }): Promise<JournalAnswer>;
  /**
   * Saves the journal (of one host, or all) as a shell script where the user chooses in the
   * native Save dialog; null = cancelled. Desktop app only: browser mode has no dialog, so the
   * page downloads the script journal() answered.
   */
  exportJournal(arg: { id?: string }): Promise<{ path: string } | null>;
}

/** Text the user typed that ends up in a host's config: one line, no control characters. */
const line = (max: number) => z.string().min(1).max(max).regex(/^[^\x00-\x1f\x7f]*$/, 'must be one line of text');
const id = z.string().min(1).max(100);
const sshName = line(1024).regex(/^[^\s-]/, 'must not start with "-" or a space').regex(/^\S+$/, 'must not contain spaces');

export const newHostProfileSchema = z
  .object({
    label: line(200),
    target: sshName,
    uri: line(1024),
    useSudo: z.boolean(),
    knownHostsPolicy: z.enum(['ask', 'accept-new']),
    rememberSecrets: z.boolean(),
    identityFiles: z.array(line(4096)).max(20).optional(),
    identitiesOnly: z.boolean().optional(),
    proxyJump: sshName.optional(),
  })
  .strict();
export const hostProfileSchema = newHostProfileSchema.extend({ id }).strict();

const empty = z.object({}).strict();

export const hostsSchemas = {
  list: empty,
  add: z.object({ profile: newHostProfileSchema }).strict(),
  update: z.object({ profile: hostProfileSchema }).strict(),
  remove: z.object({ id }).strict(),
  reorder: z.object({ ids: z.array(id).max(10_000) }).strict(),
  sshConfigAliases: z.object({ path: z.string().min(1).max(4096).optional() }).strict(),
  importSshConfig: z.object({ path: z.string().min(1).max(4096).optional(), aliases: z.array(sshName).max(1000).optional() }).strict(),
  connect: z.object({ id }).strict(),
  disconnect: z.object({ id }).strict(),
  answerPrompt: z
    .object({
      promptId: id,
      answer: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('hostkey'), accept: z.boolean() }).strict(),
        z.object({ kind: z.literal('secret'), value: z.string().max(65_536).nullable(), remember: z.boolean().optional() }).strict(),
        z.object({ kind: z.literal('keyboard-interactive'), answers: z.array(z.string().max(65_536)).max(100).nullable() }).strict(),
      ]),
    })
    .strict(),
  journal: z.object({ id: id.optional() }).strict(),
  exportJournal: z.object({ id: id.optional() }).strict(),
};
