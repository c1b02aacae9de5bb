// The app domain of the API: what VirtWire is running as, which topology it starts on, and the
// desktop window's close question (the shell passes in what only it can do).
import type { AppApi, AppInfo, CloseChoice, FilesApi } from '../../shared/api/index.ts';
import { ApiError } from '../../shared/errors.ts';

/** What only the Electron shell can do for a closing window; browser mode has neither. */
export interface WindowControl {
  askToSaveBeforeClose(name: string): Promise<CloseChoice>;
  closeWindow(): void;
}

export interface AppServiceOptions {
  info: AppInfo;
  /** the file given with `--open`, or null to start on the demo */
  initialFile: string | null;
  files: FilesApi;
  window?: WindowControl;
}

export function createAppService({ info, initialFile, files, window }: AppServiceOptions): AppApi {
  return {
    async getInfo() {
      return { ...info };
    },
    async getInitialTopology() {
      if (initialFile === null) return files.openDemo({});
      // open() with a path never asks a dialog, so it never resolves to null here
      return (await files.open({ path: initialFile }))!;
    },
    async askToSaveBeforeClose({ name }) {
      if (!window) throw new ApiError('invalid-input', 'Only the desktop app has a window to close; in the browser, closing the tab asks.');
      return { choice: await window.askToSaveBeforeClose(name) };
    },
    async closeWindow() {
      window?.closeWindow();
    },
  };
}
