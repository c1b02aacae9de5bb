// How the Hosts panel says what a connection is doing and why it failed, in plain words of the
// current language, with the host's own text kept alongside.
import type { HostStateChange } from '../../shared/api/index.ts';
import type { ApiErrorData, ErrorCode } from '../../shared/errors.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { t } from '../state/i18n.svelte.ts';

export type StateTone = 'idle' | 'busy' | 'ok' | 'bad';

export interface StateWords {
  label: string;
  tone: StateTone;
}

export function stateWords(change: HostStateChange | undefined): StateWords {
  switch (change?.state) {
    case 'connecting':
      return { label: t('hosts.state.connecting'), tone: 'busy' };
    case 'connected':
      return { label: t('hosts.state.connected'), tone: 'ok' };
    case 'reconnecting':
      return { label: change.attempt ? t('hosts.state.reconnectingAttempt', { attempt: change.attempt }) : t('hosts.state.reconnecting'), tone: 'busy' };
    case 'failed':
      return { label: t('hosts.state.failed'), tone: 'bad' };
    default:
      return { label: t('hosts.state.notConnected'), tone: 'idle' };
  }
}

const PLAIN_WORDS: Partial<Record<ErrorCode, MessageKey>> = {
  auth: 'hosts.why.auth',
  'hostkey-unknown': 'hosts.why.hostkeyUnknown',
  'hostkey-changed': 'hosts.why.hostkeyChanged',
  unreachable: 'hosts.why.unreachable',
  timeout: 'hosts.why.timeout',
  disconnected: 'hosts.why.disconnected',
  permission: 'hosts.why.permission',
  command: 'hosts.why.command',
  cancelled: 'hosts.why.cancelled',
  'invalid-input': 'hosts.why.invalidInput',
  io: 'hosts.why.io',
  'not-found': 'hosts.why.notFound',
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
    summary: t(PLAIN_WORDS[reason.code] ?? 'hosts.why.other'),
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
