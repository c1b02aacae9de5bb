// Where the window opens (placeWindow), which file a command line names (fileArgument), and a
// close the page never answers (close-guard).
import { describe, expect, it } from 'vitest';
import { fileArgument } from '../../../electron/shell/args.ts';
import { createCloseGuard } from '../../../electron/shell/close-guard.ts';
import { DEFAULT_SIZE, placeWindow } from '../../../electron/shell/window-state.ts';
import { translator } from '../../../shared/i18n/index.ts';
import { BrowserWindow } from '../fakes/electron.ts';

const english = translator('en');
const laptop = { x: 0, y: 0, width: 1366, height: 740 };
const monitor = { x: 1366, y: 0, width: 2560, height: 1400 };
const displays = (...areas: (typeof laptop)[]) => ({
  getAllDisplays: () => areas.map((workArea) => ({ workArea })),
  getPrimaryDisplay: () => ({ workArea: areas[0]! }),
});

describe('placeWindow', () => {
  it('opens a first window at the default size, placed by the window manager', () => {
    expect(placeWindow(null, displays(laptop))).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });

  it('keeps a window that is on a display where it was', () => {
    const saved = { x: 1500, y: 100, width: 1600, height: 1000, maximized: false };
    expect(placeWindow(saved, displays(laptop, monitor))).toEqual(saved);
  });

  it('brings a window from a display that is gone onto the primary one, shrunk to fit, centred', () => {
    const saved = { x: 1500, y: 100, width: 1600, height: 1000, maximized: true };
    expect(placeWindow(saved, displays(laptop))).toEqual({ x: 0, y: 0, width: 1366, height: 740, maximized: true });
    const small = { x: 5000, y: 3000, width: 800, height: 600, maximized: false };
    expect(placeWindow(small, displays(laptop))).toEqual({ x: 283, y: 70, width: 800, height: 600, maximized: false });
  });

  it('pulls a window half off its display back onto it', () => {
    const saved = { x: 1000, y: -200, width: 900, height: 600, maximized: false };
    expect(placeWindow(saved, displays(laptop, monitor))).toEqual({ x: 1366, y: 0, width: 900, height: 600, maximized: false });
  });

  it('never makes it smaller than the window allows', () => {
    expect(placeWindow({ x: 10, y: 10, width: 50, height: 40, maximized: false }, displays(laptop))).toMatchObject({ width: 720, height: 480 });
  });
});

describe('fileArgument', () => {
  it('finds the topology file among Chromium switches and the app folder, relative to the start folder', () => {
    expect(fileArgument(['.', '--no-sandbox', 'lab.vwtopo'], '/home/me')).toBe('/home/me/lab.vwtopo');
    expect(fileArgument(['/srv/app', '/data/old.JSON'], '/')).toBe('/data/old.JSON');
    expect(fileArgument(['--open', 'x.vwtopo'], '/tmp')).toBe('/tmp/x.vwtopo');
    expect(fileArgument(['file:///home/me/My%20lab.vwtopo'], '/')).toBe('/home/me/My lab.vwtopo');
  });

  it('names no file when there is none (or only package.json)', () => {
    expect(fileArgument(['.', '--enable-logging'], '/home/me')).toBeNull();
    expect(fileArgument(['/srv/app/package.json'], '/')).toBeNull();
  });
});

describe('close guard', () => {
  it('closes the window after a while when the page never answers (hung or crashed)', async () => {
    const window = new BrowserWindow({});
    const asked: unknown[] = [];
    let saved = 0;
    const guard = createCloseGuard({ showMessageBox: async () => ({ response: 0, checkboxChecked: false }) }, english, (w) => asked.push(w), 60);
    guard.attach(window as never, () => saved++);
    window.close();
    expect(window.destroyed).toBe(false);
    expect(asked).toEqual([window]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(window.destroyed).toBe(true);
    expect(saved).toBe(1);
  });

  it('does not close on its own while the question is being answered', async () => {
    const window = new BrowserWindow({});
    const guard = createCloseGuard({ showMessageBox: () => new Promise(() => undefined) }, english, () => undefined, 60);
    guard.attach(window as never, () => undefined);
    window.close();
    void guard.askToSaveBeforeClose('lab.vwtopo');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(window.destroyed).toBe(false);
  });

  it('lets a window whose page crashed close at once', () => {
    const window = new BrowserWindow({});
    const guard = createCloseGuard({ showMessageBox: async () => ({ response: 0, checkboxChecked: false }) }, english, () => undefined, 60_000);
    guard.attach(window as never, () => undefined);
    window.webContents.crashed = true;
    window.close();
    expect(window.destroyed).toBe(true);
  });
});
