// The native menu. Its items do not act themselves: each sends a menu command to the page,
// which owns the open topology and offers the same commands in browser mode. Every label comes
// from the catalogue in the app's language, Electron's role items (Copy, Quit, …) included, so
// no item is left in English under a Chinese menu; roles still bring their own accelerators.
import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import type { ApiEvents } from '../../shared/api/index.ts';
import type { Translate } from '../../shared/i18n/index.ts';

export type SendMenuCommand = (payload: ApiEvents['app.onDidInvokeMenu']) => void;

export interface MenuOptions {
  send: SendMenuCommand;
  recentFiles: string[];
  isMac: boolean;
  withDevTools: boolean;
  /** the catalogue in the app's language */
  t: Translate;
  /** the app's name, as macOS shows it in About, Hide and Quit */
  appName: string;
}

function recentItems(recentFiles: string[], send: SendMenuCommand, t: Translate): MenuItemConstructorOptions[] {
  if (recentFiles.length === 0) return [{ label: t('fileMenu.noRecent'), enabled: false }];
  return recentFiles.map((path) => ({
    label: `${basename(path)} — ${path}`,
    click: () => send({ command: 'open', path }),
  }));
}

export function menuTemplate({ send, recentFiles, isMac, withDevTools, t, appName }: MenuOptions): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: t('desktop.menu.file'),
    submenu: [
      { label: t('fileMenu.open'), accelerator: 'CmdOrCtrl+O', click: () => send({ command: 'open' }) },
      { label: t('desktop.menu.openRecent'), submenu: recentItems(recentFiles, send, t) },
      { label: t('fileMenu.openDemo'), click: () => send({ command: 'openDemo' }) },
      { type: 'separator' },
      { label: t('fileMenu.save'), accelerator: 'CmdOrCtrl+S', click: () => send({ command: 'save' }) },
      { label: t('fileMenu.saveAs'), accelerator: 'CmdOrCtrl+Shift+S', click: () => send({ command: 'saveAs' }) },
      { type: 'separator' },
      { label: t('fileMenu.export'), accelerator: 'CmdOrCtrl+E', click: () => send({ command: 'export' }) },
      ...(isMac
        ? []
        : [
            { type: 'separator' as const },
            { label: t('fileMenu.preferences'), accelerator: 'CmdOrCtrl+,', click: () => send({ command: 'preferences' }) },
            { type: 'separator' as const },
            { role: 'quit' as const, label: t('desktop.menu.quit') },
          ]),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: t('desktop.menu.view'),
    submenu: [
      { label: t('desktop.menu.toggleView'), accelerator: 'CmdOrCtrl+L', click: () => send({ command: 'toggleView' }) },
      { label: t('desktop.menu.fit'), accelerator: 'CmdOrCtrl+0', click: () => send({ command: 'fit' }) },
      { label: t('desktop.menu.find'), accelerator: 'CmdOrCtrl+F', click: () => send({ command: 'find' }) },
      { type: 'separator' },
      { label: t('desktop.menu.toggleTheme'), accelerator: 'CmdOrCtrl+Shift+L', click: () => send({ command: 'toggleTheme' }) },
      { role: 'togglefullscreen', label: t('desktop.menu.fullScreen') },
      ...(withDevTools ? [{ role: 'toggleDevTools' as const, label: t('desktop.menu.devTools') }] : []),
    ],
  };
  // Undo and redo are the page's: a change on a host when the graph has focus, the text's own
  // undo in a text field. The clipboard roles are what make copy/paste work in text fields on macOS.
  const edit: MenuItemConstructorOptions = {
    label: t('desktop.menu.edit'),
    submenu: [
      { label: t('common.undo'), accelerator: 'CmdOrCtrl+Z', click: () => send({ command: 'undo' }) },
      { label: t('common.redo'), accelerator: 'CmdOrCtrl+Shift+Z', click: () => send({ command: 'redo' }) },
      { type: 'separator' },
      { role: 'cut', label: t('desktop.menu.cut') },
      { role: 'copy', label: t('desktop.menu.copy') },
      { role: 'paste', label: t('desktop.menu.paste') },
      { role: 'selectAll', label: t('desktop.menu.selectAll') },
    ],
  };
  // Electron's own Window menu, with its items named in the app's language.
  const windowMenu: MenuItemConstructorOptions = {
    role: 'windowMenu',
    label: t('desktop.menu.window'),
    submenu: [
      { role: 'minimize', label: t('desktop.menu.minimize') },
      { role: 'zoom', label: t('desktop.menu.zoom') },
      ...(isMac
        ? [{ type: 'separator' as const }, { role: 'front' as const, label: t('desktop.menu.front') }]
        : [{ role: 'close' as const, label: t('desktop.menu.closeWindow') }]),
    ],
  };
  // macOS keeps Settings… in the application menu, which is named after the app.
  const app = { app: appName };
  const appMenu: MenuItemConstructorOptions = {
    role: 'appMenu',
    label: appName,
    submenu: [
      { role: 'about', label: t('desktop.menu.about', app) },
      { type: 'separator' },
      { label: t('desktop.menu.settings'), accelerator: 'Cmd+,', click: () => send({ command: 'preferences' }) },
      { type: 'separator' },
      { role: 'services', label: t('desktop.menu.services') },
      { type: 'separator' },
      { role: 'hide', label: t('desktop.menu.hide', app) },
      { role: 'hideOthers', label: t('desktop.menu.hideOthers') },
      { role: 'unhide', label: t('desktop.menu.showAll') },
      { type: 'separator' },
      { role: 'quit', label: t('desktop.menu.quitApp', app) },
    ],
  };
  return [...(isMac ? [appMenu] : []), file, edit, view, windowMenu];
}
