// Remembered passwords and passphrases, encrypted by the OS through Electron's safeStorage
// (Keychain, DPAPI, libsecret/kwallet). The file holds only ciphertext. Where the OS offers
// no real encryption (none at all, or on Linux the 'basic_text' fallback that encrypts with a
// key written in Chromium's source), nothing is written: remembering is refused in the user's
// words, and a secret typed anyway is kept for this run only.
// Writes are serialized in this process (each one reads, changes and writes the file in turn,
// so concurrent remembers cannot lose one another) and land by an atomic rename.
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { SafeStorage } from 'electron';
import { ApiError } from '../../shared/errors.ts';
import type { SecretStore } from '../hosts/secrets.ts';

type Sealed = Record<string, string>;

export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

/** Backends that are no real OS encryption (Linux only; 'unknown' = none was selected). */
const NOT_ENCRYPTED = new Set(['basic_text', 'unknown']);

/** Why secrets cannot be remembered on this system, in the user's words; null when they can. */
export function encryptionRefusal(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): string | null {
  const advice = 'Untick "Remember passwords and passphrases" in the host\'s settings; what you type is then used for this run only.';
  if (!safeStorage.isEncryptionAvailable()) {
    return `VirtWire cannot remember passwords and passphrases here: this system offers no encryption for them. ${advice}`;
  }
  if (platform === 'linux' && typeof safeStorage.getSelectedStorageBackend === 'function' && NOT_ENCRYPTED.has(safeStorage.getSelectedStorageBackend())) {
    return (
      'VirtWire cannot remember passwords and passphrases here: no keyring (GNOME Keyring, KWallet or another Secret Service) is ' +
      `running, so they would be stored without real encryption. ${advice}`
    );
  }
  return null;
}

export function safeStorageSecrets(safeStorage: SafeStorageLike, file: string, platform: NodeJS.Platform = process.platform): SecretStore {
  const memory = new Map<string, string>();
  const refusal = () => encryptionRefusal(safeStorage, platform);
  const load = async (): Promise<Sealed> => {
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Sealed) : {};
    } catch {
      return {};
    }
  };
  const save = async (sealed: Sealed): Promise<void> => {
    const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, JSON.stringify(sealed), { mode: 0o600 });
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  };
  // One read-change-write at a time; a failed one does not stop the ones queued after it.
  let queue: Promise<unknown> = Promise.resolve();
  const update = (change: (sealed: Sealed) => boolean): Promise<void> => {
    const next = queue.then(async () => {
      const sealed = await load();
      if (change(sealed)) await save(sealed);
    });
    queue = next.catch(() => {});
    return next;
  };
  return {
    async get(key) {
      if (memory.has(key)) return memory.get(key)!;
      if (refusal() !== null) return null;
      await queue;
      const sealed = (await load())[key];
      if (typeof sealed !== 'string') return null;
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        return null;
      }
    },
    async set(key, value) {
      const refused = refusal();
      if (refused !== null) {
        memory.set(key, value);
        throw new ApiError('permission', refused);
      }
      const ciphertext = safeStorage.encryptString(value).toString('base64');
      await update((sealed) => {
        sealed[key] = ciphertext;
        return true;
      });
    },
    async delete(key) {
      memory.delete(key);
      await update((sealed) => {
        if (!(key in sealed)) return false;
        delete sealed[key];
        return true;
      });
    },
    checkCanRemember() {
      const refused = refusal();
      if (refused !== null) throw new ApiError('permission', refused);
    },
  };
}
