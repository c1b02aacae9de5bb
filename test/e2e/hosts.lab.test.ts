// The Hosts panel and live hosts in real Chromium against `virtwire web` and the lab's real
// sshd and libvirtd: a profile added through the form, the host-key question, the graph
// against what virsh reports, a NIC attached live by someone else, the journal, disconnect,
// and a wrong password. Runs inside the lab (test/lab/lab.sh exec).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLab } from '../lab/env.ts';
import { launchChromium, ROOT } from './harness.ts';
import { edgeMiddle, hostGraph, type IsolatedWebServer, sortedLabels, startIsolatedWebServer } from './hosts-support.ts';

const RESULTS = join(ROOT, 'test-results');
const LIVE_MAC = '52:54:00:7f:00:01';
const LABEL = 'lab host';

describeLab('Hosts panel and live hosts against the lab', (lab) => {
  const hostId = `${lab.sshUser}@${lab.sshHost}:${lab.sshPort}`;
  const virsh = (...args: string[]): string => execFileSync('virsh', ['-c', lab.libvirtUri, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const names = (text: string): string[] => text.split('\n').map((l) => l.trim()).filter(Boolean).sort();

  let server: IsolatedWebServer;
  let browser: Browser;
  let page: Page;
  let keyDir: string;

  const row = (label: string) => page.getByTestId('host-row').filter({ hasText: label });
  const stateOf = (label: string) => row(label).getAttribute('data-state');
  const liveNic = async () => (await hostGraph(page, hostId)).edges.find((e) => e.label.includes(LIVE_MAC));

  async function addProfile(fields: { target: string; label: string; identityFile?: string }): Promise<void> {
    await page.getByTestId('add-host').click();
    const form = page.getByTestId('host-form');
    await form.getByLabel('SSH target', { exact: true }).fill(fields.target);
    await form.getByLabel('Label', { exact: true }).fill(fields.label);
    if (fields.identityFile) {
      await form.getByRole('textbox', { name: /^Identity files/ }).fill(fields.identityFile);
      await form.getByLabel('Use only these identity files').check();
    }
    await form.getByRole('button', { name: 'Add host' }).click();
    await expect.poll(() => row(fields.label).count()).toBe(1);
  }

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    keyDir = mkdtempSync(join(tmpdir(), 'virtwire-key-'));
    copyFileSync(lab.sshKey, join(keyDir, 'lab_key'));
    chmodSync(join(keyDir, 'lab_key'), 0o600);
    server = await startIsolatedWebServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 920 }, colorScheme: 'light' });
    await page.goto(server.url);
    await page.getByRole('tab', { name: /Hosts/ }).click();
    await page.getByText('No hosts yet.').waitFor({ timeout: 15_000 });
  });

  afterAll(async () => {
    try {
      virsh('detach-interface', 'guest1', '--type', 'network', '--mac', LIVE_MAC, '--live');
    } catch {
      // already detached by the test
    }
    await browser?.close();
    await server?.stop();
    if (keyDir) rmSync(keyDir, { recursive: true, force: true });
  });

  it('checks the form before sending anything', async () => {
    await page.getByTestId('add-host').click();
    const form = page.getByTestId('host-form');
    await form.getByLabel('SSH target', { exact: true }).fill('-oProxyCommand=touch');
    await form.getByRole('button', { name: 'Add host' }).click();
    await expect.poll(() => form.locator('.problem').allTextContents()).toEqual(['An SSH target cannot start with “-”.']);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('host-form').count()).toBe(0);
    expect(await page.getByTestId('host-row').count()).toBe(0);
  });

  it('adds the lab host, asks about its key with the fingerprint ssh-keygen gives, and connects once trusted', async () => {
    await addProfile({ target: hostId, label: LABEL, identityFile: join(keyDir, 'lab_key') });
    const expected = /SHA256:[A-Za-z0-9+/]+/.exec(execFileSync('ssh-keygen', ['-l', '-f', lab.knownHosts], { encoding: 'utf8' }))![0];

    await row(LABEL).getByRole('button', { name: 'Connect' }).click();
    const prompt = page.getByTestId('prompt-hostkey');
    await prompt.waitFor({ timeout: 20_000 });
    expect(await prompt.getByTestId('hostkey-fingerprint').textContent()).toBe(expected);
    expect(await prompt.textContent()).toContain(`[${lab.sshHost}]:${lab.sshPort}`);
    expect(await stateOf(LABEL)).toBe('connecting');
    await prompt.getByRole('button', { name: 'Trust and connect' }).click();
    await expect.poll(() => stateOf(LABEL), { timeout: 30_000 }).toBe('connected');
  });

  it('draws the networks and VMs virsh reports, in the host’s own group', async () => {
    const networks = names(virsh('net-list', '--all', '--name'));
    const vms = names(virsh('list', '--all', '--name'));
    await expect.poll(async () => sortedLabels(await hostGraph(page, hostId), 'network'), { timeout: 30_000 }).toEqual(networks);
    expect(sortedLabels(await hostGraph(page, hostId), 'vm')).toEqual(vms);
  });

  it('shows a NIC attached live by someone else as live only, without a refresh, and drops it when detached', async () => {
    virsh('attach-interface', 'guest1', '--type', 'network', '--source', 'isolated', '--model', 'virtio', '--mac', LIVE_MAC, '--live');
    await expect.poll(async () => (await liveNic())?.pending, { timeout: 10_000, interval: 200 }).toBe('live-only');

    const nic = (await liveNic())!;
    const at = await edgeMiddle(page, nic.id);
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => page.getByTestId('details').textContent()).toContain('attached live only — gone on reboot');
    await page.screenshot({ path: join(RESULTS, 'virtwire-live.png') });

    virsh('detach-interface', 'guest1', '--type', 'network', '--mac', LIVE_MAC, '--live');
    await expect.poll(liveNic, { timeout: 15_000, interval: 200 }).toBeUndefined();
  });

  it('lists the probe in the journal', async () => {
    await page.getByTestId('open-journal').click();
    const journal = page.getByTestId('journal');
    await expect.poll(() => journal.getByTestId('journal-entry').count()).toBeGreaterThan(0);
    const commands = await journal.locator('[data-testid="journal-entry"] .command').allTextContents();
    expect(commands.some((c) => c.includes('virsh'))).toBe(true);
    expect(await journal.getByTestId('journal-entry').first().textContent()).toContain(LABEL);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('journal').count()).toBe(0);
  });

  it('takes the host’s objects off the graph on disconnect', async () => {
    await row(LABEL).getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(async () => (await hostGraph(page, hostId)).nodes.length, { timeout: 15_000 }).toBe(0);
    expect(await stateOf(LABEL)).not.toBe('connected');
  });

  it('says in plain words that a wrong password was refused', async () => {
    const label = 'lab password user';
    await addProfile({ target: `${lab.passwordUser}@${lab.sshHost}:${lab.sshPort}`, label });
    await row(label).getByRole('button', { name: 'Connect' }).click();
    // Answer every question with a wrong password until the host gives up.
    const deadline = Date.now() + 60_000;
    while ((await stateOf(label)) !== 'failed' && Date.now() < deadline) {
      const dialog = page.locator('dialog[open]');
      if ((await dialog.count()) === 0) {
        await page.waitForTimeout(100);
        continue;
      }
      const testid = await dialog.getAttribute('data-testid');
      if (testid === 'prompt-hostkey') await dialog.getByRole('button', { name: 'Trust and connect' }).click();
      else {
        for (const field of await dialog.locator('input[type="password"], input[type="text"]').all()) await field.fill(`not-${lab.password}`);
        await dialog.getByRole('button', { name: 'Continue' }).click();
      }
      await page.waitForTimeout(100);
    }
    expect(await stateOf(label)).toBe('failed');
    const failure = await row(label).getByTestId('host-failure').textContent();
    expect(failure).toContain('The host did not accept the login');
    expect(failure).toContain(lab.passwordUser);
  });
});
