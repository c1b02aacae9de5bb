// `virtwire diff|plan|apply` before anything reaches a host: usage errors and unreadable or
// ambiguous files exit 2 with a clear line, and nothing connects (the host named here does not
// exist, so a connection attempt would show as exit 3). The lab tier runs them against a host.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDesired, type DesiredCommand } from '../../../electron/cli/desired.ts';
import { demoTopology } from '../../../shared/topology/demo.ts';
import { serializeTopology } from '../../../shared/topology/file.ts';

let dir: string;

async function run(command: DesiredCommand, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await runDesired(command, args, { stdout, stderr, stdin: new PassThrough() });
  return { code, stdout: out, stderr: err };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'virtwire-desired-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('virtwire diff, plan and apply before connecting', () => {
  it('wants a file and a host, and no option of another command', async () => {
    const missing = await run('diff', 'only-a-file.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^virtwire: diff takes a file and a host: diff FILE \[USER@\]HOST\.\n\nUsage:/);
    const wrong = await run('diff', 'f.json', 'root@nowhere.invalid', '--yes');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^virtwire: diff has no --yes option\./);
    expect((await run('plan', 'f.json', 'root@nowhere.invalid', '--port', 'x')).stderr).toMatch(/--port must be a number/);
  });

  it('refuses a missing file, a file that is not a topology and one holding several hosts, without connecting', async () => {
    expect(await run('diff', join(dir, 'none.json'), 'root@nowhere.invalid')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^virtwire: There is no file at /) });
    const notTopology = join(dir, 'other.json');
    await writeFile(notTopology, '{"format": "something-else"}');
    expect(await run('plan', notTopology, 'root@nowhere.invalid')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^virtwire: This file is not a VirtWire topology/) });
    const two = demoTopology();
    two.hosts.push({ ...two.hosts[0]!, id: 'admin@other', label: 'other' });
    const twoHosts = join(dir, 'two.json');
    await writeFile(twoHosts, serializeTopology(two, new Date()));
    const ambiguous = await run('apply', twoHosts, 'root@nowhere.invalid', '--yes');
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toBe(`virtwire: ${twoHosts} holds 2 hosts (root@kvm-host, admin@other); name one with --file-host ID.\n`);
    const unknown = await run('diff', twoHosts, 'root@nowhere.invalid', '--file-host', 'nobody');
    expect(unknown.stderr).toBe(`virtwire: ${twoHosts} holds no host "nobody"; it holds: root@kvm-host, admin@other.\n`);
  });
});
