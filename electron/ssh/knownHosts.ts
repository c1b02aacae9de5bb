// OpenSSH known_hosts files: parsing, matching a host's key against them, and appending an
// accepted key. Behaves like ssh(1) so a host trusted there is trusted here, and no less strictly.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ApiError } from '../../shared/errors.ts';

export interface KnownHostsLine {
  file: string;
  /** 1-based, as editors and ssh(1) count */
  line: number;
  marker: 'revoked' | 'cert-authority' | null;
  /** the hosts field as written: a comma list of patterns, or one `|1|salt|hash` */
  hosts: string;
  keyType: string;
  key: Buffer;
}

/** One host key as the server presented it. */
export interface HostKey {
  type: string;
  /** the public key blob in SSH wire format */
  blob: Buffer;
}

export interface KeyPlace {
  file: string;
  line: number;
}

export type HostKeyVerdict =
  | { kind: 'match'; at: KeyPlace }
  | { kind: 'unknown' }
  | { kind: 'changed'; at: KeyPlace; oldFingerprint: string; oldType: string }
  | { kind: 'revoked'; at: KeyPlace };

/** SHA256 fingerprint the way ssh-keygen -l prints it. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside a wire-format blob (its first string). */
export function blobKeyType(blob: Buffer): string {
  if (blob.length < 4) return '';
  const length = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + length).toString('latin1');
}

/** The name ssh(1) looks up: the bare host on port 22, `[host]:port` otherwise. */
export function lookupName(host: string, port: number): string {
  const name = host.toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

export function parseKnownHosts(text: string, file: string): KnownHostsLine[] {
  const out: KnownHostsLine[] = [];
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.replace(/\r$/, '').trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const fields = trimmed.split(/[ \t]+/);
    let marker: KnownHostsLine['marker'] = null;
    if (fields[0]?.startsWith('@')) {
      const name = fields.shift();
      if (name === '@revoked') marker = 'revoked';
      else if (name === '@cert-authority') marker = 'cert-authority';
      // An unknown marker could mean anything; ssh(1) skips such lines, and so do we.
      else return;
    }
    const [hosts, keyType, keyBase64] = fields;
    if (!hosts || !keyType || !keyBase64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(keyBase64)) return;
    const key = Buffer.from(keyBase64, 'base64');
    if (blobKeyType(key) !== keyType) return;
    out.push({ file, line: index + 1, marker, hosts, keyType, key });
  });
  return out;
}

/** `*` and `?` wildcards, case-insensitive, as in ssh_config(5) PATTERNS. */
function wildcardMatch(pattern: string, name: string): boolean {
  const regex = pattern
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${regex}$`, 's').test(name);
}

function hashedMatch(field: string, name: string): boolean {
  const [, magic, salt64, hash64] = field.split('|');
  if (magic !== '1' || !salt64 || !hash64) return false;
  const expected = Buffer.from(hash64, 'base64');
  const actual = createHmac('sha1', Buffer.from(salt64, 'base64')).update(name).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Whether a hosts field names this host: any positive pattern matches and no `!pattern` does. */
export function hostsFieldMatches(hosts: string, host: string, port: number): boolean {
  const name = lookupName(host, port);
  if (hosts.startsWith('|')) return hashedMatch(hosts, name);
  let matched = false;
  for (const pattern of hosts.split(',')) {
    if (pattern.startsWith('!')) {
      if (wildcardMatch(pattern.slice(1), name)) return false;
    } else if (wildcardMatch(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

/**
 * What the known_hosts lines say about the key a host presented. A revoked key is refused
 * for every host, not only the ones its line names: a revoked key is never trustworthy.
 * Certificate authority lines are not used (host certificates are not supported), so they
 * can neither accept nor change anything.
 */
export function checkHostKey(lines: readonly KnownHostsLine[], host: string, port: number, key: HostKey): HostKeyVerdict {
  const revoked = lines.find((l) => l.marker === 'revoked' && l.key.equals(key.blob));
  if (revoked) return { kind: 'revoked', at: { file: revoked.file, line: revoked.line } };
  const forHost = lines.filter((l) => l.marker === null && hostsFieldMatches(l.hosts, host, port));
  const same = forHost.find((l) => l.key.equals(key.blob));
  if (same) return { kind: 'match', at: { file: same.file, line: same.line } };
  // Like ssh(1): only a known key of the same type makes this a change; a host known only by
  // other key types is asked about as new.
  const other = forHost.find((l) => l.keyType === key.type);
  if (other) {
    return { kind: 'changed', at: { file: other.file, line: other.line }, oldFingerprint: fingerprint(other.key), oldType: other.keyType };
  }
  return { kind: 'unknown' };
}

/**
 * Reads the lines of all files. A missing file is empty; any other read failure is an error,
 * because treating an unreadable file as empty would turn a changed key into a "new" one.
 */
export async function readKnownHosts(files: readonly string[]): Promise<KnownHostsLine[]> {
  const all: KnownHostsLine[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new ApiError('io', `The known hosts file ${file} cannot be read, so host keys cannot be checked.`, String((error as Error).message), { file });
    }
    // One by one: spreading a file's lines into push() overflows the stack on a large file.
    for (const line of parseKnownHosts(text, file)) all.push(line);
  }
  return all;
}

/** Appends an accepted key to `file` (the app's own known_hosts, or one the user named). */
export async function appendKnownHost(file: string, host: string, port: number, key: HostKey): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  let before = '';
  try {
    before = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const separator = before === '' || before.endsWith('\n') ? '' : '\n';
  const name = port === 22 ? host : `[${host}]:${port}`;
  await appendFile(file, `${separator}${name} ${key.type} ${key.blob.toString('base64')}\n`, { mode: 0o600 });
}
