// Where remembered passwords and passphrases live. The Electron shell implements this with
// safeStorage (encrypted by the OS); the CLI and browser mode keep them in memory only.
// Secrets never go into profiles, topology files or logs.

export interface SecretStore {
  get(key: string): Promise<string | null>;
  /** Throws an ApiError in the user's words when secrets cannot be remembered here; the value is then kept for this run only. */
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Throws an ApiError in the user's words when secrets cannot be remembered here. */
  checkCanRemember(): void;
}

/** Secrets for this run of the app only. */
export class MemorySecretStore implements SecretStore {
  readonly #values = new Map<string, string>();

  async get(key: string): Promise<string | null> {
    return this.#values.get(key) ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    this.#values.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.#values.delete(key);
  }

  /** Always possible: they are kept in memory, for this run only (as browser mode says). */
  checkCanRemember(): void {}
}

/** Keys a profile's secrets are stored under; removing a profile deletes them by prefix. */
export const secretKey = {
  password: (profileId: string) => `${profileId}/password`,
  passphrase: (profileId: string, file: string) => `${profileId}/passphrase/${file}`,
};
