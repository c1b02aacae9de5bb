// An event stream's end is journaled with why: who ended it, its exit status, the end of its
// stderr (made visible) and how long it ran. Driven through a stand-in ssh2 client, since
// what is checked is the runner's bookkeeping; the lab tier runs real streams.
import { EventEmitter } from 'node:events';
import type { Client } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../../electron/ssh/journal.ts';
import { HostRunner } from '../../../electron/ssh/runner.ts';
import { ApiError } from '../../../shared/errors.ts';

class FakeChannel extends EventEmitter {
  readonly stderr = new EventEmitter();
  closed = false;
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
  }
  signal(): void {}
  end(): void {}
}

function fakeHost() {
  const channels: FakeChannel[] = [];
  const client = new EventEmitter() as EventEmitter & { exec: (line: string, cb: (e: Error | undefined, ch: FakeChannel) => void) => void };
  client.exec = (_line, cb) => {
    const ch = new FakeChannel();
    channels.push(ch);
    queueMicrotask(() => cb(undefined, ch));
  };
  const journal = new Journal();
  const runner = new HostRunner({ client: async () => client as unknown as Client }, { host: 'kvm1', user: 'root', useSudo: false }, journal);
  return { channels, client, journal, runner };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('an event stream that ends', () => {
  it('is journaled with its exit code, its stderr made visible, and how long it ran', async () => {
    const { channels, journal, runner } = fakeHost();
    const ends: (string | undefined)[] = [];
    const lines: string[] = [];
    let started = 0;
    runner.stream(['virsh', '-c', 'qemu:///system', 'event', '--all', '--loop'], (l) => lines.push(l), (why) => ends.push(why), undefined, () => (started += 1));
    await settle();
    expect(runner.channelsInUse).toBe(1);
    expect(started).toBe(1); // said once its channel is open
    const ch = channels[0]!;
    ch.emit('data', Buffer.from("t: event 'lifecycle' for domain 'web': Started\n"));
    ch.stderr.emit('data', Buffer.from('error: Disconnected from qemu:///system due to end of file\n\x1b[2Jerror: internal error: client socket is closed\n'));
    ch.emit('exit', 1);
    ch.close();
    expect(lines).toEqual(["t: event 'lifecycle' for domain 'web': Started"]);
    expect(runner.channelsInUse).toBe(0);
    const [entry] = journal.entries();
    expect(entry).toMatchObject({
      host: 'kvm1',
      argv: ['virsh', '-c', 'qemu:///system', 'event', '--all', '--loop'],
      exitCode: 1,
      error: 'command',
      ended: expect.stringMatching(/^ended on the host with exit code 1 after \d+ ms$/),
      stderr: 'error: Disconnected from qemu:///system due to end of file\n\\x1b[2Jerror: internal error: client socket is closed',
    });
    expect(ends).toEqual([expect.stringMatching(/^ended on the host with exit code 1 after \d+ ms: \\x1b\[2Jerror: internal error: client socket is closed$/)]);
    expect(journal.toShellScript()).toMatch(/# event stream ended on the host with exit code 1 after \d+ ms\n#   stderr: error: Disconnected .*\n#   stderr: \\x1b\[2Jerror: internal .*\nsh -c 'exec 3/);
  });

  it('says so when it was killed by a signal, cut off with its connection, or closed by VirtWire', async () => {
    const { channels, journal, runner } = fakeHost();
    const ends: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) runner.stream(['ip', 'monitor', 'link'], () => undefined, (why) => ends.push(why));
    const third = runner.stream(['ip', 'monitor', 'link'], () => undefined, (why) => ends.push(why));
    await settle();
    channels[0]!.emit('exit', null, 'TERM');
    channels[0]!.close();
    channels[1]!.close();
    channels[2]!.emit('exit', 0);
    channels[2]!.close();
    third.close();
    expect(journal.entries().map((e) => [e.exitCode, e.error, e.ended?.replace(/ after \d+ ms$/, '')])).toEqual([
      [143, 'command', 'killed on the host by signal TERM'],
      [null, 'disconnected', 'cut off with its connection'],
      [0, undefined, 'ended on the host with exit code 0'],
      [null, 'cancelled', 'closed by VirtWire'],
    ]);
    expect(ends.at(-1)).toBe('closed');
    expect(runner.channelsInUse).toBe(0);
  });

  it('journals a stream that could not start, with the reason', async () => {
    const journal = new Journal();
    const runner = new HostRunner({ client: () => Promise.reject(new ApiError('disconnected', 'no route to host')) }, { host: 'kvm1', user: 'root', useSudo: false }, journal);
    const ended = await new Promise<string | undefined>((resolve) => runner.stream(['ip', 'monitor', 'link'], () => undefined, resolve));
    expect(ended).toMatch(/^could not start: no route to host after \d+ ms$/);
    expect(journal.entries()).toMatchObject([{ exitCode: null, error: 'disconnected', ended: expect.stringMatching(/^could not start: no route to host/) }]);
    expect(runner.channelsInUse).toBe(0);
  });
});
