// A write that dies halfway (disk full, I/O error) must leave the original file whole and
// no temporary file behind. Running as root, permissions cannot make a real write fail, so
// the file handle's write is made to fail after writing part of the content.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

const failure = vi.hoisted(() => ({ active: false }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof fs.open = async (...args) => {
    const handle = await fs.open(...args);
    if (!failure.active || args[1] !== 'wx') return handle;
    return Object.assign(Object.create(handle) as typeof handle, {
      writeFile: async (text: string) => {
        await handle.write(text.slice(0, text.length / 2));
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
      close: () => handle.close(),
    });
  };
  return { ...fs, open, default: { ...fs, open } };
});

const { writeTopologyFile } = await import('../../../electron/services/topology-file.ts');
const { demoTopology } = await import('../../../shared/topology/demo.ts');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'virtwire-atomic-'));
});
afterEach(async () => {
  failure.active = false;
  await rm(dir, { recursive: true, force: true });
});

it('keeps the original whole and removes the temporary file when the write fails', async () => {
  const path = join(dir, 'topology.json');
  await writeFile(path, 'the original');
  failure.active = true;
  await expect(writeTopologyFile(path, demoTopology(), new Date())).rejects.toMatchObject({ code: 'io' });
  expect(await readFile(path, 'utf8')).toBe('the original');
  expect(await readdir(dir)).toEqual(['topology.json']);
});
