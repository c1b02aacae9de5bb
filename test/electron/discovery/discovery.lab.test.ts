// Discovery against the lab host: what VirtWire shows must be exactly what virsh and ip
// report there, computed here from those commands (run inside the lab), not hard-coded.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { discoverHost } from '../../../electron/discovery/discover.ts';
import { HostRunner } from '../../../electron/ssh/runner.ts';
import type { HostRecord, NicLink, Topology } from '../../../shared/topology/model.ts';
import { describeLab } from '../../lab/env.ts';
import { labSession, type LabSession } from '../ssh/support/session.ts';
import { graphSource } from './domiflist.ts';

const virsh = (...args: string[]): string => execFileSync('virsh', ['-c', 'qemu:///system', ...args], { encoding: 'utf8' });
const lines = (text: string): string[] => text.split('\n').map((l) => l.trim()).filter(Boolean).sort();

/** `virsh domiflist` as "type source model mac" rows. */
function domiflist(domain: string, inactive: boolean): string[] {
  const out = virsh('domiflist', domain, ...(inactive ? ['--inactive'] : []));
  return out
    .split('\n')
    .slice(2)
    .map((l) => l.trim().split(/\s+/))
    .filter((c) => c.length >= 5)
    .map(([, type, source, model, mac]) => `${type} ${source} ${model} ${mac}`)
    .sort();
}

function nicRows(t: Pick<Topology, 'nodes' | 'links'>, vmName: string, which: 'live' | 'config'): string[] {
  const vm = t.nodes.find((n) => n.kind === 'vm' && n.name === vmName)!;
  return t.links
    .filter((l): l is NicLink => l.kind === 'nic' && l.source === vm.id && l[which])
    .map((l) => `${l.type} ${graphSource(t.nodes.find((n) => n.id === l.target)!)} ${l.model ?? '-'} ${l.mac}`)
    .sort();
}

describeLab('discovery on the lab host', (lab) => {
  let s: LabSession;
  let runner: HostRunner;
  let roundTrips = 0;
  const host: HostRecord = {
    id: `root@${lab.sshHost}:${lab.sshPort}`,
    label: 'lab',
    ssh: { host: lab.sshHost, port: lab.sshPort, user: lab.sshUser },
    uri: lab.libvirtUri,
    capturedAt: '',
  };
  const discover = async () =>
    (await discoverHost((argv, o) => ((roundTrips += 1), runner.run(argv, o)), host)).topology;

  beforeAll(async () => {
    s = labSession(lab);
    await s.session.connect();
    runner = new HostRunner(s.session, { host: 'lab', user: lab.sshUser, useSudo: false });
  });
  afterAll(() => s.session.disconnect());

  it('finds exactly the networks, VMs and NICs virsh reports, in one round trip', async () => {
    roundTrips = 0;
    const t = await discover();
    expect(roundTrips).toBe(1);
    const names = (kind: string) => t.nodes.filter((n) => n.kind === kind).map((n) => n.name).sort();
    expect(names('network')).toEqual(lines(virsh('net-list', '--all', '--name')));
    expect(names('vm')).toEqual(lines(virsh('list', '--all', '--name')));
    for (const vm of names('vm')) {
      const running = virsh('domstate', vm).trim() === 'running';
      if (running) expect(nicRows(t, vm, 'live'), `${vm} live`).toEqual(domiflist(vm, false));
      expect(nicRows(t, vm, 'config'), `${vm} config`).toEqual(domiflist(vm, true));
    }
    for (const net of t.nodes.filter((n) => n.kind === 'network')) {
      if (net.kind !== 'network') continue;
      const info = Object.fromEntries(virsh('net-info', net.name).split('\n').map((l) => l.split(/:\s+/)));
      expect([net.active, net.autostart, net.persistent, net.bridge]).toEqual([
        info.Active === 'yes', info.Autostart === 'yes', info.Persistent === 'yes', info.Bridge,
      ]);
    }
  });

  it('finds exactly the bridges and TAPs `ip -j -d link` and `ovs-vsctl` report, on their bridges', async () => {
    const t = await discover();
    const links = JSON.parse(execFileSync('ip', ['-j', '-d', 'link', 'show'], { encoding: 'utf8' })) as {
      ifname: string; master?: string; linkinfo?: { info_kind?: string; info_data?: { type?: string } };
    }[];
    const words = (...args: string[]) => execFileSync('ovs-vsctl', args, { encoding: 'utf8' }).split('\n').filter(Boolean);
    // ovsbr0 runs on the userspace datapath: its own port is a TAP to ip link, a bridge to ovsdb
    const ovs = words('list-br');
    expect(ovs).toContain('ovsbr0');
    const bridges = [...links.filter((l) => l.linkinfo?.info_kind === 'bridge').map((l) => l.ifname), ...ovs].sort();
    const taps = links.filter((l) => l.linkinfo?.info_kind === 'tun' && l.linkinfo.info_data?.type === 'tap' && !ovs.includes(l.ifname)).map((l) => l.ifname).sort();
    expect(t.nodes.filter((n) => n.kind === 'bridge').map((n) => n.name).sort()).toEqual(bridges);
    expect(t.nodes.filter((n) => n.kind === 'tap').map((n) => n.name).sort()).toEqual(taps);
    expect(taps).toEqual(expect.arrayContaining(['vm-vnic']));
    const name = (id: string) => t.nodes.find((n) => n.id === id)!.name;
    const ports = t.links.filter((l) => l.kind === 'port').map((l) => `${name(l.source)}>${name(l.target)}`).sort();
    const expected = [
      ...links.filter((l) => l.master && bridges.includes(l.master)).map((l) => `${l.ifname}>${l.master}`),
      ...ovs.flatMap((br) => words('list-ports', br).map((port) => `${port}>${br}`)),
    ].sort();
    expect(ports).toEqual(expected);
  });

  it('shows a NIC attached live only (no --config) as live-only, then gone after detach', async () => {
    const guest = lines(virsh('list', '--name'))[0]!;
    const mac = '52:54:00:77:00:01';
    virsh('attach-interface', guest, '--type', 'network', '--source', 'isolated', '--model', 'virtio', '--mac', mac, '--live');
    try {
      const t = await discover();
      const nic = t.links.find((l): l is NicLink => l.kind === 'nic' && l.mac === mac);
      expect(nic).toMatchObject({ live: true, config: false, type: 'network' });
      expect(t.nodes.find((n) => n.id === nic!.target)!.name).toBe('isolated');
    } finally {
      virsh('detach-interface', guest, '--type', 'network', '--mac', mac, '--live');
    }
    for (let i = 0; i < 40; i++) {
      if (!(await discover()).links.some((l) => l.kind === 'nic' && l.mac === mac)) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('the detached NIC is still shown after 10 s');
  });
});
