import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, describe, expect, it } from 'vitest';
import {
  appendKnownHost,
  checkHostKey,
  fingerprint,
  hostsFieldMatches,
  parseKnownHosts,
  readKnownHosts,
  type HostKey,
} from '../../../electron/ssh/knownHosts.ts';

const dir = mkdtempSync(join(tmpdir(), 'vw-known-hosts-'));
afterAll(() => execFileSync('rm', ['-rf', dir]));

function newKey(type: 'ed25519' | 'ecdsa' = 'ed25519'): { line: string; key: HostKey } {
  const pair = ssh2.utils.generateKeyPairSync(type, type === 'ecdsa' ? { bits: 256 } : {});
  const [keyType, base64] = pair.public.split(' ') as [string, string];
  return { line: `${keyType} ${base64}`, key: { type: keyType, blob: Buffer.from(base64, 'base64') } };
}

describe('fingerprint', () => {
  it('is what ssh-keygen -l prints', () => {
    const { line, key } = newKey();
    const file = join(dir, 'fp.pub');
    writeFileSync(file, `${line}\n`);
    const printed = execFileSync('ssh-keygen', ['-l', '-f', file]).toString().split(' ')[1];
    expect(fingerprint(key.blob)).toBe(printed);
  });
});

describe('hostsFieldMatches', () => {
  it('uses [host]:port for ports other than 22 and the bare name on 22', () => {
    expect(hostsFieldMatches('kvm1', 'kvm1', 22)).toBe(true);
    expect(hostsFieldMatches('kvm1', 'kvm1', 2222)).toBe(false);
    expect(hostsFieldMatches('[kvm1]:2222', 'kvm1', 2222)).toBe(true);
    expect(hostsFieldMatches('[kvm1]:2222', 'kvm1', 22)).toBe(false);
  });

  it('handles comma lists, wildcards, negation and case', () => {
    expect(hostsFieldMatches('a,kvm1,b', 'KVM1', 22)).toBe(true);
    expect(hostsFieldMatches('*.lab', 'kvm1.lab', 22)).toBe(true);
    expect(hostsFieldMatches('kvm?.lab', 'kvm1.lab', 22)).toBe(true);
    expect(hostsFieldMatches('kvm?.lab', 'kvm10.lab', 22)).toBe(false);
    expect(hostsFieldMatches('*.lab,!bad.lab', 'bad.lab', 22)).toBe(false);
    expect(hostsFieldMatches('!bad.lab', 'good.lab', 22)).toBe(false);
    expect(hostsFieldMatches('[*.lab]:2222', 'kvm1.lab', 2222)).toBe(true);
    expect(hostsFieldMatches('kvm1.lab', 'kvm1xlab', 22)).toBe(false);
  });

  it('matches names hashed by ssh-keygen -H', () => {
    const { line } = newKey();
    const file = join(dir, 'hashed');
    writeFileSync(file, `kvm1.lab ${line}\n[10.0.0.5]:2222 ${line}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    const [a, b] = parseKnownHosts(readFileSync(file, 'utf8'), file);
    expect(a?.hosts.startsWith('|1|')).toBe(true);
    expect(hostsFieldMatches(a!.hosts, 'kvm1.lab', 22)).toBe(true);
    expect(hostsFieldMatches(a!.hosts, 'kvm2.lab', 22)).toBe(false);
    expect(hostsFieldMatches(b!.hosts, '10.0.0.5', 2222)).toBe(true);
    expect(hostsFieldMatches(b!.hosts, '10.0.0.5', 22)).toBe(false);
  });

  it('agrees with ssh-keygen -F on patterns', () => {
    const { line } = newKey();
    const file = join(dir, 'patterns');
    const fields = ['*.lab,!bad.lab', 'kvm?', '[kvm1]:2222', 'Mixed.Case', '10.0.*'];
    writeFileSync(file, fields.map((f) => `${f} ${line}\n`).join(''));
    const hosts: [string, number][] = [['good.lab', 22], ['bad.lab', 22], ['kvm7', 22], ['kvm77', 22], ['kvm1', 2222], ['mixed.case', 22], ['10.0.3.4', 22], ['10.0.3.4', 2222]];
    for (const [host, port] of hosts) {
      const name = port === 22 ? host : `[${host}]:${port}`;
      let sshSays = true;
      try {
        execFileSync('ssh-keygen', ['-F', name, '-f', file], { stdio: 'ignore' });
      } catch {
        sshSays = false;
      }
      const weSay = fields.some((f) => hostsFieldMatches(f, host, port));
      expect({ name, match: weSay }).toEqual({ name, match: sshSays });
    }
  });
});

describe('parseKnownHosts', () => {
  it('skips comments, blank lines and broken lines, strips CR, and keeps 1-based line numbers', () => {
    const { line } = newKey();
    const text = `# comment\r\n\r\n   \r\nkvm1 ${line} root@kvm1\r\nbroken-line-without-key\r\nkvm2 ssh-ed25519 !!!notbase64\r\n@unknown-marker kvm3 ${line}\r\n@revoked * ${line}\r\n@cert-authority *.lab ${line}\r\n`;
    const lines = parseKnownHosts(text, 'f');
    expect(lines.map((l) => [l.line, l.marker, l.hosts])).toEqual([
      [4, null, 'kvm1'],
      [8, 'revoked', '*'],
      [9, 'cert-authority', '*.lab'],
    ]);
  });
});

describe('checkHostKey', () => {
  const current = newKey();
  const old = newKey();
  const other = newKey('ecdsa');

  it('matches a known key and names the file and line', () => {
    const lines = parseKnownHosts(`kvm2 ${old.line}\nkvm1 ${current.line}\n`, 'kh');
    expect(checkHostKey(lines, 'kvm1', 22, current.key)).toEqual({ kind: 'match', at: { file: 'kh', line: 2 } });
  });

  it('reports a changed key with the old fingerprint, file and line', () => {
    const lines = parseKnownHosts(`\nkvm1 ${old.line}\n`, 'kh');
    expect(checkHostKey(lines, 'kvm1', 22, current.key)).toEqual({
      kind: 'changed',
      at: { file: 'kh', line: 2 },
      oldFingerprint: fingerprint(old.key.blob),
      oldType: 'ssh-ed25519',
    });
  });

  it('treats a host known only by another key type as unknown, like ssh(1)', () => {
    const lines = parseKnownHosts(`kvm1 ${other.line}\n`, 'kh');
    expect(checkHostKey(lines, 'kvm1', 22, current.key)).toEqual({ kind: 'unknown' });
  });

  it('accepts when any line for the host has the key, even if another line has an old one', () => {
    const lines = parseKnownHosts(`kvm1 ${old.line}\nkvm1 ${current.line}\n`, 'kh');
    expect(checkHostKey(lines, 'kvm1', 22, current.key).kind).toBe('match');
  });

  it('refuses a @revoked key for any host, even one that also lists it as trusted', () => {
    const lines = parseKnownHosts(`kvm1 ${current.line}\n@revoked other.host ${current.line}\n`, 'kh');
    expect(checkHostKey(lines, 'kvm1', 22, current.key)).toEqual({ kind: 'revoked', at: { file: 'kh', line: 2 } });
  });

  it('neither trusts nor rejects a key through @cert-authority lines', () => {
    const lines = parseKnownHosts(`@cert-authority kvm1 ${current.line}\n@cert-authority kvm1 ${old.line}\n`, 'kh');
    expect(checkHostKey(lines, 'kvm1', 22, current.key)).toEqual({ kind: 'unknown' });
  });
});

describe('reading and appending files', () => {
  it('treats a missing file as empty and fails closed on an unreadable one', async () => {
    expect(await readKnownHosts([join(dir, 'missing')])).toEqual([]);
    // A directory cannot be read as a file, even by root (who can read any mode-000 file).
    await expect(readKnownHosts([dir])).rejects.toMatchObject({ code: 'io' });
  });

  it('reads a known_hosts file of 200,000 lines', async () => {
    const file = join(dir, 'large_known_hosts');
    const { line, key } = newKey();
    const lines: string[] = [];
    for (let i = 0; i < 200_000; i++) lines.push(`host${i}.example ${line}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const read = await readKnownHosts([file]);
    expect(read).toHaveLength(200_000);
    expect(checkHostKey(read, 'host199999.example', 22, key)).toEqual({ kind: 'match', at: { file, line: 200_000 } });
  }, 60_000);

  it('appends [host]:port lines that ssh-keygen -F finds, adding a missing final newline', async () => {
    const file = join(dir, 'sub', 'app_known_hosts');
    const first = newKey();
    const second = newKey();
    await appendKnownHost(file, '127.0.0.1', 22722, first.key);
    writeFileSync(file, readFileSync(file, 'utf8').trimEnd());
    await appendKnownHost(file, 'kvm1', 22, second.key);
    const lines = parseKnownHosts(readFileSync(file, 'utf8'), file);
    expect(checkHostKey(lines, '127.0.0.1', 22722, first.key)).toEqual({ kind: 'match', at: { file, line: 1 } });
    expect(checkHostKey(lines, 'kvm1', 22, second.key)).toEqual({ kind: 'match', at: { file, line: 2 } });
    expect(execFileSync('ssh-keygen', ['-F', '[127.0.0.1]:22722', '-f', file]).toString()).toContain(first.line);
  });
});
