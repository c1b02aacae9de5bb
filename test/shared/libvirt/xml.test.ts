// Hostile XML: whatever a host (or a saved file) sends, parsing ends quickly with either a
// result or an invalid-input error, and never touches Object.prototype.
import { afterEach, describe, expect, it } from 'vitest';
import { parseDomainXml } from '../../../shared/libvirt/domain.ts';
import { parseNetworkXml } from '../../../shared/libvirt/network.ts';
import { attr, child, decodeXmlText, parseXml, rootElement, text } from '../../../shared/libvirt/xml.ts';

/** Runs `fn`, expecting an invalid-input error, and returns its message and how long it took. */
function rejects(fn: () => unknown): { message: string; ms: number } {
  const start = performance.now();
  try {
    fn();
  } catch (err) {
    expect(err).toMatchObject({ code: 'invalid-input' });
    return { message: (err as Error).message, ms: performance.now() - start };
  }
  throw new Error('expected the XML to be refused');
}

const nest = (depth: number, tag = 'a') => `${`<${tag}>`.repeat(depth)}x${`</${tag}>`.repeat(depth)}`;

afterEach(() => {
  const proto = Object.prototype as Record<string, unknown>;
  expect(proto.polluted).toBeUndefined();
  expect(proto.x).toBeUndefined();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe('parseXml refuses hostile input in bounded time', () => {
  it('refuses a billion-laughs entity bomb without expanding it', () => {
    const lols = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('\n');
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 "lol">\n${lols}\n]>\n<network><name>&lol9;</name></network>`;
    const { message, ms } = rejects(() => parseNetworkXml(bomb));
    expect(message).toMatch(/DOCTYPE or entities/);
    expect(ms).toBeLessThan(1000);
  });

  it('refuses external entities and any DOCTYPE', () => {
    const xxe = `<!DOCTYPE network [<!ENTITY xxe SYSTEM "file:///etc/shadow">]><network><name>&xxe;</name></network>`;
    expect(rejects(() => parseNetworkXml(xxe)).message).toMatch(/DOCTYPE/);
    expect(rejects(() => parseXml('<!doctype html><a/>')).message).toMatch(/DOCTYPE/);
  });

  it('decodes only the predefined entities: a network libvirt names `a&b<` reads as such', () => {
    const net = parseNetworkXml('<network><name>a&amp;b&lt;</name></network>');
    expect(net.name).toBe('a&b<');
  });

  it('refuses __proto__, constructor and prototype element names and pollutes nothing', () => {
    for (const tag of ['__proto__', 'constructor', 'prototype']) {
      const xml = `<network><name>n</name><${tag}><polluted>yes</polluted></${tag}></network>`;
      expect(rejects(() => parseNetworkXml(xml)).message).toMatch(/reserved name/);
    }
    expect(rejects(() => parseXml('<__proto__><x>1</x></__proto__>')).message).toMatch(/reserved name/);
  });

  it('keeps __proto__ attribute names as harmless prefixed keys', () => {
    const doc = parseXml('<network __proto__="x" constructor="y"><ip __proto__="polluted" address="10.0.0.1"/></network>');
    expect(Object.keys(doc.network as object)).toEqual(expect.arrayContaining(['@___proto__', '@_constructor']));
    const net = parseNetworkXml(`<network __proto__='x'><name>n</name><ip __proto__='polluted' address='10.0.0.1' prefix='8'/></network>`);
    expect(net.ips).toEqual([{ family: 'ipv4', address: '10.0.0.1', prefix: 8, dhcpRanges: [], dhcpHosts: [] }]);
  });

  it('does not let hasOwnProperty or toString elements shadow methods', () => {
    const net = parseNetworkXml('<network><name>n</name><hasOwnProperty/><toString>x</toString></network>');
    expect(net.name).toBe('n');
  });

  it('refuses 10,000-deep nesting quickly, and also when it never closes', () => {
    const deep = rejects(() => parseXml(nest(10_000)));
    expect(deep.message).toMatch(/deeper than 64 levels/);
    expect(deep.ms).toBeLessThan(500);
    expect(rejects(() => parseXml('<a>'.repeat(10_000))).message).toMatch(/deeper than 64/);
    expect(rejects(() => parseDomainXml(`<domain><name>x</name>${nest(200, 'devices')}</domain>`)).message).toMatch(/deeper/);
  });

  it('accepts nesting up to the limit, and the limit is configurable', () => {
    expect(() => parseXml(nest(64))).not.toThrow();
    expect(rejects(() => parseXml(nest(65))).message).toMatch(/deeper than 64/);
    expect(rejects(() => parseXml(nest(5), [], { maxLength: 1000, maxDepth: 4 })).message).toMatch(/deeper than 4/);
  });

  it('counts depth correctly around comments, CDATA and ">" inside attribute values', () => {
    const tricky = `<a x="<b><c>" y='>'><!-- <d><e> --><![CDATA[<f><g>]]><h/><i>t</i></a>`;
    expect(() => parseXml(tricky, [], { maxLength: 1000, maxDepth: 2 })).not.toThrow();
  });

  it('refuses a 100 MB document without parsing it', () => {
    const huge = `<network><name>${'a'.repeat(100 * 1024 * 1024)}</name></network>`;
    const { message, ms } = rejects(() => parseNetworkXml(huge));
    expect(message).toMatch(/too large/);
    expect(ms).toBeLessThan(1000);
  });

  it('parses a large legitimate network (many DHCP hosts) in reasonable time', () => {
    const hosts = Array.from({ length: 20_000 }, (_, i) =>
      `<host mac='52:54:00:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}:01' ip='10.${i >> 8}.${i & 255}.1'/>`).join('');
    const start = performance.now();
    const net = parseNetworkXml(`<network><name>big</name><ip address='10.0.0.1' prefix='8'><dhcp>${hosts}</dhcp></ip></network>`);
    expect(net.ips[0]?.dhcpHosts).toHaveLength(20_000);
    expect(performance.now() - start).toBeLessThan(5000);
  });
});

describe('parseXml refuses what is not XML with a clear message', () => {
  it('refuses a symlink stub (a path where XML was expected)', () => {
    const { message } = rejects(() => parseNetworkXml('../networkxml2confdata/leasetime-hours.xml'));
    expect(message).toMatch(/not well-formed XML \(line 1, column 1\)/);
  });

  it('refuses empty text, mismatched tags and the wrong root', () => {
    expect(rejects(() => parseNetworkXml(' \n')).message).toBe('The XML is empty.');
    expect(rejects(() => parseNetworkXml('<network><name>x</network>')).message).toMatch(/not well-formed/);
    expect(rejects(() => parseNetworkXml('<domain><name>x</name></domain>')).message).toBe(
      'Expected a <network> document but found <domain>.',
    );
    expect(rejects(() => parseNetworkXml('<network><uuid>u</uuid></network>')).message).toMatch(/no <name>/);
    expect(rejects(() => parseNetworkXml(`<network><name>x</name><forward mode='tunnel'/></network>`)).message).toMatch(
      /unknown forward mode "tunnel"/,
    );
  });

  it('refuses input that is not a string', () => {
    expect(rejects(() => parseXml(42 as unknown as string)).message).toMatch(/not text/);
  });
});

describe('XML text decoding', () => {
  it('decodes the predefined entities and character references once', () => {
    const doc = parseXml(`<domain a="x &amp; &quot;y&quot; &#60;&#x3e;"><name>db &amp; &apos;cache&apos; &amp;lt;</name></domain>`);
    const root = rootElement(doc, 'domain');
    expect(attr(root, 'a')).toBe('x & "y" <>');
    expect(text(child(root, 'name'))).toBe("db & 'cache' &lt;");
  });

  it('leaves an invalid character reference as written', () => {
    expect(decodeXmlText('&#0; &#xD800; &#x110000;')).toBe('&#0; &#xD800; &#x110000;');
  });
});
