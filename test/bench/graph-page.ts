// What bench:graph does inside the page: when the graph is drawn, the frame intervals while
// real mouse wheel and drag events pan and zoom it, and how long a change takes to show. The
// app's page and the bare cytoscape page both keep their instance on `[data-testid="graph"]`
// (cytoscape's `_cyreg`), so every measurement reads both the same way.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ElementDefinition } from 'cytoscape';
import type { Page } from 'playwright-core';
import type { LiveHostChange } from '../../shared/api/index.ts';
import { ROOT } from '../e2e/harness.ts';

interface CyLike {
  nodes(): { length: number; renderedBoundingBox(): Box; map<T>(f: (n: { renderedBoundingBox(): Box }) => T): T[] };
  getElementById(id: string): { nonempty(): boolean; data(key: string): unknown };
  pan(): { x: number; y: number };
  on(event: string, f: () => void): void;
  off(event: string, f: () => void): void;
}
interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
type BenchWindow = Window & {
  __settledAt?: number;
  /** frame start times, times cytoscape finished drawing */
  __frames?: { starts: number[]; drawn: number[]; on: boolean; stop(): void };
};

/**
 * tsx compiles with esbuild's keepNames, which wraps a function declared inside a function
 * sent to the page in `__name(…)`, a helper the page lacks: define it before anything runs.
 */
export async function defineKeepNamesHelper(page: Page): Promise<void> {
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
}

/**
 * Before the page's own scripts: watches every frame for the graph to hold `nodes` nodes and
 * records the time (from navigation start) of the frame after, which has them drawn.
 */
export async function watchForSettledGraph(page: Page, nodes: number): Promise<void> {
  await page.addInitScript((expected) => {
    const w = window as BenchWindow;
    let seen = false;
    const tick = (): void => {
      if (seen) {
        w.__settledAt = performance.now();
        return;
      }
      const cy = (document.querySelector('[data-testid="graph"]') as { _cyreg?: { cy?: CyLike } } | null)?._cyreg?.cy;
      seen = (cy?.nodes().length ?? 0) >= expected;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, nodes);
}

/** Milliseconds from navigation start to the first frame with the whole graph drawn. */
export async function settledAt(page: Page, timeout: number, problems: readonly string[]): Promise<number> {
  try {
    await page.waitForFunction(() => (window as BenchWindow).__settledAt !== undefined, undefined, { timeout });
  } catch (e) {
    throw new Error(`${page.url()}: the graph was not drawn in ${timeout / 1000} s. ${problems.join('; ')}`, { cause: e });
  }
  return page.evaluate(() => (window as BenchWindow).__settledAt!);
}

/** A point on the graph's empty background (a drag there pans), in page coordinates. */
async function backgroundPoint(page: Page): Promise<{ x: number; y: number }> {
  const found = await page.evaluate(() => {
    const container = document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: CyLike } };
    const boxes = container._cyreg.cy.nodes().map((n) => n.renderedBoundingBox());
    const origin = container.getBoundingClientRect();
    const margin = 12;
    for (let y = 30; y < origin.height - 80; y += 10) {
      for (let x = 30; x < origin.width - 80; x += 10) {
        if (boxes.some((b) => x > b.x1 - margin && x < b.x2 + margin && y > b.y1 - margin && y < b.y2 + margin)) continue;
        const hit = document.elementFromPoint(origin.left + x, origin.top + y);
        if (hit && container.contains(hit)) return { x: origin.left + x, y: origin.top + y };
      }
    }
    return null;
  });
  if (!found) throw new Error('no empty background to drag the graph by');
  return found;
}

/** A frame longer than this was held up by work, not waiting for vsync (60 Hz). */
const STALLED = 25;

/**
 * The intervals between animation frames while `gesture` runs, leaving out frames in which
 * cytoscape drew nothing and that took one vsync: the page was idle waiting for the next
 * event, so how fast events arrive does not water the figures down. Frames it drew in, and
 * frames held up by work (texture updates, event handling), all count.
 */
async function busyFramesDuring(page: Page, gesture: () => Promise<void>): Promise<number[]> {
  await page.evaluate(() => {
    const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: CyLike } })._cyreg.cy;
    const frames: NonNullable<BenchWindow['__frames']> = { starts: [], drawn: [], on: true, stop: () => cy.off('render', drawn) };
    const drawn = (): void => void frames.drawn.push(performance.now());
    cy.on('render', drawn);
    const tick = (t: number): void => {
      frames.starts.push(t);
      if (frames.on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    (window as BenchWindow).__frames = frames;
  });
  await gesture();
  const { starts, drawn } = await page.evaluate(() => {
    const frames = (window as BenchWindow).__frames!;
    frames.on = false;
    frames.stop();
    return { starts: frames.starts, drawn: frames.drawn };
  });
  const intervals: number[] = [];
  for (let i = 1; i < starts.length; i++) {
    const [from, to] = [starts[i - 1]!, starts[i]!];
    if (to - from > STALLED || drawn.some((t) => t >= from && t < to)) intervals.push(to - from);
  }
  return intervals;
}

const STEPS = 60;

/**
 * Zooms in and out with the wheel over the graph's middle, then drags the background there
 * and back, sending each event as soon as the page took the last one. Returns the intervals
 * of the frames drawn during both gestures, and whether the drag moved the viewport (one that
 * grabbed a node would not pan).
 */
export async function panAndZoom(page: Page): Promise<{ intervals: number[]; panned: boolean }> {
  const box = await page.getByTestId('graph').boundingBox();
  if (!box) throw new Error('the graph has no box');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const zooming = await busyFramesDuring(page, async () => {
    for (const deltaY of [-5, 5]) for (let step = 0; step < STEPS; step++) await page.mouse.wheel(0, deltaY);
  });
  const start = await backgroundPoint(page);
  const panX = () => page.evaluate(() => (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: CyLike } })._cyreg.cy.pan().x);
  const before = await panX();
  let panned = false;
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const panning = await busyFramesDuring(page, async () => {
    for (let step = 1; step <= STEPS * 2; step++) await page.mouse.move(start.x + step * 2, start.y + step);
    panned = (await panX()) !== before;
    for (let step = STEPS * 2 - 1; step >= 0; step--) await page.mouse.move(start.x + step * 2, start.y + step);
  });
  await page.mouse.up();
  return { intervals: [...zooming, ...panning], panned };
}

/** What a change must bring to the graph for it to count as shown. */
export interface ExpectedChange {
  id: string;
  /** the node's state after the change; absent: the node only has to be there */
  state?: string;
}

/**
 * A change made in the page: a live event pushed through the stand-in backend
 * (test/e2e/hosts-fake.ts), or, on bare cytoscape, elements added or a node's data set.
 */
export type PageChange =
  | { via: 'live-event'; payload: LiveHostChange }
  | { via: 'cytoscape'; add: ElementDefinition[] }
  | { via: 'cytoscape'; data: { id: string; state: string } };

/** Milliseconds from making a change in the page until it is in the drawing, and until it is on screen. */
export interface ChangeTimes {
  /**
   * → the end of the work that put it into cytoscape's model: the microtask after the one in
   * which the element appeared (or took its new state), so the rest of that update (host boxes,
   * marks) counts, and cytoscape's next redraw does not
   */
  applied: number;
  /**
   * → the end of the next frame's animation callbacks after it was applied: cytoscape redraws
   * in its own callback, asked for first, so this is the frame that shows it, drawn
   */
  drawn: number;
}

export async function timeChange(page: Page, change: PageChange, expected: ExpectedChange): Promise<ChangeTimes> {
  // the payload crosses into the page first, so its transfer is not timed
  await page.evaluate((c) => ((window as unknown as { __change: PageChange }).__change = c), change);
  return page.evaluate(
    (want) =>
      new Promise<ChangeTimes>((resolve) => {
        type Cy = CyLike & { add(e: unknown): void };
        const w = window as unknown as { __change: PageChange; __fake?: { emit(event: string, payload: unknown): void } };
        const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: Cy } })._cyreg.cy;
        const shown = (): boolean => {
          const node = cy.getElementById(want.id);
          return node.nonempty() && (want.state === undefined || node.data('state') === want.state);
        };
        let applied: number | undefined;
        let done = false;
        // the frame after the change reached cytoscape's model: cytoscape's own animation frame
        // callback, which redraws, was asked for before this one, so it runs first
        const drawnNext = (): void => {
          requestAnimationFrame(() => {
            if (done) return;
            done = true;
            cy.off('add data', onChange);
            resolve({ applied: applied ?? NaN, drawn: performance.now() - started });
          });
        };
        const onChange = (): void => {
          if (applied !== undefined || !shown()) return;
          applied = NaN;
          queueMicrotask(() => {
            applied = performance.now() - started;
            drawnNext();
          });
        };
        cy.on('add data', onChange);
        const c = w.__change;
        const started = performance.now();
        if (c.via === 'live-event') w.__fake!.emit('live.onDidChangeHost', c.payload);
        else if ('add' in c) cy.add(c.add);
        else (cy.getElementById(c.data.id) as unknown as { data(k: string, v: string): void }).data('state', c.data.state);
        // in case the change came without an event this listens to: it is seen in a frame
        const check = (): void => {
          if (done) return;
          if (shown()) drawnNext();
          else requestAnimationFrame(check);
        };
        check();
      }),
    expected,
  );
}

const BARE_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>bare cytoscape</title>
<style>html, body { margin: 0; height: 100%; } #graph { position: absolute; inset: 0; }</style>
<script src="/cytoscape.min.js"></script></head>
<body><div id="graph" data-testid="graph"></div>
<script>
fetch('/elements.json').then((r) => r.json()).then((elements) => {
  window.cy = cytoscape({
    container: document.getElementById('graph'),
    elements,
    layout: { name: 'preset', fit: true, padding: 40 },
    minZoom: 0.05,
    maxZoom: 4,
    style: [
      { selector: 'node', style: { label: 'data(label)', 'font-size': 11, width: 40, height: 40 } },
      { selector: ':parent', style: { 'background-opacity': 0.05 } },
      { selector: 'edge', style: { width: 1.5, 'curve-style': 'straight' } },
    ],
  });
});
</script></body></html>`;

export interface BarePage {
  url: string;
  stop(): Promise<void>;
}

/** Serves bare cytoscape (from node_modules) drawing `elements` with a preset layout and a minimal style. */
export async function serveBareCytoscape(elements: ElementDefinition[]): Promise<BarePage> {
  const files: Record<string, [string, string]> = {
    '/': ['text/html', BARE_PAGE],
    '/cytoscape.min.js': ['text/javascript', readFileSync(join(ROOT, 'node_modules/cytoscape/dist/cytoscape.min.js'), 'utf8')],
    '/elements.json': ['application/json', JSON.stringify(elements)],
  };
  const server: Server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    if (!file) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Selecting a VM with a real click: the view is first zoomed in around it (not timed: zoomed
 * out, the app draws a busy network's VMs as one aggregate), then the mouse clicks it. Times
 * from the button's release, which cytoscape's tap follows, as seen first in the page (a
 * capturing listener on the window): applied — until the click's work has ended, the app's own
 * (the selection in the graph, the details panel, the outline) with it, not the redraw cytoscape
 * asks a frame for; drawn — until the next animation frame after that.
 */
export async function timeSelect(page: Page, nodeId: string): Promise<ChangeTimes> {
  const at = await page.evaluate(async (id) => {
    type Cy = {
      getElementById(id: string): { renderedPosition(): { x: number; y: number }; position(): { x: number; y: number }; selected(): boolean; unselect(): void };
      viewport(options: { zoom: number; pan: { x: number; y: number } }): void;
      width(): number;
      height(): number;
      container(): HTMLElement;
    };
    const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: Cy } })._cyreg.cy;
    const node = cy.getElementById(id);
    // centred by its position: zoomed out, the app hides it inside an aggregate, and cytoscape
    // cannot centre on what it does not draw
    const where = node.position();
    cy.viewport({ zoom: 1, pan: { x: cy.width() / 2 - where.x, y: cy.height() / 2 - where.y } });
    // the app shows the aggregates' VMs again once the zoom has settled
    await new Promise((resolve) => setTimeout(resolve, 800));
    const origin = cy.container().getBoundingClientRect();
    const p = node.renderedPosition();
    return { x: origin.left + p.x, y: origin.top + p.y };
  }, nodeId);
  await page.evaluate((id) => {
    const w = window as unknown as { __select: Promise<ChangeTimes> };
    type Cy = { getElementById(id: string): { on(event: string, f: () => void): void; selected(): boolean } };
    const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: Cy } })._cyreg.cy;
    w.__select = new Promise<ChangeTimes>((resolve) => {
      // a click that selects nothing (it missed) ends the wait, as NaN
      setTimeout(() => resolve({ applied: NaN, drawn: NaN }), 5_000);
      let released = NaN;
      window.addEventListener('mouseup', () => void (released = performance.now()), { capture: true, once: true });
      cy.getElementById(id).on('select', () => {
        // the tap that follows (the app's handler) changes the app's state, whose effects run in
        // a microtask queued after this one: the one queued from this one runs after them
        queueMicrotask(() =>
          queueMicrotask(() => {
            const applied = performance.now() - released;
            requestAnimationFrame(() => resolve({ applied, drawn: performance.now() - released }));
          }),
        );
      });
    });
  }, nodeId);
  await page.mouse.click(at.x, at.y);
  const times = await page.evaluate(() => (window as unknown as { __select: Promise<ChangeTimes> }).__select);
  if (Number.isFinite(times.applied)) return times;
  // what was there instead, for the note the bench prints
  const seen = await page.evaluate(
    ({ id, x, y }) => {
      type Cy = { getElementById(id: string): { visible(): boolean; selected(): boolean }; zoom(): number; $(s: string): { map<T>(f: (e: { id(): string }) => T): T[] } };
      const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg: { cy: Cy } })._cyreg.cy;
      const node = cy.getElementById(id);
      const top = document.elementFromPoint(x, y);
      return `visible ${node.visible()}, zoom ${cy.zoom().toFixed(2)}, on top: ${top?.tagName ?? 'nothing'}${top?.className ? `.${String(top.className)}` : ''}, selected: ${cy.$(':selected').map((e) => e.id()).join(' ')}`;
    },
    { id: nodeId, x: at.x, y: at.y },
  );
  throw new Error(`the click on ${nodeId} selected nothing: ${seen}`);
}
