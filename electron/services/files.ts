// The files domain of the API: opening, saving and remembering topology files.
import { basename, resolve } from 'node:path';
import type { FilesApi, OpenedTopology } from '../../shared/api/index.ts';
import { ApiError } from '../../shared/errors.ts';
import { demoTopology } from '../../shared/topology/demo.ts';
import { parseTopologyFile } from '../../shared/topology/file.ts';
import type { RecentFiles } from './recent-files.ts';
import { readTopologyFile, topologyFileText, writeTopologyFile } from './topology-file.ts';

/** Native file dialogs; only the Electron shell has them. Each resolves to null when cancelled. */
export interface FileDialogs {
  chooseFileToOpen(): Promise<string | null>;
  chooseFileToSave(suggestedName: string): Promise<string | null>;
}

export interface FilesServiceOptions {
  recent: RecentFiles;
  dialogs?: FileDialogs;
  now?: () => Date;
}

export const DEMO_NAME = 'Demo';
const DEFAULT_FILE_NAME = 'topology.json';

function needsDialog(what: string): ApiError {
  return new ApiError('invalid-input', `${what} needs a file dialog, which only the desktop app has.`);
}

export function createFilesService({ recent, dialogs, now = () => new Date() }: FilesServiceOptions): FilesApi {
  // The recent list is a convenience: failing to update it must not fail the open or save.
  const remember = (path: string): Promise<void> => recent.add(path).catch(() => undefined);

  async function openPath(path: string): Promise<OpenedTopology> {
    const absolute = resolve(path);
    const topology = await readTopologyFile(absolute);
    await remember(absolute);
    return { topology, path: absolute, name: basename(absolute) };
  }

  async function save({ path, topology }: Parameters<FilesApi['save']>[0]): Promise<{ path: string }> {
    const absolute = resolve(path);
    await writeTopologyFile(absolute, topology, now());
    await remember(absolute);
    return { path: absolute };
  }

  return {
    async open({ path }) {
      if (path !== undefined) return openPath(path);
      if (!dialogs) throw needsDialog('Opening a file without a path');
      const chosen = await dialogs.chooseFileToOpen();
      return chosen === null ? null : openPath(chosen);
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
      const chosen = await dialogs.chooseFileToSave(suggestedName ?? DEFAULT_FILE_NAME);
      return chosen === null ? null : save({ path: chosen, topology });
    },

    async serialize({ topology }) {
      return { text: topologyFileText(topology, now()) };
    },

    async recent() {
      return { files: await recent.list() };
    },
  };
}
