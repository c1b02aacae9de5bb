// Which hosts on the canvas are drawn from a stale picture, and what their group says.
import { afterEach, describe, expect, it } from 'vitest';
import type { HostStateChange, LiveHost } from '../../shared/api/index.ts';
import { clockTime, staleNotes } from '../../renderer/hosts/stale.ts';
import { language } from '../../renderer/state/i18n.svelte.ts';

const picture = (profileId: string, hostId: string, refreshedAt: string): LiveHost => ({
  profileId,
  host: { id: hostId, label: profileId, ssh: { host: 'h', port: 22, user: 'root' }, uri: 'qemu:///system', capturedAt: refreshedAt },
  nodes: [],
  links: [],
  banners: [],
  refreshedAt,
});

describe('staleNotes', () => {
  const live = new Map([
    ['p-a', picture('p-a', 'root@a', '2026-12-01T08:00:00Z')],
    ['p-b', picture('p-b', 'root@b', '2026-12-01T08:00:00Z')],
    ['p-c', picture('p-c', 'root@c', '2026-12-01T08:00:00Z')],
  ]);
  const lostAt = new Date(2026, 11, 1, 9, 5).getTime();
  afterEach(() => language.choose('system'));

  it('marks only hosts being reconnected, by host id, with the time their connection was lost', () => {
    const states: Record<string, HostStateChange> = {
      'p-a': { hostId: 'p-a', state: 'reconnecting', attempt: 3 },
      'p-b': { hostId: 'p-b', state: 'connected' },
      'p-c': { hostId: 'p-c', state: 'connecting' },
    };
    language.choose('en');
    expect(staleNotes(states, { 'p-a': lostAt }, live)).toEqual({ 'root@a': 'Reconnecting — showing the picture from 09:05' });
    language.choose('zh-TW');
    expect(staleNotes(states, { 'p-a': lostAt }, live)).toEqual({ 'root@a': '正在重新連線 — 顯示的是 09:05 時的畫面' });
  });

  it('falls back to when the picture was read when the loss was not seen (a page opened while reconnecting)', () => {
    const read = '2026-12-01T08:00:00Z';
    language.choose('en');
    expect(staleNotes({ 'p-b': { hostId: 'p-b', state: 'reconnecting' } }, {}, live)).toEqual({ 'root@b': `Reconnecting — showing the picture from ${clockTime(Date.parse(read))}` });
  });

  it('writes the time as HH:MM on a 24-hour clock', () => {
    expect(clockTime(new Date(2026, 0, 2, 7, 3).getTime())).toBe('07:03');
    expect(clockTime(new Date(2026, 0, 2, 23, 59).getTime())).toBe('23:59');
  });
});
