// `virtwire snapshot` against the lab host, spawned as a user would run it.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { isVmRunning, type VmNode } from '../../../shared/topology/model.ts';
import { parseTopologyFile } from '../../../shared/topology/file.ts';
import { describeLab } from '../../lab/env.ts';
import { withLocale } from '../../support/locale-env.ts';
import { domiflist, graphNics } from '../discovery/domiflist.ts';

const BIN = fileURLToPath(new URL('../../../electron/cli/bin.js', import.meta.url));

function virtwire(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: withLocale({ ...process.env, SSH_AUTH_SOCK: '' }) }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describeLab('virtwire snapshot', (lab) => {
  const dir = mkdtempSync(join(tmpdir(), 'virtwire-snapshot-'));
  const target = `root@${lab.sshHost}`;
  const common = ['--port', String(lab.sshPort), '--identity', lab.sshKey];

  it('writes a topology file of the live host that `virtwire show` opens', async () => {
    const out = join(dir, 'lab.json');
    const snap = await virtwire('snapshot', target, ...common, '--known-hosts', lab.knownHosts, '--out', out);
    expect(snap.stderr).toBe('');
    expect(snap.code).toBe(0);
    expect(snap.stdout).toMatch(/^\S+: 3 networks, 7 VMs, \d+ bridges?, \d+ TAPs?, \d+ physical NICs? → /);
    const topology = parseTopologyFile(readFileSync(out, 'utf8'));
    expect(topology.nodes.filter((n) => n.kind === 'vm').map((n) => n.name).sort()).toEqual(['guest1', 'guest2', 'guest3', 'vm-odd', 'vm-off1', 'vm-off2', 'vm-off3']);
    expect(Object.keys(topology.layout).sort()).toEqual(topology.nodes.map((n) => n.id).sort());
    const show = await virtwire('show', out);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^network isolated \(isolated, active\) — bridge virbr1$/m);
  });

  it.each(['libvirt-nic-types.xml', 'virt-manager-testdriver.xml'])('snapshots a host nobody on the project has seen (%s, through --uri test:///…) with every NIC as virsh domiflist lists it', async (file) => {
    const uri = `test://${fileURLToPath(new URL(`../../shared/fixtures/libvirt-hosts/${file}`, import.meta.url))}`;
    const out = join(dir, `${file}.json`);
    const snap = await virtwire('snapshot', target, ...common, '--known-hosts', lab.knownHosts, '--uri', uri, '--out', out);
    expect(snap.code, snap.stderr).toBe(0);
    const topology = parseTopologyFile(readFileSync(out, 'utf8'));
    const vms = topology.nodes.filter((n): n is VmNode => n.kind === 'vm');
    expect(vms.length).toBeGreaterThan(5);
    for (const vm of vms) {
      if (isVmRunning(vm.state)) expect(graphNics(topology, vm.name, 'live'), `${vm.name} live`).toEqual(domiflist(uri, vm.name, false));
      if (vm.persistent) expect(graphNics(topology, vm.name, 'config'), `${vm.name} config`).toEqual(domiflist(uri, vm.name, true));
    }
    const show = await virtwire('show', out);
    expect(show.code).toBe(0);
    for (const link of topology.links.filter((l) => l.kind === 'nic')) expect(show.stdout, `virtwire show lists ${link.mac}`).toContain(link.mac);
  });

  it('refuses an unknown host without --accept-new (exit 3) and writes nothing', async () => {
    const empty = join(dir, 'empty_known_hosts');
    writeFileSync(empty, '');
    const out = join(dir, 'refused.json');
    const snap = await virtwire('snapshot', target, ...common, '--known-hosts', empty, '--out', out);
    expect(snap.code).toBe(3);
    expect(snap.stderr).toMatch(/not accepted[\s\S]*--accept-new[\s\S]*SHA256:/);
    expect(readFileSync(empty, 'utf8')).toBe('');
    expect(() => readFileSync(out)).toThrow();
  });

  it('with --accept-new appends the key to the named known_hosts file only', async () => {
    const file = join(dir, 'new_known_hosts');
    writeFileSync(file, '');
    const snap = await virtwire('snapshot', target, ...common, '--known-hosts', file, '--accept-new', '--out', join(dir, 'new.json'));
    expect(snap.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(new RegExp(`^\\[${lab.sshHost.replace(/\./g, '\\.')}\\]:${lab.sshPort} ssh-`));
  });

  it('refuses a changed host key with exit 3, printing both fingerprints, file untouched', async () => {
    const forged = join(dir, 'forged_known_hosts');
    copyFileSync(lab.knownHosts, forged);
    // the lab's entry with a different key of the same type
    const text = readFileSync(forged, 'utf8');
    const otherKey = readFileSync(`${lab.sshKey}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
    const changed = text.replace(/^(\S+) \S+ \S+.*$/m, (_all, hosts: string) => `${hosts} ${otherKey}`);
    writeFileSync(forged, changed);
    const snap = await virtwire('snapshot', target, ...common, '--known-hosts', forged, '--accept-new', '--out', join(dir, 'changed.json'));
    expect(snap.code).toBe(3);
    expect(snap.stderr).toMatch(/has changed/);
    expect(snap.stderr.match(/SHA256:[A-Za-z0-9+/]+/g)?.length).toBeGreaterThanOrEqual(2);
    expect(readFileSync(forged, 'utf8')).toBe(changed);
  });

  it('reports a usage error with exit 2', async () => {
    expect((await virtwire('snapshot', target)).code).toBe(2);
  });
});
