import { describe, expect, it } from 'vitest';
import { Journal } from '../../../electron/ssh/journal.ts';

const entry = (n: number) => ({
  time: `2026-01-01T00:00:0${n % 10}.000Z`,
  host: 'kvm1',
  argv: ['echo', String(n)],
  commandLine: `'echo' '${n}'`,
  exitCode: 0,
  durationMs: 5,
});

describe('Journal', () => {
  it('keeps only the newest entries up to its limit', () => {
    const journal = new Journal(3);
    for (let n = 0; n < 5; n++) journal.add(entry(n));
    expect(journal.entries().map((e) => e.argv[1])).toEqual(['2', '3', '4']);
  });

  it('exports a script with a comment per command, and keeps a hostile host label inside its comment', () => {
    const journal = new Journal();
    journal.add(entry(1));
    journal.add({ ...entry(2), host: 'evil\nrm -rf /', exitCode: null, error: 'timeout', stdinBytes: 10 });
    expect(journal.toShellScript()).toBe(
      [
        '#!/bin/sh',
        '# Commands run by VirtWire, in the order they finished.',
        "# 2026-01-01T00:00:01.000Z kvm1 exit=0 5ms",
        "'echo' '1'",
        '# 2026-01-01T00:00:02.000Z evil rm -rf / not finished (timeout) 5ms stdin=10 bytes (not kept)',
        "'echo' '2'",
        '',
      ].join('\n'),
    );
  });
});
