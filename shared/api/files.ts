// Opening and saving topology files.
import { z } from 'zod';
import { EXPORT_FORMATS, type ExportFormat } from '../export/index.ts';
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
  /**
   * Shows the native Save dialog (Electron only) for an export of the picture, then writes
   * `content` there: text as it is, a PNG as base64. null = cancelled. The path is not
   * remembered and cannot be opened or saved to as a topology afterwards.
   */
  exportAs(arg: { format: ExportFormat; suggestedName: string; content: string; encoding: 'utf8' | 'base64' }): Promise<{ path: string } | null>;
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
  exportAs: z
    .object({
      format: z.enum(EXPORT_FORMATS),
      suggestedName: z.string().min(1).max(1024),
      // a picture of a 1,000-VM topology is a few MB; this only bounds what one call may carry
      content: z.string().max(256 * 1024 * 1024),
      encoding: z.enum(['utf8', 'base64']),
    })
    .strict(),
  recent: empty,
};
