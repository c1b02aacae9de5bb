// `virtwire diff|plan|apply` before anything reaches a host: usage errors and unreadable or
// ambiguous files exit 2 with a clear line, and nothing connects (the host named here does not
// exist, so a connection attempt would show as exit 3). The lab tier runs them against a host.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultText } from '../../../electron/cli/desired-print.ts';
import { runDesired, type DesiredCommand } from '../../../electron/cli/desired.ts';
import type { StepResult } from '../../../shared/api/plan.ts';
import { useLocale } from '../../../electron/cli/i18n.ts';
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
  useLocale('en');
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
    expect((await run('plan', 'f.json', 'root@nowhere.invalid', '--json=yes')).stderr).toMatch(/^virtwire: --json takes no value\.\n\nUsage:/);
    expect((await run('apply', 'f.json', 'root@nowhere.invalid', '--journal')).stderr).toMatch(/^virtwire: --journal needs a value\.\n/);
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

describe('virtwire diff, plan and apply in Traditional Chinese', () => {
  afterAll(() => useLocale('en'));

  it('says what is wrong with the command line or the file in Chinese, with command and option names as they are', async () => {
    useLocale('zh-TW');
    const missing = await run('plan', 'only-a-file.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^virtwire: plan 需要一個檔案和一台主機：plan FILE \[USER@\]HOST。\n\n用法：\n {2}virtwire diff {2}FILE/);
    expect(missing.stderr).toContain('  --port N            SSH 連接埠（預設 22）\n');
    expect(missing.stderr).toContain('  --rollback-on-failure  某個步驟失敗時');
    expect((await run('diff', 'f.json', 'root@nowhere.invalid', '--yes')).stderr).toMatch(/^virtwire: diff 沒有 --yes 選項。/);
    expect((await run('diff', 'f.json', 'root@nowhere.invalid', '--colour')).stderr).toMatch(/^virtwire: 不明的選項「--colour」。/);
    expect((await run('diff', join(dir, 'none.json'), 'root@nowhere.invalid')).stderr).toBe(`virtwire: ${join(dir, 'none.json')} 沒有檔案。\n`);
    const two = demoTopology();
    two.hosts.push({ ...two.hosts[0]!, id: 'admin@other', label: 'other' });
    const twoHosts = join(dir, 'two-zh.json');
    await writeFile(twoHosts, serializeTopology(two, new Date()));
    expect((await run('apply', twoHosts, 'root@nowhere.invalid', '--yes')).stderr).toBe(
      `virtwire: ${twoHosts} 含有 2 台主機（root@kvm-host, admin@other）；請用 --file-host ID 指定其中一台。\n`,
    );
  });

  it('reports what apply did to each step in Chinese, the planner\'s step, the command line and the host\'s error as they are', () => {
    const step = (index: number, outcome: StepResult['outcome'], more: Partial<StepResult> = {}): StepResult => ({ index, description: `Step ${index + 1}.`, argv: ['virsh'], outcome, exitCode: null, stderr: '', ...more });
    const results = [step(0, 'ran'), step(1, 'failed', { exitCode: 1, stderr: 'error: no sfq' }), step(2, 'not-run')];
    const lines = (locale: 'en' | 'zh-TW') => {
      useLocale(locale);
      return resultText(results, (i) => `virsh step ${i + 1}`);
    };
    expect(lines('en')).toBe('  1. done: Step 1.\n  2. FAILED: Step 2.\n     $ virsh step 2\n     exit code 1\n     host: error: no sfq\n  3. not run: Step 3.\n');
    expect(lines('zh-TW')).toBe('  1. 完成：Step 1.\n  2. 失敗：Step 2.\n     $ virsh step 2\n     結束代碼 1\n     主機：error: no sfq\n  3. 未執行：Step 3.\n');
  });
});
