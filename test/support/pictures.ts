// Checks of exported pictures: a PNG's size from its IHDR chunk, an SVG parsed as XML with the
// text it shows.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height of a PNG; throws when the bytes are not a PNG starting with its IHDR. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  if (bytes.length < 33 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) throw new Error('not a PNG: wrong signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  if (view.getUint32(8) !== 13 || chunk !== 'IHDR') throw new Error(`not a PNG: first chunk is ${chunk}`);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Every <text> element's content in an SVG document, which must be well-formed XML. */
export function svgTexts(svg: string): string[] {
  const valid = XMLValidator.validate(svg);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg} at line ${valid.err.line}`);
  const parser = new XMLParser({ ignoreAttributes: true, trimValues: false, htmlEntities: true, isArray: (_n, _p, _leaf, attr) => !attr });
  const texts: string[] = [];
  const walk = (element: unknown, name: string): void => {
    if (typeof element !== 'object' || element === null) {
      if (name === 'text') texts.push(String(element));
      return;
    }
    if (name === 'text' && '#text' in element) texts.push(String((element as Record<string, unknown>)['#text']));
    for (const [key, value] of Object.entries(element)) if (Array.isArray(value)) for (const child of value) walk(child, key);
  };
  const doc = parser.parse(svg) as Record<string, unknown>;
  if (!Array.isArray(doc.svg)) throw new Error('not an SVG document: no <svg> root');
  walk(doc, '');
  return texts;
}
