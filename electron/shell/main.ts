// The Electron main process: one hardened window on the built UI, the services behind IPC,
// and the native menu. One instance runs at a time: a second start (a double-clicked .vwtopo
// file) hands its file to the running window and quits. `--open FILE` or a file argument starts
// on that file instead of the demo. The window opens where it was closed, and asks before
// closing with unsaved changes. The menu and the native dialogs speak the app's language, and
// the menu is built again when the language is changed in Preferences.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, screen, session } from 'electron';
import type { ApiEvents } from '../../shared/api/index.ts';
import type { LanguageChoice } from '../../shared/i18n/index.ts';
import { createDispatcher, type Dispatcher } from '../api/dispatch.ts';
import { configDir, PRODUCT_NAME } from '../services/config-dir.ts';
import { createServices, type Services } from '../services/index.ts';
import { registerAppScheme, serveApp } from './app-protocol.ts';
import { fileArgument } from './args.ts';
import { createCloseGuard } from './close-guard.ts';
import { nativeFileDialogs } from './dialogs.ts';
import { nativeJournalDialog } from './journal-dialog.ts';
import { registerApiHandlers, sendEvent } from './ipc.ts';
import { shellLanguage } from './language.ts';
import { menuTemplate } from './menu.ts';
import { safeStorageSecrets } from './secrets.ts';
import { hardenContents, hardenSession, openMainWindow } from './window.ts';
import { placeWindow, readWindowState, writeWindowState } from './window-state.ts';

const PRELOAD = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));
const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));

let mainWindow: BrowserWindow | null = null;
let services: Services | null = null;
/** a file the OS asked to open before the services were there (macOS open-file at launch) */
let initialFile: string | null = fileArgument(process.argv.slice(1), process.cwd());
/** the window state being written as the window closes; the app quits once it has landed */
let savingState: Promise<void> = Promise.resolve();
/** the language of the menu and the native dialogs, until the preferences are read: the system's */
const language = shellLanguage(() => app.getLocale());

function sendMenuCommand(payload: ApiEvents['app.onDidInvokeMenu']): void {
  if (mainWindow && !mainWindow.isDestroyed()) sendEvent(mainWindow.webContents, 'app.onDidInvokeMenu', payload);
}

/** Opens a file the OS handed over (a second start, macOS open-file) in the running window. */
function openFromOs(path: string): void {
  if (services === null || mainWindow === null) {
    initialFile = path;
    return;
  }
  services.local.chooseFile(path);
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
  sendMenuCommand({ command: 'open', path });
}

async function refreshMenu(running: Services): Promise<void> {
  const { files } = await running.files.recent({});
  const template = menuTemplate({
    send: sendMenuCommand,
    recentFiles: files,
    isMac: process.platform === 'darwin',
    withDevTools: !app.isPackaged,
    t: language.t,
    appName: PRODUCT_NAME,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** A language chosen in Preferences: the menu is built again in it. */
function followLanguage(choice: LanguageChoice): void {
  if (language.choose(choice) && services !== null) {
    refreshMenu(services).catch((e: unknown) => console.error('VirtWire: the menu was not built again:', e));
  }
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
  const dataDir = app.getPath('userData');
  hardenSession(session.defaultSession);
  serveApp(protocol, RENDERER_DIR);
  const closeGuard = createCloseGuard(dialog, language.t, (window) => sendEvent(window.webContents, 'app.onDidRequestClose', {}));
  const running = createServices({
    info: { name: PRODUCT_NAME, version: app.getVersion(), mode: 'electron', platform: process.platform },
    configDir: dataDir,
    initialFile,
    dialogs: nativeFileDialogs(dialog, () => mainWindow, language.t),
    chooseJournalFile: nativeJournalDialog(dialog, () => mainWindow, language.t),
    secrets: safeStorageSecrets(safeStorage, join(dataDir, 'secrets.json')),
    window: closeGuard,
    emit: (event, payload) => {
      if (mainWindow && !mainWindow.isDestroyed()) sendEvent(mainWindow.webContents, event, payload);
      if (event === 'prefs.onDidChange') followLanguage((payload as ApiEvents['prefs.onDidChange']).language);
    },
  });
  services = running;
  const refresh = (): Promise<void> => refreshMenu(running);
  const dispatcher = createDispatcher(running, (e) => console.error('VirtWire: unexpected error:', e));
  registerApiHandlers(ipcMain, refreshingMenuAfterFiles(dispatcher, refresh), () =>
    BrowserWindow.getAllWindows().map((w) => w.webContents),
  );
  language.choose((await running.local.preferences.current()).language);
  await refresh();
  const window = await openMainWindow(PRELOAD, placeWindow(await readWindowState(dataDir), screen));
  mainWindow = window;
  closeGuard.attach(window, () => {
    const state = { ...window.getNormalBounds(), maximized: window.isMaximized() };
    savingState = writeWindowState(dataDir, state).catch((e: unknown) => console.error('VirtWire: the window state was not saved:', e));
  });
  window.on('closed', () => (mainWindow = null));
}

if (app.requestSingleInstanceLock()) {
  // Browser mode and the CLI keep their settings in the same folder: make it Electron's userData.
  app.setPath('userData', configDir(app.getPath('appData')));
  registerAppScheme(protocol);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => void savingState.finally(() => app.quit()));
  app.on('second-instance', (_event, argv, cwd) => {
    const file = fileArgument(argv.slice(1), cwd);
    if (file !== null) return openFromOs(file);
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  // macOS: a file opened from Finder or dropped on the Dock icon, also before the app is ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFromOs(path);
  });
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      console.error('VirtWire could not start:', e);
      app.exit(1);
    });
} else {
  // Another VirtWire is running: it got this start's arguments ('second-instance') and opens the file.
  app.quit();
}
