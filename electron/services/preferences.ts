// The prefs domain of the API: the user's preferences in one JSON file in the app's data folder
// (preferences.json beside hosts.json), written atomically, checked with zod when read. A file
// that does not read is never overwritten in place: it is kept as preferences.json.bad (the
// user can look at it or put it back), the defaults apply, and the page is told why.
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserSettings, Preferences, PreferencesState, PrefsApi } from '../../shared/api/index.ts';
import { DEFAULT_PREFERENCES, preferencesFileSchema } from '../../shared/api/prefs.ts';
import { ApiError } from '../../shared/errors.ts';
import { writeFileAtomic } from './atomic-write.ts';

export const PREFERENCES_FILE = 'preferences.json';

interface Stored {
  preferences: Preferences;
  imported: boolean;
  /** keys of the file (and of its preferences) this version does not know, written back as they were */
  extra: Record<string, unknown>;
  extraPreferences: Record<string, unknown>;
  problem?: string;
}

function describeProblem(e: unknown): string {
  if (e instanceof SyntaxError) return `it is not JSON (${e.message})`;
  const issues = (e as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  if (issues) return issues.slice(0, 5).map((i) => `${i.path.map(String).join('.') || '(file)'}: ${i.message}`).join('; ');
  return e instanceof Error ? e.message : String(e);
}

function split<T extends object>(value: Record<string, unknown>, known: T): [Partial<T>, Record<string, unknown>] {
  const mine: Record<string, unknown> = {};
  const other: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) (key in known ? mine : other)[key] = v;
  return [mine as Partial<T>, other];
}

export interface PreferencesServiceOptions {
  configDir: string;
  /** tells every window or tab what the preferences are now */
  onDidChange?: (preferences: Preferences) => void;
}

export interface PreferencesService extends PrefsApi {
  /** The preferences as stored, for the backend's own use (the NIC model of a drag, the close question). */
  current(): Promise<Preferences>;
}

export function createPreferencesService({ configDir, onDidChange }: PreferencesServiceOptions): PreferencesService {
  const path = join(configDir, PREFERENCES_FILE);
  let loaded: Promise<Stored> | null = null;
  // One read-change-write at a time, so two quick changes cannot lose one another.
  let queue: Promise<unknown> = Promise.resolve();

  async function read(): Promise<Stored> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { preferences: { ...DEFAULT_PREFERENCES }, imported: false, extra: {}, extraPreferences: {} };
      const reason = e instanceof Error ? e.message : String(e);
      return { preferences: { ...DEFAULT_PREFERENCES }, imported: true, extra: {}, extraPreferences: {}, problem: `Your preferences could not be read from ${path} (${reason}); the defaults apply for now.` };
    }
    try {
      const file = preferencesFileSchema.parse(JSON.parse(text));
      const { version: _version, imported, preferences, ...extra } = file;
      const [known, extraPreferences] = split(preferences, DEFAULT_PREFERENCES);
      return { preferences: { ...DEFAULT_PREFERENCES, ...known }, imported: imported ?? false, extra, extraPreferences };
    } catch (e) {
      // Kept aside rather than overwritten: the next write would otherwise lose it for good.
      const aside = `${path}.bad`;
      let kept = `It was kept as ${aside}`;
      try {
        await rename(path, aside);
      } catch (moveError) {
        kept = `It could not be moved aside (${describeProblem(moveError)}) and is left as it is`;
      }
      return {
        preferences: { ...DEFAULT_PREFERENCES },
        imported: true,
        extra: {},
        extraPreferences: {},
        problem: `Your preferences file was damaged, so the defaults apply: ${describeProblem(e)}. ${kept}.`,
      };
    }
  }

  async function write(stored: Stored): Promise<void> {
    const file = { ...stored.extra, version: 1, imported: stored.imported, preferences: { ...stored.extraPreferences, ...stored.preferences } };
    try {
      await mkdir(configDir, { recursive: true });
      await writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
    } catch (e) {
      throw new ApiError('io', `Your preferences could not be saved to ${path}.`, e instanceof Error ? e.message : String(e));
    }
  }

  const load = (): Promise<Stored> => (loaded ??= read());

  function update(change: (stored: Stored) => void): Promise<Stored> {
    const next = queue.then(async () => {
      const stored = await load();
      const before = JSON.stringify([stored.preferences, stored.imported]);
      const changed: Stored = { ...stored, preferences: { ...stored.preferences } };
      change(changed);
      if (JSON.stringify([changed.preferences, changed.imported]) === before) return stored;
      await write(changed);
      // The problem was said once; the file written now is a good one.
      const { problem: _said, ...kept } = changed;
      loaded = Promise.resolve(kept);
      onDidChange?.({ ...kept.preferences });
      return kept;
    });
    queue = next.catch(() => undefined);
    return next;
  }

  const stateOf = (stored: Stored): PreferencesState => ({
    preferences: { ...stored.preferences },
    path,
    imported: stored.imported,
    ...(stored.problem ? { problem: stored.problem } : {}),
  });

  return {
    async current() {
      return { ...(await load()).preferences };
    },

    async get() {
      return stateOf(await load());
    },

    async set({ changes }) {
      return { ...(await update((s) => Object.assign(s.preferences, changes))).preferences };
    },

    async importBrowserSettings({ settings }: { settings: BrowserSettings }) {
      const stored = await update((s) => {
        if (s.imported) return;
        s.imported = true;
        if (settings.theme !== undefined) s.preferences.theme = settings.theme;
        if (settings.skipPreview !== undefined) s.preferences.skipPreview = settings.skipPreview;
      });
      return stateOf(stored);
    },
  };
}
