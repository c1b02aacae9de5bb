// The real `virtwire` executable, spawned as a user would run it.
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, existsSync, openSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { demoTopology } from '../../../shared/topology/demo.ts';
import { serializeTopology } from '../../../shared/topology/file.ts';
import type { Topology } from '../../../shared/topology/model.ts';
import { electronBinary } from '../../../electron/cli/start.ts';
import { largeTopologyText } from '../../support/large-topology.ts';
import { withLocale } from '../../support/locale-env.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'electron/cli/bin.js');
let dir: string;

/** The CLI's environment: English (LANG=C) unless `locale` names other locale variables. */
const cliEnv = (locale?: Record<string, string>): NodeJS.ProcessEnv => withLocale({ ...process.env, VIRTWIRE_CONFIG_DIR: join(dir, 'config') }, locale);

function virtwire(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return virtwireIn(undefined, ...args);
}

function virtwireIn(locale: Record<string, string> | undefined, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: cliEnv(locale), maxBuffer: 256 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'virtwire-cli-'));
  await writeFile(join(dir, 'demo.json'), serializeTopology(demoTopology(), '2026-11-28T12:00:00.000Z'));
  await writeFile(join(dir, 'corrupt.json'), '{"format": "virtwire-topology", "version": 1, "hosts": [');
  await writeFile(join(dir, 'large.json'), largeTopologyText(200_000));
  await writeFile(join(dir, 'hostile.json'), serializeTopology(hostileTopology(), '2026-11-28T12:00:00.000Z'));
  const duplicated = hostileTopology();
  const twin = { ...duplicated.nodes[0]!, id: `twin${HOSTILE}` };
  duplicated.nodes.push(twin, twin);
  await writeFile(join(dir, 'duplicated.json'), JSON.stringify({ ...JSON.parse(serializeTopology(hostileTopology(), '2026-11-28T12:00:00.000Z')), nodes: duplicated.nodes }));
  execFileSync('mkfifo', [join(dir, 'pipe.json')]);
}, 60_000);

/** Every character a terminal acts on: ESC with CSI and OSC sequences, BEL, C1 CSI, CR, LF, bidi overrides and isolates. */
const HOSTILE = '\x1b[2J\x1b]0;owned\x07\x9b1m\r\n\u202e\u2066\u202a\u2069';
const ACTIVE_CHARS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

/** The demo with hostile text in every name, state and detail the summary prints (the schema allows any text). */
function hostileTopology(): Topology {
  const topology = demoTopology();
  for (const node of topology.nodes) {
    node.name = `${node.name}${HOSTILE}`;
    node.state = `${node.state}${HOSTILE}`;
    if (node.kind === 'network' && node.bridge) node.bridge = `${node.bridge}${HOSTILE}`;
    if (node.kind === 'bridge' && node.managedBy) node.managedBy = `${node.managedBy}${HOSTILE}`;
  }
  for (const link of topology.links) {
    if (link.kind !== 'nic') continue;
    link.mac = `${link.mac}${HOSTILE}`;
    link.type = `${link.type}${HOSTILE}`;
    link.model = `virtio${HOSTILE}`;
    link.targetDev = `${link.targetDev ?? 'vnet'}${HOSTILE}`;
  }
  return topology;
}

/** Lets a read blocked on a FIFO finish, so a failing test cannot leave the CLI hanging. */
function unblockFifo(path: string): void {
  try {
    closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // no reader waiting
  }
}
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

  it.each([
    ['pipe.json', 'a named pipe (FIFO)'],
    ['/dev/zero', 'a character device'],
    ['/dev/null', 'a character device'],
    ['.', 'a folder'],
  ])('refuses %s, which is %s, at once and without reading it', async (name, what) => {
    const path = name.startsWith('/') ? name : join(dir, name);
    const guard = setTimeout(() => unblockFifo(path), 10_000);
    try {
      const { code, stdout, stderr } = await virtwire('show', path);
      expect(stderr).toBe(`virtwire: ${path} is ${what}, not a topology file.\n${what === 'a folder' ? `${path} is a directory\n` : 'Only a regular file can be opened.\n'}`);
      expect(stdout).toBe('');
      expect(code).toBe(1);
    } finally {
      clearTimeout(guard);
    }
  }, 30_000);

  it('refuses a FIFO or a device given to web --open before starting anything', async () => {
    const guard = setTimeout(() => unblockFifo(join(dir, 'pipe.json')), 10_000);
    try {
      for (const path of [join(dir, 'pipe.json'), '/dev/zero']) {
        const { code, stdout, stderr } = await virtwire('web', '--open', path);
        expect(stderr).toMatch(new RegExp(`^virtwire: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is a (named pipe|character device)`));
        expect(stdout).toBe('');
        expect(code).toBe(1);
      }
    } finally {
      clearTimeout(guard);
    }
  }, 30_000);

  it('shows every name and detail from the file with its control characters and bidi overrides made visible', async () => {
    const { code, stdout, stderr } = await virtwire('show', join(dir, 'hostile.json'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).not.toMatch(ACTIVE_CHARS);
    const shown = '\\x1b[2J\\x1b]0;owned\\x07\\x9b1m\\x0d\\x0a\\u202e\\u2066\\u202a\\u2069';
    expect(stdout).toContain(`network default${shown} (nat, active${shown}) — bridge virbr0${shown}`);
    expect(stdout).toContain(`centos7${shown}  52:54:00:7e:f8:5c${shown}  network${shown}  virtio${shown}  vnet0${shown}`);
  }, 30_000);

  it('makes hostile text visible in errors too: the file name and what the file holds', async () => {
    const missing = await virtwire('show', join(dir, `no${HOSTILE}.json`));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^virtwire: There is no file at .*no\\x1b\[2J\\x1b\]0;owned\\x07/);
    expect(missing.stderr.replace(/\n/g, '')).not.toMatch(ACTIVE_CHARS);
    const duplicated = await virtwire('show', join(dir, 'duplicated.json'));
    expect(duplicated.code).toBe(1);
    expect(duplicated.stderr).toMatch(/^virtwire: The topology file uses an id more than once \(1 duplicate\)\.\n/);
    expect(duplicated.stderr).toContain('\\u202e');
    expect(duplicated.stderr.replace(/\n/g, '')).not.toMatch(ACTIVE_CHARS);
    const unknown = await virtwire(`frob${HOSTILE}`);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.replace(/\n/g, '')).not.toMatch(ACTIVE_CHARS);
  }, 30_000);

  it('summarises a topology with 200,000 NIC links', async () => {
    const { code, stdout, stderr } = await virtwire('show', join(dir, 'large.json'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('1 host, 2 objects, 200,000 links');
    expect(stdout).toContain('network wide (nat, active) — bridge virbr9');
    expect(stdout).toMatch(/^ {2}many {2}52:54:00:03:0d:3f {2}network {2}- {2}vnet199999$/m);
  }, 60_000);

  it('stops quietly when the reader closes the pipe after the first line, like head -1', async () => {
    const child = spawn(process.execPath, [BIN, 'show', join(dir, 'large.json')], { env: cliEnv() });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('\n')) child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(stdout.split('\n')[0]).toBe(join(dir, 'large.json'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);

  it.each([[['show']], [['show', 'a', 'b']], [['frobnicate']], [['web', '--colour']], [['web', '--port', 'x']], [[]]])(
    'answers the usage error %j with the usage and exit 2',
    async (args) => {
      const { code, stdout, stderr } = await virtwire(...args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('Usage:');
    },
  );

  it('exports through the virtwire command: DOT of a file on stdout, its own help, its usage errors', async () => {
    const dot = await virtwire('export', join(dir, 'demo.json'), '--format', 'dot', '--out', '-');
    expect(dot.stderr).toBe('');
    expect(dot.code).toBe(0);
    expect(dot.stdout).toMatch(/^(strict )?(di)?graph /m);
    expect(dot.stdout).toContain('centos7');
    expect((await virtwire('export', '--help')).stdout).toMatch(/^Usage:[\s\S]*--format/);
    expect((await virtwire('export', join(dir, 'demo.json'), '--format', 'gif', '--out', '-')).code).toBe(2);
  }, 30_000);

  it('prints help and version on stdout', async () => {
    expect((await virtwire('--help')).stdout).toMatch(/^Usage:[\s\S]*virtwire export/);
    expect((await virtwire('--version')).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  }, 30_000);
});

describe('virtwire in the language of the environment', () => {
  const ZH = { LANG: 'zh_TW.UTF-8' };
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  it('speaks Traditional Chinese with LANG=zh_TW.UTF-8: the usage, an unknown command, a missing file and the summary', async () => {
    const help = await virtwireIn(ZH, '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^用法：\n {2}virtwire show FILE {22}印出已儲存拓撲的摘要\n/);
    expect(help.stdout).toContain('  virtwire apply FILE [USER@]HOST … [--yes] [--prune] [--rollback-on-failure]\n');
    const unknown = await virtwireIn(ZH, 'frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/^virtwire: 不明的指令「frobnicate」。\n\n用法：\n/);
    const noFile = await virtwireIn(ZH, 'show');
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/^virtwire: show 需要剛好 1 個檔案引數。\n\n用法：/);
    const missing = await virtwireIn(ZH, 'show', join(dir, 'none.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(new RegExp(`^virtwire: ${escape(join(dir, 'none.json'))} 沒有檔案。\n`));
    const show = await virtwireIn(ZH, 'show', join(dir, 'demo.json'));
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('2 個網路、3 個橋接器、4 個 TAP 裝置、1 台虛擬機器、1 張實體網路卡');
    expect(show.stdout).toMatch(/^網路 default（nat，active）— 橋接器 virbr0\n {2}centos7 {2}52:54:00:7e:f8:5c {2}network {2}virtio {2}vnet0$/m);
  }, 60_000);

  it('speaks English with LC_ALL=C whatever LANG and LANGUAGE say, and takes LC_MESSAGES and LANGUAGE before LANG', async () => {
    const c = await virtwireIn({ LC_ALL: 'C', LANG: 'zh_TW.UTF-8', LANGUAGE: 'zh_TW' }, 'frobnicate');
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/^virtwire: Unknown command "frobnicate"\.\n\nUsage:\n {2}virtwire show FILE {22}print a summary of a saved topology\n/);
    const missing = await virtwireIn({ LC_ALL: 'C', LANG: 'zh_TW.UTF-8' }, 'show', join(dir, 'none.json'));
    expect(missing.stderr).toMatch(new RegExp(`^virtwire: There is no file at ${escape(join(dir, 'none.json'))}\\.\n`));
    expect((await virtwireIn({ LC_MESSAGES: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8' }, '--help')).stdout).toMatch(/^用法：/);
    expect((await virtwireIn({ LANGUAGE: 'zh_TW:en', LANG: 'en_US.UTF-8' }, '--help')).stdout).toMatch(/^用法：/);
    expect((await virtwireIn({ LANGUAGE: 'en', LANG: 'zh_TW.UTF-8' }, '--help')).stdout).toMatch(/^Usage:/);
  }, 60_000);

  it('keeps what programs read the same in every language: the DOT export and the version', async () => {
    const english = await virtwire('export', join(dir, 'demo.json'), '--format', 'dot', '--out', '-');
    const chinese = await virtwireIn(ZH, 'export', join(dir, 'demo.json'), '--format', 'dot', '--out', '-');
    expect(chinese).toEqual(english);
    expect((await virtwireIn(ZH, '--version')).stdout).toBe((await virtwire('--version')).stdout);
  }, 60_000);
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
      env: cliEnv(),
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
    const child = spawn(process.execPath, [BIN, 'start'], { env: cliEnv() });
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
