// Discovery of hosts built from other projects' test data (see
// test/shared/fixtures/libvirt-hosts/SOURCE.md): every NIC of every VM is on the graph, and
// what it is on agrees with `virsh domiflist`, live and --inactive.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { discoverHost } from '../../../electron/discovery/discover.ts';
import type { NicLink } from '../../../shared/topology/model.ts';
import { domiflist, graphNics } from './domiflist.ts';
import { hasVirsh, localRun } from './local-run.ts';

const uriOf = (file: string) => `test://${fileURLToPath(new URL(`../../shared/fixtures/libvirt-hosts/${file}`, import.meta.url))}`;

describe.runIf(hasVirsh())('discovery of hosts nobody on the project has seen', () => {
  it.each(['libvirt-nic-types.xml', 'virt-manager-testdriver.xml'])('%s: every NIC as virsh domiflist lists it', async (file) => {
    const uri = uriOf(file);
    const found = await discoverHost(localRun, { id: 'root@foreign', label: 'foreign', ssh: { host: 'foreign', port: 22, user: 'root' }, uri, capturedAt: '' });
    const t = found.topology;
    const vms = t.nodes.filter((n) => n.kind === 'vm');
    expect(vms.length).toBeGreaterThan(5);
    let nics = 0;
    for (const vm of vms) {
      const running = !['shut off', 'crashed'].includes(vm.state);
      const persistent = 'persistent' in vm && vm.persistent;
      if (running) expect(graphNics(t, vm.name, 'live'), `${vm.name} live`).toEqual(domiflist(uri, vm.name, false));
      if (persistent) expect(graphNics(t, vm.name, 'config'), `${vm.name} config`).toEqual(domiflist(uri, vm.name, true));
      nics += domiflist(uri, vm.name, !running).length;
    }
    expect(nics).toBeGreaterThan(10);
    for (const link of t.links) expect(t.nodes.some((n) => n.id === link.target)).toBe(true);
  });

  it('names the stubs and placeholders of libvirt\'s NIC types for what they are', async () => {
    const uri = uriOf('libvirt-nic-types.xml');
    const found = await discoverHost(localRun, { id: 'root@foreign', label: 'foreign', ssh: { host: 'foreign', port: 22, user: 'root' }, uri, capturedAt: '' });
    const names = (kind: string) => found.topology.nodes.filter((n) => n.kind === kind).map((n) => n.name).sort();
    expect(names('missing')).toEqual(['blue', 'nat-network;plug-network-basic', 'ovs-net', 'rednet']);
    expect(names('endpoint')).toEqual([
      'client 192.168.0.1:5558', 'ethernet nic02', 'hostdev 0000:03:07.1', 'mcast 192.0.0.1:5558', 'server port 2015',
      'udp 192.168.10.1:5555 from 192.168.10.1:5556', 'user (SLIRP)', 'vdpa /dev/vhost-vdpa-0',
      'vhostuser /tmp/vhost0.sock server', 'vhostuser /tmp/vhost1.sock client',
    ]);
    const nic = (mac: string) => found.topology.links.find((l): l is NicLink => l.kind === 'nic' && l.mac === mac && l.source.includes('7a1c0001-0000-4000-8000-000000000008'));
    expect(nic('00:11:22:33:44:55')).toMatchObject({ portgroup: 'bob', virtualport: '802.1Qbg', vlan: '4095' });
  });
});
