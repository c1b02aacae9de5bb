// Every command VirtWire ran on a host, newest last, so the user can see exactly what was
// done and replay it by hand. Kept in memory and bounded; stdin payloads are not kept.
import type { JournalEntry } from '../../shared/api/hosts.ts';

export type { JournalEntry };

const DEFAULT_LIMIT = 2_000;

export class Journal {
  readonly #entries: JournalEntry[] = [];
  readonly #limit: number;

  constructor(limit = DEFAULT_LIMIT) {
    this.#limit = limit;
  }

  add(entry: JournalEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length > this.#limit) this.#entries.splice(0, this.#entries.length - this.#limit);
  }

  entries(host?: string): JournalEntry[] {
    return this.#entries.filter((e) => host === undefined || e.host === host);
  }

  clear(): void {
    this.#entries.length = 0;
  }

  /** A shell script of the commands: a comment with time, host and outcome above each one. */
  toShellScript(host?: string): string {
    const lines = ['#!/bin/sh', '# Commands run by VirtWire, in the order they finished.'];
    for (const e of this.entries(host)) {
      const outcome = e.exitCode === null ? `not finished (${e.error ?? 'unknown'})` : `exit=${e.exitCode}`;
      const stdin = e.stdinBytes === undefined ? '' : ` stdin=${e.stdinBytes} bytes (not kept)`;
      lines.push(`# ${e.time} ${oneLine(e.host)} ${outcome} ${e.durationMs}ms${stdin}`, e.commandLine);
    }
    return `${lines.join('\n')}\n`;
  }
}

/** A host label is user text; a newline in it must not end the comment and start a command. */
const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ');
