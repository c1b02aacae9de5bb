// A saved topology as the desired state: diff → intents → steps, each step with its impact.
import { describe, expect, it } from 'vitest';
import { diffTopologies } from '../../../shared/diff/index.ts';
import { planDesired } from '../../../shared/plan/desired.ts';
import type { NetworkNode, NicLink, Topology, TopologyNode } from '../../../shared/topology/model.ts';
import { HOST, ROOT, labTopology, macFactory } from './hosts.ts';

const copy = (t: Topology): Topology => JSON.parse(JSON.stringify(t)) as Topology;

function node<K extends TopologyNode['kind']>(t: Topology, kind: K, name: string): Extract<TopologyNode, { kind: K }> {
  return t.nodes.find((x): x is Extract<TopologyNode, { kind: K }> => x.kind === kind && x.name === name)!;
}

const nicLink = (t: Topology, mac: string): NicLink => t.links.find((l): l is NicLink => l.kind === 'nic' && l.mac === mac)!;

function planAfter(change: (host: Topology) => void, prune = false) {
  const file = labTopology();
  const host = copy(file);
  change(host);
  const diff = diffTopologies(file, HOST, host, HOST);
  return planDesired(diff, file, host, ROOT, { prune, macFactory: macFactory() });
}

const lines = (p: ReturnType<typeof planAfter>) => p.plan?.steps.map((s) => `${s.argv.slice(s.argv[0] === 'virsh' ? 3 : 0).join(' ')} [${s.impact?.when}]`) ?? [];

describe('planDesired', () => {
  it('has nothing to do when the host matches the file', () => {
    const p = planAfter(() => undefined);
    expect(p).toEqual({ plan: null, intents: [], leftAlone: [], cannot: [] });
  });

  it('changes a running network\'s DHCP range in place with net-update, its VMs keeping their link', () => {
    const p = planAfter((h) => {
      node(h, 'network', 'default').ips[0]!.dhcpRanges = [{ start: '192.168.122.50', end: '192.168.122.60' }];
    });
    expect(lines(p)).toEqual([
      'net-update --network default --command delete --section ip-dhcp-range --xml /dev/stdin --parent-index 0 --live --config [now]',
      'net-update --network default --command add-last --section ip-dhcp-range --xml /dev/stdin --parent-index 0 --live --config [now]',
    ]);
    expect(p.plan!.steps.map((s) => s.stdin)).toEqual(["<range start='192.168.122.50' end='192.168.122.60'/>\n", "<range start='192.168.122.2' end='192.168.122.254'/>\n"]);
  });

  it('re-attaches a detached NIC whole, from the file\'s XML (driver, filter, bandwidth), without its PCI address', () => {
    const p = planAfter((h) => {
      h.links = h.links.filter((l) => !(l.kind === 'nic' && l.mac === '52:54:00:3b:00:01'));
    });
    expect(lines(p)).toEqual(['attach-device --domain web01 --file /dev/stdin --config [vm-next-start]']);
    const xml = p.plan!.steps[0]!.stdin!;
    expect(xml).toMatch(/<source network='default' portgroup='web'\/>/);
    expect(xml).toMatch(/<filterref filter='clean-traffic'>/);
    expect(xml).toMatch(/<driver name='vhost' queues='2'\/>/);
    expect(xml).not.toMatch(/<address /);
    expect(p.plan!.steps[0]!.inverse!.argv).toContain('detach-interface');
  });

  it('defines a network the host lost from the file\'s XML (its UUID kept), starts it, and then puts the NICs back on it', () => {
    const file = labTopology();
    const lab = node(file, 'network', 'lab');
    lab.active = true;
    file.links.push({ id: 'nic:web01-lab', kind: 'nic', source: node(file, 'vm', 'web01').id, target: lab.id, mac: '52:54:00:3b:00:09', model: 'virtio', type: 'network', live: false, config: true });
    const host = copy(file);
    host.nodes = host.nodes.filter((n) => n.name !== 'lab');
    host.links = host.links.filter((l) => l.id !== 'nic:web01-lab');
    const p = planDesired(diffTopologies(file, HOST, host, HOST), file, host, ROOT, {});
    expect(p.cannot).toEqual([]);
    expect(lines({ ...p })).toEqual([
      'net-define --file /dev/stdin [now]',
      'net-start --network lab [now]',
      'attach-device --domain web01 --file /dev/stdin --config [vm-next-start]',
    ]);
    expect(p.plan!.steps[0]!.stdin).toContain('<uuid>5d1c7a2e-3b4f-4e6a-8c9d-0a1b2c3d4e5f</uuid>');
    expect(p.intents.map((i) => i.kind)).toEqual(['network-create', 'nic-attach']);
  });

  it('never defines a file\'s own network XML (dnsmasq options run programs) and never attaches a NIC that names host programs', () => {
    const file = labTopology();
    const lab = node(file, 'network', 'lab');
    lab.xml = lab.xml!.replace('<network>', "<network xmlns:dnsmasq='http://libvirt.org/schemas/network/dnsmasq/1.0'><dnsmasq:options><dnsmasq:option value='dhcp-script=/tmp/x'/></dnsmasq:options>");
    const web01 = node(file, 'vm', 'web01');
    web01.xml = web01.xml!.replace("<mac address='52:54:00:3b:00:01'/>", "<mac address='52:54:00:3b:00:01'/><script path='/tmp/evil'/>");
    const host = copy(file);
    host.nodes = host.nodes.filter((n) => n.name !== 'lab');
    host.links = host.links.filter((l) => !(l.kind === 'nic' && l.mac === '52:54:00:3b:00:01'));
    const p = planDesired(diffTopologies(file, HOST, host, HOST), file, host, ROOT, {});
    expect(p.plan!.steps.map((s) => s.argv[3])).toEqual(['net-define']);
    expect(p.plan!.steps[0]!.stdin).not.toMatch(/dnsmasq|dhcp-script/);
    expect(p.plan!.steps[0]!.stdin).toContain("<range start='10.10.0.100' end='10.10.0.199'/>");
    expect(p.cannot.map((u) => u.reason)).toEqual(["The saved NIC 52:54:00:3b:00:01 has a <script> naming a program or file on the host; VirtWire does not attach such a NIC from a file."]);
  });

  it('plugs a TAP back into its bridge, moves a NIC back with update-device and sets its link as saved', () => {
    const p = planAfter((h) => {
      const vmVnic = node(h, 'tap', 'vm-vnic');
      h.links.find((l) => l.kind === 'port' && l.source === vmVnic.id)!.target = node(h, 'bridge', 'br0').id;
      nicLink(h, '52:54:00:7e:f8:5c').target = node(h, 'network', 'isolated').id;
      nicLink(h, '52:54:00:07:b8:72').linkState = 'down';
    });
    expect(lines(p)).toEqual([
      'ip link set dev vm-vnic master tester [now]',
      'domif-setlink --domain centos7 --interface 52:54:00:07:b8:72 --state up [now]',
      'domif-setlink --domain centos7 --interface 52:54:00:07:b8:72 --state up --config [vm-restart]',
      'update-device --domain centos7 --file /dev/stdin --live --config [now]',
    ]);
  });

  it('puts a NIC back on the one side the host lost it from (live or saved definition), and takes an extra side off only with prune', () => {
    const lostConfig = planAfter((h) => {
      nicLink(h, '52:54:00:7e:f8:5c').config = false;
    });
    expect(lines(lostConfig)).toEqual(['attach-device --domain centos7 --file /dev/stdin --config [vm-restart]']);
    expect(lostConfig.plan!.steps[0]!.stdin).toMatch(/<mac address='52:54:00:7e:f8:5c'\/>/);
    const lostLive = planAfter((h) => {
      nicLink(h, '52:54:00:7e:f8:5c').live = false;
    });
    expect(lines(lostLive)).toEqual(['attach-device --domain centos7 --file /dev/stdin --live [now]']);
    expect(lostLive.plan!.steps[0]!.inverse!.argv.slice(3)).toEqual(['detach-interface', '--domain', 'centos7', '--type', 'network', '--mac', '52:54:00:7e:f8:5c', '--live']);
    const extraLive = (h: Topology) => {
      nicLink(h, '52:54:00:aa:00:02').live = true;
    };
    const kept = planAfter(extraLive);
    expect(kept.plan).toBeNull();
    expect(kept.leftAlone.map((u) => u.reason)).toEqual(['the host has it in the running VM and the file does not; left alone (removal needs prune)']);
    expect(lines(planAfter(extraLive, true))).toEqual(['detach-interface --domain db --type network --mac 52:54:00:aa:00:02 --live [now]']);
  });

  it('leaves what the host has and the file lacks alone, and lists it; removes it with prune, NICs first, bridges last (their TAPs unplugged once)', () => {
    const change = (h: Topology) => {
      const extra: NetworkNode = { ...node(h, 'network', 'scratch'), id: `${HOST}/network/extra`, name: 'extra', uuid: 'cccccccc-0000-0000-0000-000000000000', bridge: 'virbr6', persistent: true, active: false };
      h.nodes.push(extra);
      h.nodes.push({ id: `${HOST}/bridge/br9`, host: HOST, kind: 'bridge', name: 'br9', state: 'down', up: false, managedBy: null, bridgeType: 'linux' });
      h.nodes.push({ id: `${HOST}/tap/tap9`, host: HOST, kind: 'tap', name: 'tap9', state: 'down', up: false, managedBy: null });
      h.links.push({ id: 'port:tap9', kind: 'port', source: `${HOST}/tap/tap9`, target: `${HOST}/bridge/br9` });
      h.links.push({ id: 'nic:extra', kind: 'nic', source: node(h, 'vm', 'web01').id, target: extra.id, mac: '52:54:00:3b:00:07', type: 'network', live: false, config: true });
    };
    const kept = planAfter(change);
    expect(kept.plan).toBeNull();
    expect(kept.leftAlone.map((u) => `${u.item.kind} ${u.item.name}`)).toEqual(['network extra', 'bridge br9', 'tap tap9', 'nic web01']);
    const pruned = planAfter(change, true);
    expect(pruned.leftAlone).toEqual([]);
    expect(lines(pruned)).toEqual([
      'detach-interface --domain web01 --type network --mac 52:54:00:3b:00:07 --config [vm-next-start]',
      'net-undefine --network extra [now]',
      'ip link set dev tap9 nomaster [now]',
      'ip tuntap del dev tap9 mode tap [now]',
      'ip link del dev br9 [now]',
    ]);
  });

  it('recreates a TAP made by hand, plugged and up as it was', () => {
    const p = planAfter((h) => {
      const vmVnic = node(h, 'tap', 'vm-vnic');
      h.nodes = h.nodes.filter((n) => n !== vmVnic);
      h.links = h.links.filter((l) => l.source !== vmVnic.id);
      const tester = node(h, 'bridge', 'tester');
      tester.up = true;
    });
    expect(lines(p)).toEqual(['ip tuntap add dev vm-vnic mode tap [now]', 'ip link set dev tester down [now]', 'ip link set dev vm-vnic master tester [now]']);
  });

  it('lists what it cannot change in place, with the reason, and plans the rest', () => {
    const p = planAfter((h) => {
      nicLink(h, '52:54:00:7e:f8:5c').portgroup = 'web';
      node(h, 'network', 'lab').name = 'lab2';
      node(h, 'bridge', 'br0').bridgeType = 'ovs';
      node(h, 'tap', 'tap-free').up = true;
    });
    expect(p.cannot.map((u) => `${u.item.kind} ${u.item.name}: ${u.reason}`)).toEqual([
      'network lab2: libvirt cannot rename a network (lab in the file, lab2 on the host)',
      'bridge br0: a bridge cannot change between Linux and Open vSwitch in place',
      'nic centos7: portgroup cannot be changed in place on an existing NIC',
    ]);
    expect(lines(p)).toEqual(['ip link set dev tap-free down [now]']);
  });

  it('changes a NIC\'s model, MTU and bandwidth back in place: the model in the running VM\'s definition, the bandwidth now', () => {
    const mac = '52:54:00:7e:f8:5c';
    const p = planAfter((h) => {
      nicLink(h, mac).model = 'e1000e';
      const vm = node(h, 'vm', 'centos7');
      vm.xml = vm.xml!.replace(new RegExp(`(<mac address='${mac}'/>[\\s\\S]*?)<model type='virtio'/>`), "$1<model type='e1000e'/><mtu size='9000'/><bandwidth><inbound average='10'/></bandwidth>");
    });
    expect(p.cannot).toEqual([]);
    expect(p.intents).toEqual([{ kind: 'nic-modify', vm: 'centos7', mac, changes: { model: 'virtio', inbound: null, mtu: null } }]);
    expect(lines(p)).toEqual(['update-device --domain centos7 --file /dev/stdin --live [now]', 'update-device --domain centos7 --file /dev/stdin --config [vm-restart]']);
    const [live, config] = p.plan!.steps;
    expect(live!.stdin).toContain("<model type='e1000e'/>");
    expect(live!.stdin).not.toContain('<bandwidth');
    expect(config!.stdin).toContain("<model type='virtio'/>");
    expect(config!.stdin).not.toMatch(/<mtu|<bandwidth/);
  });

  it('reports a step the planner refuses (a protected interface) as not planned, with the planner\'s words', () => {
    const p = planAfter((h) => {
      const eth0 = node(h, 'physical', 'eth0');
      h.links.push({ id: 'port:eth0', kind: 'port', source: eth0.id, target: node(h, 'bridge', 'br0').id });
    });
    expect(p.plan).toBeNull();
    expect(p.cannot.map((u) => u.reason)).toEqual([expect.stringMatching(/"eth0" carries the SSH session or the default route/)]);
  });

  it('refuses names from a file that no host object can have, and keeps the odd ones that can to one argument each', () => {
    const file = labTopology();
    for (const name of ['x;reboot', '-rf', 'a\nb', 'a/b']) file.nodes.push({ id: `${HOST}/tap/${name}`, host: HOST, kind: 'tap', name, state: 'down', up: false, managedBy: null });
    node(file, 'network', 'lab').name = "lab'$(reboot)";
    const host = labTopology();
    host.nodes = host.nodes.filter((n) => n.name !== 'lab');
    const p = planDesired(diffTopologies(file, HOST, host, HOST), file, host, ROOT, {});
    expect(p.cannot.map((u) => `${u.item.kind}: ${u.reason}`)).toEqual([
      expect.stringMatching(/^tap: Bad TAP name: The interface name "-rf" cannot start with "-"/),
      expect.stringMatching(/^tap: Bad TAP name: The interface name "a\nb" cannot contain spaces or other whitespace/),
      expect.stringMatching(/^tap: Bad TAP name: .*"a\/b"/),
    ]);
    // Linux and libvirt allow these names; they reach the host as one argument, or escaped inside XML on stdin.
    expect(p.plan!.steps.map((s) => s.argv)).toEqual([
      ['ip', 'tuntap', 'add', 'dev', 'x;reboot', 'mode', 'tap'],
      ['virsh', '-c', 'qemu:///system', 'net-define', '--file', '/dev/stdin'],
    ]);
    expect(p.plan!.steps[1]!.stdin).toContain('<name>lab&apos;$(reboot)</name>');
  });

  it('never creates, deletes or renames VMs', () => {
    const p = planAfter((h) => {
      h.nodes = h.nodes.filter((n) => n.name !== 'web01');
    }, true);
    expect(p.plan).toBeNull();
    expect(p.cannot.map((u) => u.reason)).toEqual([expect.stringMatching(/does not create or delete VMs/)]);
  });
});
