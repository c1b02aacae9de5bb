// What differs between a saved topology (the file: how the host was) and a host as it is now.
// Read as "since the file was saved": `added` is on the host and not in the file, `removed` is
// in the file and no longer on the host, `changed` is in both with fields that differ. Plain
// JSON, so it crosses IPC and prints with --json as it is.
import type { Message } from '../i18n/index.ts';

export const DIFF_KINDS = ['network', 'bridge', 'tap', 'port', 'vm', 'nic'] as const;
export type DiffKind = (typeof DIFF_KINDS)[number];

export type DiffChange = 'added' | 'removed' | 'changed';

/** One field that differs; values are what the user reads (null: the object has none). */
export interface FieldChange {
  field: string;
  /** in the file */
  before: string | null;
  /** on the host now */
  after: string | null;
}

export interface DiffItem {
  kind: DiffKind;
  change: DiffChange;
  /** network, bridge, TAP, device or VM name; for a NIC the VM's name */
  name: string;
  /** a NIC's MAC (lower case) */
  mac?: string;
  /** node (or, for a NIC, link) ids in the file and on the host, for selecting on a graph */
  fileIds: string[];
  hostIds: string[];
  /** for `changed`: what differs, field by field */
  fields: FieldChange[];
}

/**
 * Where a diff keeps its notes as catalogue messages (see noteMessages in messages.ts): a symbol,
 * so JSON (--json) and IPC carry the notes only as `notes`, in English.
 */
export const NOTE_MESSAGES: unique symbol = Symbol('the notes as messages');

export interface TopologyDiff {
  /** the HostRecord ids compared */
  fileHost: string;
  liveHost: string;
  items: DiffItem[];
  /**
   * What is worth knowing but is not a difference: objects matched by name whose UUID differs,
   * VMs whose running state differs (VirtWire does not start or stop VMs to match a file).
   */
  notes: string[];
  /** the same notes as messages, while the diff has not been through JSON */
  [NOTE_MESSAGES]?: Message[];
}
