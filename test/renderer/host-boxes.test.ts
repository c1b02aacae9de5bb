// Host boxes (renderer/graph/hostBoxes.ts) on a headless cytoscape: a host is a plain node
// fitted around its objects, dragging it takes them along, and it changes only when what it
// holds moved, came or went. (In Chromium: test/e2e/viewer.e2e.test.ts drags one.)
import cytoscape, { type Core, type NodeSingular } from 'cytoscape';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HostBoxes, IN_HOST } from '../../renderer/graph/hostBoxes.ts';

const SIZE = 40;
const PADDING = 32;
/** cytoscape's bounding box of a node: its size and a pixel each side */
const SPAN = SIZE + 2;
/** vm at (0, 0) and net at (200, 100): their boxes span 200 + SPAN by 100 + SPAN */
const BOTH = { x: 100, y: 50, width: 200 + SPAN + 2 * PADDING, height: 100 + SPAN + 2 * PADDING };

function drawing(): { cy: Core; boxes: HostBoxes } {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [
      { selector: 'node', style: { width: SIZE, height: SIZE, 'border-width': 0 } },
      { selector: '.gone', style: { display: 'none' } },
    ],
  });
  // added as the graph adds them, at their positions (cytoscape's start-up layout would move them)
  cy.add([
      { group: 'nodes', data: { id: 'host:a', kind: 'host' }, classes: 'host' },
      { group: 'nodes', data: { id: 'host:b', kind: 'host' }, classes: 'host', position: { x: 900, y: 900 } },
      { group: 'nodes', data: { id: 'vm', kind: 'vm', [IN_HOST]: 'host:a' }, position: { x: 0, y: 0 } },
      { group: 'nodes', data: { id: 'net', kind: 'network', [IN_HOST]: 'host:a' }, position: { x: 200, y: 100 } },
      { group: 'nodes', data: { id: 'other', kind: 'vm', [IN_HOST]: 'host:c' }, position: { x: -500, y: -500 } },
    { group: 'edges', data: { id: 'nic', source: 'vm', target: 'net' } },
  ]);
  return { cy, boxes: new HostBoxes(cy) };
}

const node = (cy: Core, id: string): NodeSingular => cy.getElementById(id) as NodeSingular;
const box = (cy: Core, id: string) => {
  const host = node(cy, id);
  return { x: host.position('x'), y: host.position('y'), width: host.width(), height: host.height() };
};

afterEach(() => vi.unstubAllGlobals());

describe('host boxes', () => {
  it('fits each host around what it holds, with room around it, and nothing else', () => {
    const { cy, boxes } = drawing();
    boxes.fit();
    // vm spans -20..20, net 180..220 × 80..120
    expect(box(cy, 'host:a')).toEqual(BOTH);
    expect(boxes.members('host:a').map((n) => n.id()).sort()).toEqual(['net', 'vm']);
  });

  it('keeps each host’s name 13 px on screen when zoomed out, up to an eighth of its box', () => {
    const { cy, boxes } = drawing();
    boxes.fit();
    const label = (id: string) => ({ size: node(cy, id).numericStyle('font-size'), gap: node(cy, id).numericStyle('text-margin-y') });
    // at 100 % and closer, the style's own 13
    cy.zoom(2);
    boxes.sizeLabels();
    expect(label('host:a')).toEqual({ size: 13, gap: -6 });
    // at 50 %: 26 graph units, 13 on screen; the gap above the box grows with it
    cy.zoom(0.5);
    boxes.sizeLabels();
    expect(label('host:a')).toEqual({ size: 26, gap: -12 });
    // at 5 %: no larger than an eighth of the box (the 160-wide empty box: 20)
    cy.zoom(0.05);
    boxes.sizeLabels();
    expect(label('host:a').size).toBe(Math.round(BOTH.width / 8));
    expect(label('host:b').size).toBe(20);
    // followed from the zoom by itself, once it rests
    vi.useFakeTimers();
    try {
      cy.zoom(1);
      vi.advanceTimersByTime(200);
      expect(label('host:a').size).toBe(13);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps an empty host where it is, at a size that can be seen and grabbed', () => {
    const { cy, boxes } = drawing();
    boxes.fit();
    expect(box(cy, 'host:b')).toEqual({ x: 900, y: 900, width: 160, height: 80 });
  });

  it('leaves out what is not shown (the VMs of a closed aggregate), as a compound parent did', () => {
    const { cy, boxes } = drawing();
    node(cy, 'net').addClass('gone');
    boxes.fit();
    expect(box(cy, 'host:a')).toEqual({ x: 0, y: 0, width: SPAN + 2 * PADDING, height: SPAN + 2 * PADDING });
  });

  it('moves everything in a host by as much as its box is dragged', () => {
    const { cy, boxes } = drawing();
    boxes.fit();
    const host = node(cy, 'host:a');
    host.emit('grab');
    host.position({ x: 130, y: 40 });
    host.emit('drag');
    host.position({ x: 160, y: 90 });
    host.emit('drag');
    host.emit('free');
    expect(node(cy, 'vm').position()).toEqual({ x: 60, y: 40 });
    expect(node(cy, 'net').position()).toEqual({ x: 260, y: 140 });
    // another host's objects stay
    expect(node(cy, 'other').position()).toEqual({ x: -500, y: -500 });
    boxes.fit();
    expect(box(cy, 'host:a')).toMatchObject({ x: 160, y: 90 });
  });

  it('leaves a box in the user’s hand where it is, and fits it once let go', () => {
    const { cy, boxes } = drawing();
    boxes.fit();
    const host = node(cy, 'host:a');
    host.emit('grab');
    // a live patch moves an object while the box is held
    node(cy, 'net').position({ x: 600, y: 100 });
    boxes.fit(['host:a']);
    expect(box(cy, 'host:a')).toEqual(BOTH);
    host.emit('free');
    expect(box(cy, 'host:a')).toEqual({ ...BOTH, x: 300, width: 600 + SPAN + 2 * PADDING });
  });

  it('fits a host again at the next frame after one of its objects is dragged, once for many drags', () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    const { cy, boxes } = drawing();
    boxes.fit();
    const net = node(cy, 'net');
    for (const x of [300, 400, 600]) {
      net.position({ x, y: 100 });
      net.emit('drag');
    }
    expect(frames).toHaveLength(1);
    expect(box(cy, 'host:a').width).toBe(BOTH.width);
    frames[0]!(0);
    expect(box(cy, 'host:a')).toEqual({ ...BOTH, x: 300, width: 600 + SPAN + 2 * PADDING });
  });

  it('touches a box only when its size or place changes', () => {
    const { cy, boxes } = drawing();
    boxes.fit();
    const changes: string[] = [];
    node(cy, 'host:a').on('position style', (event) => void changes.push(event.type));
    boxes.fit();
    boxes.fit(['host:a']);
    expect(changes).toEqual([]);
    node(cy, 'net').position({ x: 200, y: 300 });
    boxes.fit(['host:a']);
    expect(new Set(changes)).toEqual(new Set(['position', 'style']));
  });

  it('sizes a host drawn anew (a new element) even where the old one was', () => {
    const { cy, boxes } = drawing();
    boxes.fit();
    const definition = node(cy, 'host:a').json();
    cy.remove(node(cy, 'host:a'));
    cy.add({ group: 'nodes', data: definition.data, classes: 'host' });
    boxes.fit();
    expect(box(cy, 'host:a')).toEqual(BOTH);
  });

  it('grows a box around objects just added as a full fit would, without going through the rest', () => {
    const { cy, boxes } = drawing();
    boxes.fit();
    const added = cy.add([
      { group: 'nodes', data: { id: 'far', kind: 'vm', [IN_HOST]: 'host:a' }, position: { x: 400, y: -60 } },
      { group: 'nodes', data: { id: 'inside', kind: 'vm', [IN_HOST]: 'host:a' }, position: { x: 100, y: 50 } },
    ]).nodes();
    const scanned = vi.spyOn(cy, 'nodes');
    boxes.grow('host:a', added);
    // the host's other objects were not looked for (fit goes through every node to find them)
    expect(scanned).not.toHaveBeenCalled();
    scanned.mockRestore();
    const grown = box(cy, 'host:a');
    boxes.fit(['host:a']);
    expect(grown).toEqual(box(cy, 'host:a'));
    expect(grown.width).toBe(400 + SPAN + 2 * PADDING);
  });

  it('fits a box that held nothing shown when something is added to it, rather than growing the empty box', () => {
    const { cy, boxes } = drawing();
    boxes.fit();
    const added = cy.add({ group: 'nodes', data: { id: 'first', kind: 'vm', [IN_HOST]: 'host:b' }, position: { x: 1000, y: 1000 } }).nodes();
    boxes.grow('host:b', added);
    expect(box(cy, 'host:b')).toEqual({ x: 1000, y: 1000, width: SPAN + 2 * PADDING, height: SPAN + 2 * PADDING });
  });
});
