// Topology file format 1: reading (validated, with one clear message per problem) and writing.
import type { z } from 'zod';
import { ApiError } from '../errors.ts';
import { upgradeUnlinkedNics } from './legacy.ts';
import type { Topology } from './model.ts';
import { FILE_FORMAT, FILE_VERSION, topologyFileSchema, topologySchema } from './schema.ts';

export const MAX_FILE_BYTES = 50 * 1024 * 1024;

function invalid(message: string, detail?: string): ApiError {
  return new ApiError('invalid-file', message, detail);
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Refuses a file over the size cap before anything reads it whole. */
export function checkFileSize(bytes: number): void {
  if (bytes > MAX_FILE_BYTES) {
    throw invalid(
      `The file is too large to be a topology (${formatMegabytes(bytes)}; the limit is ${formatMegabytes(MAX_FILE_BYTES)}).`,
    );
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
  const problems: string[] = [];
  const hostIds = new Set<string>();
  for (const h of topology.hosts) {
    if (hostIds.has(h.id)) problems.push(`host id "${h.id}" is used twice`);
    hostIds.add(h.id);
  }
  const nodeIds = new Set<string>();
  for (const n of topology.nodes) {
    if (nodeIds.has(n.id)) problems.push(`node id "${n.id}" is used twice`);
    nodeIds.add(n.id);
    if (!hostIds.has(n.host)) problems.push(`node "${n.id}" is on host "${n.host}", which is not in the file`);
  }
  const linkIds = new Set<string>();
  for (const l of topology.links) {
    if (linkIds.has(l.id)) problems.push(`link id "${l.id}" is used twice`);
    linkIds.add(l.id);
    for (const end of [l.source, l.target]) {
      if (!nodeIds.has(end)) problems.push(`link "${l.id}" points to node "${end}", which is not in the file`);
    }
  }
  for (const id of Object.keys(topology.layout)) {
    if (!nodeIds.has(id)) problems.push(`layout has a position for node "${id}", which is not in the file`);
  }
  if (problems.length > 0) {
    throw invalid(
      `The topology file refers to things it does not contain (${problems.length} problem${problems.length === 1 ? '' : 's'}).`,
      problems.slice(0, 20).join('\n'),
    );
  }
}

/** Parses and validates a topology file; throws an `invalid-file` ApiError naming the problem. */
export function parseTopologyFile(text: string): Topology {
  checkFileSize(utf8Length(text));
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw invalid('This file is not a topology: it is not valid JSON.', e instanceof Error ? e.message : String(e));
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalid('This file is not a VirtWire topology: it holds no JSON object.');
  }
  const header = raw as Record<string, unknown>;
  if (header.format !== FILE_FORMAT) {
    throw invalid(
      `This file is not a VirtWire topology (it has no "format": "${FILE_FORMAT}").`,
      header.format === undefined ? undefined : `format: ${JSON.stringify(header.format).slice(0, 200)}`,
    );
  }
  if (typeof header.version === 'number' && header.version > FILE_VERSION) {
    throw invalid(
      `This topology was saved by a newer VirtWire (file format version ${header.version}); this version reads version ${FILE_VERSION}. Update VirtWire to open it.`,
    );
  }
  if (header.version !== FILE_VERSION) {
    throw invalid(
      `This topology file has an unknown format version (${JSON.stringify(header.version)}); expected ${FILE_VERSION}.`,
    );
  }
  const parsed = topologyFileSchema.safeParse(upgradeUnlinkedNics(header));
  if (!parsed.success) {
    const issues = parsed.error.issues;
    throw invalid(
      `The topology file is damaged: ${describeIssue(issues[0]!)}`,
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
    throw new ApiError('invalid-input', 'This topology cannot be saved: it is not valid.', describeIssue(checked.error.issues[0]!));
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
