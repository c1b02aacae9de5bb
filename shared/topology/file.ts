// Topology file format 1: reading (validated, with one clear message per problem) and writing.
import type { z } from 'zod';
import { ApiError } from '../errors.ts';
import type { Message } from '../i18n/index.ts';
import { upgradeUnlinkedNics } from './legacy.ts';
import type { Topology } from './model.ts';
import { FILE_FORMAT, FILE_VERSION, topologyFileSchema, topologySchema } from './schema.ts';

export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** A file that cannot be opened: why, as a catalogue message (English in `message`), and where as detail. */
function invalid(says: Message, detail?: string): ApiError {
  return ApiError.said('invalid-file', says, detail);
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Refuses a file over the size cap (`limit`, MAX_FILE_BYTES unless given) before anything
 * reads it whole. `atLeast`: `bytes` is where reading stopped, not the whole file's size.
 */
export function checkFileSize(bytes: number, { atLeast = false, limit = MAX_FILE_BYTES }: { atLeast?: boolean; limit?: number } = {}): void {
  if (bytes > limit) {
    const size: string | Message = atLeast ? { key: 'checks.file.moreThan', values: { size: formatMegabytes(limit) } } : formatMegabytes(bytes);
    throw invalid({ key: 'checks.file.tooLarge', values: { size, limit: formatMegabytes(limit) } });
  }
}

function utf8Length(text: string): number {
  // A UTF-16 code unit is at most 3 UTF-8 bytes, so short strings need no counting.
  if (text.length * 3 <= MAX_FILE_BYTES) return text.length;
  return new TextEncoder().encode(text).length;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
  return `${path || '(top level)'}: ${issue.message}`;
}

function checkReferences(topology: Topology): void {
  const duplicates: string[] = [];
  const dangling: string[] = [];
  const hostIds = new Set<string>();
  for (const h of topology.hosts) {
    if (hostIds.has(h.id)) duplicates.push(`host id "${h.id}" is used twice`);
    hostIds.add(h.id);
  }
  const nodeIds = new Set<string>();
  for (const n of topology.nodes) {
    if (nodeIds.has(n.id)) duplicates.push(`node id "${n.id}" is used twice`);
    nodeIds.add(n.id);
    if (!hostIds.has(n.host)) dangling.push(`node "${n.id}" is on host "${n.host}", which is not in the file`);
  }
  const linkIds = new Set<string>();
  for (const l of topology.links) {
    if (linkIds.has(l.id)) duplicates.push(`link id "${l.id}" is used twice`);
    linkIds.add(l.id);
    for (const end of [l.source, l.target]) {
      if (!nodeIds.has(end)) dangling.push(`link "${l.id}" points to node "${end}", which is not in the file`);
    }
  }
  for (const id of Object.keys(topology.layout)) {
    if (!nodeIds.has(id)) dangling.push(`layout has a position for node "${id}", which is not in the file`);
  }
  const detail = [...duplicates.slice(0, 20), ...dangling.slice(0, 20)].slice(0, 20).join('\n');
  if (duplicates.length > 0) {
    const says: Message = dangling.length > 0
      ? { key: 'checks.file.duplicatesAndDangling', values: { duplicates: duplicates.length, problems: dangling.length } }
      : { key: 'checks.file.duplicates', values: { duplicates: duplicates.length } };
    throw invalid(says, detail);
  }
  if (dangling.length > 0) throw invalid({ key: 'checks.file.dangling', values: { problems: dangling.length } }, detail);
}

/** Deeper than any topology file nests (about 6 levels); JSON this deep is hostile or broken. */
export const MAX_JSON_DEPTH = 64;

/** Whether JSON text nests arrays and objects deeper than MAX_JSON_DEPTH (one pass, no recursion). */
function nestsTooDeeply(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

/** Parses and validates a topology file; throws an `invalid-file` ApiError naming the problem. */
export function parseTopologyFile(text: string): Topology {
  checkFileSize(utf8Length(text));
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    if (e instanceof RangeError) throw tooDeep();
    throw invalid({ key: 'checks.file.notJson' }, jsonErrorPlace(e, text));
  }
  // Everything below may recurse into the value (validation, messages quoting it): a value
  // nested thousands deep would overflow the stack there, so it is refused here.
  if (nestsTooDeeply(text)) throw tooDeep();
  try {
    return checkTopology(raw);
  } catch (e) {
    if (e instanceof RangeError) throw tooDeep();
    throw e;
  }
}

/**
 * Where JSON.parse gave up, as a line and column — never the parser's own message, which quotes
 * the file's text (the file may be one the user did not mean to show, such as a key).
 */
function jsonErrorPlace(error: unknown, text: string): string | undefined {
  const message = error instanceof Error ? error.message : '';
  const at = /at position (\d+)/.exec(message);
  if (at) {
    const position = Number(at[1]);
    const before = text.slice(0, position);
    const line = before.split('\n').length;
    return `The JSON breaks at line ${line}, column ${position - before.lastIndexOf('\n')}.`;
  }
  if (/unexpected end/i.test(message)) return 'The file ends before its JSON does.';
  return undefined;
}

function tooDeep(): ApiError {
  return invalid({ key: 'checks.file.tooDeep', values: { depth: String(MAX_JSON_DEPTH) } });
}

function checkTopology(raw: unknown): Topology {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalid({ key: 'checks.file.notObject' });
  }
  const header = raw as Record<string, unknown>;
  if (header.format !== FILE_FORMAT) {
    throw invalid(
      { key: 'checks.file.noFormat', values: { format: FILE_FORMAT } },
      header.format === undefined ? undefined : `format: ${JSON.stringify(header.format).slice(0, 200)}`,
    );
  }
  if (typeof header.version === 'number' && header.version > FILE_VERSION) {
    throw invalid({ key: 'checks.file.newer', values: { version: String(header.version), supported: String(FILE_VERSION) } });
  }
  if (header.version !== FILE_VERSION) {
    throw invalid({ key: 'checks.file.unknownVersion', values: { version: String(JSON.stringify(header.version)), supported: String(FILE_VERSION) } });
  }
  const parsed = topologyFileSchema.safeParse(upgradeUnlinkedNics(header));
  if (!parsed.success) {
    const issues = parsed.error.issues;
    throw invalid(
      { key: 'checks.file.damaged', values: { issue: describeIssue(issues[0]!) } },
      issues.slice(0, 20).map(describeIssue).join('\n'),
    );
  }
  const { hosts, nodes, links, layout } = parsed.data;
  const topology = { hosts, nodes, links, layout } as Topology;
  checkReferences(topology);
  return topology;
}

/**
 * Serialises a topology as file format 1. `savedAt` is passed in so the result is deterministic.
 * The topology goes through the schema first: an invalid one is never written, and keys come out
 * in one canonical order, so opening and saving an unchanged file gives the same bytes.
 */
export function serializeTopology(topology: Topology, savedAt: Date | string): string {
  const checked = topologySchema.safeParse(topology);
  if (!checked.success) {
    throw ApiError.said('invalid-input', { key: 'checks.file.cannotSave' }, describeIssue(checked.error.issues[0]!));
  }
  const { hosts, nodes, links, layout } = checked.data;
  const file = {
    format: FILE_FORMAT,
    version: FILE_VERSION,
    savedAt: typeof savedAt === 'string' ? savedAt : savedAt.toISOString(),
    hosts,
    nodes,
    links,
    layout,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
