// The Electron shell and preload, wired together through the in-process fake of `electron`:
// the whole main process starts, the preload exposes the API, and calls travel
// preload → ipcRenderer → ipcMain handler → dispatcher → services and back.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_METHODS } from '../../../shared/api/index.ts';
import type { ExposedApi } from '../../../shared/api/wire.ts';
import { demoTopology } from '../../../shared/topology/demo.ts';
import { FakeFrame, protocol, recorded } from '../fakes/electron.ts';

vi.mock('electron', () => import('../fakes/electron.ts'));

type MenuItem = { label?: string; submenu?: MenuItem[]; click?: () => void };

let dir: string;
let api: ExposedApi;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'virtwire-shell-'));
  vi.stubEnv('VIRTWIRE_CONFIG_DIR', join(dir, 'config'));
  await import('../../../electron/shell/main.ts');
  await vi.waitFor(() => expect(recorded.windows[0]?.webContents.mainFrame.url).toMatch(/^virtwire:/));
  await import('../../../electron/shell/preload.ts');
  api = recorded.exposed.get('virtwire') as ExposedApi;
});
afterEach(() => {
  recorded.senderFrame = null;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

function menuItem(label: string): MenuItem {
  const find = (items: MenuItem[]): MenuItem | undefined =>
    items.map((i) => (i.label === label ? i : find(i.submenu ?? []))).find(Boolean);
  const item = find(recorded.menuTemplate as MenuItem[]);
  if (!item) throw new Error(`no menu item ${label}`);
  return item;
}

describe('preload + IPC', () => {
  it('exposes exactly the API methods as named functions, plus on()', () => {
    for (const name of API_METHODS) {
      const [domain, method] = name.split('.') as [string, string];
      expect(typeof (api as unknown as Record<string, Record<string, unknown>>)[domain]![method]).toBe('function');
    }
    const domains = new Set(API_METHODS.map((m) => m.split('.')[0]));
    expect(Object.keys(api).sort()).toEqual([...domains, 'on'].sort());
    expect(recorded.exposed.size).toBe(1);
  });

  it('carries a call from the page to the service and back', async () => {
    await expect(api.app.getInfo({})).resolves.toMatchObject({ ok: true, value: { mode: 'electron', version: '0.0.0-fake' } });
    await expect(api.files.openDemo({})).resolves.toEqual({ ok: true, value: { topology: demoTopology(), path: null, name: 'Demo' } });
  });

  it('reaches the real files service: a save lands on disk and in Open Recent', async () => {
    const path = join(dir, 'saved.json');
    await expect(api.files.save({ path, topology: demoTopology() })).resolves.toMatchObject({ ok: false, error: { code: 'permission' } });
    recorded.saveDialogPath = path;
    await expect(api.files.saveAs({ topology: demoTopology() })).resolves.toEqual({ ok: true, value: { path } });
    await expect(api.files.save({ path, topology: demoTopology() })).resolves.toEqual({ ok: true, value: { path } });
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ format: 'virtwire-topology' });
    expect(menuItem('Open Recent').submenu?.map((i) => i.label)).toEqual([`saved.json — ${path}`]);
  });

  it('exports through the native Save dialog to the chosen path only (issue 12)', async () => {
    const path = join(dir, 'picture.png');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255]);
    recorded.saveDialogPath = path;
    const exported = { format: 'png', suggestedName: 'Demo-logical.png', content: png.toString('base64'), encoding: 'base64' };
    await expect(api.files.exportAs(exported)).resolves.toEqual({ ok: true, value: { path } });
    expect(await readFile(path)).toEqual(png);
    // an export's path is not a place the page may save a topology to
    await expect(api.files.save({ path, topology: demoTopology() })).resolves.toMatchObject({ ok: false, error: { code: 'permission' } });
    await expect(api.files.exportAs(exported)).resolves.toEqual({ ok: true, value: null }); // cancelled
    await expect(api.files.exportAs({ ...exported, format: 'pdf' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const seen: unknown[] = [];
    const dispose = api.on('app.onDidInvokeMenu', (payload) => seen.push(payload));
    menuItem('Export…').click!();
    dispose();
    expect(seen).toEqual([{ command: 'export' }]);
  });

  it('returns validation errors as data', async () => {
    await expect(api.files.open({ path: 7 })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it.each([
    ['a page on another origin', () => new FakeFrame('https://evil.example/')],
    ['a frame inside the app page', () => new FakeFrame('virtwire://app/index.html', recorded.windows[0]!.webContents.mainFrame)],
    ['an app-URL frame that is not the window', () => new FakeFrame('virtwire://app/index.html')],
  ])('refuses a call from %s', async (_what, frame) => {
    recorded.senderFrame = frame();
    await expect(api.app.getInfo({})).resolves.toMatchObject({ ok: false, error: { code: 'permission' } });
  });

  it('refuses a call from the window once it shows something other than the app', async () => {
    const frame = recorded.windows[0]!.webContents.mainFrame;
    const appUrl = frame.url;
    frame.url = 'file:///etc/passwd';
    try {
      await expect(api.app.getInfo({})).resolves.toMatchObject({ ok: false, error: { code: 'permission' } });
    } finally {
      frame.url = appUrl;
    }
  });

  it('delivers menu commands to on() listeners until disposed', () => {
    const seen: unknown[] = [];
    const dispose = api.on('app.onDidInvokeMenu', (payload) => seen.push(payload));
    menuItem('Save').click!();
    menuItem('Logical / Wiring View').click!();
    menuItem('Undo').click!();
    menuItem('Redo').click!();
    dispose();
    menuItem('Fit to Window').click!();
    expect(seen).toEqual([{ command: 'save' }, { command: 'toggleView' }, { command: 'undo' }, { command: 'redo' }]);
  });
});

describe('window hardening', () => {
  it('creates the window with Node kept out of the page', () => {
    const window = recorded.windows[0]!;
    expect(recorded.windows).toHaveLength(1);
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      preload: expect.stringMatching(/preload\.cjs$/),
    });
    expect(window.shown).toBe(true);
  });

  it('denies window.open and blocks navigation', () => {
    const contents = recorded.windows[0]!.webContents;
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      contents.emit(event, { preventDefault }, 'https://example.com/');
      expect(preventDefault, event).toHaveBeenCalled();
    }
  });

  it('loads no remote content and grants no permissions', () => {
    const cancelled = (url: string) => {
      let cancel: boolean | undefined;
      recorded.beforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(cancelled('https://example.com/x.js')).toBe(true);
    expect(cancelled('file:///etc/passwd')).toBe(true);
    expect(cancelled('virtwire://app/assets/index.js')).toBe(false);
    let granted: boolean | undefined;
    recorded.permissionHandler!({}, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
  });

  it('serves the UI on its own scheme with the CSP as a header, and nothing outside it', async () => {
    expect(recorded.privilegedSchemes).toMatchObject([{ scheme: 'virtwire', privileges: { standard: true, secure: true } }]);
    const { serveApp } = await import('../../../electron/shell/app-protocol.ts');
    await mkdir(join(dir, 'ui'));
    await writeFile(join(dir, 'ui', 'index.html'), '<!doctype html>');
    serveApp(protocol as never, join(dir, 'ui'));
    const handler = recorded.protocolHandlers.get('virtwire')!;
    const page = await handler(new Request('virtwire://app/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'.*connect-src 'none'/);
    expect((await handler(new Request('virtwire://app/..%2fsaved.json'))).status).toBe(404);
    expect((await handler(new Request('virtwire://elsewhere/index.html'))).status).toBe(404);
  });
});
