// npm run bench:journal — what the command journal costs an all-day session, per journaled
// probe read, after a forced garbage collection. A connected host journals one probe read per
// event; each read's output is ~30 KB, and the next read names its VM by the UUID taken from
// that output. Drives the real HostRunner and Journal through a stand-in ssh2 client (what is
// measured is the backend's memory, not the network), against a baseline in the same run: a
// journal that keeps each entry's argv and command line as given. Target: a journaled probe
// costs about what its entry's own fields hold (well under 2 KB), not its output or its script.
// Runs with --expose-gc (see package.json).
import { EventEmitter } from 'node:events';
import type { Client } from 'ssh2';
import { probeArgv } from '../../electron/discovery/probe-script.ts';
import { commandLine } from '../../electron/ssh/quote.ts';
import { Journal } from '../../electron/ssh/journal.ts';
import { HostRunner } from '../../electron/ssh/runner.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 2_000);
const OUTPUT_BYTES = 30_000;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:journal)');

class StandInChannel extends EventEmitter {
  readonly stderr = new EventEmitter();
  close(): void {
    this.emit('close');
  }
  signal(): void {}
  end(): void {}
}

/** An ssh2 client whose every command prints a fresh UUID and then OUTPUT_BYTES of output. */
function standInClient(): Client {
  const client = new EventEmitter() as EventEmitter & { exec: (line: string, cb: (e: Error | undefined, ch: StandInChannel) => void) => void };
  client.exec = (_line, cb) => {
    const ch = new StandInChannel();
    queueMicrotask(() => {
      cb(undefined, ch);
      queueMicrotask(() => {
        ch.emit('data', Buffer.from(`uuid ${crypto.randomUUID()}\n${'x'.repeat(OUTPUT_BYTES)}`));
        ch.emit('exit', 0);
        ch.close();
      });
    });
  };
  return client as unknown as Client;
}

const marker = (i: number) => `@@vw-${i.toString(16).padStart(16, '0')}`;
const heap = () => {
  gc!();
  return process.memoryUsage().heapUsed;
};

/** KB of heap each journaled probe keeps, the journal and what it holds alive included. */
async function measure(run: (argv: string[]) => Promise<string>): Promise<number> {
  const before = heap();
  let uuid: string | undefined;
  for (let i = 0; i < RUNS; i++) {
    const stdout = await run(probeArgv(marker(i), 'qemu:///system', { kind: 'domain', name: 'guest1', ...(uuid ? { uuid } : {}) }));
    uuid = stdout.slice(5, 41); // as the app takes a VM's UUID from the last read's output
  }
  return (heap() - before) / RUNS / 1024;
}

const journal = new Journal();
const runner = new HostRunner({ client: async () => standInClient() }, { host: 'kvm1', user: 'root', useSudo: false }, journal);
const app = await measure(async (argv) => (await runner.run(argv)).stdout);
const appEntries = journal.size;

const naive: unknown[] = [];
const bare = new HostRunner({ client: async () => standInClient() }, { host: 'kvm1', user: 'root', useSudo: false });
const baseline = await measure(async (argv) => {
  const { stdout } = await bare.run(argv);
  naive.push({ time: new Date().toISOString(), host: 'kvm1', argv, commandLine: commandLine(argv), exitCode: 0, durationMs: 1 });
  return stdout;
});

console.log(`journal: ${RUNS} probe reads of ${OUTPUT_BYTES / 1000} KB output each (${appEntries} entries kept, baseline ${naive.length})`);
console.log(`heap kept per journaled probe: app ${app.toFixed(2)} KB, baseline (argv and line kept as given) ${baseline.toFixed(2)} KB — ratio ${(app / baseline).toFixed(3)}`);
console.log(`target ≤ 2 KB per probe: ${app <= 2 ? 'met' : 'missed'}`);
