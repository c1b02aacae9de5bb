// The one app window and the hardening every web contents gets: no Node in the page, a
// sandboxed preload, no new windows, no navigation away from the app, no permissions.
import type { Session, WebContents } from 'electron';
import { BrowserWindow } from 'electron';
import { APP_START_URL, isAppUrl } from './app-url.ts';
import type { WindowState } from './window-state.ts';

/** Applied to every web contents the app creates (app.on('web-contents-created')). */
export function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

const REMOTE_PROTOCOLS = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:']);

/** No remote content and no permissions (camera, notifications, …) for anything in the app. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const protocol = URL.canParse(details.url) ? new URL(details.url).protocol : '';
    callback({ cancel: REMOTE_PROTOCOLS.has(protocol) && !isAppUrl(details.url) });
  });
}

/** The window where `place` says (window-state.ts), shown once its page is ready. */
export async function openMainWindow(preloadPath: string, place: WindowState): Promise<BrowserWindow> {
  // Written out in place (not built by a helper) so that Electronegativity can read every option.
  const window = new BrowserWindow({
    ...(place.x !== undefined && place.y !== undefined ? { x: place.x, y: place.y } : {}),
    width: place.width,
    height: place.height,
    minWidth: 720,
    minHeight: 480,
    title: 'VirtWire',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // a middle click would open a link in a new window; the window open handler denies it too
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => {
    if (place.maximized) window.maximize();
    window.show();
  });
  await window.loadURL(APP_START_URL);
  return window;
}
