// The native Save dialog for exporting the command journal, attached to the app window.
import type { BrowserWindow, Dialog } from 'electron';

const FILTERS = [
  { name: 'Shell script', extensions: ['sh'] },
  { name: 'All files', extensions: ['*'] },
];

export function nativeJournalDialog(dialog: Dialog, parent: () => BrowserWindow | null): (suggestedName: string) => Promise<string | null> {
  return async (suggestedName) => {
    const options = { title: 'Export journal', defaultPath: suggestedName, filters: FILTERS };
    const window = parent();
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
}
