// The native Save dialog for exporting the command journal, attached to the app window, in the
// app's language (`t` follows it).
import type { BrowserWindow, Dialog } from 'electron';
import type { Translate } from '../../shared/i18n/index.ts';

export function nativeJournalDialog(dialog: Dialog, parent: () => BrowserWindow | null, t: Translate): (suggestedName: string) => Promise<string | null> {
  return async (suggestedName) => {
    const options = {
      title: t('desktop.dialog.exportJournal'),
      defaultPath: suggestedName,
      filters: [
        { name: t('desktop.dialog.shellScript'), extensions: ['sh'] },
        { name: t('desktop.dialog.allFiles'), extensions: ['*'] },
      ],
    };
    const window = parent();
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
}
