// What a line of a host's event streams asks to re-read. The streams are:
//   virsh event --all --loop --timestamp         "…: event 'lifecycle' for domain 'web': Started Booted"
//   virsh net-event --event lifecycle --loop …   "…: event 'lifecycle' for network default: Started"
//   ip monitor link                              any line: some link changed (it prints text only)
// A line that cannot be read is not ignored: it asks for a full re-read.
import type { ProbeObject, ProbeScope } from './probe-script.ts';

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

/** Past this many objects in one burst, one full read is cheaper than naming them all. */
export const MAX_OBJECTS_PER_READ = 300;

/**
 * The re-reads a burst of events needs: none, the links alone, one named object, or every named
 * object in one read (each re-reads the links too, in the same round trip); a full read when any
 * asks for one or the burst names more than `limit` objects.
 */
export function coalesceScopes(scopes: readonly ProbeScope[], limit = MAX_OBJECTS_PER_READ): ProbeScope[] {
  if (scopes.some((s) => s.kind === 'all')) return [{ kind: 'all' }];
  const named = new Map<string, ProbeObject>();
  for (const s of scopes) {
    const objects: ProbeObject[] = s.kind === 'objects' ? s.objects : s.kind === 'domain' || s.kind === 'network' ? [{ ...s, kind: s.kind }] : [];
    for (const o of objects) {
      const key = `${o.kind}\u0000${o.name}`;
      // an object asked for by UUID keeps it
      if (!named.get(key)?.uuid) named.set(key, o);
    }
  }
  if (named.size > limit) return [{ kind: 'all' }];
  if (named.size === 0) return scopes.length > 0 ? [{ kind: 'links' }] : [];
  const objects = [...named.values()];
  if (objects.length === 1) return [{ ...objects[0]! }];
  return [{ kind: 'objects', objects }];
}
