// `virtwire export`, called directly as main.ts calls it, with stdout and stderr captured: the
// text formats written from a file, usage and failures with their exit codes, and what
// happens when the Chromium that SVG and PNG need is not there. (The pictures themselves:
// test/e2e/export-cli.e2e.test.ts.)
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportUsage, runExport } from '../../../electron/cli/export.ts';
import { useLocale } from '../../../electron/cli/i18n.ts';
import { exportText } from '../../../shared/export/index.ts';
import { demoTopology } from '../../../shared/topology/demo.ts';
import { serializeTopology } from '../../../shared/topology/file.ts';
import { manyVmsTopology } from '../../support/many-vms.ts';

let dir: string;
const DEMO = (): string => join(dir, 'demo.json');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function exportCli(args: string[], env: NodeJS.ProcessEnv = process.env, tty = false): Promise<Run> {
  const stdout = Object.assign(new PassThrough(), { isTTY: tty });
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(Buffer.from(c)));
  stderr.on('data', (c: Buffer) => err.push(Buffer.from(c)));
  const code = await runExport(args, { stdout, stderr }, env);
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

beforeAll(async () => {
  useLocale('en');
  dir = await mkdtemp(join(tmpdir(), 'virtwire-export-cli-'));
  await writeFile(DEMO(), serializeTopology(demoTopology(), '2026-11-28T12:00:00.000Z'));
  await writeFile(join(dir, 'big.json'), serializeTopology(manyVmsTopology(1000, { hostile: true }), '2026-11-28T12:00:00.000Z'));
  await writeFile(join(dir, 'broken.json'), '{"format": "virtwire-topology", "version": 1, "hosts": [');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('virtwire export (text formats)', () => {
  it.each([
    ['dot', 'demo.dot'],
    ['mermaid', 'demo.mmd'],
    ['drawio', 'demo.drawio'],
  ] as const)('writes %s, the same text the app exports', async (format, name) => {
    const out = join(dir, name);
    const run = await exportCli([DEMO(), '--format', format, '--out', out, '--view', 'wiring']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(`${out}: ${format === 'dot' ? 'Graphviz DOT' : format === 'mermaid' ? 'Mermaid flowchart' : 'draw.io diagram'}, wiring view, 13 objects and 11 links\n`);
    expect(await readFile(out, 'utf8')).toBe(exportText(demoTopology(), format, 'wiring'));
  });

  it('takes the format from the output name, the logical view by default, and - for standard output', async () => {
    const out = join(dir, 'by-name.mmd');
    expect((await exportCli([DEMO(), '--out', out])).code).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(exportText(demoTopology(), 'mermaid', 'logical'));
    const piped = await exportCli([DEMO(), '--format', 'dot', '--out', '-']);
    expect(piped).toEqual({ code: 0, stdout: exportText(demoTopology(), 'dot', 'logical'), stderr: '' });
  });

  it('writes a 1,000-VM file with hostile names that Graphviz reads', async () => {
    const out = join(dir, 'big.dot');
    expect((await exportCli([join(dir, 'big.json'), '--format', 'dot', '--out', out, '--view', 'wiring'])).code).toBe(0);
    const dot = spawnSync('dot', ['-Tsvg', '-o', '/dev/null', out], { encoding: 'utf8', timeout: 120_000 });
    expect(dot.error).toBeUndefined();
    expect(dot.stderr).toBe('');
    expect(dot.status).toBe(0);
  }, 120_000);

  it.each([
    [[], 'export takes one topology file.'],
    [['a.json', 'b.json', '--out', 'x.dot'], 'export takes one topology file.'],
    [['a.json', '--format', 'dot'], 'export needs --out OUT (- for standard output).'],
    [['a.json', '--out', 'x.txt'], 'export needs --format (svg, png, dot, mermaid or drawio).'],
    [['a.json', '--format', 'pdf', '--out', 'x.pdf'], '--format must be one of svg, png, dot, mermaid, drawio, not "pdf".'],
    [['a.json', '--out', 'x.dot', '--view', 'physical'], '--view must be logical or wiring, not "physical".'],
    [['a.json', '--out', 'x.dot', '--colour'], 'Unknown option "--colour".'],
    [['a.json', '--out'], '--out needs a value.'],
  ])('refuses %j as a usage error (exit 2)', async (args, message) => {
    const run = await exportCli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`virtwire: ${message}`);
    expect(run.stderr).toContain(exportUsage());
  });

  it('does not write a PNG to a terminal', async () => {
    expect((await exportCli([DEMO(), '--format', 'png', '--out', '-'], process.env, true)).code).toBe(2);
  });

  it('prints the usage for --help', async () => {
    expect(await exportCli(['--help'])).toEqual({ code: 0, stdout: exportUsage(), stderr: '' });
  });

  it('fails (exit 1) on a file that is not a valid topology, or that is not there, writing nothing', async () => {
    const out = join(dir, 'never.dot');
    const broken = await exportCli([join(dir, 'broken.json'), '--format', 'dot', '--out', out]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^virtwire: /);
    const missing = await exportCli([join(dir, 'none.json'), '--format', 'dot', '--out', out]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no file at');
    await expect(readFile(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('fails (exit 1) into a folder that does not exist', async () => {
    const run = await exportCli([DEMO(), '--format', 'dot', '--out', join(dir, 'no', 'such', 'x.dot')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('does not exist');
  });
});

describe('virtwire export (pictures) without Chromium', () => {
  it('says how to get Chromium when none is on the PATH (exit 1)', async () => {
    const run = await exportCli([DEMO(), '--format', 'svg', '--out', join(dir, 'x.svg')], { PATH: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no Chromium was found');
    expect(run.stderr).toContain('--chromium PATH');
  });

  it('names the Chromium it was told to use when that is not there (exit 1)', async () => {
    const run = await exportCli([DEMO(), '--format', 'png', '--out', join(dir, 'x.png'), '--chromium', join(dir, 'no-chromium')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Chromium is not at ${join(dir, 'no-chromium')}`);
    const byEnv = await exportCli([DEMO(), '--format', 'png', '--out', join(dir, 'x.png')], { VIRTWIRE_CHROMIUM: join(dir, 'nope') });
    expect(byEnv.stderr).toContain(`Chromium is not at ${join(dir, 'nope')}`);
  });
});

describe('virtwire export in Traditional Chinese', () => {
  afterAll(() => useLocale('en'));

  it('gives its usage, its usage errors, what it wrote and why it failed in Chinese; format and option names stay', async () => {
    useLocale('zh-TW');
    const help = await exportCli(['--help']);
    expect(help.stdout).toMatch(/^用法：\n {2}virtwire export FILE --format svg\|png\|dot\|mermaid\|drawio --out OUT/);
    expect(help.stdout).toContain('結束代碼：');
    const wrong = await exportCli([DEMO(), '--format', 'pdf', '--out', 'x.pdf']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^virtwire: --format 必須是 svg, png, dot, mermaid, drawio 其中之一，不能是「pdf」。\n\n用法：/);
    const out = join(dir, 'zh.dot');
    const written = await exportCli([DEMO(), '--out', out, '--view', 'wiring']);
    expect(written).toEqual({ code: 0, stdout: `${out}：Graphviz DOT 檔，接線檢視，13 個物件和 11 條連結\n`, stderr: '' });
    const missing = await exportCli([join(dir, 'none.json'), '--out', out]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(new RegExp(`^virtwire: ${join(dir, 'none.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} 沒有檔案。\n`));
    expect((await exportCli([DEMO(), '--format', 'svg', '--out', join(dir, 'x.svg')], { PATH: dir })).stderr).toContain('找不到 Chromium');
  });
});
