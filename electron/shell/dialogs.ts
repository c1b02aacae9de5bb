// Native Open and Save dialogs for the files service, attached to the app window.
import type { BrowserWindow, Dialog } from 'electron';
import type { FileDialogs } from '../services/files.ts';

// .vwtopo is the topology file's own extension (JSON inside); files saved as .json still open.
const OPEN_FILTERS = [
  { name: 'VirtWire topology', extensions: ['vwtopo', 'json'] },
  { name: 'All files', extensions: ['*'] },
];
const SAVE_FILTERS = [
  { name: 'VirtWire topology', extensions: ['vwtopo'] },
  { name: 'All files', extensions: ['*'] },
];

export function nativeFileDialogs(dialog: Dialog, parent: () => BrowserWindow | null): FileDialogs {
  return {
    async chooseFileToOpen() {
      const options = { title: 'Open topology', properties: ['openFile' as const], filters: OPEN_FILTERS };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseFileToSave(suggestedName, filter) {
      const options = filter
        ? { title: 'Export', defaultPath: suggestedName, filters: [filter, SAVE_FILTERS[1]!] }
        : { title: 'Save topology', defaultPath: suggestedName, filters: SAVE_FILTERS };
      const window = parent();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
