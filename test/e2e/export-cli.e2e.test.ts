// `virtwire export` of SVG and PNG: the app's own drawing, made by the command in headless
// Chromium from the built UI, checked as files (SVG as XML with every name, PNG by its IHDR).
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExport } from '../../electron/cli/export.ts';
import { demoTopology } from '../../shared/topology/demo.ts';
import { serializeTopology } from '../../shared/topology/file.ts';
import { buildView } from '../../shared/topology/views.ts';
import { manyVmsTopology } from '../support/many-vms.ts';
import { pngSize, svgTexts } from '../support/pictures.ts';

let dir: string;

async function exportCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await runExport(args, { stdout, stderr }, { ...process.env, VIRTWIRE_CHROMIUM: '/usr/bin/chromium' });
  return { code, stdout: out, stderr: err };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'virtwire-export-e2e-'));
  await writeFile(join(dir, 'demo.json'), serializeTopology(demoTopology(), '2026-11-28T12:00:00.000Z'));
  await writeFile(join(dir, 'big.json'), serializeTopology(manyVmsTopology(1000), '2026-11-28T12:00:00.000Z'));
  await writeFile(join(dir, 'empty.json'), serializeTopology({ hosts: [], nodes: [], links: [], layout: {} }, '2026-11-28T12:00:00.000Z'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('virtwire export --format svg|png', () => {
  it('writes the SVG the app draws, with every object of the view', async () => {
    const out = join(dir, 'demo.svg');
    const run = await exportCli([join(dir, 'demo.json'), '--format', 'svg', '--view', 'wiring', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const texts = svgTexts(await readFile(out, 'utf8'));
    for (const node of buildView(demoTopology(), 'wiring').nodes) expect(texts).toContain(node.label);
    expect(texts).toContain('kvm-host');
  });

  it('writes a PNG at twice the graph’s size', async () => {
    const out = join(dir, 'demo.png');
    const run = await exportCli([join(dir, 'demo.json'), '--out', out]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const { width, height } = pngSize(await readFile(out));
    expect(width).toBeGreaterThan(600);
    expect(width).toBeLessThan(4000);
    expect(height).toBeGreaterThan(600);
    expect(height).toBeLessThan(6000);
  });

  it('says there is nothing to draw for an empty topology (exit 1), writing nothing', async () => {
    const out = join(dir, 'empty.png');
    const run = await exportCli([join(dir, 'empty.json'), '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('There is nothing to draw: the topology is empty.');
    await expect(readFile(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('writes an SVG of 1,000 VMs that XML tools read (libxml2: at most 256 levels deep)', async () => {
    const out = join(dir, 'big.svg');
    expect(await exportCli([join(dir, 'big.json'), '--format', 'svg', '--out', out])).toMatchObject({ code: 0, stderr: '' });
    const lint = spawnSync('xmllint', ['--noout', out], { encoding: 'utf8' });
    expect(lint.error).toBeUndefined();
    expect(lint.stderr).toBe('');
    expect(lint.status).toBe(0);
    expect(svgTexts(await readFile(out, 'utf8'))).toContain('vm999');
  }, 180_000);

  it('draws 1,000 VMs within what a browser can hold (16,000 pixels a side)', async () => {
    const out = join(dir, 'big.png');
    const run = await exportCli([join(dir, 'big.json'), '--format', 'png', '--view', 'wiring', '--out', out]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const { width, height } = pngSize(await readFile(out));
    expect(Math.max(width, height)).toBeLessThanOrEqual(16_000);
    expect(Math.min(width, height)).toBeGreaterThan(1000);
  }, 180_000);
});
