// Opening a session channel for a command, as client.exec does, but patient with the server's
// session limit. OpenSSH refuses a channel past MaxSessions (10 by default) with "open failed", and it frees a session a moment after the client has seen its channel close: a
// runner that keeps below the limit can still be refused when commands end and start in quick
// succession. Such a refusal is tried again a few times, a little later each time.
import type { Client, ClientChannel } from 'ssh2';

/**
 * RFC 4254 §5.1 reasons a session can be refused for now: OpenSSH answers "open failed" with
 * SSH_OPEN_CONNECT_FAILED (2) when its session table is full; ADMINISTRATIVELY_PROHIBITED (1) too
 */
const TRY_AGAIN = new Set<unknown>([1, 2]);
/** waits before each new try: 620 ms in all */
const RETRY_MS = [20, 40, 80, 160, 320];

export function execChannel(client: Client, line: string, done: (error: Error | undefined, channel: ClientChannel) => void, tries = 0): void {
  client.exec(line, (error, channel) => {
    if (error && TRY_AGAIN.has((error as Error & { reason?: unknown }).reason) && tries < RETRY_MS.length) {
      setTimeout(() => execChannel(client, line, done, tries + 1), RETRY_MS[tries]);
      return;
    }
    done(error, channel);
  });
}
