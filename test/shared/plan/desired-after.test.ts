// After "make the host match" has run: whatever the host still shows is reported as not done,
// each with why — never as done.
import { describe, expect, it } from 'vitest';
import { diffTopologies } from '../../../shared/diff/index.ts';
import { notDoneAfter } from '../../../shared/plan/desired-outcome.ts';
import { planDesired } from '../../../shared/plan/desired.ts';
import type { Topology, TopologyNode, VmNode } from '../../../shared/topology/model.ts';
import { HOST, ROOT, labTopology } from './hosts.ts';

const copy = (t: Topology): Topology => JSON.parse(JSON.stringify(t)) as Topology;
const vm = (t: Topology, name: string) => t.nodes.find((n): n is VmNode => n.kind === 'vm' && n.name === name)!;
const MAC = '52:54:00:7e:f8:5c';

describe('notDoneAfter', () => {
  it('says a model changed in a running VM\'s definition waits for its restart, a refused change keeps its reason, what was left alone is not listed', () => {
    const file = labTopology();
    const host = copy(file);
    const centos = vm(host, 'centos7');
    centos.xml = centos.xml!.replace(new RegExp(`(<mac address='${MAC}'/>[\\s\\S]*?)<model type='virtio'/>`), "$1<model type='e1000e'/>");
    (host.links.find((l) => l.kind === 'nic' && l.mac === MAC) as { model?: string }).model = 'e1000e';
    (host.nodes.find((n) => n.name === 'br0' && n.kind === 'bridge') as { bridgeType?: string }).bridgeType = 'ovs';
    host.nodes.push({ id: `${HOST}/tap/extra0`, host: HOST, kind: 'tap', name: 'extra0', state: 'down', up: false, managedBy: null } as TopologyNode);
    const desired = planDesired(diffTopologies(file, HOST, host, HOST), file, host, ROOT, {});
    expect(desired.intents.map((i) => i.kind)).toEqual(['nic-modify']);

    // As the host reads after the plan ran: the definition has virtio again, the running VM still e1000e.
    const after = copy(host);
    const ran = vm(after, 'centos7');
    ran.inactiveXml = vm(file, 'centos7').xml;
    after.nodes.push({ id: `${HOST}/tap/late0`, host: HOST, kind: 'tap', name: 'late0', state: 'down', up: false, managedBy: null } as TopologyNode);
    const notDone = notDoneAfter(desired, diffTopologies(file, HOST, after, HOST));
    expect(notDone.map((u) => `${u.item.kind} ${u.item.name} ${u.item.fields.map((f) => f.field).join(',')}: ${u.reason}`)).toEqual([
      'bridge br0 type: cannot be done: a bridge cannot change between Linux and Open vSwitch in place',
      'tap late0 state: no step was planned for it (it appeared or changed after the plan was made)',
      expect.stringMatching(/^nic centos7 model: not in effect yet: Only after VM `centos7` restarts \(shut down, then started\): its next boot brings the change \(model e1000e → virtio\)/),
    ]);
  });

  it('says so when the steps ran and the host still differs', () => {
    const file = labTopology();
    const host = copy(file);
    (host.nodes.find((n) => n.name === 'tap-free') as { up: boolean }).up = true;
    const desired = planDesired(diffTopologies(file, HOST, host, HOST), file, host, ROOT, {});
    expect(notDoneAfter(desired, diffTopologies(file, HOST, host, HOST)).map((u) => u.reason)).toEqual(['its steps ran, but the host still differs from the file here']);
    expect(notDoneAfter(desired, diffTopologies(file, HOST, file, HOST))).toEqual([]);
  });
});
