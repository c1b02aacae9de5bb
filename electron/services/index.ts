// All services behind the API, created once per process by the Electron shell or the CLI.
import type { AppInfo, VirtWireApi } from '../../shared/api/index.ts';
import { createAppService } from './app.ts';
import { createFilesService, type FileDialogs } from './files.ts';
import { RecentFiles } from './recent-files.ts';

export interface ServicesOptions {
  info: AppInfo;
  configDir: string;
  initialFile: string | null;
  dialogs?: FileDialogs;
}

export function createServices({ info, configDir, initialFile, dialogs }: ServicesOptions): VirtWireApi {
  const files = createFilesService({ recent: new RecentFiles(configDir), dialogs });
  return { app: createAppService({ info, initialFile, files }), files };
}
