// "Compare with…" in real Chromium against `virtwire web` and the lab host: a snapshot of the
// lab (virtwire snapshot) is compared with the host after changes made by hand; the panel lists
// them, the graph marks them, a row selects its object, and "Make the host match this file"
// goes through the usual preview and puts the host back, checked with ip and virsh.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLab } from '../lab/env.ts';
import { hostTools, planDialog } from './edit-support.ts';
import { launchChromium, ROOT } from './harness.ts';
import { type IsolatedWebServer, startIsolatedWebServer } from './hosts-support.ts';
import { connectLabHost, type LabSession, nodeIdOf } from './lab-session.ts';

type Cy = { getElementById(id: string): { hasClass(c: string): boolean }; $(selector: string): { map<U>(f: (e: { id(): string }) => U): U[] } };

/** The overlay classes the graph gives an element. */
function marksOf(page: Page, id: string): Promise<string[]> {
  return page.evaluate((elementId) => {
    const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: Cy } })._cyreg.cy;
    return ['diff-added', 'diff-changed', 'diff-removed'].filter((c) => cy.getElementById(elementId).hasClass(c));
  }, id);
}

function selectedIds(page: Page): Promise<string[]> {
  return page.evaluate(() => (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: Cy } })._cyreg.cy.$(':selected').map((e) => e.id()));
}

describeLab('Compare with a saved file, on the lab host', (lab) => {
  const host = hostTools(lab);
  const dir = mkdtempSync(join(tmpdir(), 'vw-compare-e2e-'));
  const saved = join(dir, 'lab.json');
  let server: IsolatedWebServer;
  let browser: Browser;
  let page: Page;
  let session: LabSession;

  beforeAll(async () => {
    await new Promise<void>((resolve, reject) =>
      execFile(
        process.execPath,
        ['electron/cli/bin.js', 'snapshot', `root@${lab.sshHost}`, '--port', String(lab.sshPort), '--identity', lab.sshKey, '--known-hosts', lab.knownHosts, '--out', saved],
        { cwd: ROOT, env: { ...process.env, SSH_AUTH_SOCK: '' } },
        (error, _stdout, stderr) => (error ? reject(new Error(stderr)) : resolve()),
      ),
    );
    server = await startIsolatedWebServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 920 } });
    await page.goto(server.url);
    session = await connectLabHost(page, lab);
  });

  afterAll(async () => {
    try {
      host.virsh('net-undefine', 'vw-cmp');
    } catch {
      // removed by the test, as expected
    }
    await session?.disconnect();
    await browser?.close();
    await server?.stop();
    session?.dispose();
  });

  it('lists and marks what changed since the file, selects it on the graph, and makes the host match through the preview', async () => {
    host.run('ip', 'link', 'set', 'dev', 'vm-vnic', 'master', 'virbr1');
    writeFileSync(join(dir, 'cmp.xml'), "<network><name>vw-cmp</name><bridge name='vwcmpbr0'/></network>");
    host.virsh('net-define', join(dir, 'cmp.xml'));
    const netId = await nodeIdOf(page, session.hostId, 'network', 'vw-cmp');
    const tapId = await nodeIdOf(page, session.hostId, 'tap', 'vm-vnic');

    await page.getByTestId('compare-input').setInputFiles(saved);
    const panel = page.getByTestId('compare-panel');
    const rows = async () => (await panel.getByTestId('compare-items').locator('button').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    await expect.poll(rows, { timeout: 20_000 }).toEqual(['+ network vw-cmp: on the host, not in the file (forward isolated, bridge vwcmpbr0)', '~ TAP vm-vnic: bridge tester → virbr1']);
    expect(await marksOf(page, netId)).toEqual(['diff-added']);
    expect(await marksOf(page, tapId)).toEqual(['diff-changed']);

    await panel.getByRole('button', { name: /TAP vm-vnic/ }).click();
    expect(await selectedIds(page)).toEqual([tapId]);

    await panel.getByTestId('compare-prune').check();
    await panel.getByTestId('compare-apply').click();
    const plan = planDialog(page);
    await plan.waitFor('preview');
    expect(await plan.dialog().locator('h2').textContent()).toBe('Make the host match lab.json');
    const commands = await plan.commands();
    expect(commands).toMatch(/^ip link set dev vm-vnic master tester$/m);
    expect(commands).toMatch(/^virsh -c qemu:\/\/\/system net-undefine --network vw-cmp$/m);
    expect(await plan.dialog().getByTestId('plan-impact').first().getAttribute('data-when')).toBe('now');
    expect(await plan.apply()).toBe('applied');
    await plan.close();

    expect(JSON.parse(host.run('ip', '-j', 'link', 'show', 'dev', 'vm-vnic'))[0].master).toBe('tester');
    expect(host.networks()).not.toContain('vw-cmp');
    await expect.poll(() => panel.getByTestId('compare-summary').textContent(), { timeout: 20_000 }).toBe('The host matches the file.');
    expect((await panel.getByTestId('compare-not-done').textContent())?.trim()).toBe('Done: the host now matches the file.');
    expect(await marksOf(page, tapId)).toEqual([]);
  });
});
