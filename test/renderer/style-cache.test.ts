import cytoscape, { type Core } from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { narrowStyleCacheDrops } from '../../renderer/graph/styleCache.ts';

const IDS = ['host', 'vm', 'net', 'nic'];

/** What cytoscape keeps cached per element, and the parsed style it reads them from; its typings leave them out. */
interface Element {
  pstyle(name: string): { value: unknown; strValue: string };
  visible(): boolean;
  takesUpSpace(): boolean;
  interactive(): boolean;
  addClass(name: string): void;
  removeClass(name: string): void;
}
const element = (cy: Core, id: string): Element => cy.getElementById(id) as unknown as Element;

/** A host group with two objects wired together, as the graph draws a host. */
function drawing(narrowed: boolean): Core {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    elements: [
      { group: 'nodes', data: { id: 'host' } },
      { group: 'nodes', data: { id: 'vm', parent: 'host' }, position: { x: 0, y: 0 } },
      { group: 'nodes', data: { id: 'net', parent: 'host' }, position: { x: 100, y: 0 } },
      { group: 'edges', data: { id: 'nic', source: 'vm', target: 'net' } },
    ],
    style: [
      { selector: 'node', style: { width: 40, height: 40, 'background-color': '#888' } },
      { selector: '.gone', style: { display: 'none' } },
      { selector: '.clear', style: { opacity: 0 } },
      { selector: '.ghost', style: { visibility: 'hidden' } },
      { selector: '.flat', style: { width: 0 } },
      { selector: '.tinted', style: { 'background-color': '#e33', label: 'x', 'border-width': 3 } },
    ],
  });
  if (narrowed) narrowStyleCacheDrops(cy);
  return cy;
}

/** What the renderer asks of every element before it draws: its style brought up to date, then the cached answers. */
function answers(cy: Core): boolean[] {
  const elements = IDS.map((id) => element(cy, id));
  for (const e of elements) e.pstyle('display');
  return elements.flatMap((e) => [e.visible(), e.takesUpSpace(), e.interactive()]);
}

const cacheOf = (cy: Core, id: string): unknown => (cy.getElementById(id) as unknown as { _private: { styleCache: unknown } })._private.styleCache;

describe('narrowStyleCacheDrops', () => {
  it("gives the answers cytoscape's own cache drops give, through every change relatives read", () => {
    const steps: [string, string, 'add' | 'remove'][] = [
      ['host', 'gone', 'add'],
      ['host', 'gone', 'remove'],
      ['net', 'gone', 'add'],
      ['vm', 'clear', 'add'],
      ['net', 'gone', 'remove'],
      ['host', 'ghost', 'add'],
      ['vm', 'tinted', 'add'],
      ['host', 'ghost', 'remove'],
      ['net', 'flat', 'add'],
      ['vm', 'clear', 'remove'],
      ['net', 'flat', 'remove'],
      ['vm', 'tinted', 'remove'],
    ];
    const [own, narrowed] = [drawing(false), drawing(true)];
    expect(answers(narrowed)).toEqual(answers(own));
    for (const [id, cls, how] of steps) {
      for (const cy of [own, narrowed]) element(cy, id)[how === 'add' ? 'addClass' : 'removeClass'](cls);
      expect(answers(narrowed), `${how} ${cls} on ${id}`).toEqual(answers(own));
    }
  });

  it('hides the objects and links of a hidden host group, and shows them again', () => {
    const cy = drawing(true);
    cy.getElementById('host').addClass('gone');
    expect(answers(cy)).toEqual(Array(12).fill(false));
    cy.getElementById('host').removeClass('gone');
    expect(answers(cy)).toEqual(Array(12).fill(true));
  });

  it("leaves the relatives' cached answers alone when a property they do not read changes", () => {
    const cy = drawing(true);
    answers(cy);
    const vm = element(cy, 'vm');
    vm.addClass('tinted');
    expect(vm.pstyle('background-color').strValue).toBe('rgb(238,51,51)');
    expect(IDS.map((id) => cacheOf(cy, id) != null)).toEqual([true, false, true, true]);
    expect(answers(cy)).toEqual(Array(12).fill(true));
  });

  it('goes on working after the stylesheet is replaced, once installed again', () => {
    const cy = drawing(true);
    cy.style([{ selector: '.gone', style: { display: 'none' } }, { selector: '.tinted', style: { 'background-color': '#e33' } }]);
    narrowStyleCacheDrops(cy);
    answers(cy);
    element(cy, 'vm').addClass('tinted');
    element(cy, 'vm').pstyle('display');
    expect(cacheOf(cy, 'net')).not.toBeNull();
    cy.getElementById('host').addClass('gone');
    expect(answers(cy)).toEqual(Array(12).fill(false));
  });
});
