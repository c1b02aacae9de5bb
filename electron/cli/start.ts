// `virtwire start` (what `npm start` runs): the desktop app when Electron's binary is
// installed or can be fetched, browser mode when it cannot. The binary is looked for on disk,
// never by requiring the `electron` package, whose lazy download throws when it fails.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { visible } from '../../shared/text/visible.ts';
import { CliFailure } from './failure.ts';
import { t } from './i18n.ts';
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

const FETCH_TIMEOUT_MS = 10 * 60_000;

/**
 * Electron fetches its binary on first use (its package has no install step any more). This
 * runs the package's own installer in a child process, so a failed download is a message, not
 * a crash; a note appears only when the download takes a while. Returns why it failed, or null.
 */
async function fetchElectron(): Promise<string | null> {
  let installer: string;
  try {
    installer = join(dirname(createRequire(import.meta.url).resolve('electron/package.json')), 'install.js');
  } catch {
    return t('cli.start.noPackage');
  }
  if (!existsSync(installer)) return t('cli.start.noInstaller');
  const child = spawn(process.execPath, [installer], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const slow = setTimeout(() => process.stderr.write(`${t('cli.start.downloading')}\n`), 2_000);
  const stop = setTimeout(() => child.kill(), FETCH_TIMEOUT_MS);
  const code = await new Promise<number | null>((done) => {
    child.once('error', () => done(null));
    child.once('exit', (exitCode) => done(exitCode));
  });
  clearTimeout(slow);
  clearTimeout(stop);
  if (code === 0 && electronBinary() !== null) return null;
  const reason = /^\w*Error: (.+)$/m.exec(stderr)?.[1] ?? (code === null ? t('cli.start.downloadKilled') : t('cli.start.downloadUnfinished', { code: String(code) }));
  return t('cli.start.downloadFailed', { reason: reason.trim() });
}

export async function runStart({ openFile }: { openFile: string | null }): Promise<number> {
  let binary = electronBinary();
  if (binary === null) {
    const failure = await fetchElectron();
    binary = electronBinary();
    if (binary === null) {
      process.stderr.write(`${t('cli.start.browserInstead', { why: visible(failure ?? t('cli.start.notInstalled')) })}\n`);
      await runWeb({ port: 0, openFile });
      return 0;
    }
  }
  if (!existsSync(MAIN_ENTRY)) throw new CliFailure(t('cli.start.notBuilt'));
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const args = [APP_ROOT, ...(openFile === null ? [] : ['--open', resolve(openFile)])];
  const child = spawn(binary, args, { stdio: 'inherit', env });
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('exit', (code, signal) => done(code ?? (signal === null ? 0 : 1)));
  });
}
