// The change flows of editing in real Chromium against `virtwire web` and the lab host: attach
// to an inactive network (start it first), the network form, a failed plan rolled back, a NIC
// moved by dragging its link's end, previews skipped for safe changes, and the Changes tab —
// each result checked on the host with virsh and ip. Runs inside the lab (test/lab/lab.sh
// exec); objects it makes are named vwf-… and removed again; `routed` is left inactive.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeLab } from '../lab/env.ts';
import { fillNetworkForm, hostMenu, hostTools, nodeMenu, planDialog } from './edit-support.ts';
import { launchChromium, nodePagePosition, ROOT } from './harness.ts';
import { edgeMiddle, hostGraph, type IsolatedWebServer, startIsolatedWebServer } from './hosts-support.ts';
import { connectLabHost, dragConnect, type LabSession, nodeIdOf } from './lab-session.ts';

const RESULTS = join(ROOT, 'test-results');
/** a NIC the move test adds to guest1 with virsh, so no seeded NIC is touched */
const MOVED_MAC = '52:54:00:7f:00:01';

describeLab('Change flows on the lab host', (lab) => {
  const host = hostTools(lab);
  let server: IsolatedWebServer;
  let browser: Browser;
  let page: Page;
  let session: LabSession;
  let plan: ReturnType<typeof planDialog>;
  /** holds plan.preview calls on their way to the server this long, to close a dialog while it plans */
  let previewDelayMs = 0;
  /** NICs the tests attached: [vm, mac] */
  const attached: [string, string][] = [];

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    server = await startIsolatedWebServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 920 }, colorScheme: 'light' });
    await page.routeWebSocket(/./, (ws) => {
      const backend = ws.connectToServer();
      ws.onMessage((message) => {
        const delay = typeof message === 'string' && message.includes('"plan.preview"') ? previewDelayMs : 0;
        if (delay) setTimeout(() => backend.send(message), delay);
        else backend.send(message);
      });
    });
    await page.goto(server.url);
    session = await connectLabHost(page, lab);
    plan = planDialog(page);
  });

  // A test that failed half-way leaves its dialog open over the graph; the next starts clean.
  beforeEach(async () => {
    for (let i = 0; i < 3 && (await page.locator('dialog[open]').count()) > 0; i++) await page.keyboard.press('Escape');
  });

  afterAll(async () => {
    const quietly = (f: () => unknown): void => {
      try {
        f();
      } catch {
        // already gone, as the tests expect
      }
    };
    for (const [vm, mac] of attached) for (const flags of [['--live'], ['--config']]) quietly(() => host.virsh('detach-interface', vm, '--type', 'network', '--mac', mac, ...flags));
    for (const name of host.networks().filter((n) => n.startsWith('vwf-'))) {
      quietly(() => host.virsh('net-destroy', name));
      quietly(() => host.virsh('net-undefine', name));
    }
    if (host.netInfo('routed')?.Active === 'yes') quietly(() => host.virsh('net-destroy', 'routed'));
    for (const name of ['vwf-failbr', 'vwf-hbr']) if (host.linkExists(name)) host.run('ip', 'link', 'del', name);
    for (let i = 0; i < 3; i++) await page?.keyboard.press('Escape');
    await session?.disconnect();
    await browser?.close();
    await server?.stop();
    session?.dispose();
  });

  it('attaches guest2 to the inactive routed network after starting it, then undoes both', async () => {
    expect(host.netInfo('routed')?.Active).toBe('no');
    const before = new Set(host.macs('guest2'));
    await dragConnect(page, await nodeIdOf(page, session.hostId, 'vm', 'guest2'), await nodeIdOf(page, session.hostId, 'network', 'routed'));

    await plan.waitFor('offer');
    expect(await plan.dialog().textContent()).toContain('Network "routed" is not running');
    await plan.dialog().getByRole('button', { name: 'Start “routed” first' }).click();
    await plan.waitFor('preview');
    expect(await plan.commands()).toMatch(/virsh .*net-start .*routed/);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await plan.stage()) === 'preview' && (await plan.commands()).includes('attach-device'), { timeout: 60_000 }).toBe(true);
    expect(await plan.commands()).toMatch(/attach-device --domain guest2 --file \/dev\/stdin --live --config/);
    expect(await plan.dialog().textContent()).toContain("<source network='routed'/>");
    expect(await plan.apply()).toBe('applied');
    await plan.close();

    expect(host.netInfo('routed')?.Active).toBe('yes');
    const mac = host.macs('guest2').find((m) => !before.has(m));
    expect(mac).toBeDefined();
    attached.push(['guest2', mac!]);
    expect(host.macs('guest2', '--inactive')).toContain(mac);

    expect(await plan.undo()).toContain(`detach-interface`);
    await expect.poll(() => host.macs('guest2').includes(mac!) || host.macs('guest2', '--inactive').includes(mac!), { timeout: 15_000, interval: 300 }).toBe(false);
    expect(await plan.undo()).toMatch(/net-destroy .*routed/);
    expect(host.netInfo('routed')?.Active).toBe('no');
  });

  it('creates an isolated network from the form, then deletes it from its menu after the confirm', async () => {
    await fillNetworkForm(page, { name: 'vwf-net', ipv4: '192.168.231.1/24', dhcp: ['192.168.231.100', '192.168.231.200'] });
    const xml = await page.getByTestId('network-xml').inputValue();
    expect(xml).toMatch(/<ip address=["']192\.168\.231\.1["'] (netmask=["']255\.255\.255\.0["']|prefix=["']24["'])/);
    expect(xml).toMatch(/<range start=["']192\.168\.231\.100["'] end=["']192\.168\.231\.200["']/);
    await page.getByTestId('network-form').getByRole('button', { name: 'Preview…' }).click();
    await plan.waitFor('preview');
    expect(await plan.commands()).toMatch(/net-define[\s\S]*net-start .*vwf-net/);
    expect(await plan.apply()).toBe('applied');
    await plan.close();
    expect(host.netInfo('vwf-net')?.Active).toBe('yes');
    expect(host.virsh('net-dumpxml', 'vwf-net')).toMatch(/<range start='192\.168\.231\.100' end='192\.168\.231\.200'/);

    await nodeMenu(page, await nodeIdOf(page, session.hostId, 'network', 'vwf-net'), 'Delete');
    await plan.waitFor('preview');
    expect(await plan.commands()).toMatch(/net-undefine .*vwf-net/);
    const apply = plan.dialog().getByRole('button', { name: 'Apply' });
    expect(await apply.isDisabled()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await plan.stage()).toBe('preview');
    expect(host.networks()).toContain('vwf-net');
    expect(await plan.apply()).toBe('applied');
    await plan.close();
    expect(host.networks()).not.toContain('vwf-net');
  });

  it('reports the failed step with libvirt’s text and rolls the plan back', async () => {
    await fillNetworkForm(page, { name: 'vwf-fail', bridge: 'vwf-failbr', ipv4: '192.168.232.1/24', dhcp: ['192.168.232.10', '192.168.232.20'] });
    await page.getByTestId('network-form').getByRole('button', { name: 'Preview…' }).click();
    await plan.waitFor('preview');
    // The bridge appears between preview and apply, so net-define goes through and net-start fails.
    host.run('ip', 'link', 'add', 'vwf-failbr', 'type', 'bridge');
    expect(await plan.apply()).toBe('failed');

    const steps = plan.dialog().getByTestId('report-step');
    expect(await steps.nth(0).getAttribute('data-outcome')).toBe('ran');
    const failed = steps.nth(1);
    expect(await failed.getAttribute('data-outcome')).toBe('failed');
    expect(await failed.locator(':scope > code').textContent()).toMatch(/net-start .*vwf-fail/);
    expect(await failed.locator('pre').textContent()).toMatch(/error: .*vwf-failbr/i);
    expect(await steps.nth(2).getAttribute('data-outcome')).toBe('not-run');
    expect(host.networks()).toContain('vwf-fail');

    await plan.dialog().getByRole('button', { name: 'Roll back…' }).click();
    await plan.waitFor('rollback');
    expect(await plan.commands()).toMatch(/net-undefine .*vwf-fail/);
    await plan.dialog().getByRole('button', { name: 'Run the rollback' }).click();
    await expect.poll(plan.stage, { timeout: 60_000 }).toBe('report');
    expect(await plan.dialog().getByTestId('plan-report').getAttribute('data-status')).toBe('applied');
    await plan.close();
    expect(host.networks()).not.toContain('vwf-fail');
    host.run('ip', 'link', 'del', 'vwf-failbr');
  });

  it('moves a NIC to another network by dragging its selected link’s end, then undoes it', async () => {
    host.virsh('attach-interface', 'guest1', 'network', 'isolated', '--model', 'virtio', '--mac', MOVED_MAC, '--live', '--config');
    attached.push(['guest1', MOVED_MAC]);
    const edge = async () => (await hostGraph(page, session.hostId)).edges.find((e) => e.label.includes(MOVED_MAC));
    await expect.poll(edge, { timeout: 20_000 }).toBeDefined();
    const defaultNet = await nodeIdOf(page, session.hostId, 'network', 'default');

    await page.getByTestId('graph').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('f');
    await page.waitForTimeout(300);
    const mid = await edgeMiddle(page, (await edge())!.id);
    await page.mouse.click(mid.x, mid.y);
    const handle = page.getByTestId('connect-handle');
    await handle.waitFor({ state: 'visible', timeout: 5000 });
    expect(await handle.getAttribute('aria-label')).toContain('move this NIC');
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    await page.mouse.down();
    const to = await nodePagePosition(page, defaultNet);
    await page.mouse.move(to.x, to.y, { steps: 12 });
    await page.waitForTimeout(600);
    await page.mouse.up();

    await plan.waitFor('preview');
    expect(await plan.commands()).toMatch(/update-device .*guest1/);
    expect(await plan.apply()).toBe('applied');
    await plan.close();
    expect(host.sourceOf('guest1', MOVED_MAC)).toBe('default');
    expect(host.sourceOf('guest1', MOVED_MAC, '--inactive')).toBe('default');

    expect(await plan.undo()).toMatch(/update-device .*guest1/);
    expect(host.sourceOf('guest1', MOVED_MAC)).toBe('isolated');
    expect(host.sourceOf('guest1', MOVED_MAC, '--inactive')).toBe('isolated');
  });

  it('detaches two NICs selected together (Ctrl+click) in one plan, and brings both back with one undo', async () => {
    const macs = ['52:54:00:7f:00:11', '52:54:00:7f:00:12'];
    host.virsh('attach-interface', 'guest1', 'network', 'isolated', '--model', 'virtio', '--mac', macs[0]!, '--live', '--config');
    host.virsh('attach-interface', 'guest1', 'network', 'default', '--model', 'virtio', '--mac', macs[1]!, '--live', '--config');
    for (const mac of macs) attached.push(['guest1', mac]);
    const edges = async () => (await hostGraph(page, session.hostId)).edges.filter((e) => macs.some((mac) => e.label.includes(mac)));
    await expect.poll(async () => (await edges()).length, { timeout: 20_000 }).toBe(2);

    await page.getByTestId('graph').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('f');
    await page.waitForTimeout(300);
    for (const edge of await edges()) {
      const mid = await edgeMiddle(page, edge.id);
      await page.keyboard.down('Control');
      await page.mouse.click(mid.x, mid.y);
      await page.keyboard.up('Control');
    }
    const selected = () => page.evaluate(() => (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: { $(s: string): { length: number } } } })._cyreg.cy.$('edge:selected').length);
    await expect.poll(selected).toBe(2);
    await page.keyboard.press('Delete');
    await plan.waitFor('preview');
    const shown = await plan.commands();
    for (const mac of macs) expect(shown).toContain(mac);
    expect(await plan.apply()).toBe('applied');
    await plan.close();
    for (const flags of [[], ['--inactive']]) expect(host.macs('guest1', ...flags)).not.toEqual(expect.arrayContaining([macs[0]]));
    expect(host.macs('guest1')).not.toContain(macs[1]);
    expect(host.macs('guest1', '--inactive')).not.toContain(macs[1]);

    // one change in the Changes list, so one undo brings both back
    await plan.undo();
    for (const flags of [[], ['--inactive']]) expect(host.macs('guest1', ...flags)).toEqual(expect.arrayContaining(macs));
  });

  it('selects with a box drawn with Shift+drag, and offers what can be done to all of it at once, on one host only', async () => {
    await page.getByTestId('graph').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('f');
    await page.waitForTimeout(300);
    const graph = (await page.getByTestId('graph').boundingBox())!;
    const drawBox = async (x1: number, y1: number, x2: number, y2: number): Promise<void> => {
      await page.keyboard.down('Shift');
      await page.mouse.move(x1, y1);
      await page.mouse.down();
      await page.mouse.move(x2, y2, { steps: 10 });
      await page.mouse.up();
      await page.keyboard.up('Shift');
    };
    const menuItems = async (): Promise<string[]> => {
      const vm = await nodePagePosition(page, await nodeIdOf(page, session.hostId, 'vm', 'guest1'));
      await page.mouse.click(vm.x, vm.y, { button: 'right' });
      const menu = page.getByRole('menu');
      await menu.waitFor();
      expect(await menu.getAttribute('aria-label')).toMatch(/^\d+ selected$/);
      return (await menu.getByRole('menuitem').allTextContents()).map((i) => i.trim());
    };
    const selectedVms = () =>
      page.evaluate(() => (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: { $(s: string): { length: number } } } })._cyreg.cy.$('node[kind = "vm"]:selected').length);

    // the whole canvas: the saved demo host and the lab host together cannot be changed as one
    await drawBox(graph.x + 8, graph.y + 8, graph.x + graph.width - 8, graph.y + graph.height - 8);
    await expect.poll(selectedVms).toBeGreaterThan(1);
    const across = await menuItems();
    expect(across.length).toBeGreaterThan(0);
    for (const item of across) expect(item).toContain('spans several hosts');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    // the lab host's group only
    const group = await page.evaluate((hostId) => {
      const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: { getElementById(i: string): { renderedBoundingBox(): { x1: number; y1: number; x2: number; y2: number } } } } })._cyreg.cy;
      return cy.getElementById(`host:${hostId}`).renderedBoundingBox();
    }, session.hostId);
    await drawBox(graph.x + Math.max(2, group.x1 - 6), graph.y + Math.max(2, group.y1 - 6), graph.x + Math.min(graph.width - 2, group.x2 + 6), graph.y + Math.min(graph.height - 2, group.y2 + 6));
    await expect.poll(selectedVms).toBeGreaterThan(1);
    const items = await menuItems();
    expect(items, items.join(' | ')).toEqual(expect.arrayContaining([expect.stringMatching(/^Shut down \d+ VMs$/), expect.stringMatching(/^Detach \d+ NICs$/)]));
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
  });

  it('skips the preview of a safe change when asked, but never of a destructive one', async () => {
    await fillNetworkForm(page, { name: 'vwf-skip', ipv4: '192.168.233.1/24', dhcp: ['192.168.233.10', '192.168.233.20'] });
    await page.getByTestId('network-form').getByRole('button', { name: 'Preview…' }).click();
    await plan.waitFor('preview');
    expect(await plan.apply()).toBe('applied');
    await plan.close();
    expect(host.netInfo('vwf-skip')?.Autostart).toBe('yes');

    await page.getByTestId('skip-preview').check();
    // Every stage the change dialog shows, in order.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { stagesSeen: string[] }).stagesSeen = seen;
      new MutationObserver(() => {
        const stage = document.querySelector('[data-testid="plan-dialog"] [data-stage]')?.getAttribute('data-stage');
        if (stage && seen.at(-1) !== stage) seen.push(stage);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-stage'] });
    });
    const network = await nodeIdOf(page, session.hostId, 'network', 'vwf-skip');
    await nodeMenu(page, network, 'Autostart off');
    await plan.waitFor('report', 60_000);
    expect(await page.evaluate(() => (window as unknown as { stagesSeen: string[] }).stagesSeen)).not.toContain('preview');
    await plan.close();
    expect(host.netInfo('vwf-skip')?.Autostart).toBe('no');

    await nodeMenu(page, network, 'Delete');
    await plan.waitFor('preview');
    expect(await plan.dialog().getByTestId('confirm-destructive').count()).toBe(1);
    expect(await plan.apply()).toBe('applied');
    await plan.close();
    expect(host.networks()).not.toContain('vwf-skip');
    await page.getByTestId('skip-preview').uncheck();
  });

  it('drops a change whose dialog was closed while it was being planned', async () => {
    previewDelayMs = 1500;
    try {
      await nodeMenu(page, await nodeIdOf(page, session.hostId, 'network', 'routed'), 'Start');
      await plan.waitFor('planning');
      await page.keyboard.press('Escape');
      await page.waitForTimeout(2500);
      expect(await plan.dialog().count()).toBe(0);
      expect(host.netInfo('routed')?.Active).toBe('no');
    } finally {
      previewDelayMs = 0;
    }
  });

  it('lists applied changes in the Changes tab, newest first, and undoes from there', async () => {
    await hostMenu(page, 'Create bridge…');
    await page.getByTestId('device-form').getByLabel('Name').fill('vwf-hbr');
    await page.getByTestId('device-form').getByRole('button', { name: 'Preview…' }).click();
    await plan.waitFor('preview');
    expect(await plan.apply()).toBe('applied');
    await plan.close();
    expect(host.linkExists('vwf-hbr')).toBe(true);

    // By keyboard: the side panel's tabs take the arrow keys, the Undo button Enter.
    await page.getByRole('tab', { name: 'Outline' }).click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Changes' }).getAttribute('aria-selected')).toBe('true');
    const panel = page.getByTestId('changes-panel');
    const first = panel.getByTestId('change').first();
    await expect.poll(() => first.locator('.what').textContent()).toBe('Create bridge “vwf-hbr”');
    expect(await first.getAttribute('data-status')).toBe('applied');
    expect(await first.locator('code').allTextContents()).toContainEqual(expect.stringMatching(/ip link add .*vwf-hbr type bridge/));
    const applied = await panel.locator('[data-status="applied"] .what').allTextContents();
    expect(applied).toContain('Delete network “vwf-skip”');
    expect(applied.indexOf('Create bridge “vwf-hbr”')).toBeLessThan(applied.indexOf('Delete network “vwf-skip”'));
    // Applying new changes dropped what the first test undid, as redo would no longer fit.
    expect(await panel.locator('[data-status="undone"]').count()).toBe(0);
    await first.locator('summary').click();
    await page.screenshot({ path: join(RESULTS, 'virtwire-changes.png') });
    await page.getByTestId('theme-toggle').click();
    await page.screenshot({ path: join(RESULTS, 'virtwire-changes-dark.png') });
    await page.getByTestId('theme-toggle').click();

    await panel.getByTestId('changes-undo').focus();
    await page.keyboard.press('Enter');
    await plan.waitFor('preview');
    expect(await plan.commands()).toMatch(/ip link del .*vwf-hbr/);
    expect(await plan.apply()).toBe('applied');
    await plan.close();
    expect(host.linkExists('vwf-hbr')).toBe(false);
    await expect.poll(() => panel.locator('[data-status="undone"] .what').first().textContent()).toBe('Create bridge “vwf-hbr”');
  });
  it('refuses to apply a preview after someone else changed the network, and previews it again against the host as it is', async () => {
    expect(host.netInfo('isolated')?.Autostart).toBe('yes');
    try {
      await nodeMenu(page, await nodeIdOf(page, session.hostId, 'network', 'isolated'), 'Autostart off');
      await plan.waitFor('preview');
      host.virsh('net-autostart', 'isolated', '--disable');
      await page.keyboard.press('Enter');
      await plan.waitFor('stale');
      expect(await plan.dialog().getByTestId('plan-stale').textContent()).toMatch(/^Network isolated changed on the host since this change was previewed; nothing was run/);
      await plan.dialog().getByRole('button', { name: 'Preview again' }).click();
      await plan.waitFor('error');
      expect(await plan.dialog().textContent()).toContain('Network "isolated" already does not start at boot.');
      await plan.close();
    } finally {
      host.virsh('net-autostart', 'isolated');
    }
  });
});
