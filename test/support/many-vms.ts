// A topology with every kind of object and link the graph draws, at the size of a big host:
// `vms` VMs over two hosts, each VM with a NIC on a network (through its vnet TAP), every
// fifth also on a bridge (Linux or OVS), every tenth on a network the host lacks, every
// twentieth on user-mode networking; NICs only live or only in the config; devices nothing
// brings back; and, with `hostile`, names made to break file formats (each on the first VMs,
// then on every fiftieth).
import { hostId, linkId, nodeId } from '../../shared/topology/ids.ts';
import type { HostRecord, Topology, TopologyLink, TopologyNode } from '../../shared/topology/model.ts';

/** Names that break naive DOT, Mermaid, XML and terminal output. */
export const HOSTILE_NAMES = [
  'quote"and\'apostrophe',
  'line\nbreak\r\nand\ttab',
  '<script>alert(1)</script>&amp;',
  'back\\slash\\n and \\N',
  'esc\u001b[31m red \u0007 bell \u0000 nul \u007f',
  'bidi \u202e reversed \u2066 isolate',
  'mermaid #quot; `tick` %% ; end',
  'lone \ud800 surrogate \uffff',
  '{braces} [brackets] (parens) |pipe|',
];

const mac = (i: number, salt: number): string => {
  const hex = (i * 8 + salt).toString(16).padStart(6, '0');
  return `52:54:${salt.toString(16).padStart(2, '0')}:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
};
const uuid = (i: number, salt: number): string =>
  `${salt.toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

export function manyVmsTopology(vms: number, { hostile = false }: { hostile?: boolean } = {}): Topology {
  const hosts: HostRecord[] = ['alpha', 'beta'].map((name) => {
    const ssh = { host: name, port: 22, user: 'root' };
    return { id: hostId(ssh), label: name, ssh, uri: 'qemu:///system', capturedAt: '2026-11-28T12:00:00.000Z' };
  });
  const nodes: TopologyNode[] = [];
  const links: TopologyLink[] = [];
  const link = (l: TopologyLink): void => void links.push(l);
  const hostileName = (i: number, fallback: string): string => (hostile ? `${HOSTILE_NAMES[i % HOSTILE_NAMES.length]} ${i}` : fallback);

  hosts.forEach((host, h) => {
    const h$ = host.id;
    const eth = nodeId(h$, 'physical', 'eth0');
    nodes.push({ id: eth, host: h$, kind: 'physical', name: 'eth0', state: 'up', up: true, managedBy: null, persistence: 'hardware' });
    const bond = nodeId(h$, 'physical', 'bond0');
    nodes.push({ id: bond, host: h$, kind: 'physical', name: 'bond0', state: 'up', up: true, managedBy: null, persistence: 'host-config', linkKind: 'bond' });
    const networks: string[] = [];
    const forwards = ['nat', 'route', 'isolated', 'bridge', 'open'] as const;
    for (let n = 0; n < 10; n++) {
      const forward = forwards[n % forwards.length]!;
      const id = nodeId(h$, 'network', uuid(n, 0xa0 + h));
      const active = n !== 4;
      const name = n === 3 ? hostileName(n, `net${n}`) : `net${n}`;
      nodes.push({ id, host: h$, kind: 'network', name, state: active ? 'active' : 'inactive', uuid: uuid(n, 0xa0 + h), forward, bridge: `virbr${n}`, ips: [], active, autostart: true, persistent: true });
      const br = nodeId(h$, 'bridge', `virbr${n}`);
      nodes.push({ id: br, host: h$, kind: 'bridge', name: `virbr${n}`, state: active ? 'up' : 'down', up: active, managedBy: name, bridgeType: 'linux', persistence: 'libvirt' });
      link({ id: linkId('uses', id, br), kind: 'uses', source: id, target: br });
      if (forward === 'nat' || forward === 'route') link({ id: linkId('uplink', id, eth), kind: 'uplink', source: id, target: eth });
      networks.push(id);
    }
    const linuxBr = nodeId(h$, 'bridge', 'br0');
    nodes.push({ id: linuxBr, host: h$, kind: 'bridge', name: 'br0', state: 'up', up: true, managedBy: null, bridgeType: 'linux', persistence: 'none' });
    link({ id: linkId('port', bond, linuxBr), kind: 'port', source: bond, target: linuxBr });
    const ovs = nodeId(h$, 'bridge', 'ovsbr0');
    nodes.push({ id: ovs, host: h$, kind: 'bridge', name: 'ovsbr0', state: 'up', up: true, managedBy: null, bridgeType: 'ovs', ovsDatapath: 'system', persistence: 'ovsdb' });
    const loose = nodeId(h$, 'tap', 'tap-loose');
    nodes.push({ id: loose, host: h$, kind: 'tap', name: hostileName(5, 'tap-loose'), state: 'down', up: false, managedBy: null, persistence: 'none' });
    link({ id: linkId('port', loose, linuxBr), kind: 'port', source: loose, target: linuxBr });
    const missing = nodeId(h$, 'missing', 'network/gone');
    nodes.push({ id: missing, host: h$, kind: 'missing', name: hostileName(6, 'gone'), state: 'missing', expected: 'network' });

    const share = Math.ceil(vms / hosts.length);
    for (let v = h * share; v < Math.min(vms, (h + 1) * share); v++) {
      const vm = nodeId(h$, 'vm', uuid(v, 0xb0));
      const running = v % 7 !== 0;
      nodes.push({ id: vm, host: h$, kind: 'vm', name: v < HOSTILE_NAMES.length || v % 50 === 1 ? hostileName(v, `vm${v}`) : `vm${v}`, state: running ? 'running' : 'shut off', uuid: uuid(v, 0xb0) });
      const net = networks[v % networks.length]!;
      const tap = `vnet${v}`;
      const nic0 = mac(v, 0);
      link({ id: linkId('nic', vm, net, nic0), kind: 'nic', source: vm, target: net, mac: nic0, model: 'virtio', type: 'network', live: running, config: true, ...(running ? { targetDev: tap } : {}) });
      if (running) {
        const tapId = nodeId(h$, 'tap', tap);
        const brOfNet = nodeId(h$, 'bridge', `virbr${v % networks.length}`);
        nodes.push({ id: tapId, host: h$, kind: 'tap', name: tap, state: 'up', up: true, managedBy: null, vm, persistence: 'libvirt' });
        link({ id: linkId('port', tapId, brOfNet), kind: 'port', source: tapId, target: brOfNet });
      }
      if (v % 5 === 0) {
        const bridge = v % 10 === 0 ? ovs : linuxBr;
        const nic1 = mac(v, 1);
        const pending = running && v % 15 === 0 ? { live: true, config: false } : { live: running, config: true };
        link({ id: linkId('nic', vm, bridge, nic1), kind: 'nic', source: vm, target: bridge, mac: nic1, type: 'bridge', ...(bridge === ovs ? { virtualport: 'openvswitch' } : {}), ...pending });
      }
      if (v % 10 === 3) {
        const nic2 = mac(v, 2);
        link({ id: linkId('nic', vm, missing, nic2), kind: 'nic', source: vm, target: missing, mac: nic2, type: 'network', live: false, config: true });
      }
      if (v % 20 === 4) {
        const nic3 = mac(v, 3);
        const end = nodeId(h$, 'endpoint', `${uuid(v, 0xb0)}/${nic3}/user`);
        nodes.push({ id: end, host: h$, kind: 'endpoint', name: 'user (SLIRP)', state: 'link up', nicType: 'user', vm, mac: nic3 });
        link({ id: linkId('nic', vm, end, nic3), kind: 'nic', source: vm, target: end, mac: nic3, type: 'user', live: running, config: true, linkState: 'down' });
      }
    }
  });
  return { hosts, nodes, links, layout: {} };
}
