import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formFromProfile, profileFromForm, targetProblem, validateForm } from '../../renderer/hosts/form.ts';
import { journalDuration, journalExtent, journalOutcome } from '../../renderer/hosts/journal.ts';
import { changedKey, failureWords, stateWords } from '../../renderer/hosts/wording.ts';
import { language } from '../../renderer/state/i18n.svelte.ts';
import { cancelAnswer } from '../../renderer/state/prompts.svelte.ts';
import { commandForKey, type KeyLike } from '../../renderer/shortcuts.ts';

// The English wording, whatever the system's language (test/renderer/language.test.ts checks the Chinese).
beforeAll(() => language.choose('en'));
afterAll(() => language.choose('system'));

describe('stateWords', () => {
  it('names every connection state, with the reconnect attempt', () => {
    expect(stateWords(undefined)).toEqual({ label: 'Not connected', tone: 'idle' });
    expect(stateWords({ hostId: 'a', state: 'connecting' }).label).toBe('Connecting…');
    expect(stateWords({ hostId: 'a', state: 'connected' })).toEqual({ label: 'Connected', tone: 'ok' });
    expect(stateWords({ hostId: 'a', state: 'reconnecting', attempt: 3 }).label).toBe('Reconnecting (attempt 3)…');
    expect(stateWords({ hostId: 'a', state: 'failed' }).tone).toBe('bad');
    expect(stateWords({ hostId: 'a', state: 'disconnected' }).label).toBe('Not connected');
  });
});

describe('failureWords', () => {
  it('says what happened in plain words and keeps the host’s own text', () => {
    const words = failureWords({ code: 'auth', message: 'VirtWire could not log in to labuser@127.0.0.1:2222.', detail: 'All configured authentication methods failed' });
    expect(words.summary).toMatch(/did not accept the login/);
    expect(words.message).toContain('labuser@127.0.0.1:2222');
    expect(words.detail).toBe('All configured authentication methods failed');
    expect(failureWords({ code: 'unreachable', message: 'x' }).summary).toMatch(/could not be reached/);
    expect(failureWords({ code: 'internal', message: 'x' }).detail).toBeUndefined();
  });

  it('reads old and new fingerprints and the known_hosts line of a changed key', () => {
    const key = changedKey({
      code: 'hostkey-changed',
      message: 'changed',
      data: { oldFingerprint: 'SHA256:old', newFingerprint: 'SHA256:new', keyType: 'ssh-ed25519', file: '/home/u/.ssh/known_hosts', line: 7 },
    });
    expect(key).toEqual({ oldFingerprint: 'SHA256:old', newFingerprint: 'SHA256:new', keyType: 'ssh-ed25519', recordedAt: '/home/u/.ssh/known_hosts:7', revoked: false });
    expect(changedKey({ code: 'hostkey-changed', message: 'revoked', data: { revoked: true } }).revoked).toBe(true);
  });
});

describe('the host form', () => {
  it('accepts user@host:port, aliases and bracketed IPv6', () => {
    for (const t of ['root@10.0.0.1:2222', 'kvm1', 'me@kvm1', '[2001:db8::1]:22', 'u@[::1]']) expect(targetProblem(t)).toBeNull();
  });

  it('refuses targets ssh would misread, before anything is sent', () => {
    expect(targetProblem('')).toMatch(/Enter/);
    expect(targetProblem('-oProxyCommand=x')).toMatch(/“-”/);
    expect(targetProblem('root@host name')).toMatch(/spaces/);
    expect(targetProblem('root@host:99999')).toMatch(/port/);
    expect(targetProblem('root@:22')).toMatch(/host name/);
    expect(targetProblem('@host')).toMatch(/user name/);
  });

  it('reports each bad field', () => {
    const errors = validateForm({ ...formFromProfile(), target: 'a b', uri: 'system', proxyJump: 'ok,-bad' });
    expect(Object.keys(errors).sort()).toEqual(['proxyJump', 'target', 'uri']);
    expect(validateForm({ ...formFromProfile(), target: 'root@h' })).toEqual({});
  });

  it('turns the fields into a profile: label defaults to the target, empty extras left out', () => {
    const profile = profileFromForm({ ...formFromProfile(), target: ' root@h:2222 ', identityFiles: '/k1\n\n  /k2 ', proxyJump: 'j1, j2' });
    expect(profile).toEqual({
      label: 'root@h:2222',
      target: 'root@h:2222',
      uri: 'qemu:///system',
      useSudo: false,
      knownHostsPolicy: 'ask',
      rememberSecrets: false,
      identityFiles: ['/k1', '/k2'],
      proxyJump: 'j1,j2',
    });
    expect(profileFromForm({ ...formFromProfile(), target: 'h' })).not.toHaveProperty('identityFiles');
  });
});

describe('journal and prompts', () => {
  it('shows durations and outcomes', () => {
    expect(journalDuration(42)).toBe('42 ms');
    expect(journalDuration(1234)).toBe('1.23 s');
    const base = { time: '', host: 'h', argv: ['true'], commandLine: "'true'", durationMs: 1 };
    expect(journalOutcome({ ...base, exitCode: 0 })).toEqual({ text: '0', ok: true });
    expect(journalOutcome({ ...base, exitCode: 2 })).toEqual({ text: 'exit 2', ok: false });
    expect(journalOutcome({ ...base, exitCode: null, error: 'timeout' }).text).toBe('did not finish (timeout)');
    expect(journalOutcome({ ...base, exitCode: null, error: 'cancelled', ended: 'closed by VirtWire after 2 min' })).toEqual({ text: 'closed', ok: true });
    expect(journalOutcome({ ...base, exitCode: 1, error: 'command', ended: 'ended on the host with exit code 1 after 3.0 s' })).toEqual({ text: 'exit 1', ok: false });
  });

  it('says how much of the journal is shown and what it keeps', () => {
    expect(journalExtent(1, 5000, 0)).toBe('Showing the last 1 command of at most 5,000 kept.');
    expect(journalExtent(5000, 5000, 1234)).toBe('Showing the last 5,000 commands of at most 5,000 kept; 1,234 older ones were dropped.');
  });

  it('declines each kind of prompt with the answer the backend expects', () => {
    expect(cancelAnswer({ promptId: 'p', hostId: 'h', kind: 'hostkey', host: 'h', port: 22, keyType: 'ssh-ed25519', fingerprint: 'SHA256:x' })).toEqual({ kind: 'hostkey', accept: false });
    expect(cancelAnswer({ promptId: 'p', hostId: 'h', kind: 'password', user: 'u', host: 'h', retry: false })).toEqual({ kind: 'secret', value: null });
    expect(cancelAnswer({ promptId: 'p', hostId: 'h', kind: 'keyboard-interactive', name: '', instructions: '', prompts: [] })).toEqual({ kind: 'keyboard-interactive', answers: null });
  });
});

describe('host shortcuts', () => {
  const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
  it('refreshes with Ctrl+R, opens the journal with Ctrl+J and the hosts panel with H (not while typing)', () => {
    expect(commandForKey(key('r', { ctrlKey: true }), true)).toBe('refreshHost');
    expect(commandForKey(key('j', { metaKey: true }), false)).toBe('journal');
    expect(commandForKey(key('h'), false)).toBe('showHosts');
    expect(commandForKey(key('h'), true)).toBeNull();
  });
});
