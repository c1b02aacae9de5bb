import { describe, expect, it } from 'vitest';
import { demoTopology } from '../../shared/topology/demo.ts';
import { tokenizeXml } from '../../renderer/xml/highlight.ts';

const join = (xml: string): string =>
  tokenizeXml(xml)
    .map((t) => t.text)
    .join('');

describe('tokenizeXml', () => {
  it('classifies tags, attributes, values and text', () => {
    expect(tokenizeXml(`<bridge name='virbr0' stp="on"/>`)).toEqual([
      { kind: 'tag', text: '<bridge' },
      { kind: 'text', text: ' ' },
      { kind: 'attr', text: 'name' },
      { kind: 'punct', text: '=' },
      { kind: 'value', text: `'virbr0'` },
      { kind: 'text', text: ' ' },
      { kind: 'attr', text: 'stp' },
      { kind: 'punct', text: '=' },
      { kind: 'value', text: '"on"' },
      { kind: 'tag', text: '/>' },
    ]);
    expect(tokenizeXml('<name>centos7</name>')).toEqual([
      { kind: 'tag', text: '<name>' },
      { kind: 'text', text: 'centos7' },
      { kind: 'tag', text: '</name>' },
    ]);
  });

  it('marks comments and declarations', () => {
    const kinds = tokenizeXml('<?xml version="1.0"?><!-- note --><a/>').map((t) => t.kind);
    expect(kinds).toEqual(['decl', 'comment', 'tag']);
  });

  it('gives back every character of the demo XML', () => {
    for (const node of demoTopology().nodes) {
      if ((node.kind === 'vm' || node.kind === 'network') && node.xml) expect(join(node.xml)).toBe(node.xml);
    }
  });

  it('keeps hostile or broken input as text, losing nothing', () => {
    const hostile = [
      `<name>"><script>alert(1)</script><img src=x onerror=alert(1)></name>`,
      `<a b='unterminated><c>`,
      `<!-- never closed <x>`,
      `< / = > '' "" & &amp; <<<>>>`,
      `<a\u0000b c="\u2028">\uFFFF</a>`,
      '',
    ];
    for (const xml of hostile) expect(join(xml)).toBe(xml);
    // the view renders token text as text nodes; no token ever carries a kind outside the known set
    const kinds = new Set(hostile.flatMap((x) => tokenizeXml(x).map((t) => t.kind)));
    for (const k of kinds) expect(['text', 'tag', 'attr', 'value', 'punct', 'comment', 'decl']).toContain(k);
  });

  it('is linear enough for a large domain XML', () => {
    const big = `<devices>${'<interface type="network"><mac address="52:54:00:00:00:01"/></interface>'.repeat(20_000)}</devices>`;
    const started = performance.now();
    expect(join(big)).toBe(big);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
