// A host whose connection is being retried keeps its picture on the canvas, and its group says
// that the picture is from when the connection was lost, in a muted style in both themes; once
// it is connected again the note goes. Real Chromium with the stand-in backend (hosts-fake.ts),
// which can put a host in "reconnecting" on demand; the lab test covers real reconnects.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostProfile, LiveHost } from '../../shared/api/index.ts';
import { demoTopology } from '../../shared/topology/demo.ts';
import { emptyTopology, type Topology } from '../../shared/topology/model.ts';
import { launchChromium, ROOT, startWebServer, type WebServer } from './harness.ts';
import { emit, installFakeBackend } from './hosts-fake.ts';

const RESULTS = join(ROOT, 'test-results');
const base = { uri: 'qemu:///system', useSudo: false, knownHostsPolicy: 'ask', rememberSecrets: false } as const;
const PROFILES: HostProfile[] = [
  { ...base, id: 'p-lab', label: 'lab', target: 'root@lab:2222' },
  { ...base, id: 'p-backup', label: 'backup', target: 'admin@backup' },
];

function liveHost(profileId: string, hostId: string, label: string): LiveHost {
  const demo = JSON.parse(JSON.stringify(demoTopology()).replaceAll('root@kvm-host', hostId)) as Topology;
  return { profileId, host: { ...demo.hosts[0]!, label }, nodes: demo.nodes, links: demo.links, banners: [], refreshedAt: new Date().toISOString() };
}

interface HostLook {
  label: string;
  stale: boolean;
  borderStyle: string;
  backgroundOpacity: number;
  color: string;
}

let server: WebServer;
let browser: Browser;
let page: Page;

/** How a host's group is drawn: cytoscape's computed style, which is what its canvas paints. */
const hostLook = (hostId: string): Promise<HostLook> =>
  page.evaluate((id) => {
    type Host = { hasClass(c: string): boolean; style(name: string): string };
    const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: { getElementById(i: string): Host } } })._cyreg.cy;
    const host = cy.getElementById(`host:${id}`);
    return { label: host.style('label'), stale: host.hasClass('stale'), borderStyle: host.style('border-style'), backgroundOpacity: Number(host.style('background-opacity')), color: host.style('color') };
  }, hostId);

/** The theme's muted text colour as cytoscape writes colours ("rgb(r,g,b)"). */
const mutedColour = (): Promise<string> =>
  page.evaluate(() => {
    const probe = document.createElement('span');
    probe.style.color = getComputedStyle(document.documentElement).getPropertyValue('--text-muted');
    document.body.append(probe);
    const colour = getComputedStyle(probe).color.replaceAll(' ', '');
    probe.remove();
    return colour;
  });

const clock = (): Promise<string> => page.evaluate(() => new Date().toTimeString().slice(0, 5));
const row = (label: string) => page.getByTestId('host-row').filter({ hasText: label });

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  await installFakeBackend(page, {
    'app.getInfo': { name: 'VirtWire', version: '0.0.0', mode: 'browser', platform: 'linux' },
    'app.getInitialTopology': { topology: emptyTopology(), path: null, name: 'Untitled' },
    'files.recent': { files: [] },
    'hosts.list': { hosts: PROFILES },
    'live.list': { hosts: [] },
  });
  await page.goto(server.url);
  await page.getByTestId('graph').waitFor();
  for (const [profileId, hostId, label] of [['p-lab', 'root@lab:2222', 'lab'], ['p-backup', 'admin@backup', 'backup']] as const) {
    await emit(page, 'hosts.onDidChangeState', { hostId: profileId, state: 'connected' });
    await emit(page, 'live.onDidChangeHost', { profileId, live: liveHost(profileId, hostId, label) });
  }
  await page.waitForFunction(() => {
    const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg?: { cy: { getElementById(i: string): { length: number } } } })._cyreg?.cy;
    return (cy?.getElementById('host:admin@backup').length ?? 0) > 0;
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a host being reconnected', () => {
  it('says on its group that the picture is from when the connection was lost, muted, and leaves the other host alone', async () => {
    const before = await clock();
    await emit(page, 'hosts.onDidChangeState', { hostId: 'p-backup', state: 'reconnecting', attempt: 1, reason: { code: 'disconnected', message: 'The connection was lost.' } });
    const after = await clock();
    await expect.poll(() => row('backup').getByTestId('host-state').textContent()).toBe('Reconnecting (attempt 1)…');
    await expect.poll(async () => (await hostLook('admin@backup')).stale).toBe(true);
    const look = await hostLook('admin@backup');
    expect([`backup\nReconnecting — showing the picture from ${before}`, `backup\nReconnecting — showing the picture from ${after}`]).toContain(look.label);
    expect(look.borderStyle).toBe('dashed');
    expect(look.backgroundOpacity).toBeLessThan(1);
    expect(look.color).toBe(await mutedColour());
    expect(await hostLook('root@lab:2222')).toMatchObject({ label: 'lab', stale: false, borderStyle: 'solid', backgroundOpacity: 1 });
  });

  it('keeps the time it lost the connection through further attempts and redraws, in the dark theme too', async () => {
    const { label } = await hostLook('admin@backup');
    await emit(page, 'hosts.onDidChangeState', { hostId: 'p-backup', state: 'reconnecting', attempt: 2 });
    // a redraw of the canvas (the other host changed) keeps the note
    await emit(page, 'live.onDidChangeHost', { profileId: 'p-lab', live: { ...liveHost('p-lab', 'root@lab:2222', 'lab'), banners: [{ key: 'banner.noVirsh' }] } });
    await expect.poll(() => row('backup').getByTestId('host-state').textContent()).toBe('Reconnecting (attempt 2)…');
    expect((await hostLook('admin@backup')).label).toBe(label);

    const lightMuted = await mutedColour();
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const darkMuted = await mutedColour();
    expect(darkMuted).not.toBe(lightMuted);
    await expect.poll(async () => (await hostLook('admin@backup')).color).toBe(darkMuted);
    expect(await hostLook('admin@backup')).toMatchObject({ label, stale: true, borderStyle: 'dashed' });
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'virtwire-stale-host-dark.png') });
  });

  it('drops the note once the host is connected again', async () => {
    await emit(page, 'hosts.onDidChangeState', { hostId: 'p-backup', state: 'connected' });
    await expect.poll(async () => (await hostLook('admin@backup')).stale).toBe(false);
    expect(await hostLook('admin@backup')).toMatchObject({ label: 'backup', borderStyle: 'solid', backgroundOpacity: 1 });
  });
});
