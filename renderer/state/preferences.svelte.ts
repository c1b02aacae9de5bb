// The user's preferences as the backend stores them (prefs API): read at start, changed from the
// Preferences dialog (and the theme toggle, the skip-preview box), followed when another window
// or tab changes them. The page's language follows the language preference as soon as it is
// read or changed. The two settings the page once kept in localStorage are handed to the
// backend once and then removed from it.
import type { BrowserSettings, Preferences } from '../../shared/api/index.ts';
import { DEFAULT_PREFERENCES } from '../../shared/api/prefs.ts';
import { type ApiErrorData, ApiError } from '../../shared/errors.ts';
import { getApi } from '../transport/index.ts';
import { language } from './i18n.svelte.ts';

/** localStorage keys of the settings from before the preferences file. */
export const BROWSER_KEYS = { theme: 'virtwire.theme', skipPreview: 'virtwire.skipPreview' } as const;

/** What the page kept in localStorage, as far as it reads. */
export function browserSettings(storage: Pick<Storage, 'getItem'> | null): BrowserSettings {
  const settings: BrowserSettings = {};
  try {
    const theme = storage?.getItem(BROWSER_KEYS.theme);
    if (theme === 'light' || theme === 'dark') settings.theme = theme;
    const skip = storage?.getItem(BROWSER_KEYS.skipPreview);
    if (skip === 'true' || skip === 'false') settings.skipPreview = skip === 'true';
  } catch {
    // storage can be unavailable (private mode); nothing to take over then
  }
  return settings;
}

function forgetBrowserSettings(storage: Pick<Storage, 'removeItem'> | null): void {
  try {
    for (const key of Object.values(BROWSER_KEYS)) storage?.removeItem(key);
  } catch {
    // nothing to remove
  }
}

function localStore(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export class PreferencesState {
  #current = $state.raw<Preferences>({ ...DEFAULT_PREFERENCES });
  /** where they are stored (shown in the dialog) */
  path = $state('');
  loaded = $state(false);
  /** the stored file did not read, or a change could not be saved; in the user's words */
  error = $state.raw<ApiErrorData | null>(null);

  get current(): Preferences {
    return this.#current;
  }

  /** Every change of them on screen: the whole page's language follows at once. */
  private set current(preferences: Preferences) {
    this.#current = preferences;
    language.choose(preferences.language);
  }

  /** Reads them, takes over the old localStorage settings once, and follows changes; returns the unsubscribe. */
  start(): () => void {
    const api = getApi();
    const stop = api.on('prefs.onDidChange', (preferences) => (this.current = preferences));
    void (async () => {
      try {
        let state = await api.prefs.get({});
        if (!state.imported) {
          const storage = localStore();
          state = await api.prefs.importBrowserSettings({ settings: browserSettings(storage) });
          forgetBrowserSettings(storage);
        }
        this.current = state.preferences;
        this.path = state.path;
        if (state.problem) this.error = { code: 'io', message: state.problem };
      } catch (e) {
        this.error = ApiError.from(e).toJSON();
      } finally {
        this.loaded = true;
      }
    })();
    return stop;
  }

  /** Changes some preferences at once on screen, then in the file; a failed save puts them back. */
  async set(changes: Partial<Preferences>): Promise<void> {
    const before = this.current;
    this.current = { ...before, ...changes };
    try {
      this.current = await getApi().prefs.set({ changes });
      this.error = null;
    } catch (e) {
      this.current = before;
      this.error = ApiError.from(e).toJSON();
    }
  }

  dismissError(): void {
    this.error = null;
  }
}

/** The one instance: preferences apply to the whole page. */
export const preferences = new PreferencesState();
