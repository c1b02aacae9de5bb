// A live host's patch in real Chromium, through the stand-in backend (hosts-fake.ts): the graph
// changes only what the patch names — nothing already drawn moves, a new VM is placed beside the
// network it is wired to, and the selection, focus mode and search highlight stay. A patch that
// does not follow the revision the window holds makes it take the host whole (live.list).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LiveHost, LiveHostChange } from '../../shared/api/index.ts';
import { linkId, nodeId } from '../../shared/topology/ids.ts';
import { emptyTopology, type NicLink } from '../../shared/topology/model.ts';
import { diffHostObjects } from '../../shared/topology/patch.ts';
import { manyVmsTopology } from '../support/many-vms.ts';
import { launchChromium, startWebServer, type WebServer } from './harness.ts';
import { calls, emit, installFakeBackend } from './hosts-fake.ts';

let server: WebServer;
let browser: Browser;
let page: Page;

const topology = manyVmsTopology(80);
const host = topology.hosts[0]!;
const first: LiveHost = {
  profileId: 'p-alpha',
  host,
  nodes: topology.nodes.filter((n) => n.host === host.id),
  links: topology.links.filter((l) => l.source.startsWith(`${host.id}/`)),
  banners: [],
  refreshedAt: '2026-12-01T08:00:00.000Z',
  revision: 1,
};

/** Every node's position, selection and emphasis classes, as cytoscape has them. */
const drawn = () =>
  page.evaluate(() => {
    type El = { id(): string; position(): { x: number; y: number }; selected(): boolean; classes(): string[]; data(k: string): unknown };
    const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: { nodes(): { map<T>(f: (n: El) => T): T[] } } } })._cyreg.cy;
    return Object.fromEntries(cy.nodes().map((n) => [n.id(), { ...n.position(), selected: n.selected(), classes: n.classes().filter((c) => ['match', 'dim', 'faded'].includes(c)).sort(), state: n.data('state') }]));
  });

function patchFrom(before: LiveHost, after: LiveHost, base = before.revision!): LiveHostChange {
  return {
    profileId: before.profileId,
    patch: { ...diffHostObjects(before, after), base, revision: base + 1, host: after.host, banners: after.banners, refreshedAt: after.refreshedAt },
  };
}

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await installFakeBackend(page, {
    'app.getInfo': { name: 'VirtWire', version: '0.0.0', mode: 'browser', platform: 'linux' },
    'app.getInitialTopology': { topology: emptyTopology(), path: null, name: 'Untitled' },
    'files.recent': { files: [] },
    'hosts.list': { hosts: [] },
    'live.list': { hosts: [first] },
  });
  await page.goto(server.url);
  await page.waitForFunction(
    (count) => ((document.querySelector('[data-testid="graph"]') as (HTMLElement & { _cyreg?: { cy: { nodes(): { length: number } } } }) | null)?._cyreg?.cy.nodes().length ?? 0) > count,
    first.nodes.filter((n) => n.kind === 'vm').length,
    { timeout: 30_000 },
  );
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('changes only what a patch names, places a new VM by its network, and keeps the selection, focus and search', async () => {
  const net = first.nodes.find((n) => n.kind === 'network' && n.name === 'net1')!;
  // select net1 from the outline, turn focus mode on, and search for "vm4"
  await page.getByRole('tab', { name: /Outline/ }).click();
  await page.locator('[role="option"]').filter({ hasText: /^.*net1\b/ }).first().click();
  await page.locator('[data-testid="graph"]').focus();
  await page.keyboard.press('i');
  await page.keyboard.press('/');
  await page.keyboard.type('vm4');
  await expect.poll(async () => Object.values(await drawn()).some((n) => n.classes.includes('match'))).toBe(true);
  const before = await drawn();
  expect(before[net.id]!.selected).toBe(true);
  expect(Object.values(before).some((n) => n.classes.includes('faded'))).toBe(true);
  // the details of net1 read down to their end (in a short window, where they do not fit)
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: viewport.width, height: 360 });
  const details = page.getByTestId('details');
  const scrolled = await details.evaluate((panel) => (panel.scrollTop = panel.scrollHeight - panel.clientHeight));
  expect(scrolled).toBeGreaterThan(0);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))); // its scroll event seen

  // a VM added on net1, and vm4 stopped
  const vm4 = first.nodes.find((n) => n.kind === 'vm' && n.name === 'vm4')!;
  const template = first.links.find((l): l is NicLink => l.kind === 'nic' && l.target === net.id)!;
  const added = { ...vm4, id: nodeId(host.id, 'vm', 'e2e00000-0000-4000-8000-000000000001'), name: 'vm-new', uuid: 'e2e00000-0000-4000-8000-000000000001', state: 'shut off' };
  const mac = '52:54:00:e2:00:01';
  const link: NicLink = { ...template, id: linkId('nic', added.id, net.id, mac), source: added.id, mac, live: false, config: true };
  delete link.targetDev;
  const second: LiveHost = {
    ...first,
    nodes: [...first.nodes.map((n) => (n.id === vm4.id ? { ...n, state: 'shut off' } : n)), added],
    links: [...first.links, link],
    revision: 2,
  };
  await emit(page, 'live.onDidChangeHost', patchFrom(first, second));
  await expect.poll(async () => (await drawn())[added.id] !== undefined).toBe(true);
  const after = await drawn();
  expect(after[vm4.id]!.state).toBe('shut off');
  for (const [id, was] of Object.entries(before)) {
    if (id.startsWith('host:')) continue; // a host's group grows around what it holds
    expect({ id, x: after[id]?.x, y: after[id]?.y }).toEqual({ id, x: was.x, y: was.y });
  }
  // beside its network: nearer to net1 than to any other network
  const distance = (id: string) => Math.hypot(after[id]!.x - after[added.id]!.x, after[id]!.y - after[added.id]!.y);
  const networks = first.nodes.filter((n) => n.kind === 'network' && after[n.id]);
  expect(networks.every((n) => n.id === net.id || distance(n.id) > distance(net.id))).toBe(true);
  // what the user had on screen is still there; the new VM is dimmed by the search like other non-matches
  expect(after[net.id]!.selected).toBe(true);
  // net1's details changed (a link more) where the reader was: not taken back to the top
  await expect.poll(() => details.getByTestId('links').locator('h3 .count').textContent()).toBe(String(first.links.filter((l) => l.source === net.id || l.target === net.id).length + 1));
  expect(await details.evaluate((panel) => panel.scrollTop)).toBe(scrolled);
  await page.setViewportSize(viewport);
  expect(after[vm4.id]!.classes).toContain('match');
  expect(after[added.id]!.classes).toContain('dim');
  expect(Object.values(after).some((n) => n.classes.includes('faded'))).toBe(true);
  expect(after[added.id]!.classes).not.toContain('faded'); // wired to the focused network
  expect(await calls(page, 'live.list')).toHaveLength(1); // the page's start only

  // a patch for a revision the window does not hold: it asks for the whole host (the stand-in
  // answers with the first picture, so the added VM goes again)
  await emit(page, 'live.onDidChangeHost', patchFrom(first, second, 7));
  await expect.poll(() => calls(page, 'live.list').then((c) => c.length)).toBe(2);
  await expect.poll(async () => (await drawn())[added.id]).toBeUndefined();
}, 60_000);
