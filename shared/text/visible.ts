// Text from a file or a host, made safe to print on a terminal: every character a terminal
// could act on instead of showing (C0 and C1 controls, so ESC, CSI, OSC and BEL sequences;
// DEL; bidirectional overrides, isolates and marks; line and paragraph separators) is written
// as an escape such as `\x1b` or `\u202e`, so a hostile name can neither drive the terminal
// nor reorder what is shown around it. Pure: used by every line the CLI prints.

const ACTIVE = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

function escape(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line: every active character, newlines and tabs too, shown as an escape. */
export function visible(text: string): string {
  return text.replace(ACTIVE, escape);
}

/** Several lines (e.g. an error's detail): the line breaks kept, everything else as `visible`. */
export function visibleLines(text: string): string {
  return text.split('\n').map(visible).join('\n');
}
