// The DOT export is checked by Graphviz itself: `dot` and `neato -n2` must read it without a
// word of complaint, and every object's name must come out in the picture exactly as named.
import { spawnSync } from 'node:child_process';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { dotString, toDot } from '../../../shared/export/dot.ts';
import { oneLine } from '../../../shared/export/graph.ts';
import { demoTopology } from '../../../shared/topology/demo.ts';
import type { Topology } from '../../../shared/topology/model.ts';
import { buildView, VIEW_KINDS } from '../../../shared/topology/views.ts';
import { manyVmsTopology } from '../../support/many-vms.ts';

/** Runs a Graphviz layout on the text; returns the SVG it drew. */
function graphviz(layout: 'dot' | 'neato', text: string, extra: string[] = []): string {
  const run = spawnSync(layout, [...extra, '-Tsvg'], { input: text, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
  if (run.error) throw new Error(`${layout} did not run (install Debian's graphviz): ${run.error.message}`);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}

type Element = Record<string, unknown>;

const textOf = (element: unknown): string =>
  typeof element === 'object' && element !== null ? String((element as Element)['#text'] ?? '') : String(element);

/** The text of every <text> element under an element, in document order. */
function textsUnder(element: Element): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(element)) {
    if (!Array.isArray(value)) continue;
    for (const child of value as Element[]) {
      if (key === 'text') out.push(textOf(child));
      else if (typeof child === 'object') out.push(...textsUnder(child));
    }
  }
  return out;
}

/** Each drawn node's id (its <title>) and the lines of its label, wherever Graphviz nests it. */
function drawnNodes(svg: string): Map<string, string[]> {
  const parser = new XMLParser({ ignoreAttributes: false, trimValues: false, htmlEntities: true, isArray: (_name, _path, _leaf, isAttribute) => !isAttribute });
  const nodes = new Map<string, string[]>();
  const walk = (element: Element): void => {
    for (const [key, value] of Object.entries(element)) {
      if (!Array.isArray(value)) continue;
      for (const child of value as Element[]) {
        if (typeof child !== 'object') continue;
        if (key === 'g' && child['@_class'] === 'node') {
          const title = textOf((child.title as unknown[])[0]);
          nodes.set(title, textsUnder(child));
        } else walk(child);
      }
    }
  };
  walk(parser.parse(svg) as Element);
  return nodes;
}

function expectEveryLabelDrawn(topology: Topology, svg: string, view: (typeof VIEW_KINDS)[number]): void {
  const drawn = drawnNodes(svg);
  const shown = buildView(topology, view).nodes;
  expect(drawn.size).toBe(shown.length);
  for (const node of shown) expect(drawn.get(node.id)?.[0]).toBe(oneLine(node.label));
}

describe('DOT export', () => {
  for (const view of VIEW_KINDS) {
    it(`draws the demo's ${view} view with dot and keeps the app's layout with neato -n2`, () => {
      const text = toDot(demoTopology(), view);
      expectEveryLabelDrawn(demoTopology(), graphviz('dot', text), view);
      const neato = graphviz('neato', text, ['-n2']);
      expectEveryLabelDrawn(demoTopology(), neato, view);
    });
  }

  it('gives every kind its shape and every link kind its style', () => {
    const text = toDot(demoTopology(), 'wiring');
    for (const shape of ['ellipse', 'cylinder', 'diamond', 'box', 'hexagon', 'octagon', 'cds']) expect(text).toContain(`shape="${shape}"`);
    expect(text).toMatch(/label="uses".*penwidth=3/);
    expect(text).toMatch(/label="uplink".*dir="forward"/);
    expect(text).toMatch(/label="port".*arrowtail="box"/);
    expect(text).toContain('peripheries=2'); // tester and vm-vnic: nothing recreates them
    expect(text).toContain('label="lab-net\\nmissing network"');
    expect(text).toContain('subgraph "cluster_0"');
  });

  it('puts each object where the app draws it (y upwards)', () => {
    const topology = demoTopology();
    const vm = topology.nodes.find((n) => n.kind === 'vm')!;
    topology.layout = { [vm.id]: { x: 321, y: 654 } };
    expect(toDot(topology, 'logical')).toMatch(new RegExp(`"${vm.id}" \\[.*pos="321,-654!"`));
  });

  it('escapes quotes, backslashes, entities and control characters', () => {
    expect(dotString('a"b\\c&lt;')).toBe('"a\\"b\\\\c&amp;lt;"');
    expect(dotString(oneLine('x\ny'))).toBe('"x\\\\x0ay"');
  });

  it('survives hostile names and 1,000 VMs, in both views', () => {
    const topology = manyVmsTopology(1000, { hostile: true });
    for (const view of VIEW_KINDS) {
      const text = toDot(topology, view);
      expect(text).toContain('label="ovsbr0\\nbridge · OVS"');
      expect(text).toContain('label="bond0\\nNIC · bond"');
      expect(text.split('\n').every((line) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(line))).toBe(true);
      expectEveryLabelDrawn(topology, graphviz('dot', text), view);
    }
  }, 120_000);
});
