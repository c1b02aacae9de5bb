// A session channel refused at the server's session limit is asked for again (exec-channel.ts);
// any other refusal is reported at once. Through a stand-in ssh2 client that refuses as OpenSSH does.
import type { Client, ClientChannel } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { execChannel } from '../../../electron/ssh/exec-channel.ts';

/** A client whose first `refusals` exec calls fail with `reason`, and the rest open a channel. */
function refusing(refusals: number, reason: number) {
  const lines: string[] = [];
  const channel = {} as ClientChannel;
  const client = {
    exec(line: string, cb: (error: Error | undefined, ch: ClientChannel | undefined) => void) {
      lines.push(line);
      const refused = lines.length <= refusals;
      queueMicrotask(() => cb(refused ? Object.assign(new Error('(SSH) Channel open failure: open failed'), { reason }) : undefined, refused ? undefined : channel));
    },
  } as unknown as Client;
  const open = () => new Promise<{ error?: Error; channel?: ClientChannel }>((resolve) => execChannel(client, 'true', (error, ch) => resolve({ ...(error ? { error } : {}), ...(ch ? { channel: ch } : {}) })));
  return { lines, channel, open };
}

describe('opening a channel for a command', () => {
  it('tries again when the server is at its session limit (OpenSSH: \'open failed\', connect failed), and gets the channel', async () => {
    const host = refusing(3, 2);
    const got = await host.open();
    expect(got.error).toBeUndefined();
    expect(got.channel).toBe(host.channel);
    expect(host.lines).toEqual(['true', 'true', 'true', 'true']);
  });

  it('gives up after five more tries, with the server’s refusal', async () => {
    const host = refusing(100, 1);
    const got = await host.open();
    expect(got.error?.message).toBe('(SSH) Channel open failure: open failed');
    expect(host.lines).toHaveLength(6);
  });

  it('reports any other refusal at once', async () => {
    const host = refusing(1, 3);
    const got = await host.open();
    expect(got.error).toBeDefined();
    expect(host.lines).toHaveLength(1);
  });
});
