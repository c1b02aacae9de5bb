import { describe, expect, it } from 'vitest';
import { Journal } from '../../../electron/ssh/journal.ts';
import { JOURNAL_LIMIT } from '../../../shared/api/hosts.ts';

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
    expect(journal.dropped).toBe(2);
  });

  it(`keeps at most ${JOURNAL_LIMIT} entries by default, dropping the oldest`, () => {
    const journal = new Journal();
    for (let n = 0; n < JOURNAL_LIMIT + 250; n++) journal.add(entry(n));
    expect(journal.limit).toBe(JOURNAL_LIMIT);
    expect(journal.size).toBe(JOURNAL_LIMIT);
    expect(journal.dropped).toBe(250);
    expect(journal.entries()[0]!.argv[1]).toBe('250');
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

  it('shows a long command line kept as a function exactly as it was sent, in the list and in the script', () => {
    const journal = new Journal();
    const script = `echo ${'x'.repeat(6_000)}`;
    let built = 0;
    const line = `sh -c '${script}' virtwire-probe @@vw-0123456789abcdef`;
    journal.add({ ...entry(1), argv: ['sh', '-c', script, 'virtwire-probe', '@@vw-0123456789abcdef'], commandLine: () => (built++, line) });
    expect(built).toBe(0); // not built until read
    expect(journal.entries()[0]!.commandLine).toBe(line);
    expect(journal.toShellScript().split('\n')[3]).toBe(line);
    expect(built).toBe(2);
  });
});
