// The Hosts UI in real Chromium with a stand-in backend (hosts-fake.ts), for what a real host
// cannot be made to do on demand: a changed host key, keyboard-interactive questions, a
// reconnect, banners, two live hosts on one canvas. The lab test (hosts.lab.test.ts) covers
// the real thing.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostProfile, LiveHost } from '../../shared/api/index.ts';
import { demoTopology } from '../../shared/topology/demo.ts';
import { emptyTopology, type NicLink, type Topology } from '../../shared/topology/model.ts';
import { launchChromium, ROOT, startWebServer, type WebServer } from './harness.ts';
import { calls, emit, installFakeBackend, setResult } from './hosts-fake.ts';
import { hostGraph } from './hosts-support.ts';

const RESULTS = join(ROOT, 'test-results');
const base = { uri: 'qemu:///system', useSudo: false, knownHostsPolicy: 'ask', rememberSecrets: false } as const;
const PROFILES: HostProfile[] = [
  { ...base, id: 'p-lab', label: 'lab', target: 'root@lab:2222', rememberSecrets: true },
  { ...base, id: 'p-backup', label: 'backup', target: 'admin@backup' },
];

function liveHost(profileId: string, hostId: string, label: string): LiveHost {
  const demo = JSON.parse(JSON.stringify(demoTopology()).replaceAll('root@kvm-host', hostId)) as Topology;
  return { profileId, host: { ...demo.hosts[0]!, label }, nodes: demo.nodes, links: demo.links, banners: [], refreshedAt: new Date().toISOString() };
}

let server: WebServer;
let browser: Browser;
let page: Page;

const row = (label: string) => page.getByTestId('host-row').filter({ hasText: label });
const rowLabels = () => page.locator('[data-testid="host-row"] .label').allTextContents();
const positions = (ids: string[]) =>
  page.evaluate((list) => {
    const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: { getElementById(i: string): { position(): { x: number; y: number } } } } })._cyreg.cy;
    return list.map((id) => cy.getElementById(id).position());
  }, ids);

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  server = await startWebServer();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark', permissions: ['clipboard-read', 'clipboard-write'] });
  await installFakeBackend(page, {
    'app.getInfo': { name: 'VirtWire', version: '0.0.0', mode: 'browser', platform: 'linux' },
    'app.getInitialTopology': { topology: emptyTopology(), path: null, name: 'Untitled' },
    'files.recent': { files: [] },
    'hosts.list': { hosts: PROFILES },
    'hosts.connect': { state: 'connecting' },
    'hosts.reorder': { hosts: [PROFILES[1], PROFILES[0]] },
    'live.list': { hosts: [] },
    'hosts.journal': {
      entries: [
        { time: '2026-11-28T10:00:00.000Z', host: 'lab', argv: ['virsh', 'list'], commandLine: "'virsh' 'list'", exitCode: 0, durationMs: 41 },
        { time: '2026-11-28T10:00:01.000Z', host: 'lab', argv: ['ip', 'link'], commandLine: "'ip' 'link'", exitCode: null, durationMs: 30_000, error: 'timeout' },
      ],
      script: "#!/bin/sh\n'virsh' 'list'\n'ip' 'link'\n",
      limit: 5000,
      dropped: 0,
    },
    'files.serialize': { text: '{}' },
  });
  await page.goto(server.url);
  await page.getByRole('tab', { name: /Hosts/ }).click();
  await page.getByTestId('host-row').nth(1).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('questions asked while connecting', () => {
  it('lists the profiles in the saved order', async () => {
    expect(await rowLabels()).toEqual(['lab', 'backup']);
  });

  it('shows a new host key with its fingerprint and declines it on Escape', async () => {
    await row('lab').getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => row('lab').getAttribute('data-state')).toBe('connecting');
    await emit(page, 'hosts.onDidPrompt', { promptId: 'q1', hostId: 'p-lab', kind: 'hostkey', host: 'lab', port: 2222, keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc+/def' });
    const dialog = page.getByTestId('prompt-hostkey');
    await dialog.waitFor();
    expect(await dialog.getByTestId('hostkey-fingerprint').textContent()).toBe('SHA256:abc+/def');
    expect(await dialog.textContent()).toContain('[lab]:2222');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Trust and connect');
    await page.keyboard.press('Escape');
    await expect.poll(() => calls(page, 'hosts.answerPrompt')).toEqual([{ promptId: 'q1', answer: { kind: 'hostkey', accept: false } }]);
    expect(await dialog.count()).toBe(0);
  });

  it('asks for a password masked, with "remember" when the profile allows it', async () => {
    await emit(page, 'hosts.onDidPrompt', { promptId: 'q2', hostId: 'p-lab', kind: 'password', user: 'root', host: 'lab', retry: true });
    const dialog = page.getByTestId('prompt-password');
    await dialog.waitFor();
    expect(await dialog.getByRole('alert').textContent()).toContain('not accepted');
    const field = dialog.locator('input[type="password"]');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('password');
    await field.fill('s3cret');
    await dialog.getByLabel('Remember').check();
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(async () => (await calls(page, 'hosts.answerPrompt')).at(-1)).toEqual({ promptId: 'q2', answer: { kind: 'secret', value: 's3cret', remember: true } });
  });

  it('shows each keyboard-interactive prompt, echoed or masked', async () => {
    await emit(page, 'hosts.onDidPrompt', {
      promptId: 'q3',
      hostId: 'p-backup',
      kind: 'keyboard-interactive',
      name: 'PAM',
      instructions: 'Two steps',
      prompts: [
        { prompt: 'Password:', echo: false },
        { prompt: 'Code:', echo: true },
      ],
    });
    const dialog = page.getByTestId('prompt-keyboard-interactive');
    await dialog.waitFor();
    expect(await dialog.getByLabel('Password:').getAttribute('type')).toBe('password');
    expect(await dialog.getByLabel('Code:').getAttribute('type')).toBe('text');
    await dialog.getByLabel('Password:').fill('pw');
    await dialog.getByLabel('Code:').fill('123456');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await calls(page, 'hosts.answerPrompt')).at(-1)).toEqual({ promptId: 'q3', answer: { kind: 'keyboard-interactive', answers: ['pw', '123456'] } });
  });

  it('refuses a changed host key, showing both fingerprints and the known_hosts line, with no way to accept', async () => {
    await emit(page, 'hosts.onDidChangeState', {
      hostId: 'p-backup',
      state: 'failed',
      reason: {
        code: 'hostkey-changed',
        message: 'The host key of backup has changed. This can mean someone is intercepting the connection; VirtWire will not connect.',
        data: { oldFingerprint: 'SHA256:old', newFingerprint: 'SHA256:new', keyType: 'ssh-ed25519', file: '/home/me/.ssh/known_hosts', line: 12 },
      },
    });
    const dialog = page.getByTestId('hostkey-changed');
    await dialog.waitFor();
    expect(await dialog.getByTestId('old-fingerprint').textContent()).toBe('SHA256:old');
    expect(await dialog.getByTestId('new-fingerprint').textContent()).toBe('ssh-ed25519 SHA256:new');
    expect(await dialog.getByTestId('known-hosts-line').textContent()).toBe('/home/me/.ssh/known_hosts:12');
    expect(await dialog.getByRole('button').allTextContents()).toEqual(['', 'Close']);
    await page.screenshot({ path: join(RESULTS, 'virtwire-hostkey-changed.png') });
    await page.keyboard.press('Escape');
    expect(await row('backup').getByTestId('host-failure').textContent()).toContain('not the one on record');
  });
});

describe('live hosts on the canvas', () => {
  it('draws two connected hosts side by side, each in its own group, with their banners', async () => {
    await emit(page, 'hosts.onDidChangeState', { hostId: 'p-lab', state: 'connected' });
    await emit(page, 'live.onDidChangeHost', { profileId: 'p-lab', live: liveHost('p-lab', 'root@lab:2222', 'lab') });
    const backup = { ...liveHost('p-backup', 'admin@backup', 'backup'), banners: [{ key: 'banner.libvirtUnreachableBare', values: { uri: 'qemu:///system' } }] } satisfies LiveHost;
    await emit(page, 'live.onDidChangeHost', { profileId: 'p-backup', live: backup });
    expect((await hostGraph(page, 'root@lab:2222')).nodes.length).toBeGreaterThan(0);
    expect((await hostGraph(page, 'admin@backup')).nodes.length).toBeGreaterThan(0);
    expect(await page.getByTestId('live-banner').textContent()).toContain('backup: libvirt could not be reached at qemu:///system, so networks and VMs are not shown.');
    expect(await row('lab').getAttribute('data-state')).toBe('connected');
  });

  it('keeps every object in place when a host changes, and dashes a NIC attached live only', async () => {
    const before = await hostGraph(page, 'root@lab:2222');
    const ids = before.nodes.map((n) => n.id);
    const at = await positions(ids);
    const changed = liveHost('p-lab', 'root@lab:2222', 'lab');
    const nic = changed.links.find((l): l is NicLink => l.kind === 'nic')!;
    changed.links.push({ ...nic, id: `${nic.id}#live`, mac: '52:54:00:7f:00:01', live: true, config: false });
    await emit(page, 'live.onDidChangeHost', { profileId: 'p-lab', live: changed });
    await expect.poll(async () => (await hostGraph(page, 'root@lab:2222')).edges.find((e) => e.label.includes('52:54:00:7f:00:01'))?.pending).toBe('live-only');
    expect(await positions(ids)).toEqual(at);
  });

  it('shows reconnect attempts and takes a disconnected host off the canvas', async () => {
    await emit(page, 'hosts.onDidChangeState', { hostId: 'p-backup', state: 'reconnecting', attempt: 2 });
    await expect.poll(() => row('backup').getByTestId('host-state').textContent()).toBe('Reconnecting (attempt 2)…');
    expect(await page.getByTestId('live-progress').textContent()).toContain('Reconnecting to backup');
    await page.screenshot({ path: join(RESULTS, 'virtwire-hosts-dark.png') });
    // reconnecting can be stopped from the row
    await row('backup').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => calls(page, 'hosts.disconnect')).toContainEqual({ id: 'p-backup' });
    await emit(page, 'live.onDidChangeHost', { profileId: 'p-backup', live: null });
    await expect.poll(async () => (await hostGraph(page, 'admin@backup')).nodes.length).toBe(0);
    expect((await hostGraph(page, 'root@lab:2222')).nodes.length).toBeGreaterThan(0);
    expect(await page.getByTestId('live-banner').count()).toBe(0);
  });

  it('refreshes the host of the selected object with Ctrl+R', async () => {
    await setResult(page, 'live.refresh', liveHost('p-lab', 'root@lab:2222', 'lab'));
    await page.getByRole('tab', { name: /Outline/ }).click();
    await page.locator('[role="option"]').first().click();
    await page.keyboard.press('Control+r');
    await expect.poll(() => calls(page, 'live.refresh')).toEqual([{ profileId: 'p-lab' }]);
  });
});

describe('journal and saving', () => {
  it('lists the commands run, filters by host, and copies them as a shell script', async () => {
    await page.getByRole('tab', { name: /Hosts/ }).click();
    await page.keyboard.press('Control+j');
    const journal = page.getByTestId('journal');
    await journal.waitFor();
    await expect.poll(() => journal.getByTestId('journal-entry').count()).toBe(2);
    const cells = await journal.getByTestId('journal-entry').nth(1).locator('td').allTextContents();
    expect(cells.slice(1)).toEqual(['lab', "'ip' 'link'", 'did not finish (timeout)', '30.0 s']);
    await journal.getByLabel('Show commands of').selectOption('p-lab');
    await expect.poll(async () => (await calls(page, 'hosts.journal')).at(-1)).toEqual({ id: 'p-lab' });
    await journal.getByRole('button', { name: 'Copy as shell script' }).click();
    await expect.poll(() => journal.getByRole('status').textContent()).toBe('Copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("#!/bin/sh\n'virsh' 'list'\n'ip' 'link'\n");
    expect(await journal.getByTestId('journal-extent').textContent()).toContain('Showing the last 2 commands of at most 5,000 kept.');
    const [download] = await Promise.all([page.waitForEvent('download'), journal.getByRole('button', { name: 'Export journal…' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^virtwire-journal-\d{8}-\d{6}\.sh$/);
    expect(readFileSync(await download.path(), 'utf8')).toBe("#!/bin/sh\n'virsh' 'list'\n'ip' 'link'\n");
    await page.keyboard.press('Escape');
    await expect.poll(() => journal.count()).toBe(0);
  });

  it('saves the live hosts’ current state with the document', async () => {
    await page.getByTestId('save').click();
    await expect.poll(async () => (await calls(page, 'files.serialize')).length).toBe(1);
    const [{ topology }] = (await calls(page, 'files.serialize')) as [{ topology: Topology }];
    expect(topology.hosts.map((h) => h.id)).toEqual(['root@lab:2222']);
    expect(topology.nodes.length).toBeGreaterThan(0);
    expect(Object.keys(topology.layout).sort()).toEqual(topology.nodes.map((n) => n.id).sort());
  });
});

describe('managing profiles', () => {
  it('edits a profile through the form, checking it first', async () => {
    await setResult(page, 'hosts.update', { ...PROFILES[0], uri: 'qemu:///session', useSudo: true });
    await row('lab').click();
    await row('lab').getByRole('button', { name: 'Edit' }).click();
    const form = page.getByTestId('host-form');
    await form.getByLabel('libvirt URI').fill('session');
    await form.getByRole('button', { name: 'Save' }).click();
    expect(await form.locator('.problem').textContent()).toContain('libvirt URI such as');
    await form.getByLabel('libvirt URI').fill('qemu:///session');
    await form.getByLabel('Use sudo -n').check();
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => calls(page, 'hosts.update')).toEqual([{ profile: { ...PROFILES[0], uri: 'qemu:///session', useSudo: true } }]);
    await expect.poll(() => form.count()).toBe(0);
  });

  it('lists the Host entries of ~/.ssh/config and imports the ones picked', async () => {
    await setResult(page, 'hosts.sshConfigAliases', {
      aliases: [
        { alias: 'web1', target: 'admin@10.0.0.5' },
        { alias: 'db1', target: 'root@db1:2222', proxyJump: 'bastion' },
        { alias: 'backup', target: 'root@backup' },
      ],
    });
    await setResult(page, 'hosts.importSshConfig', { hosts: PROFILES });
    await page.getByRole('button', { name: 'Import' }).click();
    const dialog = page.getByTestId('import-dialog');
    await expect.poll(() => dialog.getByTestId('import-entries').locator('li').count()).toBe(3);
    expect(await dialog.getByTestId('import-entries').textContent()).toContain('root@db1:2222 via bastion');
    await dialog.getByRole('checkbox', { name: /backup/ }).uncheck();
    await dialog.getByRole('button', { name: 'Import 2 hosts' }).click();
    await expect.poll(() => calls(page, 'hosts.importSshConfig')).toEqual([{ aliases: ['web1', 'db1'] }]);
  });

  it('moves a host down with Alt+↓ and removes one after asking', async () => {
    await page.getByRole('tab', { name: /Hosts/ }).click();
    await row('lab').focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => calls(page, 'hosts.reorder')).toEqual([{ ids: ['p-backup', 'p-lab'] }]);
    await expect.poll(rowLabels).toEqual(['backup', 'lab']);

    await row('backup').click();
    await row('backup').getByRole('button', { name: 'Remove' }).click();
    const confirm = page.getByTestId('confirm');
    expect(await confirm.textContent()).toContain('admin@backup');
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => calls(page, 'hosts.remove')).toEqual([{ id: 'p-backup' }]);
    await expect.poll(rowLabels).toEqual(['lab']);
  });
});
