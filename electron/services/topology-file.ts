// Reading and writing topology files on disk, shared by the files service and the CLI.
import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { ApiError } from '../../shared/errors.ts';
import { checkFileSize, MAX_FILE_BYTES, parseTopologyFile, serializeTopology } from '../../shared/topology/file.ts';
import type { Topology } from '../../shared/topology/model.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { fileError } from './fs-errors.ts';

/** What a file that is not a regular file is, for the message refusing it. */
function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  if (info.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

const CHUNK_BYTES = 1024 * 1024;

/**
 * The bytes of a regular file, at most `limit` of them. The file is opened without blocking
 * (opening a FIFO for reading would otherwise wait for a writer forever) and checked with
 * fstat on the descriptor it is read from, so what is checked is what is read; anything but a
 * regular file is refused. The size stat reports is only a first check: reading stops after
 * `limit + 1` bytes, so a file whose stat size lies (/proc, a device, a growing file) is
 * refused too rather than read whole.
 */
export async function readBoundedFile(path: string, limit: number): Promise<Buffer> {
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR' });
    if (!info.isFile()) {
      throw new ApiError('invalid-input', `${path} is ${kindOf(info)}, not a topology file.`, 'Only a regular file can be opened.');
    }
    checkFileSize(info.size, { limit });
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(CHUNK_BYTES, limit + 1 - total);
      if (want <= 0) break;
      const chunk = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(chunk, 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === want ? chunk : chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
    checkFileSize(total, { atLeast: true, limit });
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/** Reads and validates a topology file: a regular file, never more of it than the size limit. */
export async function readTopologyFile(path: string): Promise<Topology> {
  try {
    return parseTopologyFile((await readBoundedFile(path, MAX_FILE_BYTES)).toString('utf8'));
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
