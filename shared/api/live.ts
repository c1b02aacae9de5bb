// Live hosts: the topology of each connected host, kept current by its event streams.
import { z } from 'zod';
import type { HostRecord, TopologyLink, TopologyNode } from '../topology/model.ts';

export interface LiveHost {
  /** the host profile this picture belongs to */
  profileId: string;
  host: HostRecord;
  nodes: TopologyNode[];
  links: TopologyLink[];
  /** what could not be read (no virsh, libvirtd down, no permission…), in the user's words */
  banners: string[];
  /** ISO-8601 time of the last read */
  refreshedAt: string;
}

export interface LiveApi {
  /** The current picture of every connected host. */
  list(arg: Record<string, never>): Promise<{ hosts: LiveHost[] }>;
  /** Re-reads one connected host now (one remote command). */
  refresh(arg: { profileId: string }): Promise<LiveHost>;
}

/** A host's picture changed; `host: null` when it was disconnected or removed. */
export interface LiveHostChange {
  profileId: string;
  live: LiveHost | null;
}

const empty = z.object({}).strict();

export const liveSchemas = {
  list: empty,
  refresh: z.object({ profileId: z.string().min(1).max(100) }).strict(),
};
