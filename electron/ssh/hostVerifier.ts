// The host-key decision for one connection. ssh2 calls it during key exchange, before any
// authentication request is sent, so an unanswered 'ask' holds every credential back.
import { ApiError } from '../../shared/errors.ts';
import type { Prompter, KnownHostsSettings } from './endpoint.ts';
import { appendKnownHost, blobKeyType, checkHostKey, fingerprint, hostsFieldMatches, readKnownHosts, type HostKey } from './knownHosts.ts';

export interface HostKeyCheck {
  /** for ssh2's `hostVerifier` option */
  verify(blob: Buffer, done: (accepted: boolean) => void): void;
  /** why the key was refused, once `verify` said no */
  refusal(): ApiError | null;
}

export function hostKeyCheck(host: string, port: number, settings: KnownHostsSettings, prompter: Prompter): HostKeyCheck {
  let refusal: ApiError | null = null;

  async function decide(key: HostKey): Promise<boolean> {
    const name = port === 22 ? host : `[${host}]:${port}`;
    const newFingerprint = fingerprint(key.blob);
    const verdict = checkHostKey(await readKnownHosts(settings.files), host, port, key);
    switch (verdict.kind) {
      case 'match':
        return true;
      case 'revoked':
        refusal = new ApiError(
          'hostkey-changed',
          `The host key of ${name} is marked as revoked; VirtWire will not connect to it.`,
          `${key.type} ${newFingerprint} is @revoked in ${verdict.at.file}:${verdict.at.line}`,
          { host, port, revoked: true, keyType: key.type, newFingerprint, file: verdict.at.file, line: verdict.at.line },
        );
        return false;
      case 'changed':
        refusal = new ApiError(
          'hostkey-changed',
          `The host key of ${name} has changed. This can mean someone is intercepting the connection; VirtWire will not connect.`,
          `known: ${verdict.oldType} ${verdict.oldFingerprint} (${verdict.at.file}:${verdict.at.line})\noffered: ${key.type} ${newFingerprint}`,
          {
            host,
            port,
            keyType: key.type,
            oldFingerprint: verdict.oldFingerprint,
            newFingerprint,
            file: verdict.at.file,
            line: verdict.at.line,
          },
        );
        return false;
      case 'unknown': {
        const accepted =
          settings.policy === 'accept-new' ||
          (await prompter.hostKey({ host, port, keyType: key.type, fingerprint: newFingerprint }));
        if (!accepted) {
          refusal = new ApiError('hostkey-unknown', `The host key of ${name} was not accepted.`, `${key.type} ${newFingerprint}`, {
            host,
            port,
            keyType: key.type,
            newFingerprint,
          });
          return false;
        }
        if (settings.appendTo !== null) await appendKnownHost(settings.appendTo, host, port, key);
        return true;
      }
    }
  }

  return {
    verify(blob, done) {
      decide({ type: blobKeyType(blob), blob }).then(done, (error: unknown) => {
        refusal = ApiError.from(error);
        done(false);
      });
    },
    refusal: () => refusal,
  };
}

/** Host key algorithms for each key type a known_hosts line can hold (that ssh2 supports). */
const ALGORITHMS_OF_TYPE: Record<string, string[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

/**
 * The host key algorithms of the keys already trusted for this host, to offer first. Like
 * ssh(1), this makes the server show the key we know, so a host known by its RSA key is
 * not asked about as new just because it also has an ed25519 key.
 */
export async function knownHostKeyAlgorithms(host: string, port: number, settings: KnownHostsSettings): Promise<string[]> {
  const lines = await readKnownHosts(settings.files);
  const types = new Set(lines.filter((l) => l.marker === null && hostsFieldMatches(l.hosts, host, port)).map((l) => l.keyType));
  return [...types].flatMap((type) => ALGORITHMS_OF_TYPE[type] ?? []);
}
