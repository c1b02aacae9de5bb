// The diff of a saved topology against a host as it is now, on pairs of fixtures: the planner's
// lab topology as the file, and a copy changed the way a host changes (a NIC detached, a network
// defined, a TAP plugged elsewhere, a DHCP range edited…) as the host.
import { describe, expect, it } from 'vitest';
import { describeItem, diffTopologies } from '../../../shared/diff/index.ts';
import type { NetworkNode, NicLink, TapNode, Topology, TopologyNode, VmNode } from '../../../shared/topology/model.ts';
import { HOST, labTopology } from '../plan/hosts.ts';

const copy = (t: Topology): Topology => JSON.parse(JSON.stringify(t)) as Topology;

function node<K extends TopologyNode['kind']>(t: Topology, kind: K, name: string): Extract<TopologyNode, { kind: K }> {
  const n = t.nodes.find((x): x is Extract<TopologyNode, { kind: K }> => x.kind === kind && x.name === name);
  if (!n) throw new Error(`no ${kind} ${name}`);
  return n;
}

const nicLink = (t: Topology, mac: string): NicLink => t.links.find((l): l is NicLink => l.kind === 'nic' && l.mac === mac)!;

/** The file and a host changed by `change`, diffed. */
function diffAfter(change: (host: Topology) => void) {
  const file = labTopology();
  const host = copy(file);
  change(host);
  return diffTopologies(file, HOST, host, HOST);
}

describe('diffTopologies', () => {
  it('finds nothing between a topology and itself, nor in the layout or read times', () => {
    const d = diffAfter((h) => {
      h.layout = { x: { x: 1, y: 2 } };
      h.hosts[0]!.capturedAt = '2030-01-01T00:00:00.000Z';
    });
    expect(d.items).toEqual([]);
    expect(d.notes).toEqual([]);
  });

  it('reports a changed DHCP range, autostart and running state of a network field by field', () => {
    const d = diffAfter((h) => {
      const net = node(h, 'network', 'default');
      net.ips[0]!.dhcpRanges = [{ start: '192.168.122.50', end: '192.168.122.60' }];
      net.autostart = false;
      net.active = false;
    });
    expect(d.items).toHaveLength(1);
    expect(d.items[0]).toMatchObject({ kind: 'network', change: 'changed', name: 'default' });
    expect(d.items[0]!.fields).toEqual([
      { field: 'ipv4 DHCP range', before: '192.168.122.2-192.168.122.254', after: '192.168.122.50-192.168.122.60' },
      { field: 'running', before: 'yes', after: 'no' },
      { field: 'autostart', before: 'yes', after: 'no' },
    ]);
    expect(describeItem(d.items[0]!)).toBe('network default: ipv4 DHCP range 192.168.122.2-192.168.122.254 → 192.168.122.50-192.168.122.60; running yes → no; autostart yes → no');
  });

  it('reports forward mode, bridge, subnet and static DHCP host changes', () => {
    const d = diffAfter((h) => {
      const lab = node(h, 'network', 'lab');
      lab.forward = 'nat';
      lab.bridge = 'virbr8';
      lab.ips[0]!.prefix = 16;
      lab.ips[0]!.dhcpHosts.push({ mac: '52:54:00:AA:00:02', ip: '10.10.0.11' });
    });
    expect(d.items.map((i) => i.fields.map((f) => f.field))).toEqual([['forward', 'bridge', 'ipv4', 'ipv4 DHCP hosts']]);
    expect(d.items[0]!.fields[3]!.after).toBe('52:54:00:aa:00:01 db 10.10.0.10; 52:54:00:aa:00:02 10.10.0.11');
  });

  it('reports a network defined on the host as added and one undefined as removed', () => {
    const d = diffAfter((h) => {
      h.nodes = h.nodes.filter((n) => n.name !== 'lab');
      const extra: NetworkNode = { ...node(h, 'network', 'scratch'), id: `${HOST}/network/new`, name: 'new-net', uuid: 'aaaaaaaa-0000-0000-0000-000000000000', bridge: 'virbr5', persistent: true };
      h.nodes.push(extra);
    });
    expect(d.items.map((i) => [i.kind, i.change, i.name])).toEqual([
      ['network', 'removed', 'lab'],
      ['network', 'added', 'new-net'],
    ]);
    expect(describeItem(d.items[0]!)).toBe('network lab: in the file, not on the host (forward route, bridge virbr7, ipv4 10.10.0.1/24)');
    expect(d.items[1]!.hostIds).toEqual([`${HOST}/network/new`]);
  });

  it('matches a renamed network by its UUID and reports the new name', () => {
    const d = diffAfter((h) => {
      node(h, 'network', 'lab').name = 'lab2';
    });
    expect(d.items).toEqual([expect.objectContaining({ kind: 'network', change: 'changed', name: 'lab2', fields: [{ field: 'name', before: 'lab', after: 'lab2' }] })]);
  });

  it('matches a network defined again under a new UUID by its name: a note, not a difference', () => {
    const d = diffAfter((h) => {
      node(h, 'network', 'lab').uuid = 'bbbbbbbb-0000-0000-0000-000000000000';
    });
    expect(d.items).toEqual([]);
    expect(d.notes).toEqual(['Network lab was matched by name: its UUID is bbbbbbbb-0000-0000-0000-000000000000 on the host, 5d1c7a2e-3b4f-4e6a-8c9d-0a1b2c3d4e5f in the file.']);
  });

  it('compares hosts under different ids (a file of another host) by names and UUIDs', () => {
    const file = labTopology();
    const text = JSON.stringify(file).replaceAll(HOST, 'admin@other:2222');
    const host = JSON.parse(text) as Topology;
    node(host, 'tap', 'tap-free').up = true;
    const d = diffTopologies(file, HOST, host, 'admin@other:2222');
    expect(d.items.map(describeItem)).toEqual(['TAP tap-free: state down → up']);
  });

  it('reports bridges made and removed by hand, and not the bridges libvirt makes for its networks', () => {
    const d = diffAfter((h) => {
      h.nodes = h.nodes.filter((n) => n.name !== 'br0' && n.name !== 'virbr1');
      h.nodes.push({ id: `${HOST}/bridge/br9`, host: HOST, kind: 'bridge', name: 'br9', state: 'up', up: true, managedBy: null, bridgeType: 'linux' });
      node(h, 'bridge', 'tester').up = true;
      node(h, 'bridge', 'virbr0').up = false;
    });
    expect(d.items.map(describeItem)).toEqual([
      'bridge br0: in the file, not on the host (type linux)',
      'bridge br9: on the host, not in the file (type linux)',
      'bridge tester: state down → up',
      'port eth1: bridge br0 → (none)',
    ]);
  });

  it('reports a device plugged into a bridge on one side only as a port added or removed (devices are drawn only where they matter)', () => {
    const d = diffAfter((h) => {
      const eth1 = node(h, 'physical', 'eth1');
      h.nodes = h.nodes.filter((n) => n !== eth1);
      h.links = h.links.filter((l) => l.source !== eth1.id);
      h.nodes.push({ id: `${HOST}/physical/eth2`, host: HOST, kind: 'physical', name: 'eth2', state: 'up', up: true, managedBy: null });
      h.links.push({ id: 'port:eth2', kind: 'port', source: `${HOST}/physical/eth2`, target: node(h, 'bridge', 'br0').id });
    });
    expect(d.items.map(describeItem)).toEqual(['port eth1: in the file, not on the host (bridge br0)', 'port eth2: on the host, not in the file (bridge br0)']);
    expect(d.items.map((i) => i.fields)).toEqual([[{ field: 'bridge', before: 'br0', after: null }], [{ field: 'bridge', before: null, after: 'br0' }]]);
  });

  it('reports a TAP plugged into another bridge, a TAP made and one removed, and not the TAPs libvirt or Open vSwitch make', () => {
    const d = diffAfter((h) => {
      const vmVnic = node(h, 'tap', 'vm-vnic');
      const port = h.links.find((l) => l.kind === 'port' && l.source === vmVnic.id)!;
      port.target = node(h, 'bridge', 'br0').id;
      h.nodes = h.nodes.filter((n) => n.name !== 'tap-free' && n.name !== 'vnet1');
      h.nodes.push({ id: `${HOST}/tap/ovs-netdev`, host: HOST, kind: 'tap', name: 'ovs-netdev', state: 'down', up: false, managedBy: null });
      const extra: TapNode = { id: `${HOST}/tap/tap9`, host: HOST, kind: 'tap', name: 'tap9', state: 'down', up: false, managedBy: null };
      h.nodes.push(extra);
    });
    expect(d.items.map(describeItem)).toEqual([
      'TAP tap-free: in the file, not on the host',
      'TAP tap9: on the host, not in the file',
      'TAP vm-vnic: bridge tester → br0',
    ]);
  });

  it('reports a detached NIC, an attached one, a moved one and a changed link state, by MAC within the VM', () => {
    const d = diffAfter((h) => {
      h.links = h.links.filter((l) => !(l.kind === 'nic' && l.mac === '52:54:00:3b:00:01'));
      const vm = node(h, 'vm', 'centos7');
      h.links.push({ id: 'nic:new', kind: 'nic', source: vm.id, target: node(h, 'network', 'isolated').id, mac: '52:54:00:99:00:01', model: 'virtio', type: 'network', live: true, config: true });
      nicLink(h, '52:54:00:7e:f8:5c').target = node(h, 'network', 'isolated').id;
      nicLink(h, '52:54:00:07:b8:72').linkState = 'down';
    });
    expect(d.items.map(describeItem)).toEqual([
      'NIC 52:54:00:07:b8:72 of VM centos7: link up → down',
      'NIC 52:54:00:7e:f8:5c of VM centos7: source network default → network isolated',
      'NIC 52:54:00:99:00:01 of VM centos7: on the host, not in the file (source network isolated)',
      'NIC 52:54:00:3b:00:01 of VM web01: in the file, not on the host (source network default)',
    ]);
    expect(d.items[3]!.fileIds).toEqual([nicLink(labTopology(), '52:54:00:3b:00:01').id]);
  });

  it('reports a NIC model change, and no model difference when the file does not name one', () => {
    const changed = diffAfter((h) => {
      nicLink(h, '52:54:00:7e:f8:5c').model = 'e1000e';
    });
    expect(changed.items.map(describeItem)).toEqual(['NIC 52:54:00:7e:f8:5c of VM centos7: model virtio → e1000e']);
    const file = labTopology();
    delete nicLink(file, '52:54:00:7e:f8:5c').model;
    const host = labTopology();
    nicLink(host, '52:54:00:7e:f8:5c').model = 'e1000e';
    expect(diffTopologies(file, HOST, host, HOST).items).toEqual([]);
  });

  it('reports a NIC left only in the running VM (detached --config) as a change of its config presence', () => {
    const d = diffAfter((h) => {
      nicLink(h, '52:54:00:7e:f8:5c').config = false;
    });
    expect(d.items.map(describeItem)).toEqual(['NIC 52:54:00:7e:f8:5c of VM centos7: config yes → no']);
  });

  it('says per side when the running VM and its definition differ differently', () => {
    const d = diffAfter((h) => {
      const link = nicLink(h, '52:54:00:7e:f8:5c');
      link.config = false;
      h.links.push({ ...link, id: 'nic:config-side', live: false, config: true, target: node(h, 'network', 'isolated').id });
    });
    expect(d.items.map(describeItem)).toEqual(['NIC 52:54:00:7e:f8:5c of VM centos7: source (config) network default → network isolated']);
  });

  it('does not compare live presence when the VM runs on one side only, and notes the state', () => {
    const d = diffAfter((h) => {
      node(h, 'vm', 'centos7').state = 'shut off';
      for (const l of h.links) if (l.kind === 'nic' && l.source === node(h, 'vm', 'centos7').id) l.live = false;
    });
    expect(d.items).toEqual([]);
    expect(d.notes).toEqual(['VM centos7 is shut off on the host and was running in the file.']);
  });

  it('matches a renamed VM by UUID, one defined again by name, and reports VMs only on one side', () => {
    const renamed = diffAfter((h) => {
      node(h, 'vm', 'web01').name = 'web02';
    });
    expect(renamed.items.map(describeItem)).toEqual(['VM web02: name web01 → web02']);
    const redefined = diffAfter((h) => {
      node(h, 'vm', 'web01').uuid = '99999999-2222-3333-4444-555555555555';
    });
    expect(redefined.items).toEqual([]);
    expect(redefined.notes[0]).toMatch(/^VM web01 was matched by name/);
    const gone = diffAfter((h) => {
      const web01 = node(h, 'vm', 'web01') as VmNode;
      h.nodes = h.nodes.filter((n) => n !== web01);
      h.links = h.links.filter((l) => l.source !== web01.id);
      h.nodes.push({ ...web01, id: `${HOST}/vm/new`, name: 'new-vm', uuid: '12121212-2222-3333-4444-555555555555' });
    });
    expect(gone.items.map(describeItem)).toEqual(['VM new-vm: on the host, not in the file', 'VM web01: in the file, not on the host']);
  });
});
