// The journal of commands run on hosts, optionally for one host, and the same as a shell script.
import type { JournalEntry } from '../../shared/api/index.ts';
import { type ApiErrorData, ApiError } from '../../shared/errors.ts';
import { getApi } from '../transport/index.ts';

export class JournalState {
  entries = $state.raw<JournalEntry[]>([]);
  script = $state('');
  /** the profile id to show, or null for every host */
  hostId = $state<string | null>(null);
  loading = $state(false);
  error = $state.raw<ApiErrorData | null>(null);

  async load(): Promise<void> {
    this.loading = true;
    try {
      const result = await getApi().hosts.journal(this.hostId === null ? {} : { id: this.hostId });
      this.entries = result.entries;
      this.script = result.script;
      this.error = null;
    } catch (e) {
      this.error = ApiError.from(e).toJSON();
    } finally {
      this.loading = false;
    }
  }

  showHost(hostId: string | null): Promise<void> {
    this.hostId = hostId;
    return this.load();
  }
}
