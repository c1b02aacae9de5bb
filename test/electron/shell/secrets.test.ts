import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeStorageSecrets } from '../../../electron/shell/secrets.ts';
import { safeStorage } from '../fakes/electron.ts';

describe('remembered secrets (safeStorage)', () => {
  it('stores only ciphertext, readable only by the owner, and reads it back', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vw-secrets-')), 'secrets.json');
    const store = safeStorageSecrets(safeStorage, file);
    await store.set('host-1/password', 'hunter2 and more');
    expect(readFileSync(file, 'utf8')).not.toContain('hunter2');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await safeStorageSecrets(safeStorage, file).get('host-1/password')).toBe('hunter2 and more');
    await store.delete('host-1/password');
    expect(await store.get('host-1/password')).toBeNull();
  });

  it('writes nothing when the OS offers no encryption, keeping the secret for this run only', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vw-secrets-')), 'secrets.json');
    const store = safeStorageSecrets({ ...safeStorage, isEncryptionAvailable: () => false }, file);
    await store.set('k', 'v');
    expect(await store.get('k')).toBe('v');
    expect(() => readFileSync(file)).toThrow();
  });
});
