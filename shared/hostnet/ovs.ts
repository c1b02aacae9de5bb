// Reads Open vSwitch's own list of its bridges and their ports. `ip link` shows an OVS bridge
// only as one more openvswitch device (and every port's master as the datapath `ovs-system`),
// so which device is a bridge, and which bridge a port is on, come from ovsdb.
//
// The probe prints, for each `ovs-vsctl list-br` bridge, a line `bridge NAME` followed by one
// line `port NAME` per `ovs-vsctl list-ports NAME` entry.

export interface OvsBridge {
  name: string;
  ports: string[];
}

export function parseOvsListing(text: string): OvsBridge[] {
  const bridges: OvsBridge[] = [];
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const [word, name] = [line.slice(0, space), line.slice(space + 1).trim()];
    if (!name) continue;
    if (word === 'bridge') bridges.push({ name, ports: [] });
    else if (word === 'port') bridges.at(-1)?.ports.push(name);
  }
  return bridges;
}
