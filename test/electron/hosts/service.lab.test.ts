// The hosts service end to end against the lab: profiles, prompts answered through the API,
// remembered secrets, the runner and the journal.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { MemorySecretStore } from '../../../electron/hosts/secrets.ts';
import { HostsService } from '../../../electron/hosts/service.ts';
import type { HostPrompt, HostStateChange } from '../../../shared/api/hosts.ts';
import { describeLab } from '../../lab/env.ts';
import { scratchDir } from '../ssh/support/sshd.ts';

describeLab('hosts service', (lab) => {
  function service() {
    const dir = scratchDir('service');
    const prompts: HostPrompt[] = [];
    const states: HostStateChange[] = [];
    const secrets = new MemorySecretStore();
    const hosts = new HostsService({
      profilesFile: join(dir, 'hosts.json'),
      appKnownHostsFile: join(dir, 'known_hosts'),
      userKnownHostsFiles: [],
      sshConfigFile: join(dir, 'ssh_config'),
      secrets,
      agent: null,
      onDidChangeState: (c) => states.push(c),
      onDidPrompt: (p) => {
        prompts.push(p);
        if (p.kind === 'hostkey') void hosts.answerPrompt({ promptId: p.promptId, answer: { kind: 'hostkey', accept: true } });
        if (p.kind === 'password') void hosts.answerPrompt({ promptId: p.promptId, answer: { kind: 'secret', value: lab.password, remember: true } });
      },
    });
    return { hosts, prompts, states, secrets, dir };
  }

  it('connects a password profile after the user accepts the key, remembers the password, and journals commands', async () => {
    const { hosts, prompts, states } = service();
    const profile = await hosts.add({
      profile: {
        label: 'lab as labuser',
        target: `${lab.passwordUser}@${lab.sshHost}:${lab.sshPort}`,
        uri: lab.libvirtUri,
        useSudo: true,
        knownHostsPolicy: 'ask',
        rememberSecrets: true,
        identityFiles: ['/nonexistent/no-key'],
      },
    });
    expect(await hosts.connect({ id: profile.id })).toEqual({ state: 'connected' });
    expect(prompts.map((p) => p.kind)).toEqual(['hostkey', 'password']);
    const nets = await hosts.runner(profile.id).runChecked(['virsh', '-c', lab.libvirtUri, 'net-list', '--name'], { needs: 'libvirt' });
    expect(nets.stdout).toContain('default');
    await hosts.disconnect({ id: profile.id });
    await hosts.connect({ id: profile.id });
    // The key is in the app's file now and the password was remembered: nothing more to ask.
    expect(prompts).toHaveLength(2);
    expect(states.map((s) => s.state)).toEqual(['connecting', 'connected', 'disconnected', 'connecting', 'connected']);
    const { entries, script } = await hosts.journal({ id: profile.id });
    expect(entries.map((e) => e.commandLine)).toEqual([`sudo -n -- virsh -c ${lab.libvirtUri} net-list --name`]);
    expect(script).toContain('lab as labuser exit=0');
    await hosts.remove({ id: profile.id });
    expect((await hosts.list({})).hosts).toEqual([]);
  });

  it('imports a ~/.ssh/config alias with a ProxyJump hop and connects through it', async () => {
    const { hosts, dir } = service();
    writeFileSync(
      join(dir, 'ssh_config'),
      `Host lab\n  HostName ${lab.sshHost}\n  Port ${lab.sshPort}\n  User root\n  IdentityFile ${lab.sshKey}\n  IdentitiesOnly yes\n  ProxyJump hop\n\nHost hop\n  HostName ${lab.sshHost}\n  Port ${lab.sshPort}\n  User root\n  IdentityFile ${lab.sshKey}\n`,
    );
    const { hosts: imported } = await hosts.importSshConfig({ aliases: ['lab'] });
    expect(imported).toMatchObject([
      {
        label: 'lab',
        target: `root@${lab.sshHost}:${lab.sshPort}`,
        identityFiles: [lab.sshKey],
        identitiesOnly: true,
        proxyJump: 'hop',
        useSudo: false,
        uri: 'qemu:///system',
      },
    ]);
    const id = imported[0]!.id;
    await hosts.connect({ id });
    expect((await hosts.runner(id).runChecked(['id', '-un'])).stdout).toBe('root\n');
    await hosts.disconnect({ id });
    await expect(hosts.importSshConfig({ aliases: ['nope'] })).rejects.toMatchObject({ code: 'not-found' });
  });
});
