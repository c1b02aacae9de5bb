// Preferences on disk (issue 14): one JSON file in the data folder, read back by the next run,
// the page's old localStorage settings taken over once, a damaged file kept aside as .bad.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPreferencesService, PREFERENCES_FILE } from '../../../electron/services/preferences.ts';
import { DEFAULT_PREFERENCES, type Preferences } from '../../../shared/api/prefs.ts';
import { API_SCHEMAS } from '../../../shared/api/index.ts';

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'virtwire-prefs-'));
  path = join(dir, PREFERENCES_FILE);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('preferences', () => {
  it('start as the defaults with no file, and a change lasts into the next run', async () => {
    const seen: Preferences[] = [];
    const first = createPreferencesService({ configDir: dir, onDidChange: (p) => seen.push(p) });
    expect(await first.get({})).toEqual({ preferences: DEFAULT_PREFERENCES, path, imported: false });
    const changed = await first.set({ changes: { theme: 'dark', defaultNicModel: 'e1000e', hostKeyPolicy: 'accept-new' } });
    expect(changed).toEqual({ ...DEFAULT_PREFERENCES, theme: 'dark', defaultNicModel: 'e1000e', hostKeyPolicy: 'accept-new' });
    expect(seen).toEqual([changed]);
    await first.set({ changes: { confirmBeforeClose: false } });

    const next = createPreferencesService({ configDir: dir });
    expect((await next.get({})).preferences).toEqual({ ...changed, confirmBeforeClose: false });
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ version: 1, preferences: { theme: 'dark', confirmBeforeClose: false } });
  });

  it('keeps both of two changes made at once', async () => {
    const prefs = createPreferencesService({ configDir: dir });
    await Promise.all([prefs.set({ changes: { theme: 'light' } }), prefs.set({ changes: { skipPreview: true } })]);
    const again = createPreferencesService({ configDir: dir });
    expect((await again.get({})).preferences).toMatchObject({ theme: 'light', skipPreview: true });
  });

  it('takes over the page’s localStorage settings once, and never again', async () => {
    const prefs = createPreferencesService({ configDir: dir });
    const state = await prefs.importBrowserSettings({ settings: { theme: 'dark', skipPreview: true } });
    expect(state).toMatchObject({ imported: true, preferences: { theme: 'dark', skipPreview: true } });
    await prefs.set({ changes: { theme: 'light' } });
    const next = createPreferencesService({ configDir: dir });
    expect((await next.get({})).imported).toBe(true);
    // another tab still holding the old keys must not undo the user's later choice
    const again = await next.importBrowserSettings({ settings: { theme: 'dark' } });
    expect(again.preferences.theme).toBe('light');
  });

  it('with nothing to take over, marks the import done all the same', async () => {
    const prefs = createPreferencesService({ configDir: dir });
    await prefs.importBrowserSettings({ settings: {} });
    expect((await createPreferencesService({ configDir: dir }).get({})).imported).toBe(true);
  });

  it.each([
    ['not JSON', '{"version":1,"preferences":{"theme":"dark"'],
    ['a value it cannot be', '{"version":1,"preferences":{"theme":"purple"}}'],
    ['a file of another kind', '[1,2,3]'],
  ])('keeps a damaged file (%s) aside as .bad, says so, and uses the defaults', async (_what, text) => {
    await writeFile(path, text);
    const prefs = createPreferencesService({ configDir: dir });
    const state = await prefs.get({});
    expect(state.preferences).toEqual(DEFAULT_PREFERENCES);
    expect(state.problem).toMatch(new RegExp(`damaged, so the defaults apply: .*kept as ${path.replaceAll('/', '\\/')}\\.bad`));
    expect(await readFile(`${path}.bad`, 'utf8')).toBe(text);
    // the next change writes a good file beside the kept one, and the problem is not said again
    await prefs.set({ changes: { theme: 'dark' } });
    expect((await prefs.get({})).problem).toBeUndefined();
    expect((await readdir(dir)).sort()).toEqual([PREFERENCES_FILE, `${PREFERENCES_FILE}.bad`]);
    expect(await readFile(`${path}.bad`, 'utf8')).toBe(text);
  });

  it('reads a file from an older version (fields missing) and keeps keys it does not know', async () => {
    await writeFile(path, JSON.stringify({ version: 1, imported: true, comment: 'mine', preferences: { theme: 'dark', fromTheFuture: 3 } }));
    const prefs = createPreferencesService({ configDir: dir });
    expect((await prefs.get({})).preferences).toEqual({ ...DEFAULT_PREFERENCES, theme: 'dark' });
    await prefs.set({ changes: { skipPreview: true } });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      version: 1,
      imported: true,
      comment: 'mine',
      preferences: { ...DEFAULT_PREFERENCES, theme: 'dark', skipPreview: true, fromTheFuture: 3 },
    });
  });

  it('accepts only known values at the API boundary', () => {
    expect(API_SCHEMAS.prefs.set.safeParse({ changes: { theme: 'dark' } }).success).toBe(true);
    expect(API_SCHEMAS.prefs.set.safeParse({ changes: { theme: 'purple' } }).success).toBe(false);
    expect(API_SCHEMAS.prefs.set.safeParse({ changes: { defaultNicModel: 'virtio; reboot' } }).success).toBe(false);
    expect(API_SCHEMAS.prefs.set.safeParse({ changes: { somethingElse: true } }).success).toBe(false);
  });
});
