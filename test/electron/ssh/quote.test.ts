import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandLine, quoteArg } from '../../../electron/ssh/quote.ts';

describe('quoteArg', () => {
  it('leaves plain words bare, wraps the rest in single quotes and escapes a quote as \'\\\'\'', () => {
    expect(quoteArg('plain')).toBe('plain');
    expect(quoteArg('qemu:///system')).toBe('qemu:///system');
    expect(quoteArg('a=b')).toBe("'a=b'");
    expect(quoteArg('$HOME')).toBe("'$HOME'");
    expect(quoteArg('~root')).toBe("'~root'");
    expect(quoteArg("it's")).toBe("'it'\\''s'");
    expect(quoteArg('')).toBe("''");
  });

  it('refuses a NUL byte with invalid-input', () => {
    expect(() => quoteArg('a\0b')).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });

  it('gives /bin/sh back exactly the argument, whatever it holds', () => {
    const awkward = fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0'));
    fc.assert(
      fc.property(fc.array(awkward, { minLength: 1, maxLength: 4 }), (args) => {
        // printf '%s\0' prints each argument followed by a NUL, so the split is exact.
        const out = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${args.map(quoteArg).join(' ')}`]);
        expect(out.toString('utf8').split('\0').slice(0, -1)).toEqual(args);
      }),
      { numRuns: 100 },
    );
  });
});

describe('commandLine', () => {
  it('prefixes sudo -n -- only when asked to', () => {
    expect(commandLine(['virsh', 'list'], { sudo: true })).toBe('sudo -n -- virsh list');
    expect(commandLine(['virsh', 'list'])).toBe('virsh list');
  });

  it('keeps a leading dash an argument, not an option of sudo', () => {
    expect(commandLine(['-rf'], { sudo: true })).toBe('sudo -n -- -rf');
  });

  it('refuses an empty argv', () => {
    expect(() => commandLine([])).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });
});
