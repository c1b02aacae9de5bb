// Where the CLI finds the app it belongs to. The CLI runs from source (through tsx), so
// the package root is two folders up from here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const APP_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer/', import.meta.url));
export const MAIN_ENTRY = fileURLToPath(new URL('../../out/main/index.js', import.meta.url));

export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
