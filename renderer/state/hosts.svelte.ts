// Host profiles and their connections, as the Hosts panel shows them: the saved profiles in
// the user's order, each one's connection state, and a changed host key to warn about.
import type { NewHostProfile } from '../../shared/api/hosts.ts';
import type { HostProfile, HostStateChange } from '../../shared/api/index.ts';
import { type ApiErrorData, ApiError } from '../../shared/errors.ts';
import { getApi } from '../transport/index.ts';

export interface ChangedKeyWarning {
  profile: HostProfile;
  reason: ApiErrorData;
}

export class HostsState {
  profiles = $state.raw<HostProfile[]>([]);
  /** profile id → the last state reported for it */
  states = $state.raw<Readonly<Record<string, HostStateChange>>>({});
  /** profile id → when its connection was lost, while it is being reconnected (ms since the epoch) */
  lostAt = $state.raw<Readonly<Record<string, number>>>({});
  /** the profile the panel has selected */
  selectedId = $state<string | null>(null);
  /** a failure of the panel's own actions (add, remove, import…) */
  error = $state.raw<ApiErrorData | null>(null);
  /** a host whose key is not the recorded one: shown until the user closes it */
  changedKey = $state.raw<ChangedKeyWarning | null>(null);
  /** false until the list arrived; stays false when the backend has no hosts service */
  ready = $state(false);

  readonly selected = $derived(this.profiles.find((p) => p.id === this.selectedId) ?? null);

  start(): () => void {
    const stop = getApi().on('hosts.onDidChangeState', (change) => this.#setState(change));
    void this.#act(async () => {
      this.profiles = (await getApi().hosts.list({})).hosts;
      this.ready = true;
    });
    return stop;
  }

  stateOf(id: string): HostStateChange | undefined {
    return this.states[id];
  }

  isConnected(id: string): boolean {
    const state = this.states[id]?.state;
    return state === 'connected' || state === 'connecting' || state === 'reconnecting';
  }

  select(id: string | null): void {
    this.selectedId = id;
  }

  add(profile: NewHostProfile): Promise<boolean> {
    return this.#act(async () => {
      const added = await getApi().hosts.add({ profile });
      this.profiles = [...this.profiles, added];
      this.selectedId = added.id;
    });
  }

  update(profile: HostProfile): Promise<boolean> {
    return this.#act(async () => {
      const updated = await getApi().hosts.update({ profile });
      this.profiles = this.profiles.map((p) => (p.id === updated.id ? updated : p));
    });
  }

  remove(id: string): Promise<boolean> {
    return this.#act(async () => {
      if (this.isConnected(id)) await getApi().hosts.disconnect({ id });
      await getApi().hosts.remove({ id });
      this.profiles = this.profiles.filter((p) => p.id !== id);
      if (this.selectedId === id) this.selectedId = null;
    });
  }

  /** Moves a profile one place up (-1) or down (+1). */
  move(id: string, step: -1 | 1): Promise<boolean> {
    const ids = this.profiles.map((p) => p.id);
    const from = ids.indexOf(id);
    const to = from + step;
    if (from < 0 || to < 0 || to >= ids.length) return Promise.resolve(false);
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    const previous = this.profiles;
    this.profiles = ids.map((i) => previous.find((p) => p.id === i)!);
    return this.#act(async () => {
      this.profiles = (await getApi().hosts.reorder({ ids })).hosts;
    });
  }

  importSshConfig(arg: { path?: string; aliases?: string[] }): Promise<boolean> {
    return this.#act(async () => {
      this.profiles = (await getApi().hosts.importSshConfig(arg)).hosts;
    });
  }

  async connect(id: string): Promise<void> {
    this.#setState({ hostId: id, state: 'connecting' });
    try {
      const { state } = await getApi().hosts.connect({ id });
      if (this.states[id]?.state === 'connecting') this.#setState({ hostId: id, state });
    } catch (e) {
      this.#setState({ hostId: id, state: 'failed', reason: ApiError.from(e).toJSON() });
    }
  }

  disconnect(id: string): Promise<boolean> {
    return this.#act(async () => {
      await getApi().hosts.disconnect({ id });
      if (this.states[id]?.state !== 'failed') this.#setState({ hostId: id, state: 'disconnected' });
    });
  }

  dismissError(): void {
    this.error = null;
  }

  dismissChangedKey(): void {
    this.changedKey = null;
  }

  #setState(change: HostStateChange): void {
    const wasReconnecting = this.states[change.hostId]?.state === 'reconnecting';
    this.states = { ...this.states, [change.hostId]: change };
    if (change.state === 'reconnecting' && !wasReconnecting) this.lostAt = { ...this.lostAt, [change.hostId]: Date.now() };
    else if (change.state !== 'reconnecting' && change.hostId in this.lostAt) {
      const { [change.hostId]: _back, ...others } = this.lostAt;
      this.lostAt = others;
    }
    if (change.state === 'failed' && change.reason?.code === 'hostkey-changed') {
      const profile = this.profiles.find((p) => p.id === change.hostId);
      if (profile) this.changedKey = { profile, reason: change.reason };
    }
  }

  /** Runs a panel action; a failure shows in the panel. True when it worked. */
  async #act(action: () => Promise<void>): Promise<boolean> {
    try {
      await action();
      this.error = null;
      return true;
    } catch (e) {
      this.error = ApiError.from(e).toJSON();
      return false;
    }
  }
}
