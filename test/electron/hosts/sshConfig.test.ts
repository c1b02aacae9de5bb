import { homedir, userInfo } from 'node:os';
import SSHConfig from 'ssh-config';
import { describe, expect, it } from 'vitest';
import { configAliases, parseTarget, resolveHost } from '../../../electron/hosts/sshConfig.ts';

const config = SSHConfig.parse(`
Host kvm1
  HostName kvm1.example.net
  Port 2201
  User ops
  IdentityFile ~/.ssh/kvm_%r_%h
  IdentityFile /keys/second
  IdentitiesOnly yes
  ProxyJump bastion,admin@inner:2022

Host bastion
  HostName bastion.example.net
  User jump
  ProxyJump edge

Host edge
  HostName 203.0.113.7

Host short
  HostName %h.lab

Host *.lab !bad.lab
  User labuser

Host loop1
  ProxyJump loop2
Host loop2
  ProxyJump loop1

Match exec "touch /tmp/virtwire-must-not-exist"
  User wrong

Host *
  User fallback
`);

describe('parseTarget', () => {
  it('reads user@host:port, bare hosts, IPv6 in brackets and ssh:// URIs', () => {
    expect(parseTarget('root@kvm1:2222')).toEqual({ user: 'root', host: 'kvm1', port: 2222 });
    expect(parseTarget('kvm1')).toEqual({ host: 'kvm1' });
    expect(parseTarget('[fe80::1]:22')).toEqual({ host: 'fe80::1', port: 22 });
    expect(parseTarget('ssh://ops@kvm1:2200')).toEqual({ user: 'ops', host: 'kvm1', port: 2200 });
  });

  it('refuses things that are not targets', () => {
    for (const bad of ['', 'a b', 'root@', 'kvm1:99999', 'kvm1:x']) {
      expect(() => parseTarget(bad)).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    }
  });
});

describe('resolveHost', () => {
  it('resolves an alias like ssh -G: HostName, Port, User, IdentityFile tokens, IdentitiesOnly, multi-hop ProxyJump', () => {
    const resolved = resolveHost(config, 'kvm1');
    expect(resolved.target).toEqual({
      host: 'kvm1.example.net',
      port: 2201,
      user: 'ops',
      identityFiles: [`${homedir()}/.ssh/kvm_ops_kvm1.example.net`, '/keys/second'],
      identitiesOnly: true,
    });
    // bastion is itself reached through edge; inner is not in the config and takes Host * values.
    expect(resolved.jumps).toEqual([
      { host: '203.0.113.7', port: 22, user: 'fallback' },
      { host: 'bastion.example.net', port: 22, user: 'jump' },
      { host: 'inner', port: 2022, user: 'admin' },
    ]);
    expect(resolved.proxyJump).toBe('bastion,admin@inner:2022');
  });

  it('expands %h in HostName to the name typed', () => {
    expect(resolveHost(config, 'short').target.host).toBe('short.lab');
  });

  it('lets user and port in the target win over the config', () => {
    expect(resolveHost(config, 'root@kvm1:22').target).toMatchObject({ host: 'kvm1.example.net', port: 22, user: 'root' });
  });

  it('applies wildcard and negated Host patterns, first value winning', () => {
    expect(resolveHost(config, 'good.lab').target.user).toBe('labuser');
    expect(resolveHost(config, 'bad.lab').target.user).toBe('fallback');
  });

  it('never runs Match exec commands', () => {
    expect(resolveHost(config, 'plain').target).toEqual({ host: 'plain', port: 22, user: 'fallback' });
  });

  it('stops a ProxyJump loop with a clear error', () => {
    expect(() => resolveHost(config, 'loop1')).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });

  it('uses the local user when nothing names one', () => {
    expect(resolveHost(SSHConfig.parse(''), 'somewhere').target.user).toBe(userInfo().username);
  });
});

describe('configAliases', () => {
  it('lists concrete Host names only', () => {
    expect(configAliases(config)).toEqual(['kvm1', 'bastion', 'edge', 'short', 'loop1', 'loop2']);
  });
});
