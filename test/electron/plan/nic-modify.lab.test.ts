// A NIC's properties changed in place on the lab host (issue 14, NIC properties; issue 12,
// change in place): `virsh dumpxml` live and --inactive shows exactly the change asked for and
// nothing else of the NIC changed; what libvirt cannot change on a running VM lands only in its
// definition; undo puts the NIC back as it was on both sides.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { comparableNic, interfaceByMac } from '../../../shared/libvirt/interface-xml.ts';
import { describeLab } from '../../lab/env.ts';
import { labPlanService, sh, virsh } from './lab-support.ts';

const GUEST1_DEFAULT = '52:54:00:00:01:01'; // running guest1, plain virtio NIC on default
const RICH_OFF = '52:54:00:00:07:04'; // shut-off vm-odd, with <bandwidth>, <mtu>, filter, boot order
const GUEST3_OVS = '52:54:00:00:06:02'; // running guest3 on Open vSwitch bridge ovsbr0

function element(vm: string, mac: string, inactive: boolean): string {
  const node = interfaceByMac(virsh('dumpxml', '--domain', vm, ...(inactive ? ['--inactive'] : [])), mac);
  if (!node) throw new Error(`VM ${vm} has no NIC ${mac}`);
  return comparableNic(node);
}

const both = (vm: string, mac: string) => ({ live: element(vm, mac, false), config: element(vm, mac, true) });

/** Lines of `after` not in `before`, and of `before` not in `after`. */
function lineDiff(before: string, after: string): { added: string[]; removed: string[] } {
  const a = before.split('\n').map((l) => l.trim()).filter(Boolean);
  const b = after.split('\n').map((l) => l.trim()).filter(Boolean);
  return { added: b.filter((l) => !a.includes(l)), removed: a.filter((l) => !b.includes(l)) };
}

describeLab('a NIC changed in place: model, link, bandwidth, MTU, VLAN', (lab) => {
  let t: Awaited<ReturnType<typeof labPlanService>>;

  beforeAll(async () => {
    t = await labPlanService(lab);
  });
  afterAll(() => t?.session.disconnect());

  it('running guest1: the link changes now, the model only in its definition; undo restores both', async () => {
    const before = both('guest1', GUEST1_DEFAULT);
    const preview = await t.service.preview({ profileId: 'lab', intent: { kind: 'nic-modify', vm: 'guest1', mac: GUEST1_DEFAULT, changes: { model: 'e1000e', link: 'down' } } });
    expect(preview.steps.map((s) => `${s.argv.at(-1)} ${s.impact?.when}`)).toEqual(['--live now', '--config vm-restart']);
    await t.applyPreview(preview);
    const after = both('guest1', GUEST1_DEFAULT);
    expect(lineDiff(before.live, after.live)).toEqual({ added: ["<link state='down'/>"], removed: [] });
    expect(lineDiff(before.config, after.config)).toEqual({ added: ["<model type='e1000e'/>", "<link state='down'/>"], removed: ["<model type='virtio'/>"] });
    expect(virsh('domif-getlink', '--domain', 'guest1', '--interface', GUEST1_DEFAULT)).toMatch(/down/);
    await t.undo();
    const undone = both('guest1', GUEST1_DEFAULT);
    expect(undone.live).toBe(before.live);
    expect(undone.config).toBe(before.config);
    expect(virsh('domif-getlink', '--domain', 'guest1', '--interface', GUEST1_DEFAULT)).toMatch(/up/);
  });

  it('shut-off vm-odd: bandwidth and MTU change in its definition and nothing else of the rich NIC; undo restores it', async () => {
    const before = element('vm-odd', RICH_OFF, true);
    const preview = await t.service.preview({
      profileId: 'lab',
      intent: { kind: 'nic-modify', vm: 'vm-odd', mac: RICH_OFF, changes: { inbound: { average: 3000, peak: 6000, burst: 2048 }, outbound: null, mtu: 9000 } },
    });
    expect(preview.steps.map((s) => `${s.argv.at(-1)} ${s.impact?.when}`)).toEqual(['--config vm-next-start']);
    await t.applyPreview(preview);
    const after = element('vm-odd', RICH_OFF, true);
    expect(lineDiff(before, after)).toEqual({
      added: ["<inbound average='3000' peak='6000' burst='2048'/>", "<mtu size='9000'/>"],
      removed: ["<inbound average='1000' peak='2000' burst='1024'/>", "<outbound average='500'/>", "<mtu size='1400'/>"],
    });
    await t.undo();
    expect(element('vm-odd', RICH_OFF, true)).toBe(before);
  });

  it('running guest3: a VLAN tag on its Open vSwitch port changes live (ovs-vsctl shows it); undo takes it off', async () => {
    const port = /<target dev='([^']+)'/.exec(virsh('dumpxml', '--domain', 'guest3').split(GUEST3_OVS)[1]!)![1]!;
    const before = both('guest3', GUEST3_OVS);
    await t.change({ kind: 'nic-modify', vm: 'guest3', mac: GUEST3_OVS, changes: { vlan: '42' } });
    expect(sh('ovs-vsctl', 'get', 'port', port, 'tag').trim()).toBe('42');
    expect(lineDiff(before.live, element('guest3', GUEST3_OVS, false)).added).toEqual(['<vlan>', "<tag id='42'/>", '</vlan>']);
    expect(lineDiff(before.config, element('guest3', GUEST3_OVS, true)).added).toEqual(['<vlan>', "<tag id='42'/>", '</vlan>']);
    await t.undo();
    expect(sh('ovs-vsctl', 'get', 'port', port, 'tag').trim()).toBe('[]');
    expect(both('guest3', GUEST3_OVS)).toEqual(before);
  });

  it('running guest1: a bandwidth limit goes live through tc — where the kernel lacks tc\'s sfq qdisc the host\'s own error is reported and nothing changes', async () => {
    const before = both('guest1', GUEST1_DEFAULT);
    const preview = await t.service.preview({ profileId: 'lab', intent: { kind: 'nic-modify', vm: 'guest1', mac: GUEST1_DEFAULT, changes: { inbound: { average: 1000 } } } });
    expect(preview.steps.map((s) => s.argv.slice(-2).join(' '))).toEqual(['--live --config']);
    const report = await t.service.apply({ profileId: 'lab', planId: preview.planId });
    if (report.status === 'failed') {
      expect(report.steps[0]!.stderr).toMatch(/tc .*qdisc|Specified qdisc kind is unknown|TC action/);
      expect(both('guest1', GUEST1_DEFAULT)).toEqual(before);
    } else {
      expect(lineDiff(before.live, element('guest1', GUEST1_DEFAULT, false)).added).toEqual(['<bandwidth>', "<inbound average='1000'/>", '</bandwidth>']);
      await t.undo();
      expect(both('guest1', GUEST1_DEFAULT)).toEqual(before);
    }
  });
});
