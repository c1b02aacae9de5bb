// files.exportAs: the native Save dialog offers the export's own format, the file lands where
// the user chose, and without a dialog (browser mode) the call is refused.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFilesService, type SaveFilter } from '../../../electron/services/files.ts';
import { RecentFiles } from '../../../electron/services/recent-files.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'virtwire-export-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('files.exportAs', () => {
  it('asks where to save with the format as the filter, then writes the text there', async () => {
    const asked: [string, SaveFilter | undefined][] = [];
    const target = join(dir, 'wiki.mmd');
    const files = createFilesService({
      recent: new RecentFiles(join(dir, 'config')),
      dialogs: {
        chooseFileToOpen: async () => null,
        chooseFileToSave: async (name, filter) => {
          asked.push([name, filter]);
          return target;
        },
      },
    });
    const text = 'flowchart TB\n  n0("ü")\n';
    await expect(files.exportAs({ format: 'mermaid', suggestedName: '../../etc/Demo-logical.mmd', content: text, encoding: 'utf8' })).resolves.toEqual({ path: target });
    expect(await readFile(target, 'utf8')).toBe(text);
    // only a name is suggested, never a folder the page picked
    expect(asked).toEqual([['Demo-logical.mmd', { name: 'Mermaid flowchart', extensions: ['mmd'] }]]);
    await expect(files.recent({})).resolves.toEqual({ files: [] });
  });

  it('is refused without a dialog (browser mode downloads instead)', async () => {
    const files = createFilesService({ recent: new RecentFiles(join(dir, 'config')) });
    await expect(files.exportAs({ format: 'svg', suggestedName: 'a.svg', content: '<svg/>', encoding: 'utf8' })).rejects.toMatchObject({ code: 'invalid-input' });
  });
});
