// The draw.io export checked against the structure diagrams.net reads: mxfile > diagram >
// mxGraphModel > root > mxCell, the two root cells, every cell's parent and every edge's ends
// present, every vertex with a geometry; labels decode back to exactly the app's names.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { toDrawio, xmlAttribute } from '../../../shared/export/drawio.ts';
import { oneLine } from '../../../shared/export/graph.ts';
import { autoLayout } from '../../../shared/topology/layout.ts';
import { demoTopology } from '../../../shared/topology/demo.ts';
import type { Topology } from '../../../shared/topology/model.ts';
import { buildView, VIEW_KINDS, type ViewKind } from '../../../shared/topology/views.ts';
import { manyVmsTopology } from '../../support/many-vms.ts';

interface Geometry {
  '@_x'?: string;
  '@_y'?: string;
  '@_width'?: string;
  '@_height'?: string;
  '@_relative'?: string;
  '@_as': string;
}
interface Cell {
  '@_id': string;
  '@_parent'?: string;
  '@_value'?: string;
  '@_style'?: string;
  '@_vertex'?: string;
  '@_edge'?: string;
  '@_source'?: string;
  '@_target'?: string;
  mxGeometry?: Geometry[];
}

function cellsOf(xml: string): Cell[] {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseAttributeValue: false,
    processEntities: true,
    // numeric character references (the line break, &#10;) as any XML parser reads them
    htmlEntities: true,
    trimValues: false,
    isArray: (name) => ['diagram', 'mxGraphModel', 'root', 'mxCell', 'mxGeometry'].includes(name),
  });
  const doc = parser.parse(xml) as { mxfile?: { diagram?: { '@_name'?: string; mxGraphModel?: { root?: { mxCell?: Cell[] }[] }[] }[] } };
  const diagrams = doc.mxfile?.diagram ?? [];
  expect(diagrams).toHaveLength(1);
  expect(diagrams[0]!['@_name']).toBeTruthy();
  const models = diagrams[0]!.mxGraphModel ?? [];
  expect(models).toHaveLength(1);
  const roots = models[0]!.root ?? [];
  expect(roots).toHaveLength(1);
  return roots[0]!.mxCell ?? [];
}

function checkStructure(topology: Topology, view: ViewKind, xml: string): Cell[] {
  const cells = cellsOf(xml);
  const byId = new Map(cells.map((c) => [c['@_id'], c] as const));
  expect(byId.size).toBe(cells.length); // ids unique
  expect(byId.get('0')?.['@_parent']).toBeUndefined();
  expect(byId.get('1')?.['@_parent']).toBe('0');
  for (const cell of cells.slice(2)) {
    expect(byId.has(cell['@_parent']!), `parent of ${cell['@_id']}`).toBe(true);
    expect(cell['@_vertex'] === '1' || cell['@_edge'] === '1').toBe(true);
    if (cell['@_vertex'] === '1') {
      const g = cell.mxGeometry?.[0];
      expect(g?.['@_as']).toBe('geometry');
      for (const key of ['@_x', '@_y', '@_width', '@_height'] as const) expect(Number.isFinite(Number(g?.[key])), `${key} of ${cell['@_id']}`).toBe(true);
      expect(Number(g!['@_width'])).toBeGreaterThan(0);
    } else {
      expect(byId.get(cell['@_source']!)?.['@_vertex']).toBe('1');
      expect(byId.get(cell['@_target']!)?.['@_vertex']).toBe('1');
      expect(cell.mxGeometry?.[0]?.['@_relative']).toBe('1');
    }
  }
  const shown = buildView(topology, view);
  const vertices = cells.filter((c) => c['@_vertex'] === '1' && !c['@_style']!.startsWith('swimlane'));
  const edges = cells.filter((c) => c['@_edge'] === '1');
  expect(vertices).toHaveLength(shown.nodes.length);
  expect(edges).toHaveLength(shown.edges.length);
  expect(vertices.map((v) => v['@_value']!.split('\n')[0]).sort()).toEqual(shown.nodes.map((n) => oneLine(n.label)).sort());
  return cells;
}

describe('draw.io export', () => {
  for (const view of VIEW_KINDS) {
    it(`is a well-formed diagrams.net file of the demo's ${view} view`, () => {
      checkStructure(demoTopology(), view, toDrawio(demoTopology(), view));
    });
  }

  it("places each object where the app draws it, inside its host's container", () => {
    const topology = demoTopology();
    const cells = checkStructure(topology, 'wiring', toDrawio(topology, 'wiring'));
    const layout = autoLayout(topology);
    const host = cells.find((c) => c['@_style']?.startsWith('swimlane'))!;
    expect(host['@_value']).toBe('kvm-host');
    const hx = Number(host.mxGeometry![0]!['@_x']);
    const hy = Number(host.mxGeometry![0]!['@_y']);
    const vm = topology.nodes.find((n) => n.kind === 'vm')!;
    const cell = cells.find((c) => c['@_value'] === `${vm.name}\nVM`)!;
    expect(cell['@_parent']).toBe(host['@_id']);
    const g = cell.mxGeometry![0]!;
    // a vertex's geometry is its top-left corner, relative to its container
    expect(hx + Number(g['@_x']) + Number(g['@_width']) / 2).toBeCloseTo(layout[vm.id]!.x, 0);
    expect(hy + Number(g['@_y']) + Number(g['@_height']) / 2).toBeCloseTo(layout[vm.id]!.y, 0);
  });

  it('styles each kind and link kind as the app does', () => {
    const xml = toDrawio(demoTopology(), 'wiring');
    for (const shape of ['ellipse', 'shape=cylinder3', 'rhombus', 'rounded=1', 'shape=hexagon', 'shape=step']) expect(xml).toContain(shape);
    expect(xml).toContain('endArrow=block'); // uplink
    expect(xml).toContain('startArrow=box'); // port
    expect(xml).toContain('strokeWidth=4'); // a device nothing brings back
    expect(xml).not.toContain('html=1'); // labels are plain text, never markup
  });

  it('escapes what XML reads', () => {
    expect(xmlAttribute(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
  });

  it('survives hostile names and 1,000 VMs, in both views', () => {
    const topology = manyVmsTopology(1000, { hostile: true });
    for (const view of VIEW_KINDS) {
      const xml = toDrawio(topology, view);
      expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/u);
      checkStructure(topology, view, xml);
    }
  });
});
