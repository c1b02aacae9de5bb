// The Electron main process: one hardened window on the built UI, the services behind IPC,
// and the native menu. `--open FILE` starts on that file instead of the demo.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import type { ApiEvents } from '../../shared/api/index.ts';
import { createDispatcher, type Dispatcher } from '../api/dispatch.ts';
import { configDir, PRODUCT_NAME } from '../services/config-dir.ts';
import { createServices } from '../services/index.ts';
import { registerAppScheme, serveApp } from './app-protocol.ts';
import { nativeFileDialogs } from './dialogs.ts';
import { nativeJournalDialog } from './journal-dialog.ts';
import { registerApiHandlers, sendEvent } from './ipc.ts';
import { menuTemplate } from './menu.ts';
import { safeStorageSecrets } from './secrets.ts';
import { hardenContents, hardenSession, openMainWindow } from './window.ts';

const PRELOAD = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));
const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));

function initialFile(): string | null {
  // Chromium adds switches of its own, so unknown options are not errors here.
  const { values } = parseArgs({ args: process.argv.slice(1), options: { open: { type: 'string' } }, strict: false, allowPositionals: true });
  return typeof values.open === 'string' ? values.open : null;
}

let mainWindow: BrowserWindow | null = null;

function sendMenuCommand(payload: ApiEvents['app.onDidInvokeMenu']): void {
  if (mainWindow && !mainWindow.isDestroyed()) sendEvent(mainWindow.webContents, 'app.onDidInvokeMenu', payload);
}

async function refreshMenu(services: ReturnType<typeof createServices>): Promise<void> {
  const { files } = await services.files.recent({});
  const template = menuTemplate({
    send: sendMenuCommand,
    recentFiles: files,
    isMac: process.platform === 'darwin',
    withDevTools: !app.isPackaged,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Opening or saving a file changes the recent list, so the Open Recent menu follows. */
function refreshingMenuAfterFiles(inner: Dispatcher, refresh: () => Promise<void>): Dispatcher {
  return {
    async call(method, arg) {
      const result = await inner.call(method, arg);
      if (result.ok && method.startsWith('files.')) await refresh().catch(() => undefined);
      return result;
    },
  };
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  serveApp(protocol, RENDERER_DIR);
  const services = createServices({
    info: { name: PRODUCT_NAME, version: app.getVersion(), mode: 'electron', platform: process.platform },
    configDir: configDir(app.getPath('appData')),
    initialFile: initialFile(),
    dialogs: nativeFileDialogs(dialog, () => mainWindow),
    chooseJournalFile: nativeJournalDialog(dialog, () => mainWindow),
    secrets: safeStorageSecrets(safeStorage, join(configDir(app.getPath('appData')), 'secrets.json')),
    emit: (event, payload) => {
      if (mainWindow && !mainWindow.isDestroyed()) sendEvent(mainWindow.webContents, event, payload);
    },
  });
  const refresh = () => refreshMenu(services);
  const dispatcher = createDispatcher(services, (e) => console.error('VirtWire: unexpected error:', e));
  registerApiHandlers(ipcMain, refreshingMenuAfterFiles(dispatcher, refresh), () =>
    BrowserWindow.getAllWindows().map((w) => w.webContents),
  );
  await refresh();
  mainWindow = await openMainWindow(PRELOAD);
  mainWindow.on('closed', () => (mainWindow = null));
}

registerAppScheme(protocol);
app.on('web-contents-created', (_event, contents) => hardenContents(contents));
app.on('window-all-closed', () => app.quit());
app
  .whenReady()
  .then(start)
  .catch((e: unknown) => {
    console.error('VirtWire could not start:', e);
    app.exit(1);
  });
