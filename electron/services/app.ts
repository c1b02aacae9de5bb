// The app domain of the API: what VirtWire is running as and which topology it starts on.
import type { AppApi, AppInfo, FilesApi } from '../../shared/api/index.ts';

export interface AppServiceOptions {
  info: AppInfo;
  /** the file given with `--open`, or null to start on the demo */
  initialFile: string | null;
  files: FilesApi;
}

export function createAppService({ info, initialFile, files }: AppServiceOptions): AppApi {
  return {
    async getInfo() {
      return { ...info };
    },
    async getInitialTopology() {
      if (initialFile === null) return files.openDemo({});
      // open() with a path never asks a dialog, so it never resolves to null here
      return (await files.open({ path: initialFile }))!;
    },
  };
}
