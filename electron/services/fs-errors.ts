// File-system failures as the typed errors the UI shows, with the system's own text as detail.
import { ApiError } from '../../shared/errors.ts';

export function fileError(e: unknown, path: string, doing: 'open' | 'save'): ApiError {
  if (e instanceof ApiError) return e;
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const detail = e instanceof Error ? e.message : String(e);
  switch (code) {
    case 'ENOENT':
      return doing === 'open'
        ? new ApiError('not-found', `There is no file at ${path}.`, detail)
        : new ApiError('not-found', `The folder for ${path} does not exist.`, detail);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new ApiError('permission', `VirtWire is not allowed to ${doing} ${path}.`, detail);
    case 'EISDIR':
      return new ApiError('invalid-input', `${path} is a folder, not a topology file.`, detail);
    default:
      return new ApiError('io', `Could not ${doing} ${path}.`, detail);
  }
}
