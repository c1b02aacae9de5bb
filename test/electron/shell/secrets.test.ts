import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostsService } from '../../../electron/hosts/service.ts';
import { safeStorageSecrets } from '../../../electron/shell/secrets.ts';
import { ApiError } from '../../../shared/errors.ts';
import { safeStorage } from '../fakes/electron.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'vw-secrets-'));

describe('remembered secrets (safeStorage)', () => {
  it('stores only ciphertext, readable only by the owner, and reads it back', async () => {
    const file = join(folder(), 'secrets.json');
    const store = safeStorageSecrets(safeStorage, file, 'linux');
    await store.set('host-1/password', 'hunter2 and more');
    expect(readFileSync(file, 'utf8')).not.toContain('hunter2');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await safeStorageSecrets(safeStorage, file, 'linux').get('host-1/password')).toBe('hunter2 and more');
    await store.delete('host-1/password');
    expect(await store.get('host-1/password')).toBeNull();
  });

  it('writes nothing when the OS offers no encryption, refusing in the user\'s words and keeping the secret for this run only', async () => {
    const file = join(folder(), 'secrets.json');
    const store = safeStorageSecrets({ ...safeStorage, isEncryptionAvailable: () => false }, file, 'linux');
    await expect(store.set('k', 'v')).rejects.toThrow(/cannot remember passwords and passphrases here: this system offers no encryption/);
    expect(await store.get('k')).toBe('v');
    expect(() => readFileSync(file)).toThrow();
    expect(() => store.checkCanRemember()).toThrow(ApiError);
  });

  it.each(['basic_text', 'unknown'] as const)("refuses to remember on Linux when safeStorage's backend is %s (no real encryption)", async (backend) => {
    const dir = folder();
    const file = join(dir, 'secrets.json');
    const store = safeStorageSecrets({ ...safeStorage, getSelectedStorageBackend: () => backend }, file, 'linux');
    const refusal = await store.set('k', 'v').then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(ApiError);
    expect((refusal as ApiError).code).toBe('permission');
    expect((refusal as ApiError).message).toMatch(/no keyring .* is running, so they would be stored without real encryption/);
    expect(readdirSync(dir)).toEqual([]);
    expect(await store.get('k')).toBe('v');
    expect(() => store.checkCanRemember()).toThrow(/no keyring/);
  });

  it('uses a real Linux keyring backend, and ignores the backend on other systems', async () => {
    for (const backend of ['gnome_libsecret', 'kwallet5'] as const) {
      const store = safeStorageSecrets({ ...safeStorage, getSelectedStorageBackend: () => backend }, join(folder(), 'secrets.json'), 'linux');
      expect(() => store.checkCanRemember()).not.toThrow();
    }
    const mac = safeStorageSecrets({ ...safeStorage, getSelectedStorageBackend: () => 'basic_text' }, join(folder(), 'secrets.json'), 'darwin');
    await mac.set('k', 'v');
    expect(await mac.get('k')).toBe('v');
  });

  it('loses no update when many secrets are remembered and forgotten at once, and leaves no temporary file', async () => {
    const dir = folder();
    const file = join(dir, 'secrets.json');
    const store = safeStorageSecrets(safeStorage, file, 'linux');
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.set(`host-${i}/password`, `secret ${i}`)));
    await Promise.all([store.delete('host-0/password'), store.set('host-40/password', 'secret 40'), store.delete('host-1/password')]);
    const again = safeStorageSecrets(safeStorage, file, 'linux');
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object)).toHaveLength(39);
    for (let i = 2; i <= 40; i++) expect(await again.get(`host-${i}/password`)).toBe(`secret ${i}`);
    expect(await again.get('host-0/password')).toBeNull();
    expect(readdirSync(dir)).toEqual(['secrets.json']);
  });

  it('a failed write does not stop the writes queued after it', async () => {
    const file = join(folder(), 'secrets.json');
    let calls = 0;
    const flaky = {
      ...safeStorage,
      encryptString: (text: string) => {
        if (calls++ === 0) throw new Error('keyring locked');
        return safeStorage.encryptString(text);
      },
    };
    const store = safeStorageSecrets(flaky, file, 'linux');
    const [first, second] = await Promise.allSettled([store.set('a', '1'), store.set('b', '2')]);
    expect(first.status).toBe('rejected');
    expect(second.status).toBe('fulfilled');
    expect(await store.get('b')).toBe('2');
  });

  it('the Hosts service refuses a profile that remembers secrets where they cannot be encrypted, with that sentence', async () => {
    const dir = folder();
    const hosts = new HostsService({
      profilesFile: join(dir, 'hosts.json'),
      appKnownHostsFile: join(dir, 'known_hosts'),
      sshConfigFile: join(dir, 'ssh_config'),
      secrets: safeStorageSecrets({ ...safeStorage, getSelectedStorageBackend: () => 'basic_text' }, join(dir, 'secrets.json'), 'linux'),
      onDidChangeState: () => undefined,
      onDidPrompt: () => undefined,
    });
    const profile = { label: 'kvm', target: 'root@kvm', uri: 'qemu:///system', useSudo: false, knownHostsPolicy: 'ask' as const, rememberSecrets: true };
    await expect(hosts.add({ profile })).rejects.toMatchObject({ code: 'permission', message: expect.stringMatching(/no keyring/) });
    const added = await hosts.add({ profile: { ...profile, rememberSecrets: false } });
    await expect(hosts.update({ profile: { ...added, rememberSecrets: true } })).rejects.toThrow(/no keyring/);
    expect((await hosts.list({})).hosts).toEqual([added]);
  });
});
