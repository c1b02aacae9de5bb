// `virtwire start` (what `npm start` runs): the desktop app when Electron's binary is
// installed, browser mode when it is not. The binary is looked for on disk first, because
// requiring the `electron` package without it starts a download that fails offline.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { CliFailure } from './failure.ts';
import { APP_ROOT, MAIN_ENTRY } from './paths.ts';
import { runWeb } from './web.ts';

/** The Electron executable, or null when the `electron` package has not fetched it. */
export function electronBinary(): string | null {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

export async function runStart({ openFile }: { openFile: string | null }): Promise<number> {
  const binary = electronBinary();
  if (binary === null) {
    process.stderr.write('Electron is not available here (its binary is not installed), so VirtWire starts in browser mode instead.\n');
    await runWeb({ port: 0, openFile });
    return 0;
  }
  if (!existsSync(MAIN_ENTRY)) throw new CliFailure('The app is not built yet: run `npm run build` first.');
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const args = [APP_ROOT, ...(openFile === null ? [] : ['--open', resolve(openFile)])];
  const child = spawn(binary, args, { stdio: 'inherit', env });
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('exit', (code, signal) => done(code ?? (signal === null ? 0 : 1)));
  });
}
