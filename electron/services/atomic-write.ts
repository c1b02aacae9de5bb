// Writes a file so that a crash or a failed write never leaves half of it: the content goes
// to a temporary file in the same directory (rename is only atomic within one file
// system), is flushed to disk, and only then replaces the original.
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

async function modeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).mode & 0o777;
  } catch {
    return 0o644;
  }
}

export async function writeFileAtomic(path: string, text: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = await modeOf(path);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(text, typeof text === 'string' ? 'utf8' : undefined);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  await syncDirectory(dir);
}

/** Makes the rename itself durable; some platforms (Windows) cannot open a directory, which is harmless. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    return;
  }
}
