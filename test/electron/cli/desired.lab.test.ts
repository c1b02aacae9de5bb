// `virtwire diff`, `plan` and `apply` against the lab host, spawned as a user would run them and
// checked on the host itself (virsh domiflist, net-dumpxml, net-list, ip -j link): the lab is
// saved, changed by hand (a NIC detached, one detached from a running VM's definition only, a
// network defined, a TAP plugged elsewhere, a DHCP range changed), the diff lists exactly those, apply puts the saved state back, --prune removes
// what came after the snapshot, and a step made to fail midway leaves an exact report and a
// rollback that works.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TopologyDiff } from '../../../shared/diff/types.ts';
import type { Topology } from '../../../shared/topology/model.ts';
import { describeLab } from '../../lab/env.ts';
import { withLocale } from '../../support/locale-env.ts';
import { eventually, link, netNames, nics, sh, trySh, virsh } from '../plan/lab-support.ts';

const BIN = fileURLToPath(new URL('../../../electron/cli/bin.js', import.meta.url));

function virtwire(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: withLocale({ ...process.env, SSH_AUTH_SOCK: '' }) }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

const GUEST1_ISOLATED = '52:54:00:00:01:02';
const EXTRA_NIC = '52:54:00:77:12:01';
const GUEST2_DEFAULT = '52:54:00:00:02:01';
const dhcpRange = (network: string, inactive = false): string[] =>
  virsh('net-dumpxml', '--network', network, ...(inactive ? ['--inactive'] : [])).match(/<range [^>]*>/g) ?? [];

function setRange(network: string, start: string, end: string): void {
  for (const old of dhcpRange(network)) virsh('net-update', '--network', network, '--command', 'delete', '--section', 'ip-dhcp-range', '--xml', old, '--live', '--config');
  virsh('net-update', '--network', network, '--command', 'add-last', '--section', 'ip-dhcp-range', '--xml', `<range start='${start}' end='${end}'/>`, '--live', '--config');
}

async function detachLive(domain: string, mac: string): Promise<void> {
  virsh('detach-interface', '--domain', domain, '--type', 'network', '--mac', mac, '--live', '--config');
  expect(await eventually(() => !nics(domain, false).some((n) => n.endsWith(mac)), 10_000), `the guest let go of ${mac}`).toBe(true);
}

describeLab('virtwire diff, plan and apply', (lab) => {
  const dir = mkdtempSync(join(tmpdir(), 'virtwire-desired-'));
  const saved = join(dir, 'lab.json');
  const target = `root@${lab.sshHost}`;
  const common = ['--port', String(lab.sshPort), '--identity', lab.sshKey, '--known-hosts', lab.knownHosts];
  const diff = async (file = saved) => {
    const r = await virtwire('diff', file, target, ...common, '--json');
    return { code: r.code, diff: JSON.parse(r.stdout || '{"items":[]}') as TopologyDiff, stderr: r.stderr };
  };
  const described = (d: TopologyDiff) => d.items.map((i) => `${i.change} ${i.kind} ${i.name}${i.mac ? ` ${i.mac}` : ''}${i.fields.length && i.change === 'changed' ? `: ${i.fields.map((f) => `${f.field} ${f.before} -> ${f.after}`).join('; ')}` : ''}`);
  const savedRange = { start: '', end: '' };

  beforeAll(async () => {
    const snap = await virtwire('snapshot', target, ...common, '--out', saved);
    expect(snap.code, snap.stderr).toBe(0);
    const [range] = dhcpRange('isolated');
    savedRange.start = /start='([^']+)'/.exec(range!)![1]!;
    savedRange.end = /end='([^']+)'/.exec(range!)![1]!;
  });

  afterAll(() => {
    for (const net of ['vw-extra']) {
      trySh('virsh', '-c', 'qemu:///system', 'net-destroy', '--network', net);
      trySh('virsh', '-c', 'qemu:///system', 'net-undefine', '--network', net);
    }
    for (const dev of ['vw-tap9', 'vw-br9']) trySh('ip', 'link', 'del', 'dev', dev);
    trySh('virsh', '-c', 'qemu:///system', 'detach-interface', '--domain', 'vm-off2', '--type', 'network', '--mac', EXTRA_NIC, '--config');
  });

  it('finds nothing to do on the host just saved', async () => {
    const d = await diff();
    expect(d.code, d.stderr).toBe(0);
    expect(d.diff.items).toEqual([]);
    const plan = await virtwire('plan', saved, target, ...common);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toBe('Nothing to run.\n');
  });

  it('lists exactly what was changed by hand, applies the saved state back (NIC whole, range in place), and leaves the new network alone until --prune', async () => {
    await detachLive('guest1', GUEST1_ISOLATED);
    writeFileSync(join(dir, 'extra.xml'), "<network><name>vw-extra</name><bridge name='vwxbr0'/></network>");
    virsh('net-define', '--file', join(dir, 'extra.xml'));
    sh('ip', 'link', 'set', 'dev', 'vm-vnic', 'master', 'virbr1');
    setRange('isolated', '192.168.123.50', '192.168.123.60');
    virsh('detach-interface', '--domain', 'guest2', '--type', 'network', '--mac', GUEST2_DEFAULT, '--config');

    const before = await diff();
    expect(before.code).toBe(1);
    expect(described(before.diff)).toEqual([
      `changed network isolated: ipv4 DHCP range ${savedRange.start}-${savedRange.end} -> 192.168.123.50-192.168.123.60`,
      'added network vw-extra',
      'changed tap vm-vnic: bridge tester -> virbr1',
      `removed nic guest1 ${GUEST1_ISOLATED}`,
      `changed nic guest2 ${GUEST2_DEFAULT}: config yes -> no`,
    ]);

    const plan = await virtwire('plan', saved, target, ...common);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/net-update --network isolated --command delete --section ip-dhcp-range/);
    expect(plan.stdout).toMatch(/ip link set dev vm-vnic master tester/);
    expect(plan.stdout).toMatch(/attach-device --domain guest1 --file \/dev\/stdin --live --config/);
    expect(plan.stdout).toMatch(/attach-device --domain guest2 --file \/dev\/stdin --config\n(.*\n)*.*Only after VM `guest2` restarts/);
    expect(plan.stdout).toMatch(/Left alone \(on the host, not in the file; --prune removes them\):\n {2}\+ network vw-extra/);
    expect(plan.stdout).not.toMatch(/net-destroy|net-undefine|net-define/);

    // On a terminal (script(1) gives it one) apply shows the plan and asks; "n" changes nothing.
    const asked = await new Promise<{ code: number; stdout: string }>((resolve) => {
      const line = [process.execPath, BIN, 'apply', saved, target, ...common].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
      const child = execFile('script', ['-q', '-e', '-c', line, '/dev/null'], { env: withLocale({ ...process.env, SSH_AUTH_SOCK: '' }) }, (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }));
      child.stdin?.end('n\n');
    });
    expect(asked.stdout).toMatch(/ip link set dev vm-vnic master tester[\s\S]*Run these 5 steps on root@[^?]*\? \[y\/N\][\s\S]*Nothing was changed\./);
    expect(asked.code).toBe(1);

    const refused = await virtwire('apply', saved, target, ...common);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/no terminal to ask on.*Nothing was changed/);
    expect(dhcpRange('isolated')).toEqual(["<range start='192.168.123.50' end='192.168.123.60'/>"]);

    const journal = join(dir, 'journal.sh');
    const applied = await virtwire('apply', saved, target, ...common, '--yes', '--journal', journal);
    expect(applied.stderr).toBe('');
    expect(applied.code, applied.stdout).toBe(0);
    expect(applied.stdout).toMatch(/now matches .* apart from 1 object left alone\.\n$/);
    expect(readFileSync(journal, 'utf8')).toMatch(/\nvirsh -c qemu:\/\/\/system attach-device --domain guest1 --file \/dev\/stdin --live --config\n/);

    // On the host itself: the NIC is back live and in the definition, the range and the port as saved.
    for (const inactive of [false, true]) expect(nics('guest1', inactive)).toContain(`network isolated ${GUEST1_ISOLATED}`);
    for (const inactive of [false, true]) expect(dhcpRange('isolated', inactive)).toEqual([`<range start='${savedRange.start}' end='${savedRange.end}'/>`]);
    expect(link('vm-vnic')?.master).toBe('tester');
    for (const inactive of [false, true]) expect(nics('guest2', inactive)).toContain(`network default ${GUEST2_DEFAULT}`);
    expect(netNames()).toContain('vw-extra');

    const second = await diff();
    expect(described(second.diff)).toEqual(['added network vw-extra']);
  });

  it('with --prune removes the objects added after the snapshot, and a second diff is empty', async () => {
    sh('ip', 'link', 'add', 'name', 'vw-br9', 'type', 'bridge');
    sh('ip', 'tuntap', 'add', 'dev', 'vw-tap9', 'mode', 'tap');
    sh('ip', 'link', 'set', 'dev', 'vw-tap9', 'master', 'vw-br9');
    virsh('attach-interface', '--domain', 'vm-off2', '--type', 'network', '--source', 'isolated', '--mac', EXTRA_NIC, '--config');
    expect(described((await diff()).diff)).toEqual(['added network vw-extra', 'added bridge vw-br9', 'added tap vw-tap9', `added nic vm-off2 ${EXTRA_NIC}`]);

    const pruned = await virtwire('apply', saved, target, ...common, '--yes', '--prune');
    expect(pruned.code, `${pruned.stdout}\n${pruned.stderr}`).toBe(0);
    expect(pruned.stdout).toMatch(/now matches [^\n]*\.\n$/);
    expect(netNames()).not.toContain('vw-extra');
    expect(link('vw-tap9')).toBeNull();
    expect(link('vw-br9')).toBeNull();
    expect(nics('vm-off2', true).some((n) => n.endsWith(EXTRA_NIC))).toBe(false);
    const after = await diff();
    expect(after.code).toBe(0);
    expect(after.diff.items).toEqual([]);
  });

  it('defines again a network undefined by hand (same UUID, stopped as saved), moves a NIC back and sets a link as saved', async () => {
    const uuid = virsh('net-uuid', '--network', 'routed').trim();
    virsh('net-undefine', '--network', 'routed');
    virsh('domif-setlink', '--domain', 'guest3', '--interface', '52:54:00:00:06:03', '--state', 'up');
    const nic = virsh('dumpxml', '--inactive', 'vm-off1').match(/<interface[\s\S]*?<\/interface>/)![0];
    writeFileSync(join(dir, 'moved.xml'), nic.replace("network='default'", "network='isolated'"));
    virsh('update-device', '--domain', 'vm-off1', '--file', join(dir, 'moved.xml'), '--config');
    expect(described((await diff()).diff)).toEqual([
      'removed network routed',
      'changed nic guest3 52:54:00:00:06:03: link down -> up',
      'changed nic vm-off1 52:54:00:00:03:01: source network default -> network isolated',
      'changed nic vm-off2 52:54:00:00:04:02: source network routed -> network routed (missing)',
      'changed nic vm-off3 52:54:00:00:05:01: source network routed -> network routed (missing)',
    ]);

    const applied = await virtwire('apply', saved, target, ...common, '--yes');
    expect(applied.code, `${applied.stdout}\n${applied.stderr}`).toBe(0);
    expect(applied.stdout).not.toMatch(/update-device --domain vm-off[23]/);
    expect(virsh('net-uuid', '--network', 'routed').trim()).toBe(uuid);
    expect(virsh('net-info', '--network', 'routed')).toMatch(/^Active:\s+no$/m);
    expect(virsh('domif-getlink', '--domain', 'guest3', '--interface', '52:54:00:00:06:03').trim()).toMatch(/down$/);
    expect(virsh('domif-getlink', '--domain', 'guest3', '--interface', '52:54:00:00:06:03', '--config').trim()).toMatch(/down$/);
    expect(nics('vm-off1', true)).toContain('network default 52:54:00:00:03:01');
    expect((await diff()).code).toBe(0);
  });

  it('stops at a step the host refuses, reports it exactly with the host\'s error, and rolls back what ran', async () => {
    // The file wants guest1's NIC back with a bandwidth limit, which this kernel refuses on a
    // running guest (no sfq qdisc): the DHCP range steps before it run, the TAP removal after it does not.
    const topology = JSON.parse(readFileSync(saved, 'utf8')) as Topology;
    const limited = join(dir, 'limited.json');
    const withLimit = (xml: string) => xml.replace(`<mac address='${GUEST1_ISOLATED}'/>`, `<mac address='${GUEST1_ISOLATED}'/><bandwidth><inbound average='1000'/></bandwidth>`);
    for (const n of topology.nodes) if (n.kind === 'vm' && n.name === 'guest1') Object.assign(n, { xml: n.xml && withLimit(n.xml), ...(n.inactiveXml ? { inactiveXml: withLimit(n.inactiveXml) } : {}) });
    writeFileSync(limited, JSON.stringify(topology));
    await detachLive('guest1', GUEST1_ISOLATED);
    setRange('isolated', '192.168.123.70', '192.168.123.80');
    sh('ip', 'tuntap', 'add', 'dev', 'vw-tap9', 'mode', 'tap');

    const failed = await virtwire('apply', limited, target, ...common, '--yes', '--prune', '--rollback-on-failure');
    expect(failed.code).toBe(4);
    const out = failed.stdout;
    expect(out).toMatch(/ {2}1\. done: Remove DHCP range 192\.168\.123\.70-192\.168\.123\.80 from network `isolated`\./);
    expect(out).toMatch(/ {2}2\. done: Add DHCP range \S+ to network `isolated`\./);
    expect(out).toMatch(/ {2}3\. FAILED: Attach NIC 52:54:00:00:01:02 on network `isolated` to VM `guest1`, now and in its saved definition\.\n {5}\$ virsh -c qemu:\/\/\/system attach-device --domain guest1 --file \/dev\/stdin --live --config\n {5}exit code 1\n {5}host: error: [\s\S]*sfq perturb/);
    expect(out).toMatch(/ {2}4\. not run: Delete TAP `vw-tap9`\./);
    expect(out).toMatch(/Rolling back the 2 step\(s\) that took effect:\n {2}1\. done: Remove DHCP range \S+ from network `isolated`\.\n {2}2\. done: Add DHCP range 192\.168\.123\.70-192\.168\.123\.80 to network `isolated`\.\nRolled back/);

    // The host is as it was before apply: the changed range, no NIC, the TAP still there.
    for (const inactive of [false, true]) expect(dhcpRange('isolated', inactive)).toEqual(["<range start='192.168.123.70' end='192.168.123.80'/>"]);
    expect(nics('guest1', false).some((n) => n.endsWith(GUEST1_ISOLATED))).toBe(false);
    expect(link('vw-tap9')).not.toBeNull();

    // The saved file itself (no bandwidth) still applies, and then nothing differs.
    const fixed = await virtwire('apply', saved, target, ...common, '--yes', '--prune');
    expect(fixed.code, fixed.stdout).toBe(0);
    expect((await diff()).diff.items).toEqual([]);
  });

  it('refuses a file that is not a topology before connecting (exit 2)', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"format": "something-else"}');
    const r = await virtwire('diff', bad, target, ...common);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^virtwire: This file is not a VirtWire topology/);
  });
});
