// The recently opened or saved files, newest first, kept in the app's config folder so the
// list survives restarts. A file that has since disappeared is dropped when the list is read.
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';

export const MAX_RECENT_FILES = 10;
const FILE_NAME = 'recent-files.json';

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export class RecentFiles {
  private readonly listPath: string;

  constructor(private readonly configDir: string) {
    this.listPath = join(configDir, FILE_NAME);
  }

  async list(): Promise<string[]> {
    const stored = await this.read();
    const present: string[] = [];
    for (const path of stored) if (await exists(path)) present.push(path);
    if (present.length !== stored.length) await this.write(present);
    return present;
  }

  /** Whether `path` is on the list, even if the file has gone since (opening it says so). */
  async includes(path: string): Promise<boolean> {
    return (await this.read()).includes(path);
  }

  async add(path: string): Promise<void> {
    const files = [path, ...(await this.read()).filter((p) => p !== path)].slice(0, MAX_RECENT_FILES);
    await this.write(files);
  }

  /** A missing or damaged list is an empty one: it is a convenience, not data to guard. */
  private async read(): Promise<string[]> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.listPath, 'utf8'));
      const files = (parsed as { files?: unknown } | null)?.files;
      return Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string') : [];
    } catch {
      return [];
    }
  }

  private async write(files: string[]): Promise<void> {
    await mkdir(this.configDir, { recursive: true });
    await writeFileAtomic(this.listPath, `${JSON.stringify({ files }, null, 2)}\n`);
  }
}
