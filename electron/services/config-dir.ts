// Where VirtWire keeps its settings (the recent-files list). The CLI and browser mode use
// the same folder as the desktop app (Electron's appData + product name), so they share it.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'VirtWire';

/** The platform's per-user application data folder, as Electron's `app.getPath('appData')` gives it. */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform, home = homedir()): string {
  if (platform === 'win32') return env.APPDATA ?? join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || join(home, '.config');
}

/** VIRTWIRE_CONFIG_DIR overrides the folder (tests, portable setups). */
export function configDir(appData = appDataDir(), env: NodeJS.ProcessEnv = process.env): string {
  return env.VIRTWIRE_CONFIG_DIR || join(appData, PRODUCT_NAME);
}
