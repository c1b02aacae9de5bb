import { describe, expect, it } from 'vitest';
import { visible, visibleLines } from '../../../shared/text/visible.ts';

describe('visible', () => {
  it('leaves ordinary text, Unicode letters and symbols alone', () => {
    expect(visible('virbr0 — réseau 网络 ✓ a\\b')).toBe('virbr0 — réseau 网络 ✓ a\\b');
  });

  it('shows ESC, CSI, OSC and BEL sequences as escapes, so none reaches the terminal', () => {
    expect(visible('\x1b[31mred\x1b[0m')).toBe('\\x1b[31mred\\x1b[0m');
    expect(visible('\x1b]0;title\x07')).toBe('\\x1b]0;title\\x07');
    expect(visible('\x9b31m')).toBe('\\x9b31m');
    expect(visible('a\x00b\x7fc')).toBe('a\\x00b\\x7fc');
  });

  it('shows line breaks, carriage returns and tabs in a name', () => {
    expect(visible('a\nb\rc\td')).toBe('a\\x0ab\\x0dc\\x09d');
  });

  it('shows every bidirectional override, embedding, isolate and mark', () => {
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c]) {
      expect(visible(`x${String.fromCharCode(code)}y`)).toBe(`x\\u${code.toString(16).padStart(4, '0')}y`);
    }
    expect(visible('\u2028\u2029')).toBe('\\u2028\\u2029');
  });

  it('keeps the line breaks of several lines and shows the rest', () => {
    expect(visibleLines('one\x1b[2J\ntwo\r\n')).toBe('one\\x1b[2J\ntwo\\x0d\n');
  });
});
