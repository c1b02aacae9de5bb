// The journal of commands run on hosts, optionally for one host, and the same as a shell script.
// Export: the desktop app asks where (hosts.exportJournal); browser mode downloads the script.
import type { JournalEntry } from '../../shared/api/index.ts';
import { JOURNAL_LIMIT, journalFileName } from '../../shared/api/hosts.ts';
import { type ApiErrorData, ApiError } from '../../shared/errors.ts';
import { getApi } from '../transport/index.ts';

export class JournalState {
  entries = $state.raw<JournalEntry[]>([]);
  script = $state('');
  /** how many commands the journal keeps at most, and how many older ones it has dropped */
  limit = $state(JOURNAL_LIMIT);
  dropped = $state(0);
  /** where the last export went: a path, 'downloaded', or null */
  exported = $state<string | null>(null);
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
      this.limit = result.limit;
      this.dropped = result.dropped;
      this.error = null;
    } catch (e) {
      this.error = ApiError.from(e).toJSON();
    } finally {
      this.loading = false;
    }
  }

  /** Saves the journal shown as a shell script: a Save dialog in the desktop app, a download in the browser. */
  async export(): Promise<void> {
    try {
      const api = getApi();
      this.exported = null;
      if ((await api.app.getInfo({})).mode === 'electron') {
        const saved = await api.hosts.exportJournal(this.hostId === null ? {} : { id: this.hostId });
        this.exported = saved?.path ?? null;
      } else {
        await this.load();
        const url = URL.createObjectURL(new Blob([this.script], { type: 'text/x-shellscript' }));
        const link = document.createElement('a');
        link.href = url;
        link.download = journalFileName(Date.now());
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 0);
        this.exported = 'downloaded';
      }
      this.error = null;
    } catch (e) {
      this.error = ApiError.from(e).toJSON();
    }
  }

  showHost(hostId: string | null): Promise<void> {
    this.hostId = hostId;
    return this.load();
  }
}
