// Runs a probe argv on this machine (no SSH), for tests that use libvirt's test:/// driver.
import { execFile, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunResult } from '../../../electron/ssh/runner.ts';


export function localRun(argv: string[]): Promise<RunResult> {
  const [cmd, ...args] = argv;
  return new Promise((resolve) => {
    execFile(cmd!, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Whether `virsh` is on this machine (under CI=true it must be: .ci/run installs it). */
export function hasVirsh(): boolean {
  try {
    execFileSync('virsh', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error('virsh is missing: install libvirt-clients (.ci/run does)');
    console.warn('[probe] skipped: virsh is not installed (apt-get install libvirt-clients)');
    return false;
  }
}

export const TEST_HOST_URI = `test://${fileURLToPath(new URL('../fixtures/test-host.xml', import.meta.url))}`;
