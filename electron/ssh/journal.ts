// Every command VirtWire ran on a host, newest last, so the user can see exactly what was
// done and replay it by hand. Kept in memory and bounded; stdin payloads are not kept.
import { JOURNAL_LIMIT, type JournalEntry } from '../../shared/api/hosts.ts';

export type { JournalEntry };

/**
 * An entry as it is kept: a long command line (the probe's script is ~5 KB quoted, and a
 * connected host runs one per event) may be given as a function that builds it again from the
 * entry's argv when the journal is read, so an all-day session holds each such line only while
 * the user looks at it — not once per read, up to the limit.
 */
export type JournalRecord = Omit<JournalEntry, 'commandLine'> & { commandLine: string | (() => string) };

export class Journal {
  readonly #entries: JournalRecord[] = [];
  readonly limit: number;
  #dropped = 0;

  constructor(limit = JOURNAL_LIMIT) {
    this.limit = limit;
  }

  /** how many entries have been dropped, oldest first, to stay within the limit */
  get dropped(): number {
    return this.#dropped;
  }

  get size(): number {
    return this.#entries.length;
  }

  add(entry: JournalRecord): void {
    this.#entries.push(entry);
    const over = this.#entries.length - this.limit;
    if (over > 0) {
      this.#entries.splice(0, over);
      this.#dropped += over;
    }
  }

  entries(host?: string): JournalEntry[] {
    return this.#entries
      .filter((e) => host === undefined || e.host === host)
      .map((e) => (typeof e.commandLine === 'string' ? (e as JournalEntry) : { ...e, commandLine: e.commandLine() }));
  }

  clear(): void {
    this.#entries.length = 0;
    this.#dropped = 0;
  }

  /** A shell script of the commands: a comment with time, host and outcome above each one. */
  toShellScript(host?: string): string {
    const lines = ['#!/bin/sh', '# Commands run by VirtWire, in the order they finished.'];
    for (const e of this.entries(host)) {
      const outcome = e.exitCode === null ? `not finished (${e.error ?? 'unknown'})` : `exit=${e.exitCode}`;
      const stdin = e.stdinBytes === undefined ? '' : ` stdin=${e.stdinBytes} bytes (not kept)`;
      lines.push(`# ${e.time} ${oneLine(e.host)} ${outcome} ${e.durationMs}ms${stdin}`);
      // A stream's end and its stderr are host text: each line stays inside its comment.
      if (e.ended) lines.push(`# event stream ${oneLine(e.ended)}`);
      if (e.stderr) lines.push(...e.stderr.split('\n').map((l) => `#   stderr: ${oneLine(l)}`));
      lines.push(e.commandLine);
    }
    return `${lines.join('\n')}\n`;
  }
}

/** A host label is user text; a newline in it must not end the comment and start a command. */
const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ');
