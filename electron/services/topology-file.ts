// Reading and writing topology files on disk, shared by the files service and the CLI.
import { readFile, stat } from 'node:fs/promises';
import { ApiError } from '../../shared/errors.ts';
import { checkFileSize, parseTopologyFile, serializeTopology } from '../../shared/topology/file.ts';
import type { Topology } from '../../shared/topology/model.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { fileError } from './fs-errors.ts';

/** Reads and validates a topology file; the size is checked before the file is read whole. */
export async function readTopologyFile(path: string): Promise<Topology> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR' });
    checkFileSize(info.size);
    return parseTopologyFile(await readFile(path, 'utf8'));
  } catch (e) {
    throw fileError(e, path, 'open');
  }
}

/**
 * Serialises a topology and checks it reads back before anything touches the disk, so a
 * topology that could not be opened again is never saved over a good file.
 */
export function topologyFileText(topology: Topology, savedAt: Date): string {
  const text = serializeTopology(topology, savedAt);
  try {
    parseTopologyFile(text);
  } catch (e) {
    const error = ApiError.from(e);
    throw new ApiError('invalid-input', `This topology cannot be saved: ${error.message}`, error.detail);
  }
  return text;
}

export async function writeTopologyFile(path: string, topology: Topology, savedAt: Date): Promise<void> {
  const text = topologyFileText(topology, savedAt);
  try {
    await writeFileAtomic(path, text);
  } catch (e) {
    throw fileError(e, path, 'save');
  }
}
