// A host whose connection was lost keeps its picture on the canvas while VirtWire reconnects;
// the picture may no longer be what the host has, so its group says so and since when.
import type { HostStateChange, LiveHost } from '../../shared/api/index.ts';
import { t } from '../state/i18n.svelte.ts';

/** HH:MM in local time, as a clock on the wall shows it. */
export function clockTime(atMs: number): string {
  const at = new Date(atMs);
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

export function staleNote(sinceMs: number): string {
  return t('hosts.stale', { time: clockTime(sinceMs) });
}

/**
 * The note for each host drawn from a stale picture, by the host's id on the canvas: a live host
 * whose connection is being retried. `lostAt` says when each profile's connection was lost; the
 * picture is the host as it was then.
 */
export function staleNotes(
  states: Readonly<Record<string, HostStateChange>>,
  lostAt: Readonly<Record<string, number>>,
  live: ReadonlyMap<string, LiveHost>,
): Record<string, string> {
  const notes: Record<string, string> = {};
  for (const [profileId, picture] of live) {
    if (states[profileId]?.state !== 'reconnecting') continue;
    notes[picture.host.id] = staleNote(lostAt[profileId] ?? Date.parse(picture.refreshedAt));
  }
  return notes;
}
