// A big host's outline and details in real Chromium (`virtwire web --open` a generated
// 1,000-VM file on two hosts): only the rows in sight are in the page, in natural order, each
// naming its host; the selection is brought into view; a busy network's links come 50 at a time.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outlineGroups } from '../../renderer/outline/items.ts';
import { NODE_KINDS } from '../../shared/topology/model.ts';
import { manyVmsTopology } from '../support/many-vms.ts';
import { type BigHostPage, openBigHost, RESULTS, selectedVms } from './big-host-support.ts';

const topology = manyVmsTopology(1000);

let big: BigHostPage;
let page: Page;

beforeAll(async () => {
  big = await openBigHost(topology);
  page = big.page;
}, 90_000);

afterAll(async () => {
  await big?.close();
});

describe('the outline of a big host', () => {
  const outline = () => page.getByTestId('outline');
  const list = () => outline().getByRole('listbox');
  const rows = () => list().locator('[role="option"]');
  /** the list's scroll, size and the rows in the page with their places */
  const listState = () =>
    list().evaluate((el) => ({
      scrollTop: el.scrollTop,
      scrollHeight: el.scrollHeight,
      clientHeight: el.clientHeight,
      top: el.getBoundingClientRect().top,
      bottom: el.getBoundingClientRect().bottom,
      active: el.getAttribute('aria-activedescendant'),
    }));
  const rowAt = async (name: string) => {
    const row = rows().filter({ has: page.locator('.name', { hasText: new RegExp(`^${name}$`) }) });
    if ((await row.count()) === 0) return { id: null, selected: null, box: null };
    const box = await row.boundingBox();
    return { id: await row.getAttribute('id'), selected: await row.getAttribute('aria-selected'), box };
  };
  const objects = topology.nodes.length;
  /** the count over the list with nothing filtered out, as the user reads it: “1,959 of 1,959” */
  const allShown = `${objects.toLocaleString('en')} of ${objects.toLocaleString('en')}`;
  const sorted = outlineGroups(topology, { text: '', kinds: new Set(NODE_KINDS) });

  it('lists every object but puts only the rows in sight in the page', async () => {
    await page.getByTestId('outline-filter').fill('');
    await page.keyboard.press('Escape');
    await expect.poll(() => outline().locator('.count').textContent()).toBe(allShown);
    const vms = topology.nodes.filter((n) => n.kind === 'vm').length;
    expect(await outline().locator('.chip[data-kind="vm"] .n').textContent()).toBe(vms.toLocaleString('en'));
    const state = await listState();
    const inPage = await rows().count();
    expect(inPage).toBeGreaterThan(10);
    expect(inPage).toBeLessThan(100);
    // the scrollbar is as long as all the rows (titles included) would be
    expect(state.scrollHeight).toBeGreaterThanOrEqual((objects + sorted.length) * 28);
    expect(await rows().first().getAttribute('aria-setsize')).toBe(String(objects));
  });

  it('tells two hosts’ objects of one name apart, and finds objects by host', async () => {
    const shown = () => rows().evaluateAll((options) => options.map((o) => `${o.querySelector('.name')?.textContent} · ${o.querySelector('.host')?.textContent}`));
    // (the words are found in the name, state, kind and host: vnet2… TAPs hold “net2” too)
    await page.getByTestId('outline-filter').fill('net2 network');
    await expect.poll(shown).toEqual(['net2 · alpha', 'net2 · beta']);
    expect(await rows().last().locator('.host').getAttribute('title')).toBe('On host beta');
    await page.getByTestId('outline-filter').fill('beta net2 network');
    await expect.poll(shown).toEqual(['net2 · beta']);
    await page.getByTestId('outline-filter').fill('');
    await page.getByTestId('outline-filter').blur();
    await expect.poll(() => outline().locator('.count').textContent()).toBe(allShown);
  });

  it('scrolls to the last object in natural order', async () => {
    await list().evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const last = sorted.at(-1)!.items.at(-1)!;
    await expect.poll(async () => (await rows().last().locator('.name').textContent()) ?? '').toBe(last.name);
    expect(await rows().last().getAttribute('aria-posinset')).toBe(String(objects));
    // the rows before it in the page are the ones before it in order
    const names = await rows().locator('.name').allTextContents();
    const items = sorted.flatMap((g) => g.items.map((i) => i.name));
    expect(names).toEqual(items.slice(items.length - names.length));
    await list().evaluate((el) => el.scrollTo({ top: 0 }));
  });

  it('brings the row of what is selected elsewhere into view, and steps from it with the keyboard', async () => {
    // selected from the canvas search, far down the list; the search cleared, the row is shown
    await page.keyboard.press('/');
    await page.keyboard.type('vm765');
    await page.keyboard.press('Enter');
    await expect.poll(async () => selectedVms(page, topology)).toEqual(['vm765']);
    await page.getByTestId('outline-filter').fill('');
    await expect.poll(() => outline().locator('.count').textContent()).toBe(allShown);
    await expect.poll(async () => (await rowAt('vm765')).selected).toBe('true');
    const row = await rowAt('vm765');
    const state = await listState();
    expect(state.scrollTop).toBeGreaterThan(700 * 28);
    expect(row.box!.y).toBeGreaterThanOrEqual(state.top - 1);
    expect(row.box!.y + row.box!.height).toBeLessThanOrEqual(state.bottom + 1);
    expect(state.active).toBe(row.id);
    // the next in natural order, from the list's keyboard
    await list().focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => selectedVms(page, topology)).toEqual(['vm766']);
    await expect.poll(async () => (await rowAt('vm766')).selected).toBe('true');
    expect((await rowAt('vm765')).selected).toBe('false');
    await page.screenshot({ path: join(RESULTS, 'big-host-outline.png') });
    await page.keyboard.press('Escape');
  });
});

describe('the details of a busy object', () => {
  it('lists the first 50 of a network’s links, and all of them when asked, until another object is chosen', async () => {
    const linksOf = (id: string) => topology.links.filter((l) => l.source === id || l.target === id).length;
    const networks = topology.nodes.filter((n) => n.kind === 'network').sort((a, b) => linksOf(b.id) - linksOf(a.id));
    const busy = networks[0]!;
    const count = linksOf(busy.id);
    expect(count).toBeGreaterThan(50);
    const host = topology.hosts.find((h) => h.id === busy.host)!.label;
    const choose = async (words: string) => {
      await page.getByTestId('outline-filter').fill(words);
      await page.getByTestId('outline').getByRole('option').first().click();
    };
    const links = page.getByTestId('details').getByTestId('links');
    await choose(`${busy.name} network ${host}`);
    await expect.poll(() => page.getByTestId('details').locator('h2').textContent()).toBe(busy.name);
    expect(await links.locator('h3 .count').textContent()).toBe(String(count));
    expect(await links.locator('dd').count()).toBe(50);
    await links.getByTestId('show-all').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS, 'big-host-details.png') });
    await links.getByRole('button', { name: `Show all ${count} links` }).click();
    await expect.poll(() => links.locator('dd').count()).toBe(count);
    expect(await links.getByTestId('show-all').count()).toBe(0);
    // scrolled down to the last link, then another object: it starts short again, from its top
    await links.locator('dd').last().scrollIntoViewIfNeeded();
    expect(await page.getByTestId('details').evaluate((panel) => panel.scrollTop)).toBeGreaterThan(0);
    const other = networks[1]!;
    await choose(`${other.name} network ${topology.hosts.find((h) => h.id === other.host)!.label}`);
    await expect.poll(() => page.getByTestId('details').locator('h2').textContent()).toBe(other.name);
    await expect.poll(() => page.getByTestId('details').evaluate((panel) => panel.scrollTop)).toBe(0);
    expect(linksOf(other.id)).toBeGreaterThan(50);
    expect(await links.locator('dd').count()).toBe(50);
    await page.getByTestId('outline-filter').fill('');
    await page.getByTestId('outline-filter').blur();
  });
});

it('ran all of the above without a console error, an uncaught exception or a Content-Security-Policy violation', () => {
  expect(big.problems).toEqual([]);
});
