import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoTopology } from '../../../shared/topology/demo.ts';
import { MAX_FILE_BYTES, serializeTopology } from '../../../shared/topology/file.ts';
import type { Topology } from '../../../shared/topology/model.ts';
import { createFilesService, type FileDialogs, type FilesService } from '../../../electron/services/files.ts';
import { MAX_RECENT_FILES, RecentFiles } from '../../../electron/services/recent-files.ts';
import { readBoundedFile } from '../../../electron/services/topology-file.ts';
import { largeTopologyText } from '../../support/large-topology.ts';

let dir: string;
let files: FilesService;
const savedAt = new Date('2026-11-28T12:00:00.000Z');

function service(dialogs?: FileDialogs): FilesService {
  return createFilesService({ recent: new RecentFiles(join(dir, 'config')), dialogs, now: () => savedAt });
}

/** Marks a path as one the user chose (as a dialog or `--open` does) and returns it. */
function chosen(path: string): string {
  files.choose(path);
  return path;
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
    await expect(files.save({ path: chosen(path), topology: demoTopology() })).resolves.toEqual({ path });
    const opened = await files.open({ path: chosen(path) });
    expect(opened).toEqual({ topology: demoTopology(), path, name: 'demo.json' });
    expect(await readFile(path, 'utf8')).toBe(serializeTopology(demoTopology(), savedAt));
  });

  it('leaves no temporary file beside a saved one', async () => {
    await files.save({ path: chosen(join(dir, 'a.json')), topology: demoTopology() });
    expect(await readdir(dir)).toEqual(expect.arrayContaining(['a.json']));
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to save a topology that could not be opened again, leaving the file as it was', async () => {
    const path = join(dir, 'keep.json');
    await writeFile(path, 'original');
    const broken: Topology = { ...demoTopology(), links: [{ id: 'l', kind: 'port', source: 'nowhere', target: 'nothing' }] };
    const error = await errorOf(files.save({ path: chosen(path), topology: broken }));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(/cannot be saved/);
    expect(await readFile(path, 'utf8')).toBe('original');
    expect(await readdir(dir)).toEqual(['keep.json']);
  });

  it('reports a save into a missing folder without creating anything', async () => {
    const error = await errorOf(files.save({ path: chosen(join(dir, 'missing', 'x.json')), topology: demoTopology() }));
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
    const error = await errorOf(files.open({ path: chosen(path) }));
    expect(error.code).toBe('invalid-file');
    expect(error.message).toMatch(message);
  });

  it('refuses an oversized file from its size, before reading it', async () => {
    const path = join(dir, 'huge.json');
    await writeFile(path, '');
    await truncate(path, MAX_FILE_BYTES + 1);
    const error = await errorOf(files.open({ path: chosen(path) }));
    expect(error.code).toBe('invalid-file');
    expect(error.message).toMatch(/too large/);
  });

  it('reports a missing file and a folder as such', async () => {
    expect((await errorOf(files.open({ path: chosen(join(dir, 'none.json')) }))).code).toBe('not-found');
    expect((await errorOf(files.open({ path: chosen(dir) }))).code).toBe('invalid-input');
  });

  it('refuses a named pipe (FIFO) at once, without waiting for a writer', async () => {
    const path = join(dir, 'pipe.json');
    execFileSync('mkfifo', [path]);
    try {
      const error = await withTimeout(errorOf(files.open({ path: chosen(path) })), 3_000);
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
    const error = await withTimeout(errorOf(files.open({ path: chosen(path) })), 3_000);
    expect(error.code).toBe('invalid-input');
    expect(error.message).toBe(`${path} is ${what}, not a topology file.`);
  });

  it('refuses a folder, naming it', async () => {
    const error = await errorOf(files.open({ path: chosen(dir) }));
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
    const error = await errorOf(files.open({ path: chosen(path) }));
    expect(error.code).toBe('invalid-file');
    expect(error.message).toMatch(/nests more than 64 levels deep/);
  });

  it('opens a file with 200,000 NIC links', async () => {
    const path = join(dir, 'large.json');
    await writeFile(path, largeTopologyText(200_000));
    expect((await files.open({ path: chosen(path) }))!.topology.links).toHaveLength(200_000);
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

describe('only files the user chose', () => {
  it('opens and saves nothing the user did not choose, and does not add it to the recent list', async () => {
    const secret = join(dir, 'elsewhere.json');
    await writeFile(secret, serializeTopology(demoTopology(), savedAt));
    const openError = await errorOf(files.open({ path: secret }));
    expect(openError).toMatchObject({ code: 'permission', message: expect.stringContaining(secret) });
    const target = join(dir, 'overwrite.json');
    await writeFile(target, 'keep me');
    expect((await errorOf(files.save({ path: target, topology: demoTopology() }))).code).toBe('permission');
    expect((await errorOf(files.save({ path: join(dir, 'new.json'), topology: demoTopology() }))).code).toBe('permission');
    expect(await readFile(target, 'utf8')).toBe('keep me');
    expect((await readdir(dir)).sort()).toEqual(['elsewhere.json', 'overwrite.json']);
    await expect(files.recent({})).resolves.toEqual({ files: [] });
  });

  it('treats a relative path or one with .. as the file it names', async () => {
    const path = chosen(join(dir, 'a.json'));
    await files.save({ path, topology: demoTopology() });
    await expect(files.open({ path: join(dir, 'sub', '..', 'a.json') })).resolves.toMatchObject({ path });
    expect((await errorOf(files.open({ path: join(dir, 'a.json', '..', 'b.json') }))).code).toBe('permission');
  });

  it('opens a file on the recent list from an earlier session, and may then save to it', async () => {
    const path = join(dir, 'earlier.json');
    await files.save({ path: chosen(path), topology: demoTopology() });
    const later = service();
    expect((await errorOf(later.save({ path, topology: demoTopology() }))).code).toBe('permission');
    await expect(later.open({ path })).resolves.toMatchObject({ path });
    await expect(later.save({ path, topology: demoTopology() })).resolves.toEqual({ path });
  });

  it('lets a file chosen in a dialog be saved to again', async () => {
    const target = join(dir, 'picked.json');
    const withDialogs = service({ chooseFileToOpen: async () => null, chooseFileToSave: async () => target });
    await withDialogs.saveAs({ topology: demoTopology() });
    await expect(withDialogs.save({ path: target, topology: demoTopology() })).resolves.toEqual({ path: target });
  });

  it('never quotes the bytes of a file that is not a topology in its error', async () => {
    const path = join(dir, 'id_ed25519');
    await writeFile(path, 'SECRET-KEY-MATERIAL-0123456789');
    const error = (await errorOf(files.open({ path: chosen(path) }))) as { code: string; message: string; detail?: string };
    expect(error.code).toBe('invalid-file');
    expect(JSON.stringify(error)).not.toMatch(/SECRET|KEY-MATERIAL|0123/);
    await writeFile(path, '{"format": "virtwire-topology", "secret": SECRET}');
    const broken = (await errorOf(files.open({ path }))) as { detail?: string };
    expect(JSON.stringify(broken)).not.toMatch(/SECRET/);
  });
});

describe('recent files', () => {
  it('lists opened and saved files newest first, at most ten, without ones since deleted', async () => {
    const paths = Array.from({ length: MAX_RECENT_FILES + 2 }, (_, i) => join(dir, `t${i}.json`));
    for (const path of paths) await files.save({ path: chosen(path), topology: demoTopology() });
    await files.open({ path: chosen(paths[3]!) });
    await rm(paths[5]!);
    const { files: recent } = await files.recent({});
    expect(recent[0]).toBe(paths[3]);
    expect(recent).not.toContain(paths[5]);
    expect(recent).not.toContain(paths[0]);
    expect(recent.length).toBe(MAX_RECENT_FILES - 1);
  });

  it('survives a restart and shrugs off a damaged list', async () => {
    const path = join(dir, 'kept.json');
    await files.save({ path: chosen(path), topology: demoTopology() });
    await expect(service().recent({})).resolves.toEqual({ files: [path] });
    await mkdir(join(dir, 'config'), { recursive: true });
    await writeFile(join(dir, 'config', 'recent-files.json'), 'garbage');
    await expect(service().recent({})).resolves.toEqual({ files: [] });
  });
});
