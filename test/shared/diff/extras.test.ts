// What the diff reads from the XML beyond the graph's fields — a NIC's bandwidth limits and MTU,
// a network's MTU, DNS hosts, port groups and forward interface pool — and what the desired-state
// planner makes of them: in place where libvirt can (update-device, net-update dns-host), else
// "cannot be done" with the reason.
import { describe, expect, it } from 'vitest';
import { describeItem, diffTopologies } from '../../../shared/diff/index.ts';
import { planDesired } from '../../../shared/plan/desired.ts';
import { planIntent } from '../../../shared/plan/planner.ts';
import type { NetworkNode, Topology, VmNode } from '../../../shared/topology/model.ts';
import { HOST, ROOT, labTopology } from '../plan/hosts.ts';

const copy = (t: Topology): Topology => JSON.parse(JSON.stringify(t)) as Topology;
const network = (t: Topology, name: string) => t.nodes.find((n): n is NetworkNode => n.kind === 'network' && n.name === name)!;
const vm = (t: Topology, name: string) => t.nodes.find((n): n is VmNode => n.kind === 'vm' && n.name === name)!;

function compare(change: (host: Topology) => void, fileChange: (file: Topology) => void = () => undefined) {
  const file = labTopology();
  fileChange(file);
  const host = copy(file);
  change(host);
  const diff = diffTopologies(file, HOST, host, HOST);
  return { diff, desired: planDesired(diff, file, host, ROOT, {}) };
}

describe('differences only the XML holds', () => {
  it('a NIC\'s bandwidth limits and MTU, planned back in place with update-device', () => {
    const { diff, desired } = compare((h) => {
      const web01 = vm(h, 'web01');
      web01.xml = web01.xml!.replace("<outbound average='500'/>", "<outbound average='800' peak='900'/>").replace("<mtu size='1400'/>", '');
    });
    expect(diff.items.map(describeItem)).toEqual(['NIC 52:54:00:3b:00:01 of VM web01: outbound limit 500 kB/s → 800 kB/s (peak 900 kB/s); mtu 1400 → (none)']);
    expect(desired.cannot).toEqual([]);
    expect(desired.intents).toEqual([{ kind: 'nic-modify', vm: 'web01', mac: '52:54:00:3b:00:01', changes: { outbound: { average: 500 }, mtu: 1400 } }]);
    const step = desired.plan!.steps[0]!;
    expect(step.argv.slice(3)).toEqual(['update-device', '--domain', 'web01', '--file', '/dev/stdin', '--config']);
    expect(step.stdin).toContain("<outbound average='500'/>");
    expect(step.stdin).toContain("<mtu size='1400'/>");
  });

  it('a network\'s DNS hosts, changed back in place with net-update (removals first); MTU, port groups and the forward pool listed as not doable, with why', () => {
    const withDns = (n: NetworkNode, dns: string) => {
      n.xml = n.xml!.replace('</network>', `  <mtu size='9000'/>\n  <dns>${dns}</dns>\n  <portgroup name='web' default='yes'/>\n</network>\n`);
    };
    const { diff, desired } = compare(
      (h) => {
        const lab = network(h, 'lab');
        lab.xml = lab.xml!.replace("<mtu size='9000'/>", "<mtu size='1500'/>").replace("<host ip='10.10.0.5'><hostname>db</hostname></host>", "<host ip='10.10.0.6'><hostname>db</hostname></host><host ip='10.10.0.7'><hostname>x</hostname></host>").replace("<portgroup name='web' default='yes'/>", '');
      },
      (f) => withDns(network(f, 'lab'), "<host ip='10.10.0.5'><hostname>db</hostname></host>"),
    );
    expect(diff.items.map(describeItem)).toEqual([
      'network lab: mtu 9000 → 1500; DNS hosts 10.10.0.5 db → 10.10.0.6 db; 10.10.0.7 x; port groups web (default) → (none)',
    ]);
    expect(desired.cannot.map((u) => u.reason)).toEqual([
      expect.stringMatching(/^the MTU of network lab changes only by redefining it, which takes effect after the network restarts/),
      expect.stringMatching(/^the port groups of network lab change only by redefining it.*net-update lab modify portgroup/),
    ]);
    expect(desired.plan!.steps.map((s) => `${s.argv.slice(3).join(' ')} [${s.impact?.when}] ${s.stdin?.trim()}`)).toEqual([
      "net-update --network lab --command delete --section dns-host --xml /dev/stdin --config [network-start] <host ip='10.10.0.6'><hostname>db</hostname></host>",
      "net-update --network lab --command delete --section dns-host --xml /dev/stdin --config [network-start] <host ip='10.10.0.7'><hostname>x</hostname></host>",
      "net-update --network lab --command add-last --section dns-host --xml /dev/stdin --config [network-start] <host ip='10.10.0.5'><hostname>db</hostname></host>",
    ]);
  });

  it('compares none of it when one side has no XML (a file saved without it)', () => {
    const file = labTopology();
    const host = labTopology();
    network(host, 'lab').xml = network(host, 'lab').xml!.replace('</network>', "<mtu size='1500'/></network>");
    vm(host, 'web01').xml = vm(host, 'web01').xml!.replace("<mtu size='1400'/>", '');
    delete network(file, 'lab').xml;
    delete vm(file, 'web01').xml;
    expect(diffTopologies(file, HOST, host, HOST).items).toEqual([]);
  });

  it('refuses a DNS host entry that is no address or no host name, before any command', () => {
    const plan = (add: { ip: string; hostnames: string[] }[]) => () => planIntent({ kind: 'network-dns-hosts', network: 'lab', add, remove: [] }, labTopology(), ROOT);
    expect(plan([{ ip: "10.0.0.1'/><x", hostnames: ['a'] }])).toThrow(/DNS host/);
    expect(plan([{ ip: '10.0.0.1', hostnames: [] }])).toThrow(/has no host name/);
    expect(plan([{ ip: '10.0.0.1', hostnames: ['a b'] }])).toThrow(/is not a host name/);
    expect(plan([{ ip: '10.0.0.1', hostnames: ['db.lab'] }])().steps[0]!.stdin).toBe("<host ip='10.0.0.1'><hostname>db.lab</hostname></host>\n");
  });
});
