import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { assembleHost, discoverHost } from '../../../electron/discovery/discover.ts';
import { splitProbeOutput } from '../../../electron/discovery/probe-output.ts';
import { say, sayEnglish, translator } from '../../../shared/i18n/index.ts';
import type { HostRecord, NicLink, VmNode } from '../../../shared/topology/model.ts';
import { TEST_HOST_URI, hasVirsh, localRun } from './local-run.ts';

const host: HostRecord = {
  id: 'root@testhost',
  label: 'testhost',
  ssh: { host: 'testhost', port: 22, user: 'root' },
  uri: TEST_HOST_URI,
  capturedAt: '',
};

/** `virsh domiflist` rows (Interface Type Source Model MAC) of one domain. */
function domiflist(domain: string): { type: string; source: string; model: string; mac: string }[] {
  const text = execFileSync('virsh', ['-c', TEST_HOST_URI, 'domiflist', domain], { encoding: 'utf8' });
  return text
    .split('\n')
    .slice(2)
    .map((l) => l.trim().split(/\s+/))
    .filter((cols) => cols.length >= 5)
    .map(([, type, source, model, mac]) => ({ type: type!, source: source!, model: model!, mac: mac! }));
}

describe.runIf(hasVirsh())('discovery of a libvirt test-driver host', () => {
  it('finds what virsh net-list, list and domiflist report', async () => {
    let calls = 0;
    const found = await discoverHost((argv) => ((calls += 1), localRun(argv)), host);
    expect(calls).toBe(1);
    const t = found.topology;
    const names = (kind: string) => t.nodes.filter((n) => n.kind === kind).map((n) => n.name).sort();
    const virshNames = (...args: string[]) =>
      execFileSync('virsh', ['-c', TEST_HOST_URI, ...args], { encoding: 'utf8' }).split('\n').map((l) => l.trim()).filter(Boolean).sort();
    expect(names('network')).toEqual(virshNames('net-list', '--all', '--name'));
    expect(names('vm')).toEqual(virshNames('list', '--all', '--name'));

    for (const vm of t.nodes.filter((n): n is VmNode => n.kind === 'vm')) {
      const expected = domiflist(vm.name);
      const linked = t.links.filter((l): l is NicLink => l.kind === 'nic' && l.source === vm.id);
      const shown = linked.map((l) => {
        const target = t.nodes.find((n) => n.id === l.target)!;
        const on = target.kind === 'endpoint' ? (target.nicType === 'vhostuser' ? target.source!.split(' ')[0]! : '-') : target.name;
        return { type: l.type, mac: l.mac, model: l.model ?? '-', on };
      });
      expect(shown.map((s) => `${s.type} ${s.on} ${s.model} ${s.mac}`).sort()).toEqual(
        expected.map((e) => `${e.type} ${e.source} ${e.model} ${e.mac}`).sort(),
      );
    }
    const db = t.nodes.find((n) => n.kind === 'vm' && n.name === 'db & "cache"');
    expect(db?.state).toBe('running');
    expect(found.banners).toEqual([]);
  });

  it('still shows the host with a banner when libvirt cannot be reached', async () => {
    const found = await discoverHost(localRun, { ...host, uri: 'test:///no/such/file.xml' });
    expect(found.topology.nodes.filter((n) => n.kind === 'vm' || n.kind === 'network')).toEqual([]);
    expect(found.banners.map(sayEnglish)).toEqual([expect.stringMatching(/^libvirt could not be reached at test:\/\/\/no\/such\/file\.xml/)]);
  });
});

describe('assembling a host from probe output', () => {
  const M = '@@vw-0000000000000000';
  it('says when virsh is missing, and keeps bridges and TAPs', () => {
    const ipLink = JSON.stringify([
      { ifindex: 1, ifname: 'lo', flags: ['LOOPBACK', 'UP'], mtu: 65536, operstate: 'UNKNOWN', link_type: 'loopback', address: '00:00:00:00:00:00' },
      { ifindex: 5, ifname: 'br0', flags: ['BROADCAST', 'UP'], mtu: 1500, operstate: 'UP', link_type: 'ether', address: '02:00:00:00:00:01', linkinfo: { info_kind: 'bridge' } },
      { ifindex: 6, ifname: 'tap0', flags: ['BROADCAST', 'UP'], mtu: 1500, operstate: 'UP', link_type: 'ether', address: '02:00:00:00:00:02', master: 'br0', linkinfo: { info_kind: 'tun', info_data: { type: 'tap' }, info_slave_kind: 'bridge' } },
    ]);
    const out = splitProbeOutput([`${M} iplink`, ipLink, `${M} rc 0`, `${M} novirsh`, `${M} end`].join('\n'), M);
    const found = assembleHost(host, out);
    expect(found.topology.nodes.map((n) => `${n.kind} ${n.name}`).sort()).toEqual(['bridge br0', 'tap tap0']);
    expect(found.topology.links.map((l) => l.kind)).toEqual(['port']);
    expect(found.banners.map(sayEnglish)).toEqual([expect.stringMatching(/virsh is not installed/)]);
  });

  it('says when the output was cut short', () => {
    const out = splitProbeOutput([`${M} iplink`, '[]', `${M} rc 0`].join('\n'), M);
    expect(assembleHost(host, out).banners.map(sayEnglish).join('\n')).toMatch(/stopped answering/);
  });

  it('reports an unreadable network XML and keeps the rest', () => {
    const out = splitProbeOutput(
      [`${M} net-info u1`, 'Name: broken', 'Active: yes', `${M} net-xml u1`, '<network><name>broken', `${M} end`].join('\n'),
      M,
    );
    const found = assembleHost(host, out);
    expect(found.banners.map(sayEnglish).join('\n')).toMatch(/The network "broken" could not be read: .*XML/);
    // said in the reader's language, the parser's own reason too; the name as it is
    const chinese = found.banners.map((b) => say(translator('zh-TW'), b)).join('\n');
    expect(chinese).toMatch(/^無法讀取網路「broken」：/);
    expect(chinese).not.toMatch(/could not|XML (is|ends)/);
  });
});
