// Electronegativity (Doyensec's scanner for Electron misconfigurations) over what ships: the
// main process, preload and UI sources and package.json, assuming the project's Electron
// version. Its findings must be exactly the ones README's "Security" section lists with why
// each is not a defect; a new finding, or one listed that no longer appears, fails here.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);
const SCANNER = join(ROOT, 'test', 'support', 'electronegativity.mjs');

/** The version-check of new Electron releases needs the network; everything else is local. */
const NETWORK_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

/** `CHECK_ID file` of each finding README explains. */
const ACCEPTED = [
  // informational: which Electron version was assumed
  'ELECTRON_VERSION_JSON_CHECK package.json',
  // a reminder to review the preload; ours only exposes the typed API through contextBridge
  'PRELOAD_JS_CHECK electron/shell/window.ts',
  // "'self' can be problematic if you host JSONP, Angular or user uploaded files": the UI's
  // origin serves only the built app, none of those
  'CSP_GLOBAL_CHECK renderer/index.html',
];

it('finds nothing in the Electron app beyond the findings README explains', async () => {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const electronVersion = pkg.devDependencies.electron!;
  const dir = await mkdtemp(join(tmpdir(), 'virtwire-electronegativity-'));
  try {
    const target = join(dir, 'app');
    for (const part of ['electron', 'renderer', 'package.json']) await cp(join(ROOT, part), join(target, part), { recursive: true });
    const { stdout } = await run(process.execPath, [SCANNER, target, electronVersion, NETWORK_CHECKS.join(',')], {
      cwd: dir,
      timeout: 120_000,
      env: { ...process.env, LANG: 'en-US' },
    });
    const findings = stdout
      .split('\n')
      .filter((line) => line.startsWith('RESULT '))
      .map((line) => JSON.parse(line.slice('RESULT '.length)) as { id: string; file: string; line: number; description: string });
    // every finding with where and why, so a failure says what to fix or to explain in README
    expect(findings.map((f) => `${f.id} ${f.file}`).sort(), JSON.stringify(findings, null, 1)).toEqual([...ACCEPTED].sort());
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 150_000);
