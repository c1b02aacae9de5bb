// The applied and undone changes of each connected host, as the backend's history keeps them,
// read again whenever a change, undo, redo or rollback has run.
import { SvelteMap } from 'svelte/reactivity';
import type { HistoryEntry, PlanHistory } from '../../shared/api/index.ts';
import { type ApiErrorData, ApiError } from '../../shared/errors.ts';
import { getApi } from '../transport/index.ts';

export interface HostChanges {
  /** newest first; the first is what Undo takes */
  applied: HistoryEntry[];
  /** most recently undone first; the first is what Redo takes */
  undone: HistoryEntry[];
}

export function hostChangesOf(history: PlanHistory): HostChanges {
  return { applied: [...history.applied].reverse(), undone: [...history.undone].reverse() };
}

export class ChangesState {
  /** profile id → its changes */
  readonly hosts = new SvelteMap<string, HostChanges>();
  error = $state.raw<ApiErrorData | null>(null);

  /** Reads the history of these profiles and forgets the others (disconnected hosts). */
  async load(profileIds: readonly string[]): Promise<void> {
    for (const id of [...this.hosts.keys()]) if (!profileIds.includes(id)) this.hosts.delete(id);
    try {
      const read = await Promise.all(profileIds.map(async (profileId) => [profileId, await getApi().plan.history({ profileId })] as const));
      for (const [profileId, history] of read) this.hosts.set(profileId, hostChangesOf(history));
      this.error = null;
    } catch (e) {
      this.error = ApiError.from(e).toJSON();
    }
  }
}
