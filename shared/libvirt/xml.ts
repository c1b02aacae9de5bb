// The one way VirtWire reads XML. Everything parsed here comes from a host we do not control
// (virsh output, a saved file, a user's paste), so the parser is configured to be boring:
// no entities, no DOCTYPE, values kept as strings, bounded size and nesting.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ApiError } from '../errors.ts';
import type { Message } from '../i18n/index.ts';

/** A parsed element: attributes under `@_name`, text under `#text`, children by tag name. */
export interface XmlElement {
  [key: string]: XmlValue;
}
export type XmlValue = string | XmlElement | XmlValue[];

export interface XmlLimits {
  /** largest document accepted, in characters */
  maxLength: number;
  /** deepest element nesting accepted */
  maxDepth: number;
}

// libvirt's largest real documents (a domain with hundreds of disks) are well under 1 MB;
// 16 MB matches the topology file schema's cap on stored XML.
export const DEFAULT_XML_LIMITS: XmlLimits = { maxLength: 16 * 1024 * 1024, maxDepth: 64 };

const ATTR = '@_';

/** What every parser of host XML here is set to: no entities, values kept as the text they are. */
export const SAFE_PARSING = {
  ignoreAttributes: false,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
} as const;

// Entity declarations are the only way XML can make a small input expand (billion laughs)
// or reach outside the document (external entities); libvirt never emits them.
const DOCTYPE_OR_ENTITY = /<!\s*(?:DOCTYPE|ENTITY)/i;

function invalid(says: Message, detail?: string): ApiError {
  return ApiError.said('invalid-input', says, detail);
}

/**
 * Parses one XML document into plain objects. `repeatable` lists the element paths
 * (dot-separated from the root, e.g. `network.ip.dhcp.host`) that are always arrays, so
 * callers need not care whether one or several were present.
 * Throws ApiError('invalid-input') naming the problem.
 */
export function parseXml(
  xml: string,
  repeatable: readonly string[] = [],
  limits: XmlLimits = DEFAULT_XML_LIMITS,
): XmlElement {
  if (typeof xml !== 'string') throw invalid({ key: 'checks.xml.notText' });
  if (xml.length > limits.maxLength) {
    throw invalid({ key: 'checks.xml.tooLarge', values: { length: String(xml.length), limit: String(limits.maxLength) } });
  }
  if (xml.trim() === '') throw invalid({ key: 'checks.xml.empty' });
  if (DOCTYPE_OR_ENTITY.test(xml)) {
    throw invalid({ key: 'checks.xml.doctype' });
  }
  const depth = nestingDepth(xml, limits.maxDepth);
  if (depth > limits.maxDepth) {
    throw invalid({ key: 'checks.xml.tooDeep', values: { depth: String(limits.maxDepth) } });
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    // the validator names no column for a document that ends early (an unclosed declaration or comment)
    const says: Message = col === undefined ? { key: 'checks.xml.notWellFormedLine', values: { line: String(line) } } : { key: 'checks.xml.notWellFormed', values: { line: String(line), column: String(col) } };
    throw invalid(says, msg);
  }
  const arrays = new Set(repeatable);
  const parser = new XMLParser({
    ...SAFE_PARSING,
    attributeNamePrefix: ATTR,
    maxNestedTags: limits.maxDepth,
    isArray: (_tag, jPath) => typeof jPath === 'string' && arrays.has(jPath),
  });
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    // fast-xml-parser refuses __proto__/constructor/prototype element names with a
    // "[SECURITY]" error; attribute names are prefixed (`@___proto__`) and so harmless.
    throw invalid({ key: text.includes('[SECURITY]') ? 'checks.xml.reservedName' : 'checks.xml.unreadable' }, text);
  }
  if (!isElement(parsed)) throw invalid({ key: 'checks.xml.noRoot' });
  return parsed;
}

/**
 * The deepest element nesting in `xml`, scanning no further than one level past `limit`,
 * so a 10,000-deep document is refused after a few hundred characters and before the
 * validator or parser build anything. Comments, CDATA, declarations and quoted attribute
 * values are skipped so a `<` or `>` inside them does not count.
 */
function nestingDepth(xml: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let i = xml.indexOf('<');
  while (i !== -1 && i < xml.length) {
    const next = xml[i + 1];
    if (xml.startsWith('<!--', i)) {
      i = skipPast(xml, '-->', i + 4);
    } else if (xml.startsWith('<![CDATA[', i)) {
      i = skipPast(xml, ']]>', i + 9);
    } else if (next === '?' || next === '!') {
      i = skipPast(xml, '>', i + 2);
    } else if (next === '/') {
      depth -= 1;
      i = skipPast(xml, '>', i + 2);
    } else {
      const end = endOfTag(xml, i + 1);
      if (xml[end - 1] !== '/') {
        depth += 1;
        if (depth > deepest) deepest = depth;
        if (deepest > limit) return deepest;
      }
      i = end + 1;
    }
    i = xml.indexOf('<', i);
  }
  return deepest;
}

function skipPast(xml: string, marker: string, from: number): number {
  const at = xml.indexOf(marker, from);
  return at === -1 ? xml.length : at + marker.length;
}

/** Index of the `>` closing a start tag, ignoring `>` inside quoted attribute values. */
function endOfTag(xml: string, from: number): number {
  let quote = '';
  for (let i = from; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i;
    }
  }
  return xml.length;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes XML's five predefined entities and character references in one pass (the parser
 * runs with entity processing off, and DOCTYPEs are refused, so no other entity can exist).
 * One pass means `&amp;lt;` becomes `&lt;`, never `<`.
 */
export function decodeXmlText(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g, (whole, name, dec, hex) => {
    if (name) return PREDEFINED[name as string]!;
    const code = dec ? Number(dec) : Number.parseInt(hex as string, 16);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

export function isElement(value: XmlValue | unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The element's own attribute, or undefined. Own properties only: nothing inherited. */
export function attr(node: XmlValue | undefined, name: string): string | undefined {
  if (!isElement(node)) return undefined;
  const key = ATTR + name;
  const value = Object.hasOwn(node, key) ? node[key] : undefined;
  return typeof value === 'string' ? decodeXmlText(value) : undefined;
}

/** Child elements with this tag, as an array whether there were none, one or several. */
export function children(node: XmlValue | undefined, tag: string): XmlValue[] {
  if (!isElement(node) || !Object.hasOwn(node, tag)) return [];
  const value = node[tag];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The first child element with this tag. Empty elements (`<forward/>`) come back as ''. */
export function child(node: XmlValue | undefined, tag: string): XmlValue | undefined {
  return children(node, tag)[0];
}

/** An element's text content, whether or not it also has attributes. */
export function text(node: XmlValue | undefined): string | undefined {
  if (typeof node === 'string') return decodeXmlText(node);
  if (isElement(node) && Object.hasOwn(node, '#text')) {
    const value = node['#text'];
    return typeof value === 'string' ? decodeXmlText(value) : undefined;
  }
  return undefined;
}

/** The root element with this tag, or an invalid-input error naming what was found. */
export function rootElement(doc: XmlElement, tag: string): XmlValue {
  if (!Object.hasOwn(doc, tag)) {
    const found = Object.keys(doc).filter((k) => !k.startsWith('#') && !k.startsWith('?'));
    const what: string | Message = found.length ? `<${found.join('>, <')}>` : { key: 'checks.xml.noElement' };
    throw invalid({ key: 'checks.xml.otherDocument', values: { element: `<${tag}>`, what } });
  }
  const root = doc[tag];
  if (Array.isArray(root)) throw invalid({ key: 'checks.xml.severalDocuments', values: { element: `<${tag}>` } });
  return root as XmlValue;
}
