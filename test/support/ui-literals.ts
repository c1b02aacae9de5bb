// Finds the user-visible text written literally in Svelte markup: text between tags and the
// attributes a user reads (title, aria-label, placeholder, alt, label), parsed with Svelte's own
// compiler so an expression like {t('key')} or a CSS rule is never mistaken for text.
import { readFileSync } from 'node:fs';
import { parse } from 'svelte/compiler';

/** Attributes whose value a user reads or a screen reader speaks. */
const READ_ATTRIBUTES = new Set(['title', 'aria-label', 'placeholder', 'alt', 'label', 'aria-description']);
/** Text a user reads: at least one letter (symbols, numbers and punctuation alone are not words). */
const WORDS = /\p{L}/u;
/** In an expression, a lowercase token ('undo', 'side.outline', 'nic-move') is an id or a key. */
const IDENTIFIER = /^[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*$/;

export interface Literal {
  line: number;
  text: string;
}

interface AstNode {
  type: string;
  start: number;
  data?: string;
  name?: string;
  value?: unknown;
  [key: string]: unknown;
}

const isNode = (x: unknown): x is AstNode => typeof x === 'object' && x !== null && typeof (x as { type?: unknown }).type === 'string';

export function uiLiterals(source: string): Literal[] {
  const ast = parse(source, { modern: true });
  const found: Literal[] = [];
  const lineOf = (offset: number) => source.slice(0, offset).split('\n').length;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isNode(node)) return;
    // Script and style blocks are code, not markup.
    if (node.type === 'Script' || node.type === 'StyleSheet') return;
    if (node.type === 'Text' && typeof node.data === 'string' && WORDS.test(node.data)) {
      found.push({ line: lineOf(node.start), text: node.data.trim().replace(/\s+/g, ' ') });
      return;
    }
    if (node.type === 'ExpressionTag') return strings(node.expression);
    if (node.type === 'Attribute' && typeof node.name === 'string') {
      if (!READ_ATTRIBUTES.has(node.name)) return;
      for (const part of Array.isArray(node.value) ? (node.value as unknown[]) : [node.value]) {
        if (isNode(part) && part.type === 'Text' && typeof part.data === 'string' && WORDS.test(part.data))
          found.push({ line: lineOf(part.start), text: `${node.name}="${part.data.trim()}"` });
        else if (isNode(part) && part.type === 'ExpressionTag') strings(part.expression);
      }
      return;
    }
    // Other attributes (class, href, data-*) and directives hold code, not text.
    if (node.type === 'Attribute' || node.type.endsWith('Directive')) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'type' || key === 'start' || key === 'end' || key === 'metadata') continue;
      if (typeof value === 'object' && value !== null) visit(value);
    }
  };
  /** String literals in an expression shown as text: {cond ? 'Logical view' : 'Wiring view'}. */
  const strings = (expression: unknown): void => {
    const walk = (x: unknown): void => {
      if (Array.isArray(x)) return x.forEach(walk);
      if (!isNode(x)) return;
      // The catalogue's key in t('key') is not text.
      if (x.type === 'CallExpression' && isNode(x.callee) && x.callee.type === 'Identifier' && x.callee.name === 't') return;
      // A value compared with (view === 'logical') is data, not text.
      if (x.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(String(x.operator))) return;
      if (x.type === 'Literal' && typeof x.value === 'string' && WORDS.test(x.value) && !IDENTIFIER.test(x.value)) {
        found.push({ line: lineOf(x.start), text: `'${x.value}'` });
        return;
      }
      if (x.type === 'TemplateElement') {
        const cooked = (x.value as { cooked?: string } | undefined)?.cooked ?? '';
        if (WORDS.test(cooked)) found.push({ line: lineOf(x.start), text: `\`${cooked}\`` });
        return;
      }
      for (const [key, value] of Object.entries(x)) {
        if (key === 'type' || key === 'start' || key === 'end' || key === 'loc' || key === 'metadata') continue;
        if (typeof value === 'object' && value !== null) walk(value);
      }
    };
    walk(expression);
  };
  visit(ast.fragment);
  return found;
}

export const uiLiteralsOfFile = (path: string): Literal[] => uiLiterals(readFileSync(path, 'utf8'));
