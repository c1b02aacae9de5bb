// Desktop conventions of the Electron shell (issue 14), through the in-process fake of
// `electron`: the window opens where it was closed (brought back onto a display), a file the OS
// hands over (a second start, macOS open-file) opens in the running window, Open Recent lists
// it, Preferences is in the menu, and closing with unsaved changes asks the page first.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiEvents } from '../../../shared/api/index.ts';
import type { ExposedApi } from '../../../shared/api/wire.ts';
import { demoTopology } from '../../../shared/topology/demo.ts';
import { serializeTopology } from '../../../shared/topology/file.ts';
import { app, recorded } from '../fakes/electron.ts';

vi.mock('electron', () => import('../fakes/electron.ts'));

type MenuItem = { label?: string; accelerator?: string; submenu?: MenuItem[]; click?: () => void };

let dir: string;
let config: string;
let api: ExposedApi;
let argv: string[];
const started = join(tmpdir(), 'started-with.vwtopo');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'virtwire-desktop-'));
  config = join(dir, 'config');
  await mkdir(config);
  // closed last on a second display that is no longer there, maximized
  await writeFile(join(config, 'window-state.json'), JSON.stringify({ x: 3000, y: 200, width: 1400, height: 900, maximized: true }));
  await writeFile(started, serializeTopology(demoTopology(), new Date()));
  vi.stubEnv('VIRTWIRE_CONFIG_DIR', config);
  argv = process.argv;
  process.argv = ['/opt/VirtWire/virtwire', '--no-sandbox', started];
  await import('../../../electron/shell/main.ts');
  await vi.waitFor(() => expect(recorded.windows[0]?.webContents.mainFrame.url).toMatch(/^virtwire:/));
  await import('../../../electron/shell/preload.ts');
  api = recorded.exposed.get('virtwire') as ExposedApi;
});
afterAll(async () => {
  process.argv = argv;
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
  await rm(started, { force: true });
});

function menuItem(label: string): MenuItem {
  const find = (items: MenuItem[]): MenuItem | undefined => items.map((i) => (i.label === label ? i : find(i.submenu ?? []))).find(Boolean);
  const item = find(recorded.menuTemplate as MenuItem[]);
  if (!item) throw new Error(`no menu item ${label}`);
  return item;
}

function listen<E extends keyof ApiEvents>(event: E): { seen: ApiEvents[E][]; stop: () => void } {
  const seen: ApiEvents[E][] = [];
  const stop = api.on(event, (payload) => seen.push(payload));
  return { seen, stop };
}

describe('the Electron shell as a desktop app', () => {
  it('keeps its settings in userData, which is the folder browser mode uses', () => {
    expect(app.getPath('userData')).toBe(config);
  });

  it('opens the window on a display that is there, at the size it had, maximized as it was', () => {
    const window = recorded.windows[0]!;
    expect(window.options).toMatchObject({ width: 1400, height: 900 });
    const { x, y } = window.options as { x: number; y: number };
    // the only display is 1920×1080 at 0,0: the window lies within it
    expect(x).toBeGreaterThanOrEqual(0);
    expect(y).toBeGreaterThanOrEqual(0);
    expect(x + 1400).toBeLessThanOrEqual(1920);
    expect(y + 900).toBeLessThanOrEqual(1080);
    expect(window.maximized).toBe(true);
  });

  it('starts on the file given as an argument (a double-clicked .vwtopo)', async () => {
    await expect(api.app.getInitialTopology({})).resolves.toMatchObject({ ok: true, value: { path: started, name: 'started-with.vwtopo' } });
  });

  it('opens the file of a second start in the running window, which comes to the front', async () => {
    const file = join(dir, 'second.vwtopo');
    await writeFile(file, serializeTopology(demoTopology(), new Date()));
    const menu = listen('app.onDidInvokeMenu');
    const window = recorded.windows[0]!;
    window.minimized = true;
    const focused = window.focused;
    app.emit('second-instance', {}, ['/opt/VirtWire/virtwire', '--enable-features=X', 'second.vwtopo'], dir);
    menu.stop();
    expect(menu.seen).toEqual([{ command: 'open', path: file }]);
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(focused + 1);
    // the page may open it: the OS chose it, not the page
    await expect(api.files.open({ path: file })).resolves.toMatchObject({ ok: true, value: { path: file, name: 'second.vwtopo' } });
    expect(menuItem('Open Recent').submenu?.map((i) => i.label)).toContain(`second.vwtopo — ${file}`);
  });

  it('a second start with no file only brings the window to the front', () => {
    const menu = listen('app.onDidInvokeMenu');
    const focused = recorded.windows[0]!.focused;
    app.emit('second-instance', {}, ['/opt/VirtWire/virtwire'], dir);
    menu.stop();
    expect(menu.seen).toEqual([]);
    expect(recorded.windows[0]!.focused).toBe(focused + 1);
  });

  it('opens a file macOS hands over (open-file), a .json one too', async () => {
    const file = join(dir, 'old.json');
    await writeFile(file, serializeTopology(demoTopology(), new Date()));
    const menu = listen('app.onDidInvokeMenu');
    const preventDefault = vi.fn();
    app.emit('open-file', { preventDefault }, file);
    menu.stop();
    expect(preventDefault).toHaveBeenCalled();
    expect(menu.seen).toEqual([{ command: 'open', path: file }]);
    await expect(api.files.open({ path: file })).resolves.toMatchObject({ ok: true });
  });

  it('refuses a path the OS never handed over', async () => {
    await expect(api.files.open({ path: join(dir, 'elsewhere.vwtopo') })).resolves.toMatchObject({ ok: false, error: { code: 'permission' } });
  });

  it('has Preferences… in the File menu with Ctrl+,', () => {
    const menu = listen('app.onDidInvokeMenu');
    const item = menuItem('Preferences…');
    expect(item.accelerator).toBe('CmdOrCtrl+,');
    item.click!();
    menu.stop();
    expect(menu.seen).toEqual([{ command: 'preferences' }]);
  });

  it('stores preferences through the API in the data folder', async () => {
    const changed = listen('prefs.onDidChange');
    await expect(api.prefs.set({ changes: { theme: 'dark' } })).resolves.toMatchObject({ ok: true, value: { theme: 'dark' } });
    changed.stop();
    expect(changed.seen).toMatchObject([{ theme: 'dark' }]);
    expect(JSON.parse(await readFile(join(config, 'preferences.json'), 'utf8'))).toMatchObject({ preferences: { theme: 'dark' } });
  });

  it('asks the page before closing; Cancel keeps the window open', async () => {
    const window = recorded.windows[0]!;
    const asked = listen('app.onDidRequestClose');
    window.close();
    expect(window.destroyed).toBe(false);
    expect(asked.seen).toEqual([{}]);
    // a second close while the page is answering asks nothing more
    window.close();
    expect(asked.seen).toHaveLength(1);
    asked.stop();
    recorded.messageBoxResponse = 2;
    await expect(api.app.askToSaveBeforeClose({ name: 'lab.vwtopo' })).resolves.toEqual({ ok: true, value: { choice: 'cancel' } });
    const box = recorded.messageBoxes.at(-1)!;
    expect(box.window).toBe(window);
    expect(box.options.buttons).toEqual(['Save', "Don't Save", 'Cancel']);
    expect(box.options.message).toBe('Save the changes to lab.vwtopo before closing?');
    expect(window.destroyed).toBe(false);
  });

  it("Don't Save closes it, and the window's size, place and state are kept for the next start", async () => {
    const window = recorded.windows[0]!;
    window.bounds = { x: 40, y: 30, width: 1000, height: 700 };
    window.maximized = false;
    const asked = listen('app.onDidRequestClose');
    window.close();
    asked.stop();
    expect(asked.seen).toEqual([{}]);
    recorded.messageBoxResponse = 1;
    await expect(api.app.askToSaveBeforeClose({ name: 'lab.vwtopo' })).resolves.toEqual({ ok: true, value: { choice: 'discard' } });
    const quits = recorded.quitCalls;
    await expect(api.app.closeWindow({})).resolves.toMatchObject({ ok: true });
    expect(window.destroyed).toBe(true);
    await vi.waitFor(() => expect(recorded.quitCalls).toBe(quits + 1));
    expect(JSON.parse(await readFile(join(config, 'window-state.json'), 'utf8'))).toEqual({ x: 40, y: 30, width: 1000, height: 700, maximized: false });
  });
});
