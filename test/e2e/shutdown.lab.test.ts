// `virtwire web` stops on SIGTERM even while a host is connected (its SSH session would
// otherwise keep the process alive).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SOCKET_PATH, TOKEN_PARAM } from '../../shared/api/wire.ts';
import { describeLab } from '../lab/env.ts';
import { ROOT } from './harness.ts';

describeLab('virtwire web shutdown', (lab) => {
  it('exits on SIGTERM with a connected host', async () => {
    const config = mkdtempSync(join(tmpdir(), 'vw-shutdown-'));
    const child = spawn(process.execPath, ['electron/cli/bin.js', 'web'], {
      cwd: ROOT,
      env: { ...process.env, VIRTWIRE_CONFIG_DIR: config, SSH_AUTH_SOCK: '', HOME: config },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
    const url = new URL(line.slice('VirtWire at '.length));
    writeFileSync(join(config, 'known_hosts'), '');
    const socket = new WebSocket(`ws://${url.host}${SOCKET_PATH}?${TOKEN_PARAM}=${url.searchParams.get(TOKEN_PARAM)}`, { headers: { origin: url.origin } });
    await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)));
    let id = 0;
    const call = (method: string, arg: unknown) =>
      new Promise<unknown>((resolve, reject) => {
        const mine = ++id;
        const onMessage = (data: Buffer) => {
          const message = JSON.parse(data.toString()) as { id?: number; ok?: boolean; value?: unknown; error?: unknown };
          if (message.id !== mine) return;
          socket.off('message', onMessage);
          if (message.ok) resolve(message.value);
          else reject(new Error(JSON.stringify(message.error)));
        };
        socket.on('message', onMessage);
        socket.send(JSON.stringify({ type: 'call', id: mine, method, arg }));
      });
    const profile = (await call('hosts.add', {
      profile: {
        label: 'lab', target: `root@${lab.sshHost}:${lab.sshPort}`, uri: lab.libvirtUri, useSudo: false,
        knownHostsPolicy: 'accept-new', rememberSecrets: false, identityFiles: [lab.sshKey],
      },
    })) as { id: string };
    expect(await call('hosts.connect', { id: profile.id })).toEqual({ state: 'connected' });
    socket.close();
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const started = Date.now();
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 10_000))]);
    if (code === 'hung') child.kill('SIGKILL');
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
