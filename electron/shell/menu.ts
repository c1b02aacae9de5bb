// The native menu. Its items do not act themselves: each sends a menu command to the page,
// which owns the open topology and offers the same commands in browser mode.
import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import type { ApiEvents } from '../../shared/api/index.ts';

export type SendMenuCommand = (payload: ApiEvents['app.onDidInvokeMenu']) => void;

export interface MenuOptions {
  send: SendMenuCommand;
  recentFiles: string[];
  isMac: boolean;
  withDevTools: boolean;
}

function recentItems(recentFiles: string[], send: SendMenuCommand): MenuItemConstructorOptions[] {
  if (recentFiles.length === 0) return [{ label: 'No recent files', enabled: false }];
  return recentFiles.map((path) => ({
    label: `${basename(path)} — ${path}`,
    click: () => send({ command: 'open', path }),
  }));
}

export function menuTemplate({ send, recentFiles, isMac, withDevTools }: MenuOptions): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => send({ command: 'open' }) },
      { label: 'Open Recent', submenu: recentItems(recentFiles, send) },
      { label: 'Open Demo', click: () => send({ command: 'openDemo' }) },
      { type: 'separator' },
      { label: 'Save', accelerator: 'CmdOrCtrl+S', click: () => send({ command: 'save' }) },
      { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: () => send({ command: 'saveAs' }) },
      { type: 'separator' },
      { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => send({ command: 'export' }) },
      ...(isMac
        ? []
        : [
            { type: 'separator' as const },
            { label: 'Preferences…', accelerator: 'CmdOrCtrl+,', click: () => send({ command: 'preferences' }) },
            { type: 'separator' as const },
            { role: 'quit' as const },
          ]),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { label: 'Logical / Wiring View', accelerator: 'CmdOrCtrl+L', click: () => send({ command: 'toggleView' }) },
      { label: 'Fit to Window', accelerator: 'CmdOrCtrl+0', click: () => send({ command: 'fit' }) },
      { label: 'Find…', accelerator: 'CmdOrCtrl+F', click: () => send({ command: 'find' }) },
      { type: 'separator' },
      { label: 'Toggle Light / Dark Theme', accelerator: 'CmdOrCtrl+Shift+L', click: () => send({ command: 'toggleTheme' }) },
      { role: 'togglefullscreen' },
      ...(withDevTools ? [{ role: 'toggleDevTools' as const }] : []),
    ],
  };
  // Undo and redo are the page's: a change on a host when the graph has focus, the text's own
  // undo in a text field. The clipboard roles are what make copy/paste work in text fields on macOS.
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => send({ command: 'undo' }) },
      { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', click: () => send({ command: 'redo' }) },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  // macOS keeps Settings… in the application menu.
  const appMenu: MenuItemConstructorOptions = {
    role: 'appMenu',
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { label: 'Settings…', accelerator: 'Cmd+,', click: () => send({ command: 'preferences' }) },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  return [...(isMac ? [appMenu] : []), file, edit, view, { role: 'windowMenu' }];
}
