import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../electron/hosts/secrets.ts';
import { HostsService } from '../../../electron/hosts/service.ts';

describe('listing ~/.ssh/config hosts for import', () => {
  it('lists concrete Host entries resolved as ssh -G would, adding nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-aliases-'));
    const config = join(dir, 'ssh_config');
    writeFileSync(
      config,
      ['Host bastion', '  HostName 10.0.0.1', '  User jump', '', 'Host kvm1', '  HostName 10.0.0.5', '  Port 2222', '  User admin', '  ProxyJump bastion', '', 'Host *', '  User nobody', ''].join('\n'),
    );
    const hosts = new HostsService({
      profilesFile: join(dir, 'hosts.json'),
      appKnownHostsFile: join(dir, 'known_hosts'),
      sshConfigFile: config,
      secrets: new MemorySecretStore(),
      onDidChangeState: () => undefined,
      onDidPrompt: () => undefined,
    });
    const { aliases } = await hosts.sshConfigAliases({});
    expect(aliases.map((a) => a.alias)).toEqual(['bastion', 'kvm1']);
    expect(aliases[1]).toMatchObject({ target: 'admin@10.0.0.5:2222', proxyJump: 'bastion' });
    expect((await hosts.list({})).hosts).toEqual([]);
  });
});
