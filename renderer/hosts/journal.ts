// How the journal shows one command that ran on a host.
import type { JournalEntry } from '../../shared/api/index.ts';
import { t } from '../state/i18n.svelte.ts';

export function journalTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

export function journalDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** "0", "exit 1", or why it did not finish; an event stream VirtWire closed itself is "closed". */
export function journalOutcome(entry: JournalEntry): { text: string; ok: boolean } {
  if (entry.ended !== undefined && entry.error === 'cancelled') return { text: t('journal.closed'), ok: true };
  if (entry.exitCode === null) return { text: entry.error ? t('journal.didNotFinishWhy', { why: entry.error }) : t('journal.didNotFinish'), ok: false };
  return { text: entry.exitCode === 0 ? '0' : t('journal.exitCode', { code: entry.exitCode }), ok: entry.exitCode === 0 };
}

/** "Showing the last 120 commands of at most 5,000 kept", and how many older ones were dropped. */
export function journalExtent(shown: number, limit: number, dropped: number): string {
  return dropped > 0 ? t('journal.extentDropped', { shown, limit, dropped }) : t('journal.extent', { shown, limit });
}
