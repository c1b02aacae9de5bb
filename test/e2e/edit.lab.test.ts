// Editing on the graph in real Chromium against `virtwire web` and the lab host: a NIC dragged
// on and deleted, a bridge and a TAP made from the dialogs and wired by a drag, every change
// undone with Ctrl+Z, and a hostile name stopped in the dialog — each result checked on the
// host with virsh and ip. Runs inside the lab (test/lab/lab.sh exec); objects are named vwe-…
// or as the issue names them (br-test, tap-test) and removed again.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLab } from '../lab/env.ts';
import { launchChromium, ROOT } from './harness.ts';
import { edgeMiddle, hostGraph, type IsolatedWebServer, startIsolatedWebServer } from './hosts-support.ts';
import { connectLabHost, dragConnect, type LabSession, nodeIdOf } from './lab-session.ts';

const RESULTS = join(ROOT, 'test-results');
const BRIDGE = 'br-test';
const TAP = 'tap-test';
const MAC = /[0-9a-f]{2}(?::[0-9a-f]{2}){5}/gi;

describeLab('Editing the lab host on the graph', (lab) => {
  const run = (cmd: string, ...args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const virsh = (...args: string[]): string => run('virsh', '-c', lab.libvirtUri, ...args);
  const macs = (...flags: string[]): string[] => (virsh('domiflist', 'guest1', ...flags).match(MAC) ?? []).map((m) => m.toLowerCase());
  const link = (name: string): { master?: string } | null => {
    try {
      return (JSON.parse(run('ip', '-j', 'link', 'show', name)) as { master?: string }[])[0] ?? null;
    } catch {
      return null;
    }
  };

  let server: IsolatedWebServer;
  let browser: Browser;
  let page: Page;
  let session: LabSession;
  let attached: string | undefined;

  const dialog = () => page.getByTestId('plan-dialog');
  const stage = () => dialog().locator('[data-stage]').getAttribute('data-stage');
  const commands = async () => (await dialog().getByTestId('plan-command').allTextContents()).join('\n');

  async function previewShown(): Promise<void> {
    await expect.poll(stage, { timeout: 20_000 }).toBe('preview');
  }

  /** Applies the previewed plan with Enter (confirming a destructive one) and returns the report's status. */
  async function applyWithEnter(): Promise<string | null> {
    const confirm = dialog().getByTestId('confirm-destructive');
    if ((await confirm.count()) > 0) await confirm.check();
    await page.keyboard.press('Enter');
    await expect.poll(stage, { timeout: 60_000 }).toBe('report');
    return dialog().getByTestId('plan-report').getAttribute('data-status');
  }

  async function closeDialog(): Promise<void> {
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().count()).toBe(0);
  }

  async function hostMenu(entry: string): Promise<void> {
    await page.getByTestId('graph').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Shift+F10');
    await page.getByTestId('edit-menu').getByRole('menuitem', { name: entry }).click();
  }

  async function createDevice(entry: string, name: string): Promise<void> {
    await hostMenu(entry);
    const form = page.getByTestId('device-form');
    await form.getByLabel('Name').fill(name);
    await form.getByRole('button', { name: 'Preview…' }).click();
    await previewShown();
    expect(await applyWithEnter()).toBe('applied');
    await closeDialog();
  }

  async function undo(): Promise<string> {
    await page.getByTestId('graph').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await previewShown();
    const shown = await commands();
    expect(await applyWithEnter()).toBe('applied');
    await closeDialog();
    return shown;
  }

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    server = await startIsolatedWebServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 920 }, colorScheme: 'light' });
    await page.goto(server.url);
    session = await connectLabHost(page, lab);
  });

  afterAll(async () => {
    for (const flags of [['--live'], ['--config']]) {
      try {
        if (attached) virsh('detach-interface', 'guest1', '--type', 'network', '--mac', attached, ...flags);
      } catch {
        // already gone, as the test expects
      }
    }
    for (const name of [TAP, BRIDGE]) if (link(name)) run('ip', 'link', 'del', name);
    // Open dialogs would cover the Hosts panel; the server stops promptly only once the host is disconnected.
    for (let i = 0; i < 3; i++) await page?.keyboard.press('Escape');
    await session?.disconnect();
    await browser?.close();
    await server?.stop();
    session?.dispose();
  });

  it('attaches a NIC when guest1 is dragged onto isolated, live and in the config', async () => {
    const before = new Set(macs());
    const guest = await nodeIdOf(page, session.hostId, 'vm', 'guest1');
    const isolated = await nodeIdOf(page, session.hostId, 'network', 'isolated');
    await dragConnect(page, guest, isolated);

    await previewShown();
    expect(await commands()).toMatch(/virsh -c qemu:\/\/\/system attach-device --domain guest1 --file \/dev\/stdin --live --config/);
    expect(await page.getByTestId('plan-dialog').textContent()).toContain("<source network='isolated'/>");
    await page.screenshot({ path: join(RESULTS, 'virtwire-preview.png') });
    expect(await applyWithEnter()).toBe('applied');
    await closeDialog();

    attached = macs().find((m) => !before.has(m));
    expect(attached).toBeDefined();
    expect(macs('--inactive')).toContain(attached);
  });

  it('detaches that NIC when its link is selected and deleted', async () => {
    const edge = async () => (await hostGraph(page, session.hostId)).edges.find((e) => e.label.includes(attached!));
    await expect.poll(edge, { timeout: 15_000 }).toBeDefined();
    const at = await edgeMiddle(page, (await edge())!.id);
    await page.mouse.click(at.x, at.y);
    await page.keyboard.press('Delete');

    await previewShown();
    expect(await commands()).toMatch(new RegExp(`detach-interface .*--mac ${attached}`));
    expect(['applied', 'pending']).toContain(await applyWithEnter());
    await closeDialog();

    await expect.poll(() => macs().includes(attached!) || macs('--inactive').includes(attached!), { timeout: 15_000, interval: 300 }).toBe(false);
    await expect.poll(edge, { timeout: 15_000 }).toBeUndefined();
  });

  it('refuses a hostile bridge name in the dialog; nothing reaches the host', async () => {
    const hostile = 'x;touch /tmp/pwn';
    const pwnBefore = existsSync('/tmp/pwn');
    await hostMenu('Create bridge…');
    const form = page.getByTestId('device-form');
    await form.getByLabel('Name').fill(hostile);
    await form.getByRole('button', { name: 'Preview…' }).click();
    expect(await form.getByRole('alert').textContent()).toContain(`The interface name "${hostile}"`);
    expect(await dialog().count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => form.count()).toBe(0);

    await page.getByTestId('open-journal').click();
    const journal = page.getByTestId('journal');
    await expect.poll(() => journal.getByTestId('journal-entry').count()).toBeGreaterThan(0);
    expect((await journal.locator('[data-testid="journal-entry"] .command').allTextContents()).join('\n')).not.toContain('pwn');
    await page.keyboard.press('Escape');
    expect(existsSync('/tmp/pwn')).toBe(pwnBefore);
  });

  it('creates br-test and tap-test from the dialogs and plugs the TAP in by a drag', async () => {
    await createDevice('Create bridge…', BRIDGE);
    expect(link(BRIDGE)).not.toBeNull();
    await createDevice('Create TAP…', TAP);
    expect(link(TAP)).not.toBeNull();

    const tap = await nodeIdOf(page, session.hostId, 'tap', TAP);
    const bridge = await nodeIdOf(page, session.hostId, 'bridge', BRIDGE);
    await dragConnect(page, tap, bridge);
    await previewShown();
    expect(await commands()).toContain(`ip link set dev ${TAP} master ${BRIDGE}`);
    expect(await applyWithEnter()).toBe('applied');
    await closeDialog();
    expect(link(TAP)?.master).toBe(BRIDGE);
  });

  it('undoes the plug, then the TAP, then the bridge with Ctrl+Z', async () => {
    expect(await undo()).toContain(`ip link set dev ${TAP} nomaster`);
    expect(link(TAP)?.master).toBeUndefined();
    expect(await undo()).toContain(`ip tuntap del dev ${TAP} mode tap`);
    expect(link(TAP)).toBeNull();
    expect(await undo()).toContain(`ip link del`);
    expect(link(BRIDGE)).toBeNull();
    const names = (JSON.parse(run('ip', '-j', 'link')) as { ifname: string }[]).map((l) => l.ifname);
    expect(names).not.toContain(TAP);
    expect(names).not.toContain(BRIDGE);
  });
});
