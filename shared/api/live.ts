// Live hosts: the topology of each connected host, kept current by its event streams.
import { z } from 'zod';
import type { Message } from '../i18n/index.ts';
import type { HostRecord, TopologyLink, TopologyNode } from '../topology/model.ts';
import { applyObjectsPatch, type ObjectsPatch } from '../topology/patch.ts';

export interface LiveHost {
  /** the host profile this picture belongs to */
  profileId: string;
  host: HostRecord;
  nodes: TopologyNode[];
  links: TopologyLink[];
  /** what could not be read (no virsh, libvirtd down, no permission…), said in each reader's language */
  banners: Message[];
  /** ISO-8601 time of the last read */
  refreshedAt: string;
  /**
   * counts the pictures pushed for this host; a patch names the revision it applies to. Absent:
   * a picture that stands alone (a file, a test), taken whole.
   */
  revision?: number;
}

/**
 * What changed in a live host since the picture of revision `base`: the objects and links
 * added, changed and removed, with the host's record and banners as they are now. The renderer
 * applies it only on top of exactly `base`; otherwise it asks for the whole host (`list`).
 */
export interface LivePatch extends ObjectsPatch {
  base: number;
  revision: number;
  host: HostRecord;
  banners: Message[];
  refreshedAt: string;
}

export interface LiveApi {
  /** The current picture of every connected host. */
  list(arg: Record<string, never>): Promise<{ hosts: LiveHost[] }>;
  /** Re-reads one connected host now (one remote command). */
  refresh(arg: { profileId: string }): Promise<LiveHost>;
}

/**
 * A host's picture changed: the whole picture (`live`; null when it was disconnected or removed),
 * or, once the renderer has one, only what changed (`patch`).
 */
export type LiveHostChange = { profileId: string; live: LiveHost | null; patch?: never } | { profileId: string; patch: LivePatch; live?: never };

const empty = z.object({}).strict();

export const liveSchemas = {
  list: empty,
  refresh: z.object({ profileId: z.string().min(1).max(100) }).strict(),
};

/**
 * A host's picture after a change, as a client following the pushes holds it; throws when a
 * patch does not apply to `before` (a push was missed: take the host whole with `list`).
 */
export function pictureAfter(before: LiveHost | null, change: LiveHostChange): LiveHost | null {
  if (!change.patch) return change.live ?? null;
  const { patch } = change;
  if (before?.revision !== patch.base) throw new Error(`a patch for revision ${patch.base} came to a picture of revision ${before?.revision ?? 'none'}`);
  return { ...before, ...applyObjectsPatch(before, patch), host: patch.host, banners: patch.banners, refreshedAt: patch.refreshedAt, revision: patch.revision };
}
