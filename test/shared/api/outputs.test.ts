// The schemas of the backend's answers and events, as the stand-in backend of the e2e tests
// (test/e2e/hosts-fake.ts) uses them: a well-formed answer passes, a malformed one is caught.
import { describe, expect, it } from 'vitest';
import { API_EVENT_SCHEMAS, API_OUTPUT_SCHEMAS, checkAnswer, checkEvent } from '../../../shared/api/outputs.ts';
import { API_METHODS, API_EVENTS } from '../../../shared/api/index.ts';
import { demoTopology } from '../../../shared/topology/demo.ts';

const profile = { id: 'p-lab', label: 'lab', target: 'root@lab:2222', uri: 'qemu:///system', useSudo: false, knownHostsPolicy: 'ask', rememberSecrets: false };

describe('answer and event schemas (shared/api/outputs.ts)', () => {
  it('covers every method of the domains a stand-in answers, and every event', () => {
    const covered = Object.entries(API_OUTPUT_SCHEMAS).flatMap(([domain, methods]) => Object.keys(methods).map((m) => `${domain}.${m}`));
    expect(covered).toEqual(API_METHODS.filter((m) => !m.startsWith('plan.')));
    expect(Object.keys(API_EVENT_SCHEMAS).sort()).toEqual([...API_EVENTS].sort());
  });

  it('accepts well-formed answers, errors and events', () => {
    expect(() => checkAnswer('hosts.list', { hosts: [profile] })).not.toThrow();
    expect(() => checkAnswer('hosts.connect', { error: { code: 'auth', message: 'VirtWire could not log in to lab.' } })).not.toThrow();
    expect(() => checkAnswer('app.getInitialTopology', { topology: demoTopology(), path: null, name: 'Demo' })).not.toThrow();
    expect(() => checkAnswer('files.open', null)).not.toThrow();
    expect(() => checkEvent('hosts.onDidChangeState', { hostId: 'p-lab', state: 'reconnecting', attempt: 2 })).not.toThrow();
    expect(() => checkEvent('live.onDidChangeHost', { profileId: 'p-lab', live: null })).not.toThrow();
  });

  it.each([
    ['a field of the wrong type', 'hosts.list', { hosts: [{ ...profile, useSudo: 'yes' }] }, /useSudo/],
    ['a field the API does not have', 'hosts.list', { hosts: [{ ...profile, password: 'hunter2' }] }, /password/],
    ['a missing field', 'hosts.journal', { entries: [] }, /script/],
    ['a state the API does not know', 'hosts.connect', { state: 'almost' }, /state/],
    ['an error with an unknown code', 'hosts.connect', { error: { code: 'oops', message: 'no' } }, /code/],
    ['a null for an answer that is never null', 'hosts.add', null, /hosts\.add/],
  ])('catches a malformed answer: %s', (_what, method, value, problem) => {
    expect(() => checkAnswer(method, value)).toThrow(problem);
    expect(() => checkAnswer(method, value)).toThrow(/does not match shared\/api|invalid/i);
  });

  it('catches a malformed event and a method or event the API does not have', () => {
    expect(() => checkEvent('hosts.onDidPrompt', { promptId: 'q1', hostId: 'p-lab', kind: 'password', user: 'root', host: 'lab' })).toThrow(/hosts\.onDidPrompt[\s\S]*retry/);
    expect(() => checkEvent('hosts.onDidPrompt', { promptId: 'q1', hostId: 'p-lab', kind: 'pin', retry: false })).toThrow(/hosts\.onDidPrompt/);
    expect(() => checkEvent('hosts.onDidExplode', {})).toThrow(/no event/);
    expect(() => checkAnswer('hosts.teleport', {})).toThrow(/no method/);
  });
});
