// The desktop shell's words come from the catalogue (issue 14): no menu label, dialog title,
// message, detail, button or file type in electron/shell is written literally. Each file is parsed
// with TypeScript and every string given to such a property is reported with its file and line.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const shell = fileURLToPath(new URL('../../../electron/shell', import.meta.url));

/** Properties of menu items, message boxes, file dialogs and windows that a user reads. */
const READ = new Set(['label', 'title', 'message', 'detail', 'buttons', 'checkboxLabel', 'name', 'sublabel', 'toolTip']);
/** The product's name is the same in every language. */
const NAMES = /^VirtWire$/;
const WORDS = /\p{L}/u;

/** Literal text given to a property a user reads, as `line: text`. */
function shellLiterals(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node, text: string): void => {
    if (WORDS.test(text) && !NAMES.test(text)) found.push(`${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${text}`);
  };
  // Strings anywhere in the value (a ternary, an array of buttons, a template's literal parts), not inside a call (t('key')).
  const strings = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return report(node, node.text);
    if (ts.isTemplateExpression(node)) {
      report(node, [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ').trim());
      return node.templateSpans.forEach((span) => strings(span.expression));
    }
    ts.forEachChild(node, strings);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && READ.has(node.name.text)) strings(node.initializer);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('the desktop shell speaks from the catalogue', () => {
  it('finds literal labels, titles, buttons and file types, but not keys, names or other properties', () => {
    const source = `const a = { label: 'Open…', accelerator: 'CmdOrCtrl+O', role: 'quit' };
const b = { title: t('desktop.close.title'), buttons: [t('x'), "Don't Save"], message: \`Save \${name}?\` };
const c = { title: 'VirtWire', filters: [{ name: 'All files', extensions: ['*'] }], label: ok ? t('y') : 'No' };`;
    expect(shellLiterals('x.ts', source)).toEqual(['1: Open…', "2: Don't Save", '2: Save  ?', '3: All files', '3: No']);
  });

  for (const name of readdirSync(shell).filter((f) => f.endsWith('.ts'))) {
    it(`electron/shell/${name} has no literal text`, () => {
      expect(shellLiterals(name, readFileSync(join(shell, name), 'utf8'))).toEqual([]);
    });
  }
});
