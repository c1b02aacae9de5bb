// A saved topology against a host as it is now: what differs (see diff.ts).
export { describeItem, diffTopologies, networkFields, networkXmlFields } from './diff.ts';
export type { DiffChange, DiffItem, DiffKind, FieldChange, TopologyDiff } from './types.ts';
export { DIFF_KINDS } from './types.ts';
