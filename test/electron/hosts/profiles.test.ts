import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostProfiles } from '../../../electron/hosts/profiles.ts';
import type { NewHostProfile } from '../../../shared/api/hosts.ts';

const profile = (label: string): NewHostProfile => ({
  label,
  target: `root@${label}:22`,
  uri: 'qemu:///system',
  useSudo: false,
  knownHostsPolicy: 'ask',
  rememberSecrets: false,
});

describe('HostProfiles', () => {
  it('adds, edits, reorders and removes, and a new instance reads the same list back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-profiles-'));
    const file = join(dir, 'config', 'hosts.json');
    const profiles = new HostProfiles(file);
    const a = await profiles.add(profile('a'));
    const b = await profiles.add(profile('b'));
    const c = await profiles.add(profile('c'));
    await profiles.update({ ...b, label: 'B', useSudo: true });
    await profiles.reorder([c.id, a.id, b.id]);
    await profiles.remove(a.id);
    const reread = await new HostProfiles(file).list();
    expect(reread.map((h) => [h.label, h.useSudo])).toEqual([
      ['c', false],
      ['B', true],
    ]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'config'))).toEqual(['hosts.json']);
  });

  it('refuses an order that does not name every host once, and unknown ids', async () => {
    const profiles = new HostProfiles(join(mkdtempSync(join(tmpdir(), 'vw-profiles-')), 'hosts.json'));
    const a = await profiles.add(profile('a'));
    await profiles.add(profile('b'));
    await expect(profiles.reorder([a.id, a.id])).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(profiles.reorder([a.id])).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(profiles.remove('nope')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('leaves a damaged file alone and says so', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vw-profiles-')), 'hosts.json');
    writeFileSync(file, '{"version":1,"hosts":[{"id":1}]}');
    await expect(new HostProfiles(file).list()).rejects.toMatchObject({ code: 'invalid-file' });
    expect(readFileSync(file, 'utf8')).toBe('{"version":1,"hosts":[{"id":1}]}');
  });
});
