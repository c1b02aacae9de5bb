// Discovery as a non-root user on the lab host: `labuser` is not in the libvirt group, so
// plain virsh is refused — the picture still has the bridges and TAPs, with a banner saying
// why networks and VMs are missing; with the profile's sudo, virsh runs as `sudo -n virsh`
// (labuser's sudoers allows virsh, ip and bridge, not a shell) and the picture is whole.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { discoverHost } from '../../../electron/discovery/discover.ts';
import { HostRunner } from '../../../electron/ssh/runner.ts';
import { sayEnglish } from '../../../shared/i18n/index.ts';
import type { HostRecord } from '../../../shared/topology/model.ts';
import { describeLab } from '../../lab/env.ts';
import { labSession, type LabSession } from '../ssh/support/session.ts';

const names = (...args: string[]): string[] =>
  execFileSync('virsh', ['-c', 'qemu:///system', ...args], { encoding: 'utf8' }).split('\n').map((l) => l.trim()).filter(Boolean).sort();

describeLab('discovery as a non-root user', (lab) => {
  let s: LabSession;
  const host: HostRecord = {
    id: `${lab.passwordUser}@${lab.sshHost}:${lab.sshPort}`,
    label: 'lab',
    ssh: { host: lab.sshHost, port: lab.sshPort, user: lab.passwordUser },
    uri: lab.libvirtUri,
    capturedAt: '',
  };

  beforeAll(async () => {
    s = labSession(lab, {
      target: { host: lab.sshHost, port: lab.sshPort, user: lab.passwordUser, identityFiles: ['/nonexistent/no-key'] },
      answers: { password: async () => lab.password },
    });
    await s.session.connect();
  });
  afterAll(() => s.session.disconnect());

  it('without sudo: bridges and TAPs, and a banner naming what libvirt refused', async () => {
    const runner = new HostRunner(s.session, { host: 'lab', user: lab.passwordUser, useSudo: false });
    const found = await discoverHost((argv, o) => runner.run(argv, o), host);
    const kinds = new Set(found.topology.nodes.map((n) => n.kind));
    expect(kinds.has('network') || kinds.has('vm')).toBe(false);
    expect(found.topology.nodes.filter((n) => n.kind === 'bridge').map((n) => n.name)).toEqual(expect.arrayContaining(['tester', 'virbr0', 'virbr1']));
    expect(found.banners.map(sayEnglish)).toEqual([
      expect.stringMatching(/^libvirt could not be reached at qemu:\/\/\/system, so networks and VMs are not shown: error: failed to connect to the hypervisor/),
      expect.stringMatching(/^Open vSwitch bridges could not be read, so they may be drawn without their ports: .*Permission denied/),
    ]);
  });

  it('with sudo: the whole picture, virsh run through sudo -n', async () => {
    const runner = new HostRunner(s.session, { host: 'lab', user: lab.passwordUser, useSudo: true });
    const found = await discoverHost((argv, o) => runner.run(argv, o), host, { privileged: true });
    expect(found.banners).toEqual([]);
    expect(found.topology.nodes.filter((n) => n.kind === 'network').map((n) => n.name).sort()).toEqual(names('net-list', '--all', '--name'));
    expect(found.topology.nodes.filter((n) => n.kind === 'vm').map((n) => n.name).sort()).toEqual(names('list', '--all', '--name'));
  });

  it("with sudo: the live picture's kept virsh runs as `sudo -n virsh`, and without sudo it stands aside", async () => {
    const runner = new HostRunner(s.session, { host: 'lab', user: lab.passwordUser, useSudo: true });
    const uuid = names('domuuid', 'guest1')[0]!;
    const read = await runner.runVirsh(lab.libvirtUri, `dominfo ${uuid}; domstate ${uuid}`);
    expect(read?.stderr).toBe('');
    expect(read?.stdout).toContain(`UUID:           ${uuid}`);
    expect(read?.stdout.trim().split('\n').at(-1)).toBe(names('domstate', 'guest1')[0]);
    // without sudo, labuser's virsh cannot reach libvirt and ends as it starts: no kept virsh, the probe reads as before
    const plain = new HostRunner(s.session, { host: 'lab', user: lab.passwordUser, useSudo: false });
    expect(await plain.runVirsh(lab.libvirtUri, `dominfo ${uuid}`)).toBeNull();
  });
});
