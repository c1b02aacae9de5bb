// The hosts domain of the API: profiles, importing ~/.ssh/config, connecting (with the
// user's answers to host-key and secret questions), and the runner other services use.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type {
  HostConnectionState, HostPrompt, HostProfile, HostsApi, HostStateChange, JournalAnswer, NewHostProfile, PromptAnswer, SshConfigEntry,
} from '../../shared/api/hosts.ts';
import { ApiError } from '../../shared/errors.ts';
import type { Prompter, SshEndpoint } from '../ssh/endpoint.ts';
import { journalFileName } from '../../shared/api/hosts.ts';
import { writeFileAtomic } from '../services/atomic-write.ts';
import { Journal } from '../ssh/journal.ts';
import { HostRunner } from '../ssh/runner.ts';
import { type ReconnectPolicy, SshSession } from '../ssh/session.ts';
import { DEFAULT_LIBVIRT_URI, HostProfiles } from './profiles.ts';
import { PromptBroker } from './prompts.ts';
import { secretKey, type SecretStore } from './secrets.ts';
import { configAliases, formatTarget, readSshConfig, resolveHost } from './sshConfig.ts';

export interface HostsServiceOptions {
  /** the profiles file in the app's config folder */
  profilesFile: string;
  /** the app's own known_hosts: read, and the only file accepted keys are written to */
  appKnownHostsFile: string;
  /** other trusted files, only read; default ~/.ssh/known_hosts */
  userKnownHostsFiles?: string[];
  /** default ~/.ssh/config */
  sshConfigFile?: string;
  secrets: SecretStore;
  /** agent socket; undefined = SSH_AUTH_SOCK (or the Windows agent) */
  agent?: string | null;
  onDidChangeState(change: HostStateChange): void;
  onDidPrompt(prompt: HostPrompt): void;
  /** the native Save dialog for exporting the journal (Electron); resolves to null when cancelled */
  chooseJournalFile?(suggestedName: string): Promise<string | null>;
}

/**
 * A connection that was up and got lost is tried again until the user disconnects: a laptop
 * that slept or a VPN that came back is reconnected whenever that is, at most 15 s later. A
 * refused login or host key ends the retries at once (SshSession).
 */
export const RECONNECT: ReconnectPolicy = { maxAttempts: Infinity, firstDelayMs: 1_000, maxDelayMs: 15_000 };

interface Live {
  session: SshSession;
  runner: HostRunner;
  profile: HostProfile;
  /** where the session logs in, after ~/.ssh/config was applied */
  target: SshEndpoint;
}

export class HostsService implements HostsApi {
  readonly #options: HostsServiceOptions;
  readonly #profiles: HostProfiles;
  readonly #prompts: PromptBroker;
  readonly #journal = new Journal();
  readonly #live = new Map<string, Live>();

  constructor(options: HostsServiceOptions) {
    this.#options = options;
    this.#profiles = new HostProfiles(options.profilesFile);
    this.#prompts = new PromptBroker(options.onDidPrompt);
  }

  async list(_arg: Record<string, never> = {}): Promise<{ hosts: HostProfile[] }> {
    return { hosts: await this.#profiles.list() };
  }

  /** Refused, in the user's words, when the profile asks to remember secrets and this system cannot keep them encrypted. */
  async add({ profile }: { profile: NewHostProfile }): Promise<HostProfile> {
    if (profile.rememberSecrets) this.#options.secrets.checkCanRemember();
    return this.#profiles.add(profile);
  }

  /** Takes effect at the next connect; a live session keeps its settings until then. */
  async update({ profile }: { profile: HostProfile }): Promise<HostProfile> {
    if (profile.rememberSecrets) this.#options.secrets.checkCanRemember();
    return this.#profiles.update(profile);
  }

  async remove({ id }: { id: string }): Promise<void> {
    const profile = await this.#profiles.get(id);
    await this.disconnect({ id });
    await this.#profiles.remove(id);
    await this.#options.secrets.delete(secretKey.password(id));
    for (const file of profile.identityFiles ?? []) await this.#options.secrets.delete(secretKey.passphrase(id, file));
  }

  async reorder({ ids }: { ids: string[] }): Promise<{ hosts: HostProfile[] }> {
    return { hosts: await this.#profiles.reorder(ids) };
  }

  async sshConfigAliases({ path }: { path?: string }): Promise<{ aliases: SshConfigEntry[] }> {
    const config = await readSshConfig(path ?? this.#options.sshConfigFile);
    return {
      aliases: configAliases(config).map((alias) => {
        const { target, proxyJump } = resolveHost(config, alias);
        return { alias, target: formatTarget(target), ...(proxyJump ? { proxyJump } : {}) };
      }),
    };
  }

  async importSshConfig({ path, aliases }: { path?: string; aliases?: string[] }): Promise<{ hosts: HostProfile[] }> {
    const config = await readSshConfig(path ?? this.#options.sshConfigFile);
    const known = configAliases(config);
    const missing = (aliases ?? []).filter((a) => !known.includes(a));
    if (missing.length > 0) throw new ApiError('not-found', `The SSH config has no Host ${missing.join(', ')}.`);
    const added: HostProfile[] = [];
    for (const alias of aliases ?? known) {
      const { target, proxyJump } = resolveHost(config, alias);
      added.push(
        await this.#profiles.add({
          label: alias,
          target: formatTarget(target),
          uri: DEFAULT_LIBVIRT_URI,
          useSudo: target.user !== 'root',
          knownHostsPolicy: 'ask',
          rememberSecrets: false,
          ...(target.identityFiles ? { identityFiles: target.identityFiles } : {}),
          ...(target.identitiesOnly ? { identitiesOnly: true } : {}),
          ...(proxyJump ? { proxyJump } : {}),
        }),
      );
    }
    return { hosts: added };
  }

  async connect({ id }: { id: string }): Promise<{ state: HostConnectionState }> {
    const live = this.#live.get(id) ?? (await this.#open(await this.#profiles.get(id)));
    await live.session.connect();
    return { state: live.session.state };
  }

  async disconnect({ id }: { id: string }): Promise<void> {
    this.#prompts.cancel(id);
    const live = this.#live.get(id);
    this.#live.delete(id);
    live?.session.disconnect();
  }

  async answerPrompt({ promptId, answer }: { promptId: string; answer: PromptAnswer }): Promise<void> {
    this.#prompts.answer(promptId, answer);
  }

  async journal({ id }: { id?: string }): Promise<JournalAnswer> {
    const label = id === undefined ? undefined : (await this.#profiles.get(id)).label;
    return { entries: this.#journal.entries(label), script: this.#journal.toShellScript(label), limit: this.#journal.limit, dropped: this.#journal.dropped };
  }

  async exportJournal({ id }: { id?: string }): Promise<{ path: string } | null> {
    const choose = this.#options.chooseJournalFile;
    if (!choose) throw new ApiError('invalid-input', 'Saving the journal to a file needs the desktop app; in the browser it is downloaded.');
    const { script } = await this.journal(id === undefined ? {} : { id });
    const path = await choose(journalFileName(Date.now()));
    if (path === null) return null;
    try {
      await writeFileAtomic(path, script);
    } catch (e) {
      throw new ApiError('io', 'The journal could not be saved there.', e instanceof Error ? e.message : String(e));
    }
    return { path };
  }

  /** The command runner of a connected host, for the probe and the executor. */
  runner(id: string): HostRunner {
    return this.connection(id).runner;
  }

  /** A connected host's runner, profile and resolved login target. */
  connection(id: string): { runner: HostRunner; profile: HostProfile; target: SshEndpoint } {
    const live = this.#live.get(id);
    if (!live) throw new ApiError('disconnected', 'Connect to the host first.');
    return { runner: live.runner, profile: live.profile, target: live.target };
  }

  async #open(profile: HostProfile): Promise<Live> {
    const config = await readSshConfig(this.#options.sshConfigFile);
    const resolved = resolveHost(config, profile.target);
    const target: SshEndpoint = {
      ...resolved.target,
      ...(profile.identityFiles?.length ? { identityFiles: profile.identityFiles } : {}),
      ...(profile.identitiesOnly !== undefined ? { identitiesOnly: profile.identitiesOnly } : {}),
    };
    const jumps = profile.proxyJump
      ? profile.proxyJump.split(',').flatMap((hop) => {
          const h = resolveHost(config, hop);
          return [...h.jumps, h.target];
        })
      : resolved.jumps;
    const userFiles = this.#options.userKnownHostsFiles ?? [join(homedir(), '.ssh', 'known_hosts')];
    const session = new SshSession({
      target,
      jumps,
      agent: this.#options.agent,
      knownHosts: { files: [...userFiles, this.#options.appKnownHostsFile], appendTo: this.#options.appKnownHostsFile, policy: profile.knownHostsPolicy },
      prompter: this.#prompter(profile),
      reconnect: RECONNECT,
    });
    session.onDidChangeState((change) => this.#options.onDidChangeState({ hostId: profile.id, ...change }));
    const runner = new HostRunner(session, { host: profile.label, user: target.user, useSudo: profile.useSudo }, this.#journal);
    const live = { session, runner, profile, target };
    this.#live.set(profile.id, live);
    return live;
  }

  /** Asks the UI, but first tries a remembered secret (unless it just failed). */
  #prompter(profile: HostProfile): Prompter {
    const { secrets } = this.#options;
    const id = profile.id;
    const secret = async (key: string, retry: boolean, ask: () => Promise<PromptAnswer>): Promise<string | null> => {
      if (profile.rememberSecrets) {
        if (retry) await secrets.delete(key);
        else {
          const remembered = await secrets.get(key);
          if (remembered !== null) return remembered;
        }
      }
      const answer = await ask();
      if (answer.kind !== 'secret' || answer.value === null) return null;
      if (profile.rememberSecrets && answer.remember !== false) {
        // A refusal (no real encryption here) must not fail the login; the profile form reports it.
        await secrets.set(key, answer.value).catch(() => {});
      }
      return answer.value;
    };
    return {
      hostKey: async (q) => {
        const answer = await this.#prompts.ask(id, { kind: 'hostkey', ...q });
        return answer.kind === 'hostkey' && answer.accept;
      },
      passphrase: (q) => secret(secretKey.passphrase(id, q.file), q.retry, () => this.#prompts.ask(id, { kind: 'passphrase', file: q.file, retry: q.retry })),
      password: (q) => secret(secretKey.password(id), q.retry, () => this.#prompts.ask(id, { kind: 'password', ...q })),
      keyboardInteractive: async (q) => {
        const answer = await this.#prompts.ask(id, { kind: 'keyboard-interactive', name: q.name, instructions: q.instructions, prompts: q.prompts });
        return answer.kind === 'keyboard-interactive' ? answer.answers : null;
      },
    };
  }
}
