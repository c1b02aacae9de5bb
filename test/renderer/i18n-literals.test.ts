// Every word the renderer shows comes from the message catalogue (shared/i18n): the markup of
// each Svelte component is parsed with Svelte's own compiler and any text written in it
// literally is reported with its file and line. Components not yet moved to the catalogue are
// listed below; the list may only shrink (a listed file without literal text fails too).
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { uiLiterals, uiLiteralsOfFile } from '../support/ui-literals.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Command and product names, shown as they are in every language. */
const NAMES = /^(ssh-keygen -lf|placeholder="~\/\.ssh\/config"|virsh|VirtWire|XML|JSON|SVG|PNG|DOT|Mermaid|draw\.io|MAC|IP|MTU|NAT|TAP|OVS)$/;

/** Components still to be moved to the catalogue (issue 14, two languages). */
const NOT_YET = new Set<string>([]);

function svelteFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? svelteFiles(join(dir, entry.name)) : entry.name.endsWith('.svelte') ? [join(dir, entry.name)] : [],
  );
}

const literalsOf = (file: string) => uiLiteralsOfFile(join(root, file)).filter((l) => !NAMES.test(l.text));

describe('user-visible text comes from the catalogue', () => {
  const files = svelteFiles('renderer').map((f) => relative(root, join(root, f)));

  it('finds literal text in markup, attributes a user reads and strings shown by expressions', () => {
    const found = uiLiterals(
      `<script>let n = 1;</script><p title="Open a file">Hello {n > 1 ? 'many' : 'One item'}</p><b class="x">{t('key')}</b>` +
        `<i aria-label={t('a.b')}>{n === 'logical' ? t('c') : '·'}</i><style>p { color: red; }</style>`,
    ).map((l) => l.text);
    expect(found).toEqual(['title="Open a file"', 'Hello', "'One item'"]);
  });

  for (const file of files.filter((f) => !NOT_YET.has(f))) {
    it(`${file} has no literal text`, () => {
      expect(literalsOf(file).map((l) => `${file}:${l.line} ${l.text}`)).toEqual([]);
    });
  }

  it('lists only components that still have literal text (moved ones leave the list)', () => {
    const done = [...NOT_YET].filter((file) => !files.includes(file) || literalsOf(file).length === 0);
    expect(done).toEqual([]);
  });
});
