// Native Open and Save dialogs for the files service, attached to the app window, in the app's
// language (`t` follows it).
import type { BrowserWindow, Dialog, FileFilter } from 'electron';
import { EXPORT_FORMATS, FORMAT_INFO } from '../../shared/export/index.ts';
import type { Translate } from '../../shared/i18n/index.ts';
import type { FileDialogs, SaveFilter } from '../services/files.ts';

// .vwtopo is the topology file's own extension (JSON inside); files saved as .json still open.
const openFilters = (t: Translate): FileFilter[] => [
  { name: t('desktop.dialog.topologyFiles'), extensions: ['vwtopo', 'json'] },
  { name: t('desktop.dialog.allFiles'), extensions: ['*'] },
];
const saveFilters = (t: Translate): FileFilter[] => [
  { name: t('desktop.dialog.topologyFiles'), extensions: ['vwtopo'] },
  { name: t('desktop.dialog.allFiles'), extensions: ['*'] },
];

/** An export format's filter named in the app's language (the files service names it in English). */
function exportFilter(filter: SaveFilter, t: Translate): FileFilter {
  const format = EXPORT_FORMATS.find((f) => filter.extensions.length === 1 && FORMAT_INFO[f].extension === `.${filter.extensions[0]}`);
  return format ? { ...filter, name: t(`export.${format}`) } : filter;
}

export function nativeFileDialogs(dialog: Dialog, parent: () => BrowserWindow | null, t: Translate): FileDialogs {
  return {
    async chooseFileToOpen() {
      const options = { title: t('desktop.dialog.openTopology'), properties: ['openFile' as const], filters: openFilters(t) };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseFileToSave(suggestedName, filter) {
      const options = filter
        ? { title: t('export.title'), defaultPath: suggestedName, filters: [exportFilter(filter, t), { name: t('desktop.dialog.allFiles'), extensions: ['*'] }] }
        : { title: t('desktop.dialog.saveTopology'), defaultPath: suggestedName, filters: saveFilters(t) };
      const window = parent();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
