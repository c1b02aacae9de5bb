// How the journal shows one command that ran on a host.
import type { JournalEntry } from '../../shared/api/index.ts';

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

/** "0", "exit 1", or why it did not finish. */
export function journalOutcome(entry: JournalEntry): { text: string; ok: boolean } {
  if (entry.exitCode === null) return { text: entry.error ? `did not finish (${entry.error})` : 'did not finish', ok: false };
  return { text: entry.exitCode === 0 ? '0' : `exit ${entry.exitCode}`, ok: entry.exitCode === 0 };
}
