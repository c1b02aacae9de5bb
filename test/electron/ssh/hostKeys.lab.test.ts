// Host-key checking against the lab's real sshd: nothing is sent before a key is trusted,
// changed and revoked keys are refused, and only the app's own file is ever written.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { fingerprint } from '../../../electron/ssh/knownHosts.ts';
import { describeLab } from '../../lab/env.ts';
import { labSession, type LabSession } from './support/session.ts';
import { newKeyFile, scratchDir, startSshd, type ExtraSshd } from './support/sshd.ts';

const keyFingerprint = (publicLine: string) => fingerprint(Buffer.from(publicLine.split(' ')[1] as string, 'base64'));
const sentAuth = (log: string[]) => log.some((l) => l.startsWith('auth:'));

describeLab('host keys', (lab) => {
  const labKey = readFileSync(lab.knownHosts, 'utf8').trim().split(/\s+/).slice(1, 3).join(' ');
  const open: LabSession[] = [];
  const daemons: ExtraSshd[] = [];
  const track = (s: LabSession) => (open.push(s), s);
  afterEach(async () => {
    open.splice(0).forEach((s) => s.session.disconnect());
    for (const d of daemons.splice(0)) await d.stop();
  });

  it('under "ask" sends nothing until the user accepts, then remembers the key in the app file', async () => {
    let logWhenAsked: string[] = [];
    const appFile = join(scratchDir('ask'), 'known_hosts');
    const s = track(
      labSession(lab, {
        knownHosts: { files: [appFile], appendTo: appFile, policy: 'ask' },
        answers: {
          hostKey: async (q) => {
            logWhenAsked = [...s.log];
            expect(q).toMatchObject({ host: lab.sshHost, port: lab.sshPort, keyType: 'ssh-ed25519', fingerprint: keyFingerprint(labKey) });
            // The user takes a while to decide; nothing may go out meanwhile.
            await new Promise((r) => setTimeout(r, 500));
            expect(sentAuth(s.log)).toBe(false);
            return true;
          },
        },
      }),
    );
    await s.session.connect();
    expect(logWhenAsked.some((l) => l.startsWith('connect:'))).toBe(true);
    expect(sentAuth(logWhenAsked)).toBe(false);
    expect(s.log.indexOf('asked: hostKey')).toBeLessThan(s.log.indexOf('auth: none'));
    expect(readFileSync(appFile, 'utf8')).toBe(`[${lab.sshHost}]:${lab.sshPort} ${labKey}\n`);
  });

  it('under "ask" refuses with hostkey-unknown when the user says no, and writes nothing', async () => {
    const file = join(scratchDir('refuse'), 'known_hosts');
    const s = track(labSession(lab, { knownHosts: { files: [file], appendTo: file, policy: 'ask' } }));
    await expect(s.session.connect()).rejects.toMatchObject({ code: 'hostkey-unknown', data: { newFingerprint: keyFingerprint(labKey) } });
    expect(sentAuth(s.log)).toBe(false);
    expect(existsSync(file)).toBe(false);
    expect(s.session.state).toBe('failed');
  });

  it('under "accept-new" appends [host]:port to the app file without asking, and trusts it next time', async () => {
    const file = join(scratchDir('accept-new'), 'known_hosts');
    const first = track(labSession(lab, { knownHosts: { files: [file], appendTo: file, policy: 'accept-new' } }));
    await first.session.connect();
    expect(first.user.asked).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(`[${lab.sshHost}]:${lab.sshPort} ${labKey}\n`);
    const again = track(labSession(lab, { knownHosts: { files: [file], appendTo: file, policy: 'ask' } }));
    await again.session.connect();
    expect(again.user.asked).toEqual([]);
  });

  it('trusts a [host]:port entry and a hashed entry written by ssh-keygen -H', async () => {
    const plain = track(labSession(lab, { knownHosts: { files: [lab.knownHosts], appendTo: '/nonexistent/never', policy: 'ask' } }));
    await plain.session.connect();
    const hashed = join(scratchDir('hashed'), 'known_hosts');
    writeFileSync(hashed, readFileSync(lab.knownHosts));
    execFileSync('ssh-keygen', ['-H', '-f', hashed], { stdio: 'ignore' });
    expect(readFileSync(hashed, 'utf8')).toMatch(/^\|1\|/);
    const viaHash = track(labSession(lab, { knownHosts: { files: [hashed], appendTo: '/nonexistent/never', policy: 'ask' } }));
    await viaHash.session.connect();
    expect([...plain.user.asked, ...viaHash.user.asked]).toEqual([]);
  });

  it('refuses a host whose sshd restarted with a new key, with both fingerprints and file:line, and leaves the file byte-identical', async () => {
    const dir = scratchDir('changed');
    const file = join(dir, 'known_hosts');
    writeFileSync(file, '# first line is a comment\n');
    const before = await startSshd(lab);
    daemons.push(before);
    const first = track(labSession(lab, { target: { ...labTarget(), port: before.port }, knownHosts: { files: [file], appendTo: file, policy: 'accept-new' } }));
    await first.session.connect();
    first.session.disconnect();
    await before.stop();

    const after = await startSshd(lab, { port: before.port, hostKeyFile: newKeyFile(dir, 'new_host_key') });
    daemons.push(after);
    const bytes = readFileSync(file);
    const second = track(labSession(lab, { target: { ...labTarget(), port: after.port }, knownHosts: { files: [file], appendTo: file, policy: 'accept-new' } }));
    const error = await second.session.connect().catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'hostkey-changed',
      data: { oldFingerprint: keyFingerprint(before.hostKey), newFingerprint: keyFingerprint(after.hostKey), file, line: 2 },
    });
    expect((error as { detail: string }).detail).toContain(`${file}:2`);
    expect(sentAuth(second.log)).toBe(false);
    expect(second.user.asked).toEqual([]);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('asks the host for the key type already known, like ssh(1), so a host known by its RSA key is not "new"', async () => {
    const dir = scratchDir('key-types');
    const rsa = join(dir, 'host_rsa');
    execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-f', rsa]);
    const sshd = await startSshd(lab, { settings: [`HostKey ${rsa}`] });
    daemons.push(sshd);
    const file = join(dir, 'known_hosts');
    const rsaLine = readFileSync(`${rsa}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
    writeFileSync(file, `[${lab.sshHost}]:${sshd.port} ${rsaLine}\n`);
    const s = track(labSession(lab, { target: { ...labTarget(), port: sshd.port }, knownHosts: { files: [file], appendTo: file, policy: 'ask' } }));
    await s.session.connect();
    expect(s.user.asked).toEqual([]);
  });

  it('refuses a @revoked key even when another line trusts it', async () => {
    const file = join(scratchDir('revoked'), 'known_hosts');
    writeFileSync(file, `[${lab.sshHost}]:${lab.sshPort} ${labKey}\r\n@revoked * ${labKey}\r\n`);
    const bytes = readFileSync(file);
    const s = track(labSession(lab, { knownHosts: { files: [file], appendTo: file, policy: 'accept-new' } }));
    await expect(s.session.connect()).rejects.toMatchObject({ code: 'hostkey-changed', data: { revoked: true, file, line: 2 } });
    expect(sentAuth(s.log)).toBe(false);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('fails closed when a known_hosts file cannot be read, without asking', async () => {
    const unreadable = scratchDir('unreadable');
    const s = track(labSession(lab, { knownHosts: { files: [unreadable], appendTo: join(unreadable, 'x'), policy: 'accept-new' } }));
    await expect(s.session.connect()).rejects.toMatchObject({ code: 'io' });
    expect(s.user.asked).toEqual([]);
    expect(sentAuth(s.log)).toBe(false);
  });

  function labTarget() {
    return { host: lab.sshHost, port: lab.sshPort, user: lab.sshUser, identityFiles: [lab.sshKey] };
  }
});
