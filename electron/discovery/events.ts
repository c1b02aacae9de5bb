// What a line of a host's event streams asks to re-read. The streams are:
//   virsh event --all --loop --timestamp         "…: event 'lifecycle' for domain 'web': Started Booted"
//   virsh net-event --event lifecycle --loop …   "…: event 'lifecycle' for network default: Started"
//   ip monitor link                              any line: some link changed (it prints text only)
// A line that cannot be read is not ignored: it asks for a full re-read.
import type { ProbeScope } from './probe-script.ts';

const DOMAIN_EVENT = /event '[^']+' for domain '(.+?)': /;
const NETWORK_EVENT = /event '[^']+' for network (.+?): \S+$/;

export type EventSource = 'domain' | 'network' | 'link';

export function scopeOfEvent(source: EventSource, line: string): ProbeScope | null {
  if (line.trim() === '') return null;
  if (source === 'link') return /^\s/.test(line) ? null : { kind: 'links' };
  if (/^events? (loop|received)/i.test(line.trim())) return null;
  const match = (source === 'domain' ? DOMAIN_EVENT : NETWORK_EVENT).exec(line);
  return match ? { kind: source, name: match[1]! } : { kind: 'all' };
}

const key = (s: ProbeScope): string => (s.kind === 'domain' || s.kind === 'network' ? `${s.kind}\u0000${s.name}` : s.kind);

/**
 * The re-reads a burst of events needs: one per named object (each also re-reads the links),
 * collapsed to one full re-read when the burst names more than a few objects.
 */
export function coalesceScopes(scopes: readonly ProbeScope[], limit = 4): ProbeScope[] {
  if (scopes.some((s) => s.kind === 'all')) return [{ kind: 'all' }];
  const named = new Map<string, ProbeScope>();
  for (const s of scopes) if (s.kind !== 'links') named.set(key(s), s);
  if (named.size > limit) return [{ kind: 'all' }];
  if (named.size === 0) return scopes.length > 0 ? [{ kind: 'links' }] : [];
  return [...named.values()];
}
