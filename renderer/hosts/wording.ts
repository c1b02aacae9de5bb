// How the Hosts panel says what a connection is doing and why it failed, in plain words,
// with the host's own text kept alongside.
import type { HostStateChange } from '../../shared/api/index.ts';
import type { ApiErrorData, ErrorCode } from '../../shared/errors.ts';

export type StateTone = 'idle' | 'busy' | 'ok' | 'bad';

export interface StateWords {
  label: string;
  tone: StateTone;
}

export function stateWords(change: HostStateChange | undefined): StateWords {
  switch (change?.state) {
    case 'connecting':
      return { label: 'Connecting…', tone: 'busy' };
    case 'connected':
      return { label: 'Connected', tone: 'ok' };
    case 'reconnecting':
      return { label: change.attempt ? `Reconnecting (attempt ${change.attempt})…` : 'Reconnecting…', tone: 'busy' };
    case 'failed':
      return { label: 'Failed', tone: 'bad' };
    default:
      return { label: 'Not connected', tone: 'idle' };
  }
}

const PLAIN_WORDS: Partial<Record<ErrorCode, string>> = {
  auth: 'The host did not accept the login: check the user name, password or key.',
  'hostkey-unknown': 'The host’s key was not trusted, so no password or key was sent.',
  'hostkey-changed': 'The host’s key is not the one on record. VirtWire refuses to connect.',
  unreachable: 'The host could not be reached: check the address, the port and the network.',
  timeout: 'The host did not answer in time.',
  disconnected: 'The connection to the host was lost.',
  permission: 'The login user is not allowed to do this (sudo asked for a password, or libvirt refused).',
  command: 'A command failed on the host.',
  cancelled: 'Connecting was cancelled.',
  'invalid-input': 'VirtWire refused a value in this host’s settings.',
  io: 'VirtWire could not read or write one of its files.',
  'not-found': 'This host is no longer known to VirtWire.',
};

export interface FailureWords {
  /** what happened, in plain words */
  summary: string;
  /** VirtWire's own sentence, when it says more than the summary */
  message: string;
  /** the host's or the system's own text */
  detail?: string;
}

export function failureWords(reason: ApiErrorData): FailureWords {
  const words: FailureWords = {
    summary: PLAIN_WORDS[reason.code] ?? 'Something went wrong inside VirtWire.',
    message: reason.message,
  };
  if (reason.detail) words.detail = reason.detail;
  return words;
}

/** Old and new fingerprints and where the old one is recorded, from a hostkey-changed error. */
export interface ChangedKey {
  oldFingerprint?: string;
  newFingerprint?: string;
  keyType?: string;
  /** `file:line` of the known_hosts entry */
  recordedAt?: string;
  revoked: boolean;
}

export function changedKey(reason: ApiErrorData): ChangedKey {
  const data = reason.data ?? {};
  const text = (key: string): string | undefined => (typeof data[key] === 'string' ? (data[key] as string) : undefined);
  const file = text('file');
  const line = typeof data.line === 'number' || typeof data.line === 'string' ? String(data.line) : undefined;
  const out: ChangedKey = { revoked: data.revoked === true };
  const old = text('oldFingerprint');
  const fresh = text('newFingerprint');
  const keyType = text('keyType');
  if (old) out.oldFingerprint = old;
  if (fresh) out.newFingerprint = fresh;
  if (keyType) out.keyType = keyType;
  if (file) out.recordedAt = line ? `${file}:${line}` : file;
  return out;
}
