// Remembered passwords and passphrases, encrypted by the OS through Electron's safeStorage
// (Keychain, DPAPI, libsecret/kwallet). The file holds only ciphertext. Where the OS offers
// no encryption, nothing is written: the secret is kept for this run only.
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { SafeStorage } from 'electron';
import type { SecretStore } from '../hosts/secrets.ts';

type Sealed = Record<string, string>;

export function safeStorageSecrets(safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>, file: string): SecretStore {
  const memory = new Map<string, string>();
  const load = async (): Promise<Sealed> => {
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
      return typeof parsed === 'object' && parsed !== null ? (parsed as Sealed) : {};
    } catch {
      return {};
    }
  };
  const save = async (sealed: Sealed): Promise<void> => {
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(sealed), { mode: 0o600 });
    await rename(temporary, file);
  };
  return {
    async get(key) {
      if (memory.has(key)) return memory.get(key)!;
      if (!safeStorage.isEncryptionAvailable()) return null;
      const sealed = (await load())[key];
      if (typeof sealed !== 'string') return null;
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        return null;
      }
    },
    async set(key, value) {
      if (!safeStorage.isEncryptionAvailable()) {
        memory.set(key, value);
        return;
      }
      const sealed = await load();
      sealed[key] = safeStorage.encryptString(value).toString('base64');
      await save(sealed);
    },
    async delete(key) {
      memory.delete(key);
      const sealed = await load();
      if (key in sealed) {
        delete sealed[key];
        await save(sealed);
      }
    },
  };
}
