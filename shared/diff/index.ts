// A saved topology against a host as it is now: what differs (see diff.ts).
export { describeItem, diffTopologies, networkFields, networkXmlFields } from './diff.ts';
export { isUuidNote, itemMessage, keepNotes, noteMessages } from './messages.ts';
export type { DiffChange, DiffItem, DiffKind, FieldChange, TopologyDiff } from './types.ts';
export { DIFF_KINDS, NOTE_MESSAGES } from './types.ts';
