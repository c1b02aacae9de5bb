// Why libvirt's XML or ip's JSON cannot be read, as catalogue messages: the English stays the
// error's message (the journal, logs), and Traditional Chinese keeps only XML, JSON, element,
// command and value names in Latin letters.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors.ts';
import { en } from '../../../shared/i18n/en.ts';
import { say, sayEnglish, translator } from '../../../shared/i18n/index.ts';
import { parseBridgeLinkJson, parseIpLinkJson } from '../../../shared/hostnet/iplink.ts';
import { parseFdbJson, parseNeighJson } from '../../../shared/hostnet/neighbours.ts';
import { parseDomainXml } from '../../../shared/libvirt/domain.ts';
import { parseNetworkXml } from '../../../shared/libvirt/network.ts';
import { parseXml, rootElement } from '../../../shared/libvirt/xml.ts';

const zh = translator('zh-TW');

function refusal(read: () => unknown): ApiError {
  try {
    read();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error('it was read');
}

const network = (inner: string) => `<network><name>n</name>${inner}</network>`;

const CASES: [string, () => unknown, string][] = [
  ['checks.xml.notText', () => parseXml(42 as unknown as string), 'The XML is not text.'],
  ['checks.xml.tooLarge', () => parseXml('<a/>'.repeat(10), [], { maxLength: 20, maxDepth: 10 }), 'The XML is too large (40 characters; the limit is 20).'],
  ['checks.xml.empty', () => parseXml('  '), 'The XML is empty.'],
  ['checks.xml.doctype', () => parseXml('<!DOCTYPE x><x/>'), 'The XML declares a DOCTYPE or entities, which VirtWire does not accept.'],
  ['checks.xml.tooDeep', () => parseXml('<a><a><a></a></a></a>', [], { maxLength: 1000, maxDepth: 2 }), 'The XML nests elements deeper than 2 levels.'],
  ['checks.xml.notWellFormed', () => parseXml('<a><b></a>'), 'The text is not well-formed XML (line 1, column 7).'],
  ['checks.xml.notWellFormedLine', () => parseXml('<!-- never closed'), 'The text is not well-formed XML (line 1).'],
  ['checks.xml.reservedName', () => parseXml('<a><__proto__>x</__proto__></a>'), 'The XML uses a reserved name (__proto__, constructor or prototype).'],
  ['checks.xml.otherDocument', () => rootElement(parseXml('<domain/><pool/>'), 'network'), 'Expected a <network> document but found <domain>, <pool>.'],
  ['checks.xml.otherDocument', () => rootElement({}, 'network'), 'Expected a <network> document but found no element.'],
  ['checks.xml.severalDocuments', () => rootElement(parseXml('<network/><network/>'), 'network'), 'Expected one <network> document but found several.'],
  ['checks.xml.domainNoName', () => parseDomainXml('<domain type="kvm"><devices/></domain>'), 'The domain XML has no <name>.'],
  ['checks.xml.networkNoName', () => parseNetworkXml('<network/>'), 'The network XML has no <name>.'],
  ['checks.xml.unknownForwardMode', () => parseNetworkXml(network('<forward mode="teleport"/>')), 'The network XML has an unknown forward mode "teleport".'],
  ['checks.xml.badNetmask', () => parseNetworkXml(network('<ip address="10.0.0.1" netmask="255.0.255.0"/>')), 'The network XML has an invalid netmask "255.0.255.0".'],
  ['checks.output.notJson', () => parseIpLinkJson('{'), 'The output of `ip -j -d link show` is not JSON.'],
  ['checks.output.notList', () => parseBridgeLinkJson('{}'), 'The output of `bridge -j link show` is not a JSON list.'],
  ['checks.output.notJson', () => parseFdbJson('nope'), 'The output of `bridge -j -s fdb show` is not JSON.'],
  ['checks.output.notList', () => parseNeighJson('3'), 'The output of `ip -j neigh show` is not a JSON list.'],
];

describe('XML and JSON that cannot be read', () => {
  it.each(CASES)('%s: carries its message, the English as before', (key, read, english) => {
    const error = refusal(read);
    expect(error.code).toBe('invalid-input');
    expect(error.says?.key).toBe(key);
    expect(error.message).toBe(english);
    expect(sayEnglish(error.says!)).toBe(english);
  });

  it.each(CASES)('%s: says it in Traditional Chinese', (_key, read) => {
    const text = say(zh, refusal(read).says!);
    expect(text).toMatch(/\p{Script=Han}/u);
    const rest = text.replace(/`[^`]*`|<[^>]*>|「[^」]*」|XML|JSON|DOCTYPE|VirtWire|__proto__|constructor|prototype/g, '');
    expect(rest.match(/[A-Za-z]{2,}/g), text).toBeNull();
  });

  // What the parser itself throws and a document without a root are left out: the validator refuses every such text first.
  it('has a case for every message of the part', () => {
    const keys = Object.keys(en).filter((k) => /^checks\.(xml|output)\./.test(k) && !['checks.xml.noElement', 'checks.xml.noRoot', 'checks.xml.unreadable'].includes(k));
    expect([...new Set(CASES.map(([key]) => key))].sort()).toEqual(keys.sort());
  });
});
