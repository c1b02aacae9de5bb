// Every NIC of every lab VM is on the graph, as `virsh domiflist` (live and --inactive, run
// here against the lab's libvirtd) lists it; the seed's odd NICs (test/lab/lab-seed.sh:
// guest3's macvtap on vethlab0 and OVS port, vm-odd's NICs on what does not exist) are drawn
// to what they are on.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { discoverHost } from '../../../electron/discovery/discover.ts';
import { HostRunner } from '../../../electron/ssh/runner.ts';
import type { HostRecord, NicLink, Topology } from '../../../shared/topology/model.ts';
import { describeLab } from '../../lab/env.ts';
import { labSession, type LabSession } from '../ssh/support/session.ts';
import { domiflist, graphNics } from './domiflist.ts';

describeLab('every VM NIC on the lab host', (lab) => {
  let s: LabSession;
  let t: Pick<Topology, 'nodes' | 'links'>;
  const virsh = (args: string[]) => execFileSync('virsh', args, { encoding: 'utf8' });
  const vmNames = () => virsh(['-c', lab.libvirtUri, 'list', '--all', '--name']).split('\n').map((l) => l.trim()).filter(Boolean);
  const host: HostRecord = {
    id: `root@${lab.sshHost}:${lab.sshPort}`, label: 'lab', ssh: { host: lab.sshHost, port: lab.sshPort, user: lab.sshUser }, uri: lab.libvirtUri, capturedAt: '',
  };

  beforeAll(async () => {
    s = labSession(lab);
    await s.session.connect();
    const runner = new HostRunner(s.session, { host: 'lab', user: lab.sshUser, useSudo: false });
    t = (await discoverHost((argv, o) => runner.run(argv, o), host)).topology;
  });
  afterAll(() => s.session.disconnect());

  it('shows each VM\'s NICs as virsh domiflist lists them, live and in the definition', () => {
    for (const name of vmNames()) {
      const vm = t.nodes.find((n) => n.kind === 'vm' && n.name === name)!;
      const running = !['shut off', 'crashed'].includes(vm.state);
      if (running) expect(graphNics(t, name, 'live'), `${name} live`).toEqual(domiflist(lab.libvirtUri, name, false, virsh));
      expect(graphNics(t, name, 'config'), `${name} config`).toEqual(domiflist(lab.libvirtUri, name, true, virsh));
    }
  });

  it.runIf(vmNames().includes('vm-odd'))('draws vm-odd\'s NICs on what is gone to placeholders', () => {
    const missing = t.nodes.flatMap((n) => (n.kind === 'missing' ? [`${n.expected} ${n.name}`] : []));
    expect(missing).toEqual(expect.arrayContaining(['network gone-net', 'bridge br-gone', 'device nosuch0']));
  });

  it.runIf(vmNames().includes('guest3'))('links guest3\'s macvtap to vethlab0 in bridge mode, and its OVS NIC\'s TAP to ovsbr0', () => {
    const veth = t.nodes.find((n) => n.kind === 'physical' && n.name === 'vethlab0')!;
    const macvtap = t.links.find((l): l is NicLink => l.kind === 'nic' && l.target === veth.id);
    expect(macvtap).toMatchObject({ type: 'direct', sourceMode: 'bridge' });
    const ovs = t.nodes.find((n) => n.kind === 'bridge' && n.name === 'ovsbr0');
    if (ovs) {
      expect(ovs).toMatchObject({ bridgeType: 'ovs', persistence: 'ovsdb' });
      const ports = t.links.filter((l) => l.kind === 'port' && l.target === ovs.id);
      expect(ports.length).toBeGreaterThan(0);
    }
  });
});
