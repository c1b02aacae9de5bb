// The files domain of the API: opening, saving and remembering topology files.
import { basename, resolve } from 'node:path';
import type { FilesApi, OpenedTopology } from '../../shared/api/index.ts';
import { ApiError } from '../../shared/errors.ts';
import { FORMAT_INFO } from '../../shared/export/index.ts';
import { demoTopology } from '../../shared/topology/demo.ts';
import { parseTopologyFile } from '../../shared/topology/file.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { fileError } from './fs-errors.ts';
import type { RecentFiles } from './recent-files.ts';
import { readTopologyFile, topologyFileText, writeTopologyFile } from './topology-file.ts';

/** What kind of file a Save dialog offers to write, when it is not a topology file. */
export interface SaveFilter {
  name: string;
  /** without the dot */
  extensions: string[];
}

/** Native file dialogs; only the Electron shell has them. Each resolves to null when cancelled. */
export interface FileDialogs {
  chooseFileToOpen(): Promise<string | null>;
  chooseFileToSave(suggestedName: string, filter?: SaveFilter): Promise<string | null>;
}

export interface FilesServiceOptions {
  recent: RecentFiles;
  dialogs?: FileDialogs;
  now?: () => Date;
}

/**
 * The files API, plus what only the process itself may do: mark a path as chosen by the user
 * outside the API (the file named with `--open`).
 */
export interface FilesService extends FilesApi {
  choose(path: string): void;
}

export const DEMO_NAME = 'Demo';
const DEFAULT_FILE_NAME = 'topology.vwtopo';

function needsDialog(what: string): ApiError {
  return new ApiError('invalid-input', `${what} needs a file dialog, which only the desktop app has.`);
}

function notChosen(path: string, doing: 'open' | 'save to'): ApiError {
  return new ApiError(
    'permission',
    `VirtWire does not ${doing} ${path}: it was not chosen in a file dialog, opened with --open, or opened or saved here before.`,
    doing === 'open' ? 'Choose it with File › Open… (in the browser, upload it).' : 'Use File › Save As… to choose where to save.',
  );
}

/**
 * Paths reach the disk only when the user chose them: in a native dialog, with `--open`, or in
 * an earlier session (the recent list, opening only). Saving needs a path chosen in this
 * session, so a page or a file that manages to call the API cannot read or overwrite any other file.
 */
export function createFilesService({ recent, dialogs, now = () => new Date() }: FilesServiceOptions): FilesService {
  // The recent list is a convenience: failing to update it must not fail the open or save.
  const remember = (path: string): Promise<void> => recent.add(path).catch(() => undefined);
  const chosen = new Set<string>();

  async function openPath(path: string): Promise<OpenedTopology> {
    const absolute = resolve(path);
    if (!chosen.has(absolute) && !(await recent.includes(absolute))) throw notChosen(absolute, 'open');
    const topology = await readTopologyFile(absolute);
    chosen.add(absolute);
    await remember(absolute);
    return { topology, path: absolute, name: basename(absolute) };
  }

  async function save({ path, topology }: Parameters<FilesApi['save']>[0]): Promise<{ path: string }> {
    const absolute = resolve(path);
    if (!chosen.has(absolute)) throw notChosen(absolute, 'save to');
    await writeTopologyFile(absolute, topology, now());
    await remember(absolute);
    return { path: absolute };
  }

  const choose = (path: string): void => void chosen.add(resolve(path));

  return {
    choose,

    async open({ path }) {
      if (path !== undefined) return openPath(path);
      if (!dialogs) throw needsDialog('Opening a file without a path');
      const picked = await dialogs.chooseFileToOpen();
      if (picked === null) return null;
      choose(picked);
      return openPath(picked);
    },

    async openText({ name, text }) {
      return { topology: parseTopologyFile(text), path: null, name: basename(name) || DEFAULT_FILE_NAME };
    },

    async openDemo() {
      return { topology: demoTopology(), path: null, name: DEMO_NAME };
    },

    save,

    async saveAs({ topology, suggestedName }) {
      if (!dialogs) throw needsDialog('Save As');
      const picked = await dialogs.chooseFileToSave(suggestedName ?? DEFAULT_FILE_NAME);
      if (picked === null) return null;
      choose(picked);
      return save({ path: picked, topology });
    },

    async serialize({ topology }) {
      return { text: topologyFileText(topology, now()) };
    },

    // The exported file is written where the user chose in the dialog, and only there: the
    // path is not added to the chosen set, so it is not a place the page may save a topology to.
    async exportAs({ format, suggestedName, content, encoding }) {
      if (!dialogs) throw needsDialog('Export');
      const info = FORMAT_INFO[format];
      const picked = await dialogs.chooseFileToSave(basename(suggestedName), { name: info.label, extensions: [info.extension.slice(1)] });
      if (picked === null) return null;
      const absolute = resolve(picked);
      try {
        await writeFileAtomic(absolute, encoding === 'base64' ? Buffer.from(content, 'base64') : content);
      } catch (e) {
        throw fileError(e, absolute, 'save');
      }
      return { path: absolute };
    },

    async recent() {
      return { files: await recent.list() };
    },
  };
}
