// A new document's name (issue 14): Untitled in the UI's language, in the window title and the
// status, following a change of language; a file's own name stays as it is in every language.
import { afterEach, describe, expect, it } from 'vitest';
import { emptyTopology } from '../../shared/topology/model.ts';
import { DocumentState } from '../../renderer/state/document.svelte.ts';
import { language } from '../../renderer/state/i18n.svelte.ts';

describe('the name of the open document', () => {
  afterEach(() => language.choose('system'));

  it('is Untitled in the UI language until the document has a name, and follows a change of language', () => {
    language.choose('en');
    const doc = new DocumentState();
    expect(doc.name).toBe('Untitled');
    expect(doc.title).toBe('Untitled — VirtWire');
    language.choose('zh-TW');
    expect(doc.name).toBe('未命名');
    expect(doc.title).toBe('未命名 — VirtWire');
    doc.dirty = true;
    expect(doc.title).toBe('• 未命名 — VirtWire');
  });

  it('is the file name once opened or saved, in every language', () => {
    language.choose('zh-TW');
    const doc = new DocumentState();
    doc.load({ topology: emptyTopology(), path: null, name: 'lab.vwtopo' });
    expect(doc.title).toBe('lab.vwtopo — VirtWire');
    doc.markSaved('/home/ana/saved.vwtopo');
    language.choose('en');
    expect(doc.name).toBe('saved.vwtopo');
    expect(doc.title).toBe('saved.vwtopo — VirtWire');
  });
});
