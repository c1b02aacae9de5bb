// npm run bench:graph — the graph of a big host in headless Chromium (needs `npm run build`).
// For generated topologies of 100, 1,000 and 2,000 VMs (test/support/many-vms.ts, two hosts),
// against bare cytoscape drawing the same elements at the same positions (autoLayout) with a
// preset layout and a minimal style, in the same browser and run:
//   load:   navigation start → the first frame with every node drawn; the app opens the file
//           with `virtwire web --open FILE`, bare cytoscape fetches the elements as JSON; one
//           load of each first is not counted (the browser's first page pays one-off costs)
//   frames: intervals between animation frames while real wheel and drag events zoom and pan,
//           without the idle ones (nothing drawn, one vsync) spent waiting for the next event
//   patch:  a live event with one VM added, or one VM's state changed, pushed as the backend
//           pushes it (a patch of what changed, diffHostObjects) through the stand-in backend of
//           the e2e tests (test/e2e/hosts-fake.ts, so no host is needed); bare cytoscape: cy.add /
//           node.data. Two times: → applied (the app's own work: the change is in cytoscape's
//           model, the update that put it there has ended) and → drawn (the frame after the one
//           whose redraw shows it, which adds cytoscape's redraw of the whole canvas)
//   select: a real click on a VM (the view zoomed in around it first, untimed), from the
//           button's release until the click's work has ended (applied: in the app, the graph's
//           selection, the details panel and the outline) and until the next frame (drawn)
// Prints medians and ratios; it asserts nothing.
import './runes-shim.ts';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementDefinition } from 'cytoscape';
import type { Browser, Page } from 'playwright-core';
import { graphElements, hostElementId } from '../../renderer/graph/elements.ts';
import type { LiveHost, LiveHostChange } from '../../shared/api/index.ts';
import { checkEvent } from '../../shared/api/outputs.ts';
import { serializeTopology } from '../../shared/topology/file.ts';
import { linkId, nodeId } from '../../shared/topology/ids.ts';
import { autoLayout } from '../../shared/topology/layout.ts';
import { emptyTopology, type Topology } from '../../shared/topology/model.ts';
import { diffHostObjects } from '../../shared/topology/patch.ts';
import { buildView } from '../../shared/topology/views.ts';
import { launchChromium, ROOT, startWebServer } from '../e2e/harness.ts';
import { installFakeBackend } from '../e2e/hosts-fake.ts';
import { manyVmsTopology } from '../support/many-vms.ts';
import { type ChangeTimes, defineKeepNamesHelper, panAndZoom, serveBareCytoscape, settledAt, timeChange, timeSelect, watchForSettledGraph } from './graph-page.ts';

const SIZES = (process.env.BENCH_VMS ?? '100,1000,2000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
// 9 of each: the first few in a page are slower (code not yet optimised by the engine), and
// with 9 the median is the steady one; each one's time is printed as well
const PATCHES = Number(process.env.BENCH_PATCHES ?? 9);
/** BENCH_MINIMAP=1: the app's pages open with the minimap shown (the app remembers it in localStorage) */
const MINIMAP = process.env.BENCH_MINIMAP === '1';
const VIEWPORT = { width: 1440, height: 900 };
const SETTLE_TIMEOUT = 180_000;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] ?? NaN;

interface Row {
  vms: number;
  elements: number;
  appLoad: number;
  bareLoad: number;
  appFrames: number[];
  bareFrames: number[];
  /** medians of the patches, each as [applied, drawn] */
  appAdd: ChangeTimes;
  appState: ChangeTimes;
  bareAdd: ChangeTimes;
  bareState: ChangeTimes;
  /** a click on a VM until it is selected: medians of PATCHES clicks */
  appSelect: ChangeTimes;
  bareSelect: ChangeTimes;
  notes: string[];
}

async function newPage(browser: Browser, problems: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT, colorScheme: 'light' });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  await defineKeepNamesHelper(page);
  if (MINIMAP) await page.addInitScript({ content: "localStorage.setItem('virtwire.minimap', 'shown');" });
  return page;
}

/** Loads a page, waits for the whole graph, then zooms and pans it. */
async function loadAndMove(browser: Browser, url: string, nodes: number, frames: number[], notes: string[]): Promise<number> {
  const page = await newPage(browser, notes);
  try {
    await watchForSettledGraph(page, nodes);
    await page.goto(url);
    const loaded = await settledAt(page, SETTLE_TIMEOUT, notes);
    const moved = await panAndZoom(page);
    frames.push(...moved.intervals);
    if (!moved.panned) notes.push(`${new URL(url).port}: the drag did not pan`);
    return loaded;
  } finally {
    await page.close();
  }
}

function liveHosts(topology: Topology): LiveHost[] {
  const hostOf = new Map(topology.nodes.map((n) => [n.id, n.host] as const));
  return topology.hosts.map((host) => ({
    profileId: `p-${host.label}`,
    host,
    nodes: topology.nodes.filter((n) => n.host === host.id),
    links: topology.links.filter((l) => hostOf.get(l.source) === host.id),
    banners: [],
    refreshedAt: '2026-12-01T08:00:00.000Z',
    revision: 1,
  }));
}

/** One step of the patch sequence: the live host after it, and the same change for bare cytoscape. */
interface Patch {
  live: LiveHost;
  bare: { add: ElementDefinition[] } | { data: { id: string; state: string } };
  expected: { id: string; state?: string };
}

/** Alternately adds a shut-off VM with one NIC (a copy of the first VM) and flips the first VM's state. */
function nextPatch(live: LiveHost, k: number): Patch {
  const vm = live.nodes.find((n) => n.kind === 'vm')!;
  if (k % 2 === 1) {
    const state = vm.state === 'running' ? 'shut off' : 'running';
    return { live: { ...live, nodes: live.nodes.map((n) => (n === vm ? { ...n, state } : n)) }, bare: { data: { id: vm.id, state } }, expected: { id: vm.id, state } };
  }
  const nic = live.links.find((l) => l.kind === 'nic' && l.source === vm.id)!;
  const uuid = `bench000-0000-4000-8000-${k.toString(16).padStart(12, '0')}`;
  const id = nodeId(live.host.id, 'vm', uuid);
  const mac = `52:54:00:be:00:${k.toString(16).padStart(2, '0')}`;
  const added = { ...vm, id, name: `bench-vm${k}`, uuid, state: 'shut off' };
  const link = { ...nic, id: linkId('nic', id, nic.target, mac), source: id, mac };
  return {
    live: { ...live, nodes: [...live.nodes, added], links: [...live.links, link] },
    bare: {
      add: [
        { group: 'nodes', data: { id, kind: 'vm', label: added.name, inHost: hostElementId(live.host.id) }, position: { x: 0, y: 0 } },
        { group: 'edges', data: { id: link.id, source: id, target: nic.target } },
      ],
    },
    expected: { id },
  };
}

interface Patches {
  add: ChangeTimes[];
  state: ChangeTimes[];
}

const medianTimes = (xs: ChangeTimes[]): ChangeTimes => ({ applied: median(xs.map((x) => x.applied)), drawn: median(xs.map((x) => x.drawn)) });

/** The app with the topology's hosts as live hosts of a stand-in backend, patched PATCHES times. */
async function patchApp(browser: Browser, url: string, topology: Topology, nodes: number, notes: string[]): Promise<Patches> {
  const page = await newPage(browser, notes);
  const hosts = liveHosts(topology);
  await installFakeBackend(page, {
    'app.getInfo': { name: 'VirtWire', version: '0.0.0', mode: 'browser', platform: 'linux' },
    'app.getInitialTopology': { topology: emptyTopology(), path: null, name: 'Untitled' },
    'files.recent': { files: [] },
    'hosts.list': { hosts: [] },
    'live.list': { hosts },
  });
  await watchForSettledGraph(page, nodes);
  await page.goto(url);
  await settledAt(page, SETTLE_TIMEOUT, notes);
  const times: Patches = { add: [], state: [] };
  let live = hosts[0]!;
  for (let k = 0; k < PATCHES * 2; k++) {
    const patch = nextPatch(live, k);
    // as the backend sends it: what changed since the revision the page holds
    const next = { ...patch.live, revision: live.revision! + 1 };
    const change: LiveHostChange = {
      profileId: live.profileId,
      patch: { ...diffHostObjects(live, next), base: live.revision!, revision: next.revision, host: next.host, banners: next.banners, refreshedAt: next.refreshedAt },
    };
    checkEvent('live.onDidChangeHost', change);
    (k % 2 === 0 ? times.add : times.state).push(await timeChange(page, { via: 'live-event', payload: change }, patch.expected));
    live = next;
  }
  await page.close();
  return times;
}

async function patchBare(browser: Browser, url: string, topology: Topology, nodes: number, notes: string[]): Promise<Patches> {
  const page = await newPage(browser, notes);
  await watchForSettledGraph(page, nodes);
  await page.goto(url);
  await settledAt(page, SETTLE_TIMEOUT, notes);
  const times: Patches = { add: [], state: [] };
  let live = liveHosts(topology)[0]!;
  for (let k = 0; k < PATCHES * 2; k++) {
    const patch = nextPatch(live, k);
    (k % 2 === 0 ? times.add : times.state).push(await timeChange(page, { via: 'cytoscape', ...patch.bare }, patch.expected));
    live = patch.live;
  }
  await page.close();
  return times;
}

/** Clicks each of the VMs in turn on a freshly loaded page (app or bare), zoomed in around it. */
async function selectTimes(browser: Browser, url: string, nodes: number, vmIds: string[], notes: string[]): Promise<ChangeTimes[]> {
  const page = await newPage(browser, notes);
  await watchForSettledGraph(page, nodes);
  await page.goto(url);
  await settledAt(page, SETTLE_TIMEOUT, notes);
  const times: ChangeTimes[] = [];
  try {
    for (const id of vmIds) {
      try {
        times.push(await timeSelect(page, id));
      } catch (error) {
        notes.push(`${new URL(url).port}: ${(error as Error).message}`);
      }
    }
  } finally {
    await page.close();
  }
  return times;
}

async function measure(browser: Browser, vms: number, dir: string): Promise<Row> {
  const topology = manyVmsTopology(vms);
  const file = join(dir, `${vms}-vms.json`);
  writeFileSync(file, serializeTopology(topology, '2026-12-01T08:00:00.000Z'));
  const elements = graphElements(buildView(topology, 'logical'), autoLayout(topology));
  const nodes = elements.filter((e) => e.group === 'nodes').length;
  const app = await startWebServer(['--open', file]);
  const bare = await serveBareCytoscape(elements);
  const notes: string[] = [];
  try {
    const load = { app: [] as number[], bare: [] as number[] };
    const frames = { app: [] as number[], bare: [] as number[] };
    // one load of each first, not counted: the browser's first page of a kind pays for what the
    // next ones reuse (compiled code, fonts), which is not the graph's cost
    await loadAndMove(browser, app.url, nodes, [], notes);
    await loadAndMove(browser, bare.url, nodes, [], notes);
    for (let run = 0; run < RUNS; run++) {
      load.app.push(await loadAndMove(browser, app.url, nodes, frames.app, notes));
      load.bare.push(await loadAndMove(browser, bare.url, nodes, frames.bare, notes));
    }
    notes.push(`loads ms, app: ${load.app.map((x) => x.toFixed(0)).join(', ')}; bare: ${load.bare.map((x) => x.toFixed(0)).join(', ')}`);
    const appPatch = await patchApp(browser, app.url, topology, nodes, notes);
    const barePatch = await patchBare(browser, bare.url, topology, nodes, notes);
    const each = (xs: ChangeTimes[]): string => xs.map((x) => x.applied.toFixed(0)).join(', ');
    notes.push(`patches applied ms in order, app add: ${each(appPatch.add)}; state: ${each(appPatch.state)}`);
    // VMs spread through the host, each clicked once
    const allVms = topology.nodes.filter((n) => n.kind === 'vm');
    const clicked = Array.from({ length: PATCHES }, (_, k) => allVms[Math.floor((k * allVms.length) / PATCHES)]!.id);
    const appSelect = await selectTimes(browser, app.url, nodes, clicked, notes);
    const bareSelect = await selectTimes(browser, bare.url, nodes, clicked, notes);
    notes.push(`selections applied ms in order, app: ${each(appSelect)}; bare: ${each(bareSelect)}`);
    return {
      vms,
      elements: elements.length,
      appLoad: median(load.app),
      bareLoad: median(load.bare),
      appFrames: frames.app,
      bareFrames: frames.bare,
      appAdd: medianTimes(appPatch.add),
      appState: medianTimes(appPatch.state),
      bareAdd: medianTimes(barePatch.add),
      bareState: medianTimes(barePatch.state),
      appSelect: medianTimes(appSelect),
      bareSelect: medianTimes(bareSelect),
      notes,
    };
  } finally {
    await bare.stop();
    await app.stop();
  }
}

const ms = (x: number, width = 6): string => x.toFixed(0).padStart(width);
const pair = (a: number, b: number): string => `${ms(a, 4)} /${ms(b, 4)}`;

function print(rows: Row[]): void {
  console.log(`bench:graph — headless Chromium ${VIEWPORT.width}×${VIEWPORT.height}${MINIMAP ? ', minimap shown' : ''}; load: median of ${RUNS}; frames: the zoom and pan gestures of all loads, idle frames left out; patch: median of ${PATCHES}`);
  console.log('   VMs  elements │ load ms: app   bare  ratio │ frame ms med/p95: app      bare │ patch applied ms add/state: app     bare │ patch drawn ms add/state: app      bare │ select ms applied/drawn: app     bare');
  for (const r of rows) {
    console.log(
      `${ms(r.vms)} ${ms(r.elements, 9)} │ ${ms(r.appLoad, 12)} ${ms(r.bareLoad)} ${(r.appLoad / r.bareLoad).toFixed(2).padStart(5)}× │` +
        ` ${pair(median(r.appFrames), p95(r.appFrames)).padStart(23)} ${pair(median(r.bareFrames), p95(r.bareFrames))} │` +
        ` ${pair(r.appAdd.applied, r.appState.applied).padStart(31)} ${pair(r.bareAdd.applied, r.bareState.applied)} │` +
        ` ${pair(r.appAdd.drawn, r.appState.drawn).padStart(29)} ${pair(r.bareAdd.drawn, r.bareState.drawn)} │` +
        ` ${pair(r.appSelect.applied, r.appSelect.drawn).padStart(28)} ${pair(r.bareSelect.applied, r.bareSelect.drawn)}`,
    );
    for (const note of r.notes) console.log(`        ${r.vms} VMs: ${note}`);
  }
  console.log('targets: load ≤ 2× bare; frame ≤ 16 ms at 1,000 VMs (one frame at 60 Hz, the interval floor here: 16.7 ms); selecting a node: its work done within one frame; patch applied ≤ one frame (the redraw after it is cytoscape\'s own, as on bare: compare drawn app with drawn bare)');
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'out/renderer/index.html'))) throw new Error('bench:graph measures the built UI: run `npm run build` first.');
  const dir = mkdtempSync(join(tmpdir(), 'virtwire-bench-graph-'));
  const browser = await launchChromium();
  const rows: Row[] = [];
  try {
    for (const vms of SIZES) rows.push(await measure(browser, vms, dir));
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
  print(rows);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
