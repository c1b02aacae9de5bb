import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FilesApi } from '../../../shared/api/index.ts';
import { demoTopology } from '../../../shared/topology/demo.ts';
import { MAX_FILE_BYTES, serializeTopology } from '../../../shared/topology/file.ts';
import type { Topology } from '../../../shared/topology/model.ts';
import { createFilesService, type FileDialogs } from '../../../electron/services/files.ts';
import { MAX_RECENT_FILES, RecentFiles } from '../../../electron/services/recent-files.ts';
import { readBoundedFile } from '../../../electron/services/topology-file.ts';
import { largeTopologyText } from '../../support/large-topology.ts';

let dir: string;
let files: FilesApi;
const savedAt = new Date('2026-11-28T12:00:00.000Z');

function service(dialogs?: FileDialogs): FilesApi {
  return createFilesService({ recent: new RecentFiles(join(dir, 'config')), dialogs, now: () => savedAt });
}

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected the call to fail');
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Lets a read blocked on a FIFO finish (opening its other end), so a failing test cannot hang the run. */
function unblockFifo(path: string): void {
  try {
    closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // no reader is waiting: nothing is blocked
  }
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'virtwire-files-'));
  files = service();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('files service', () => {
  it('saves and opens the same topology', async () => {
    const path = join(dir, 'demo.json');
    await expect(files.save({ path, topology: demoTopology() })).resolves.toEqual({ path });
    const opened = await files.open({ path });
    expect(opened).toEqual({ topology: demoTopology(), path, name: 'demo.json' });
    expect(await readFile(path, 'utf8')).toBe(serializeTopology(demoTopology(), savedAt));
  });

  it('leaves no temporary file beside a saved one', async () => {
    await files.save({ path: join(dir, 'a.json'), topology: demoTopology() });
    expect(await readdir(dir)).toEqual(expect.arrayContaining(['a.json']));
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to save a topology that could not be opened again, leaving the file as it was', async () => {
    const path = join(dir, 'keep.json');
    await writeFile(path, 'original');
    const broken: Topology = { ...demoTopology(), links: [{ id: 'l', kind: 'port', source: 'nowhere', target: 'nothing' }] };
    const error = await errorOf(files.save({ path, topology: broken }));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(/cannot be saved/);
    expect(await readFile(path, 'utf8')).toBe('original');
    expect(await readdir(dir)).toEqual(['keep.json']);
  });

  it('reports a save into a missing folder without creating anything', async () => {
    const error = await errorOf(files.save({ path: join(dir, 'missing', 'x.json'), topology: demoTopology() }));
    expect(error.code).toBe('not-found');
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([
    ['not JSON', '{ nope', /not valid JSON/],
    ['another format', '{"format":"something-else"}', /not a VirtWire topology/],
    ['a newer version', JSON.stringify({ format: 'virtwire-topology', version: 99 }), /newer VirtWire/],
  ])('gives a file error for %s', async (_what, text, message) => {
    const path = join(dir, 'bad.json');
    await writeFile(path, text);
    const error = await errorOf(files.open({ path }));
    expect(error.code).toBe('invalid-file');
    expect(error.message).toMatch(message);
  });

  it('refuses an oversized file from its size, before reading it', async () => {
    const path = join(dir, 'huge.json');
    await writeFile(path, '');
    await truncate(path, MAX_FILE_BYTES + 1);
    const error = await errorOf(files.open({ path }));
    expect(error.code).toBe('invalid-file');
    expect(error.message).toMatch(/too large/);
  });

  it('reports a missing file and a folder as such', async () => {
    expect((await errorOf(files.open({ path: join(dir, 'none.json') }))).code).toBe('not-found');
    expect((await errorOf(files.open({ path: dir }))).code).toBe('invalid-input');
  });

  it('refuses a named pipe (FIFO) at once, without waiting for a writer', async () => {
    const path = join(dir, 'pipe.json');
    execFileSync('mkfifo', [path]);
    try {
      const error = await withTimeout(errorOf(files.open({ path })), 3_000);
      expect(error.code).toBe('invalid-input');
      expect(error.message).toBe(`${path} is a named pipe (FIFO), not a topology file.`);
    } finally {
      unblockFifo(path);
    }
  });

  it.each([
    ['/dev/zero', 'a character device'],
    ['/dev/null', 'a character device'],
  ])('refuses %s, which is %s, without reading it', async (path, what) => {
    const error = await withTimeout(errorOf(files.open({ path })), 3_000);
    expect(error.code).toBe('invalid-input');
    expect(error.message).toBe(`${path} is ${what}, not a topology file.`);
  });

  it('refuses a folder, naming it', async () => {
    const error = await errorOf(files.open({ path: dir }));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toBe(`${dir} is a folder, not a topology file.`);
  });

  it.skipIf(process.platform !== 'linux')('reads no more than the limit when stat reports a smaller size than the file holds', async () => {
    // /proc files are regular files whose stat size is 0, whatever they hold.
    await expect(readBoundedFile('/proc/self/status', 100)).rejects.toMatchObject({ code: 'invalid-file', message: /too large .*more than/ });
    expect((await readBoundedFile('/proc/self/status', 1_000_000)).toString()).toMatch(/^Name:/);
  });

  it('reports JSON nested thousands deep as an invalid file, not an I/O error', async () => {
    const path = join(dir, 'deep.json');
    await writeFile(path, `{"format": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const error = await errorOf(files.open({ path }));
    expect(error.code).toBe('invalid-file');
    expect(error.message).toMatch(/nests more than 64 levels deep/);
  });

  it('opens a file with 200,000 NIC links', async () => {
    const path = join(dir, 'large.json');
    await writeFile(path, largeTopologyText(200_000));
    expect((await files.open({ path }))!.topology.links).toHaveLength(200_000);
  }, 60_000);

  it('opens uploaded text and the demo without touching the disk', async () => {
    const text = serializeTopology(demoTopology(), savedAt);
    await expect(files.openText({ name: 'up.json', text })).resolves.toEqual({ topology: demoTopology(), path: null, name: 'up.json' });
    await expect(files.openDemo({})).resolves.toMatchObject({ path: null, name: 'Demo' });
    await expect(files.serialize({ topology: demoTopology() })).resolves.toEqual({ text });
    expect((await errorOf(files.openText({ name: 'x', text: '[]' }))).code).toBe('invalid-file');
  });

  it('uses the dialogs for Open without a path and Save As, and treats cancel as null', async () => {
    const target = join(dir, 'chosen.json');
    const answers: (string | null)[] = [target, null, null];
    const withDialogs = service({
      chooseFileToOpen: async () => answers.shift() ?? null,
      chooseFileToSave: async () => answers.shift() ?? null,
    });
    await expect(withDialogs.saveAs({ topology: demoTopology() })).resolves.toEqual({ path: target });
    await expect(withDialogs.open({})).resolves.toBeNull();
    await expect(withDialogs.saveAs({ topology: demoTopology() })).resolves.toBeNull();
    expect((await errorOf(files.open({}))).code).toBe('invalid-input');
  });
});

describe('recent files', () => {
  it('lists opened and saved files newest first, at most ten, without ones since deleted', async () => {
    const paths = Array.from({ length: MAX_RECENT_FILES + 2 }, (_, i) => join(dir, `t${i}.json`));
    for (const path of paths) await files.save({ path, topology: demoTopology() });
    await files.open({ path: paths[3]! });
    await rm(paths[5]!);
    const { files: recent } = await files.recent({});
    expect(recent[0]).toBe(paths[3]);
    expect(recent).not.toContain(paths[5]);
    expect(recent).not.toContain(paths[0]);
    expect(recent.length).toBe(MAX_RECENT_FILES - 1);
  });

  it('survives a restart and shrugs off a damaged list', async () => {
    const path = join(dir, 'kept.json');
    await files.save({ path, topology: demoTopology() });
    await expect(service().recent({})).resolves.toEqual({ files: [path] });
    await mkdir(join(dir, 'config'), { recursive: true });
    await writeFile(join(dir, 'config', 'recent-files.json'), 'garbage');
    await expect(service().recent({})).resolves.toEqual({ files: [] });
  });
});
