import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDomainXml } from '../../../shared/libvirt/domain.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/domain/${name}`, import.meta.url), 'utf8');

describe('parseDomainXml', () => {
  it('reads every NIC of a running guest, whatever its type', () => {
    const vm = parseDomainXml(fixture('web01-live.xml'));
    expect(vm.name).toBe('web01');
    expect(vm.uuid).toBe('4d1c2b3a-5e6f-4a7b-8c9d-0e1f2a3b4c5d');
    expect(vm.type).toBe('kvm');
    expect(vm.nics).toEqual([
      {
        type: 'network', mac: '52:54:00:6b:3c:01', model: 'virtio', targetDev: 'vnet0', alias: 'net0',
        source: { network: 'default', bridge: 'virbr0' },
      },
      {
        type: 'bridge', mac: '52:54:00:6b:3c:02', model: 'e1000e', targetDev: 'vnet1', alias: 'net1',
        linkState: 'down', source: { bridge: 'tester' },
      },
      {
        type: 'direct', mac: '52:54:00:6b:3c:03', model: 'virtio', targetDev: 'macvtap0', alias: 'net2',
        source: { dev: 'eth1', mode: 'bridge' },
      },
      { type: 'ethernet', mac: '52:54:00:6b:3c:04', model: 'virtio', targetDev: 'vm-vnic', alias: 'net3', source: {} },
      { type: 'user', mac: '52:54:00:6b:3c:05', model: 'virtio', alias: 'net4', source: {} },
      {
        type: 'vhostuser', mac: '52:54:00:6b:3c:06', model: 'virtio', alias: 'net5',
        source: { path: '/run/vhost/web01.sock', mode: 'server' },
      },
      { type: 'hostdev', mac: '52:54:00:6b:3c:07', alias: 'hostdev0', source: { pci: '0000:3b:10.2' } },
      {
        type: 'network', mac: '52:54:00:6b:3c:08', model: 'virtio', targetDev: 'vnet2', alias: 'net6',
        virtualport: 'openvswitch', source: { network: 'ovsnet', portgroup: 'web', bridge: 'ovsbr0' },
      },
      {
        type: 'network', mac: '52:54:00:6b:3c:09', model: 'virtio', targetDev: 'vnet3', alias: 'net7',
        source: { network: 'isolated', bridge: 'virbr1' },
      },
    ]);
  });

  it('reads the persistent definition, which has no target devices or aliases', () => {
    const vm = parseDomainXml(fixture('web01-inactive.xml'));
    expect(vm.nics.map((n) => [n.type, n.mac, n.targetDev])).toEqual([
      ['network', '52:54:00:6b:3c:01', undefined],
      ['bridge', '52:54:00:6b:3c:02', undefined],
      ['direct', '52:54:00:6b:3c:03', undefined],
      ['ethernet', '52:54:00:6b:3c:04', 'vm-vnic'],
      ['user', '52:54:00:6b:3c:05', undefined],
      ['vhostuser', '52:54:00:6b:3c:06', undefined],
      ['hostdev', '52:54:00:6b:3c:07', undefined],
      ['network', '52:54:00:6b:3c:08', undefined],
      ['network', '52:54:00:6b:3c:0a', undefined],
    ]);
    expect(vm.nics.every((n) => n.alias === undefined)).toBe(true);
  });

  it('lower-cases MACs so live and persistent NICs match', () => {
    const vm = parseDomainXml(fixture('web01-live.xml'));
    expect(vm.nics[0]?.mac).toBe('52:54:00:6b:3c:01');
  });

  it('accepts a VM with a single NIC and one with none', () => {
    const one = parseDomainXml(
      `<domain type='qemu'><name>a</name><devices><interface type='user'><mac address='52:54:00:00:00:01'/></interface></devices></domain>`,
    );
    expect(one.nics).toHaveLength(1);
    expect(parseDomainXml(`<domain type='qemu'><name>b</name></domain>`).nics).toEqual([]);
  });

  it('refuses documents that are not a domain or have no name', () => {
    expect(() => parseDomainXml('<network><name>x</name></network>')).toThrow(/Expected a <domain> document/);
    expect(() => parseDomainXml('<domain type="kvm"><uuid>x</uuid></domain>')).toThrow(/no <name>/);
  });
});
