// The real `virtwire` executable, spawned as a user would run it.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { demoTopology } from '../../../shared/topology/demo.ts';
import { serializeTopology } from '../../../shared/topology/file.ts';
import { electronBinary } from '../../../electron/cli/start.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'electron/cli/bin.js');
let dir: string;

function virtwire(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, VIRTWIRE_CONFIG_DIR: join(dir, 'config') } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'virtwire-cli-'));
  await writeFile(join(dir, 'demo.json'), serializeTopology(demoTopology(), '2026-11-28T12:00:00.000Z'));
  await writeFile(join(dir, 'corrupt.json'), '{"format": "virtwire-topology", "version": 1, "hosts": [');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('virtwire show', () => {
  it('summarises the demo: counts by kind, then each network with its bridge and VM NICs', async () => {
    const { code, stdout, stderr } = await virtwire('show', join(dir, 'demo.json'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('2 networks, 3 bridges, 4 TAPs, 1 VM, 1 physical NIC');
    expect(stdout).toMatch(/^network default \(nat, active\) — bridge virbr0\n {2}centos7 {2}52:54:00:7e:f8:5c {2}network {2}virtio {2}vnet0$/m);
    expect(stdout).toMatch(/^network isolated \(isolated, active\) — bridge virbr1\n {2}centos7 {2}52:54:00:07:b8:72 {2}network {2}virtio {2}vnet1$/m);
  });

  it('reports a corrupt file on stderr and exits 1', async () => {
    const { code, stdout, stderr } = await virtwire('show', join(dir, 'corrupt.json'));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^virtwire: This file is not a topology: it is not valid JSON\./);
  });

  it.each([[['show']], [['show', 'a', 'b']], [['frobnicate']], [['web', '--colour']], [['web', '--port', 'x']], [[]]])(
    'answers the usage error %j with the usage and exit 2',
    async (args) => {
      const { code, stdout, stderr } = await virtwire(...args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('Usage:');
    },
  );

  it('prints help and version on stdout', async () => {
    expect((await virtwire('--help')).stdout).toMatch(/^Usage:/);
    expect((await virtwire('--version')).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('virtwire web', () => {
  let child: ChildProcess;
  let stdout = '';
  let url: URL;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'out/renderer/index.html'))) {
      await promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT });
    }
    child = spawn(process.execPath, [BIN, 'web', '--open', join(dir, 'demo.json')], {
      env: { ...process.env, VIRTWIRE_CONFIG_DIR: join(dir, 'config') },
    });
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', () => stdout.includes('\n') && resolve());
      child.once('exit', (code) => reject(new Error(`virtwire web exited with ${code}`)));
    });
    url = new URL(stdout.trim().replace(/^VirtWire at /, ''));
  }, 60_000);

  afterAll(() => {
    child.kill('SIGTERM');
  });

  it('prints exactly one line with the loopback address and token', () => {
    expect(stdout).toMatch(/^VirtWire at http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{40,}\n$/);
  });

  it('refuses a request without the token and serves the page with it', async () => {
    expect((await fetch(`${url.origin}/`)).status).toBe(401);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
  });

  it('refuses a socket without the token and answers one with it', async () => {
    const refused = await new Promise<number>((resolve) => {
      new WebSocket(`ws://${url.host}/api`).once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    });
    expect(refused).toBe(401);
    const socket = new WebSocket(`ws://${url.host}/api?token=${url.searchParams.get('token')}`);
    await new Promise((resolve) => socket.once('open', resolve));
    const reply = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
    socket.send(JSON.stringify({ type: 'call', id: 1, method: 'app.getInitialTopology', arg: {} }));
    expect(JSON.parse(await reply)).toMatchObject({ id: 1, ok: true, value: { name: 'demo.json', topology: { nodes: expect.any(Array) } } });
    socket.close();
  });

  it('has printed nothing more on stdout, and stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout.split('\n')).toHaveLength(2);
  });
});

describe('virtwire start', () => {
  it.skipIf(electronBinary() !== null)('says in one line that Electron is missing, then starts browser mode', async () => {
    const child = spawn(process.execPath, [BIN, 'start'], { env: { ...process.env, VIRTWIRE_CONFIG_DIR: join(dir, 'config') } });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('\n')) resolve();
      });
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    expect(stderr).toMatch(/^Electron is not available here .* browser mode instead\.\n$/);
    expect(stdout).toMatch(/^VirtWire at http:\/\/127\.0\.0\.1:\d+\/\?token=\S+\n$/);
  });
});
