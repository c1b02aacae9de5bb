// Which topology file the OS asked the app to open: `--open FILE`, or a file given as an
// argument (a double-click on a .vwtopo file runs `virtwire FILE`; a second start hands its
// argv to the running app). Chromium adds switches of its own, and in development the app's
// folder comes first, so only an argument naming a topology file counts.
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const TOPOLOGY_EXTENSIONS = ['.vwtopo', '.json'] as const;

export function isTopologyFileName(path: string): boolean {
  const lower = path.toLowerCase();
  return TOPOLOGY_EXTENSIONS.some((ext) => lower.endsWith(ext)) && !lower.endsWith('package.json');
}

/** The file to open from a command line (argv without the executable), resolved against `cwd`; null when none. */
export function fileArgument(args: readonly string[], cwd: string): string | null {
  const { values, positionals } = parseArgs({ args: [...args], options: { open: { type: 'string' } }, strict: false, allowPositionals: true });
  const named = typeof values.open === 'string' ? values.open : positionals.find(isTopologyFileName);
  if (named === undefined || named === '') return null;
  // A Linux file manager may hand over a URI (the .desktop entry's %U).
  if (named.startsWith('file://')) {
    try {
      return fileURLToPath(named);
    } catch {
      return null;
    }
  }
  return isAbsolute(named) ? named : resolve(cwd, named);
}
