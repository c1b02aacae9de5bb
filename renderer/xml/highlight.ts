// A tiny XML tokenizer for the read-only XML views. It returns plain text tokens that the
// view renders as text inside spans, so hostile input can never become markup; joining the
// tokens' text gives back the input exactly.

export type XmlTokenKind = 'text' | 'tag' | 'attr' | 'value' | 'punct' | 'comment' | 'decl';

export interface XmlToken {
  kind: XmlTokenKind;
  text: string;
}

// Sticky patterns, matched at an index, so tokenizing never copies the rest of the input.
const TAG_END = /\/>|\?>|>/y;
const SPACE = /\s+/y;
const NAME = /[^\s=/>"']+/y;
const VALUE = /"[^"]*"?|'[^']*'?/y;

function matchAt(pattern: RegExp, text: string, at: number): string | null {
  pattern.lastIndex = at;
  const match = pattern.exec(text);
  return match ? match[0] : null;
}

function pushToken(tokens: XmlToken[], kind: XmlTokenKind, text: string): void {
  if (text === '') return;
  const last = tokens[tokens.length - 1];
  if (last && last.kind === kind) last.text += text;
  else tokens.push({ kind, text });
}

/** Tokenizes the inside of a tag after its name, up to and including its end (or the input's). */
function tokenizeAttributes(xml: string, start: number, tokens: XmlToken[]): number {
  let i = start;
  while (i < xml.length) {
    const end = matchAt(TAG_END, xml, i);
    if (end) {
      pushToken(tokens, 'tag', end);
      return i + end.length;
    }
    let kind: XmlTokenKind = 'punct';
    let text = matchAt(SPACE, xml, i);
    if (text) kind = 'text';
    else if ((text = matchAt(NAME, xml, i))) kind = 'attr';
    else if ((text = matchAt(VALUE, xml, i))) kind = 'value';
    else text = xml.charAt(i);
    pushToken(tokens, kind, text);
    i += text.length;
  }
  return i;
}

function until(xml: string, from: number, marker: string): number {
  const end = xml.indexOf(marker, from);
  return end === -1 ? xml.length : end + marker.length;
}

function tokenizeMarkup(xml: string, start: number, tokens: XmlToken[]): number {
  if (xml.startsWith('<!--', start)) {
    const stop = until(xml, start + 4, '-->');
    pushToken(tokens, 'comment', xml.slice(start, stop));
    return stop;
  }
  if (xml.startsWith('<!', start) || xml.startsWith('<?', start)) {
    const stop = until(xml, start, '>');
    pushToken(tokens, 'decl', xml.slice(start, stop));
    return stop;
  }
  const open = xml.startsWith('</', start) ? '</' : '<';
  const name = matchAt(NAME, xml, start + open.length) ?? '';
  pushToken(tokens, 'tag', open + name);
  return tokenizeAttributes(xml, start + open.length + name.length, tokens);
}

export function tokenizeXml(xml: string): XmlToken[] {
  const tokens: XmlToken[] = [];
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) {
      pushToken(tokens, 'text', xml.slice(i));
      break;
    }
    pushToken(tokens, 'text', xml.slice(i, lt));
    i = tokenizeMarkup(xml, lt, tokens);
  }
  return tokens;
}
