// A snapshot of the live lab host, taken with `virtwire snapshot`, opens in the app offline
// (`virtwire web --open FILE`) with the networks and VMs virsh reports.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { describeLab } from '../lab/env.ts';
import { ROOT, graphNodes, labelsByKind, launchChromium, startWebServer, type WebServer } from './harness.ts';

const names = (...args: string[]): string[] =>
  execFileSync('virsh', ['-c', 'qemu:///system', ...args], { encoding: 'utf8' }).split('\n').map((l) => l.trim()).filter(Boolean).sort();

describeLab('a snapshot of the lab host in the app', (lab) => {
  let server: WebServer | undefined;
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('is written by virtwire snapshot and drawn by virtwire web --open', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vw-snap-e2e-')), 'lab.json');
    await new Promise<void>((resolve, reject) =>
      execFile(
        process.execPath,
        ['electron/cli/bin.js', 'snapshot', `root@${lab.sshHost}`, '--port', String(lab.sshPort), '--identity', lab.sshKey, '--known-hosts', lab.knownHosts, '--out', file],
        { cwd: ROOT, env: { ...process.env, SSH_AUTH_SOCK: '' } },
        (error, _stdout, stderr) => (error ? reject(new Error(stderr)) : resolve()),
      ),
    );
    server = await startWebServer(['--open', file]);
    browser = await launchChromium();
    const page = await browser.newPage();
    await page.goto(server.url);
    await expect.poll(() => page.title()).toBe('lab.json — VirtWire');
    const byKind = labelsByKind(await graphNodes(page));
    expect(byKind.network).toEqual(names('net-list', '--all', '--name'));
    expect(byKind.vm).toEqual(names('list', '--all', '--name'));
    expect(byKind.bridge).toEqual(expect.arrayContaining(['tester', 'virbr0', 'virbr1']));
  });
});
