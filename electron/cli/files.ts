// Topology files as the CLI reads and writes them: what the file system refuses (no such file,
// no permission, a folder) is said in the CLI's language, with the system's own text as detail.
// What a file holds is checked by the app's reader, in its own words.
import { ApiError } from '../../shared/errors.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { MAX_FILE_BYTES, parseTopologyFile } from '../../shared/topology/file.ts';
import type { Topology } from '../../shared/topology/model.ts';
import { writeFileAtomic } from '../services/atomic-write.ts';
import { readBoundedFile } from '../services/topology-file.ts';
import { t } from './i18n.ts';

const PROBLEMS: Record<'open' | 'save', { missing: MessageKey; denied: MessageKey; other: MessageKey }> = {
  open: { missing: 'cli.file.notFound', denied: 'cli.file.notAllowedOpen', other: 'cli.file.couldNotOpen' },
  save: { missing: 'cli.file.noFolder', denied: 'cli.file.notAllowedSave', other: 'cli.file.couldNotSave' },
};

/** A file-system failure on `path` as the typed error the CLI prints. */
export function fileProblem(e: unknown, path: string, doing: 'open' | 'save'): ApiError {
  if (e instanceof ApiError) return e;
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const detail = e instanceof Error ? e.message : String(e);
  const problems = PROBLEMS[doing];
  switch (code) {
    case 'ENOENT':
      return new ApiError('not-found', t(problems.missing, { path }), detail);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new ApiError('permission', t(problems.denied, { path }), detail);
    case 'EISDIR':
      return new ApiError('invalid-input', t('cli.file.folder', { path }), detail);
    default:
      return new ApiError('io', t(problems.other, { path }), detail);
  }
}

/** Reads and validates a topology file (a regular file, never more of it than the size limit). */
export async function readTopology(path: string): Promise<Topology> {
  try {
    return parseTopologyFile((await readBoundedFile(path, MAX_FILE_BYTES)).toString('utf8'));
  } catch (e) {
    throw fileProblem(e, path, 'open');
  }
}

/** Writes `content` to `path` whole or not at all. */
export async function writeOut(path: string, content: string | Buffer): Promise<void> {
  try {
    await writeFileAtomic(path, content);
  } catch (e) {
    throw fileProblem(e, path, 'save');
  }
}
