import cytoscape from 'cytoscape';
import { afterEach, describe, expect, it } from 'vitest';
import { demoTopology } from '../../shared/topology/demo.ts';
import { autoLayout } from '../../shared/topology/layout.ts';
import { NODE_KINDS } from '../../shared/topology/model.ts';
import { buildView } from '../../shared/topology/views.ts';
import { ElementMaker, graphElements, hostElementId, onlyStateChanged, sameDefinition } from '../../renderer/graph/elements.ts';
import { language } from '../../renderer/state/i18n.svelte.ts';
import { kindIconSvg } from '../../renderer/graph/icons.ts';
import { type CssVariables, readPalette } from '../../renderer/graph/palette.ts';
import { graphStyle, KIND_SHAPES } from '../../renderer/graph/style.ts';

const topology = demoTopology();
const positions = autoLayout(topology);

describe('graphElements', () => {
  it('puts every object of the wiring view inside its host, at its layout position', () => {
    const elements = graphElements(buildView(topology, 'wiring'), positions);
    const host = topology.hosts[0]!;
    const hostElement = elements.find((e) => e.data.id === hostElementId(host.id));
    expect(hostElement?.data).toMatchObject({ kind: 'host', label: 'kvm-host' });
    const objects = elements.filter((e) => e.group === 'nodes' && e.data.kind !== 'host');
    expect(objects).toHaveLength(topology.nodes.length);
    for (const e of objects) {
      expect(e.data.inHost).toBe(hostElementId(host.id));
      expect(e.position).toEqual(positions[e.data.id!]);
    }
  });

  it('carries edge kind, label, the topology link and the pending flag', () => {
    const view = buildView(topology, 'logical');
    const nic = view.edges.find((e) => e.kind === 'nic')!;
    const edges = graphElements({ ...view, edges: [{ ...nic, pending: 'live-only' }] }, positions).filter(
      (e) => e.group === 'edges',
    );
    expect(edges).toEqual([
      {
        group: 'edges',
        data: { id: nic.id, kind: 'nic', source: nic.source, target: nic.target, label: nic.label, link: nic.link, pending: 'live-only' },
      },
    ]);
    expect(nic.label).toContain('52:54:00:7e:f8:5c');
    expect(nic.label).toContain('virtio');
  });

  it('hides the TAPs backing VM NICs in the logical view', () => {
    const names = graphElements(buildView(topology, 'logical'), positions).map((e) => e.data.label);
    expect(names).not.toContain('vnet0');
    expect(names).toContain('vm-vnic');
  });
});

describe('ElementMaker', () => {
  afterEach(() => language.choose('system'));
  const view = buildView(topology, 'logical');
  const ids = (defs: cytoscape.ElementDefinition[]): string[] => defs.map((d) => d.data.id!).sort();

  it('makes every element the first time, as graphElements does, and wants them all', () => {
    const { count, wanted, changed } = new ElementMaker().changes(view, positions);
    expect(changed).toEqual(graphElements(view, positions));
    expect([...wanted()].sort()).toEqual(ids(changed));
    expect(count).toBe(changed.length);
  });

  it('makes again only what a new view changed: a state, a position, a link; a removed element is still not wanted', () => {
    const maker = new ElementMaker();
    maker.changes(view, positions);
    // a view built anew from the same topology: new objects, same fields
    expect(maker.changes(buildView(topology, 'logical'), { ...positions }).changed).toEqual([]);
    const vm = view.nodes.find((n) => n.kind === 'vm')!;
    const nic = view.edges.find((e) => e.kind === 'nic')!;
    const next = {
      ...view,
      nodes: view.nodes.map((n) => (n === vm ? { ...n, state: 'paused' } : n)),
      edges: view.edges.filter((e) => e !== nic),
    };
    const moved = view.nodes.find((n) => n.kind === 'network')!;
    const at = positions[moved.id]!;
    const { count, wanted, changed } = maker.changes(next, { ...positions, [moved.id]: { x: at.x + 10, y: at.y } });
    expect(ids(changed)).toEqual([vm.id, moved.id].sort());
    expect(changed.find((d) => d.data.id === vm.id)?.data.state).toBe('paused');
    expect(changed.find((d) => d.data.id === moved.id)?.position).toEqual({ x: at.x + 10, y: at.y });
    expect(wanted().has(nic.id)).toBe(false);
    expect(count).toBe(graphElements(view, positions).length - 1);
    // left out, the link was taken out of the drawing, and the adapter tells the maker to forget
    // it: wanted again, it is made again though its view object did not change
    maker.forget(nic.id);
    expect(ids(maker.changes(view, positions).changed)).toContain(nic.id);
  });

  it('makes everything again in another language (links are labelled in it)', () => {
    language.choose('en');
    const maker = new ElementMaker();
    maker.changes(view, positions);
    language.choose('zh-TW');
    expect(maker.changes(view, positions).changed).toHaveLength(graphElements(view, positions).length);
  });

  it('tells a change of state alone from one that can change an object’s size', () => {
    const vm = graphElements(view, positions).find((e) => e.data.kind === 'vm')!;
    expect(onlyStateChanged(vm, { ...vm, data: { ...vm.data, state: 'paused', status: 'warn' } })).toBe(true);
    expect(onlyStateChanged(vm, { ...vm, data: { ...vm.data, label: 'renamed' } })).toBe(false);
    expect(onlyStateChanged(vm, { ...vm, data: { ...vm.data, persistence: 'none' } })).toBe(false);
    expect(onlyStateChanged(vm, { ...vm, position: { x: vm.position!.x, y: vm.position!.y + 1 } })).toBe(false);
    expect(onlyStateChanged(undefined, vm)).toBe(false);
  });
});

describe('graphStyle', () => {
  const css: CssVariables = { getPropertyValue: (name) => (name === '--accent' ? ' #123456 ' : '#abcdef') };
  const palette = readPalette(css);

  it('reads the theme variables', () => {
    expect(palette.selection).toBe('#123456');
    expect(palette.kind.vm).toBe('#abcdef');
  });

  it('gives every kind its own shape and an icon', () => {
    const shapes = new Set(NODE_KINDS.map((k) => KIND_SHAPES[k].shape));
    expect(shapes.size).toBe(NODE_KINDS.length);
    const style = graphStyle(palette);
    for (const kind of NODE_KINDS) {
      const rule = style.find((r) => 'selector' in r && r.selector === `node[kind = "${kind}"]`);
      expect(rule && 'style' in rule ? rule.style : undefined).toMatchObject({
        shape: KIND_SHAPES[kind].shape,
        'background-image': expect.stringMatching(/^data:image\/svg\+xml;utf8,/),
      });
    }
  });

  it('dashes pending NICs and colours off objects differently from running ones', () => {
    const style = graphStyle(palette);
    const selectors = style.map((r) => ('selector' in r ? r.selector : ''));
    expect(selectors).toContain('edge[pending = "live-only"]');
    expect(selectors).toContain('edge[pending = "config-only"]');
    expect(selectors).toContain('node[status = "off"]');
  });

  it('draws host boxes below everything, and links below objects', () => {
    const elements = graphElements(buildView(topology, 'logical'), positions);
    type Sortable = { sortByZIndex(): { map(f: (e: { id(): string; isEdge(): boolean; data(k: string): unknown }) => string): string[] } };
    const cy = cytoscape({ headless: true, styleEnabled: true, style: graphStyle(palette) });
    cy.add(elements);
    const drawn = (cy.elements() as unknown as Sortable).sortByZIndex().map((e) => (e.data('kind') === 'host' ? 'host' : e.isEdge() ? 'link' : 'object'));
    const hosts = topology.hosts.length;
    const links = elements.filter((e) => e.group === 'edges').length;
    expect(drawn).toEqual([...Array<string>(hosts).fill('host'), ...Array<string>(links).fill('link'), ...Array<string>(elements.length - hosts - links).fill('object')]);
  });

  it('tells a redrawn element that draws the same from one that changed', () => {
    const [a, b] = [graphElements(buildView(topology, 'logical'), positions), graphElements(buildView(topology, 'logical'), positions)];
    for (const [i, def] of b.entries()) expect(sameDefinition(a[i], def)).toBe(true);
    const vm = b.find((e) => e.data.kind === 'vm')!;
    const { state: _state, ...withoutState } = vm.data;
    expect(sameDefinition(vm, { ...vm, data: { ...vm.data, state: 'paused' } })).toBe(false);
    expect(sameDefinition(vm, { ...vm, data: withoutState })).toBe(false);
    expect(sameDefinition(vm, { ...vm, position: { x: vm.position!.x + 1, y: vm.position!.y } })).toBe(false);
    expect(sameDefinition(vm, { ...vm, classes: 'x' })).toBe(false);
    expect(sameDefinition(undefined, vm)).toBe(false);
  });

  it('keeps a hostile colour out of the icon markup', () => {
    expect(kindIconSvg('vm', '"/><script>')).not.toContain('<script>');
  });
});
