// Opening and saving topology files.
import { z } from 'zod';
import type { Topology } from '../topology/model.ts';
import { topologySchema } from '../topology/schema.ts';

export interface OpenedTopology {
  topology: Topology;
  /** absolute path of the file, or null for the demo and for uploads in browser mode */
  path: string | null;
  /** what the window title shows, e.g. the file's base name or "Demo" */
  name: string;
}

export interface FilesApi {
  /** Opens a file by path; with no path, shows the native Open dialog (Electron only). null = cancelled. */
  open(arg: { path?: string }): Promise<OpenedTopology | null>;
  /** Opens the content of an uploaded file (browser mode). */
  openText(arg: { name: string; text: string }): Promise<OpenedTopology>;
  /** The bundled demo topology. */
  openDemo(arg: Record<string, never>): Promise<OpenedTopology>;
  /** Writes to `path` atomically (temporary file + rename). */
  save(arg: { path: string; topology: Topology }): Promise<{ path: string }>;
  /** Shows the native Save dialog (Electron only), then saves. null = cancelled. */
  saveAs(arg: { topology: Topology; suggestedName?: string }): Promise<{ path: string } | null>;
  /** The file text for a topology, for download in browser mode. */
  serialize(arg: { topology: Topology }): Promise<{ text: string }>;
  /** Recently opened or saved files, newest first. */
  recent(arg: Record<string, never>): Promise<{ files: string[] }>;
}

const empty = z.object({}).strict();
const path = z.string().min(1).max(4096);

export const filesSchemas = {
  open: z.object({ path: path.optional() }).strict(),
  openText: z.object({ name: z.string().max(1024), text: z.string() }).strict(),
  openDemo: empty,
  save: z.object({ path, topology: topologySchema }).strict(),
  saveAs: z.object({ topology: topologySchema, suggestedName: z.string().max(1024).optional() }).strict(),
  serialize: z.object({ topology: topologySchema }).strict(),
  recent: empty,
};
