// An in-process stand-in for the `electron` module (its binary cannot be downloaded on
// these machines). It wires ipcRenderer straight to ipcMain's handlers, webContents.send
// straight to ipcRenderer's listeners, and records what the shell asked of windows,
// protocols, sessions and menus so tests can inspect it. Use with
// `vi.mock('electron', () => import('../fakes/electron.ts'))`.
import { EventEmitter } from 'node:events';

type Handler = (event: { senderFrame: FakeFrame | null }, ...args: unknown[]) => unknown;
type Listener = (event: object, ...args: unknown[]) => void;

let nextFrameToken = 1;

export class FakeFrame {
  readonly frameToken = `frame-${nextFrameToken++}`;
  constructor(
    public url: string,
    readonly parent: FakeFrame | null = null,
  ) {}
}

/** Everything the fake recorded, and the frame ipcRenderer calls appear to come from. */
export const recorded = {
  handlers: new Map<string, Handler>(),
  rendererListeners: new Map<string, Set<Listener>>(),
  exposed: new Map<string, unknown>(),
  windows: [] as BrowserWindow[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>,
  privilegedSchemes: [] as unknown[],
  beforeRequest: null as null | ((details: { url: string }, callback: (r: { cancel: boolean }) => void) => void),
  permissionHandler: null as null | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
  menuTemplate: null as unknown,
  /** the frame the next ipcRenderer.invoke appears to come from; null = the first window's main frame */
  senderFrame: null as FakeFrame | null,
  /** what the next native Save dialog answers: a path, or null for Cancel */
  saveDialogPath: null as string | null,
  /** the message boxes shown, and the button index the next one answers with */
  messageBoxes: [] as { window: unknown; options: { buttons?: string[]; message?: string } }[],
  messageBoxResponse: 0,
  /** whether this process gets the single-instance lock */
  singleInstanceLock: true,
  quitCalls: 0,
  /** what app.getLocale() answers: the system's language as Electron reports it */
  locale: 'en-US',
  /** the work areas of the displays; the first is the primary one */
  displays: [{ x: 0, y: 0, width: 1920, height: 1080 }] as { x: number; y: number; width: number; height: number }[],
};

export const ipcMain = {
  handle(channel: string, handler: Handler): void {
    if (recorded.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    recorded.handlers.set(channel, handler);
  },
};

export const ipcRenderer = {
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = recorded.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const senderFrame = recorded.senderFrame ?? recorded.windows[0]?.webContents.mainFrame ?? null;
    // IPC structured-clones both ways; JSON is close enough for the plain data the API carries
    const result = await handler({ senderFrame }, ...(JSON.parse(JSON.stringify(args)) as unknown[]));
    return result === undefined ? undefined : JSON.parse(JSON.stringify(result));
  },
  on(channel: string, listener: Listener) {
    let set = recorded.rendererListeners.get(channel);
    if (!set) recorded.rendererListeners.set(channel, (set = new Set()));
    set.add(listener);
    return ipcRenderer;
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    recorded.exposed.set(key, api);
  },
};

class WebContents extends EventEmitter {
  readonly mainFrame = new FakeFrame('about:blank');
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    for (const listener of recorded.rendererListeners.get(channel) ?? []) listener({}, ...args);
  }

  crashed = false;
  isCrashed(): boolean {
    return this.crashed;
  }
}

export class BrowserWindow extends EventEmitter {
  readonly webContents = new WebContents();
  shown = false;
  destroyed = false;
  maximized = false;
  minimized = false;
  focused = 0;
  bounds: { x: number; y: number; width: number; height: number };

  constructor(readonly options: Record<string, unknown>) {
    super();
    const o = options as { x?: number; y?: number; width?: number; height?: number };
    this.bounds = { x: o.x ?? 100, y: o.y ?? 100, width: o.width ?? 800, height: o.height ?? 600 };
    recorded.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }

  /** Like Electron: 'close' first (a listener may preventDefault), then 'closed' and the window is gone. */
  close(): void {
    if (this.destroyed) return;
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.destroyed = true;
    this.emit('closed');
    if (recorded.windows.every((w) => w.destroyed)) app.emit('window-all-closed');
  }

  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds };
  }

  isMaximized(): boolean {
    return this.maximized;
  }

  maximize(): void {
    this.maximized = true;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    this.minimized = false;
  }

  focus(): void {
    this.focused += 1;
  }

  static getAllWindows(): BrowserWindow[] {
    return recorded.windows;
  }

  async loadURL(url: string): Promise<void> {
    this.webContents.mainFrame.url = url;
    this.emit('ready-to-show');
  }

  show(): void {
    this.shown = true;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

class App extends EventEmitter {
  readonly isPackaged = false;
  readonly paths = new Map<string, string>();
  private readonly ready = Promise.resolve();
  whenReady(): Promise<void> {
    return this.ready;
  }
  getVersion(): string {
    return '0.0.0-fake';
  }
  getLocale(): string {
    return recorded.locale;
  }
  getPath(name: string): string {
    return this.paths.get(name) ?? '/nonexistent-app-data';
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }
  requestSingleInstanceLock(): boolean {
    return recorded.singleInstanceLock;
  }
  quit(): void {
    recorded.quitCalls += 1;
  }
  exit(code: number): void {
    throw new Error(`app.exit(${code})`);
  }
}

export const app = new App();

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    recorded.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    recorded.protocolHandlers.set(scheme, handler);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: typeof recorded.permissionHandler): void {
      recorded.permissionHandler = handler;
    },
    setPermissionCheckHandler(): void {},
    webRequest: {
      onBeforeRequest(handler: typeof recorded.beforeRequest): void {
        recorded.beforeRequest = handler;
      },
    },
  },
};

export const Menu = {
  buildFromTemplate: (template: unknown) => template,
  setApplicationMenu(menu: unknown): void {
    recorded.menuTemplate = menu;
  },
};

export const screen = {
  getAllDisplays: () => recorded.displays.map((workArea) => ({ workArea })),
  getPrimaryDisplay: () => ({ workArea: recorded.displays[0]! }),
};

export const dialog = {
  showMessageBox: async (window: unknown, options: { buttons?: string[]; message?: string }) => {
    recorded.messageBoxes.push({ window, options });
    return { response: recorded.messageBoxResponse, checkboxChecked: false };
  },
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  showSaveDialog: async () => {
    const filePath = recorded.saveDialogPath;
    recorded.saveDialogPath = null;
    return filePath === null ? { canceled: true } : { canceled: false, filePath };
  },
};

/** Reversible stand-in for OS encryption: enough to see that only ciphertext is stored. */
export const safeStorage = {
  isEncryptionAvailable: () => true,
  /** Linux only in Electron; 'basic_text' there means no real encryption */
  getSelectedStorageBackend: (): 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown' => 'gnome_libsecret',
  encryptString: (text: string) => Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`),
  decryptString: (sealed: Buffer) => Buffer.from(sealed.toString().replace(/^sealed:/, ''), 'base64').toString(),
};

export default { app, BrowserWindow, contextBridge, dialog, ipcMain, ipcRenderer, Menu, protocol, safeStorage, screen, session };
