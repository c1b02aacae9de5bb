// A NIC comes back whole: detach → undo and move → undo on the lab's rich NICs (driver queues,
// a packet filter with a parameter, link state, MTU; bandwidth and boot order on the shut-off
// VM), compared as `<interface>` elements read with `virsh dumpxml` before and after, with only
// what libvirt assigns itself (alias, PCI address, generated target dev) left out. Undo is
// planned against the host as it is then, and apply refuses a plan whose VM changed since.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { comparableNic, interfaceByMac } from '../../../shared/libvirt/interface-xml.ts';
import { describeLab } from '../../lab/env.ts';
import { eventually, labPlanService, nics, sh, virsh } from './lab-support.ts';

const RICH_LIVE = '52:54:00:00:06:03'; // guest3, running, on default
const RICH_OFF = '52:54:00:00:07:04'; // vm-odd, shut off, on default, with <bandwidth> and <boot order>

/** The NIC's element as `virsh dumpxml` shows it (live, or --inactive), or undefined when the VM has no such NIC. */
function element(vm: string, mac: string, inactive: boolean): string | undefined {
  const node = interfaceByMac(virsh('dumpxml', '--domain', vm, ...(inactive ? ['--inactive'] : [])), mac);
  return node && comparableNic(node);
}

describeLab('a NIC keeps every setting through detach, move and undo', (lab) => {
  let t: Awaited<ReturnType<typeof labPlanService>>;

  beforeAll(async () => {
    t = await labPlanService(lab);
  });
  afterAll(() => t?.session.disconnect());

  it('the lab NICs carry what real NICs carry', () => {
    const live = element('guest3', RICH_LIVE, false)!;
    for (const part of ["queues='2'", "<filterref filter='clean-traffic'>", "<parameter name='IP' value='192.168.122.50'/>", "<link state='down'/>", "<mtu size='1400'/>"]) {
      expect(live).toContain(part);
    }
    const off = element('vm-odd', RICH_OFF, true)!;
    for (const part of ['<bandwidth>', "<inbound average='1000' peak='2000' burst='1024'/>", "<boot order='1'/>", "<mtu size='1400'/>"]) expect(off).toContain(part);
  });

  it('running guest3: detach then undo gives back the same NIC, live and in its definition', async () => {
    const before = { live: element('guest3', RICH_LIVE, false), config: element('guest3', RICH_LIVE, true) };
    await t.change({ kind: 'nic-detach', vm: 'guest3', mac: RICH_LIVE });
    expect(await eventually(() => element('guest3', RICH_LIVE, false) === undefined)).toBe(true);
    expect(element('guest3', RICH_LIVE, true)).toBeUndefined();
    await t.undo();
    expect(element('guest3', RICH_LIVE, false)).toBe(before.live);
    expect(element('guest3', RICH_LIVE, true)).toBe(before.config);
  });

  it('running guest3: a move changes the source and nothing else; undo puts it back', async () => {
    const before = { live: element('guest3', RICH_LIVE, false)!, config: element('guest3', RICH_LIVE, true)! };
    await t.change({ kind: 'nic-move', vm: 'guest3', mac: RICH_LIVE, target: { kind: 'network', network: 'isolated' } });
    const onDefault = (xml: string | undefined) => xml?.replace("<source network='isolated'/>", "<source network='default'/>");
    expect(element('guest3', RICH_LIVE, false)).toContain("<source network='isolated'/>");
    expect(onDefault(element('guest3', RICH_LIVE, false))).toBe(before.live);
    expect(onDefault(element('guest3', RICH_LIVE, true))).toBe(before.config);
    await t.undo();
    expect(element('guest3', RICH_LIVE, false)).toBe(before.live);
    expect(element('guest3', RICH_LIVE, true)).toBe(before.config);
  });

  it('shut-off vm-odd: detach → undo and move → undo keep bandwidth, filter, queues, link, MTU and boot order', async () => {
    const before = element('vm-odd', RICH_OFF, true);
    const detach = await t.change({ kind: 'nic-detach', vm: 'vm-odd', mac: RICH_OFF });
    expect(detach.steps[0]!.argv).toContain('--config');
    expect(element('vm-odd', RICH_OFF, true)).toBeUndefined();
    await t.undo();
    expect(element('vm-odd', RICH_OFF, true)).toBe(before);

    await t.change({ kind: 'nic-move', vm: 'vm-odd', mac: RICH_OFF, target: { kind: 'bridge', bridge: 'tester' } });
    const moved = element('vm-odd', RICH_OFF, true)!;
    expect(moved).toMatch(/^<interface type='bridge'>/);
    expect(moved.replace("type='bridge'", "type='network'").replace("<source bridge='tester'/>", "<source network='default'/>")).toBe(before);
    await t.undo();
    expect(element('vm-odd', RICH_OFF, true)).toBe(before);
  });

  it('attaches a NIC to the Open vSwitch bridge with its virtualport, plugged by libvirt as an OVS port, and undoes it', async () => {
    const mac = '52:54:00:77:20:02';
    const ports = () => sh('ovs-vsctl', 'list-ports', 'ovsbr0').split('\n').filter(Boolean);
    const before = ports();
    const attach = await t.change({ kind: 'nic-attach', vm: 'guest1', target: { kind: 'bridge', bridge: 'ovsbr0' }, mac });
    expect(attach.steps[0]!.argv).toContain('attach-device');
    const live = element('guest1', mac, false)!;
    expect(live).toContain("<source bridge='ovsbr0'/>");
    expect(live).toContain("<virtualport type='openvswitch'");
    const vnet = /<target dev='(vnet\d+)'/.exec(virsh('dumpxml', '--domain', 'guest1'))?.[1];
    expect(ports().length).toBe(before.length + 1);
    expect(ports()).toContain(virsh('domiflist', '--domain', 'guest1').split('\n').find((l) => l.includes(mac))?.trim().split(/\s+/)[0] ?? vnet);
    const shown = (await t.live.list()).hosts[0]!;
    const link = shown.links.find((l) => l.kind === 'nic' && l.mac === mac);
    expect(shown.nodes.find((n) => n.id === link?.target)).toMatchObject({ kind: 'bridge', name: 'ovsbr0', bridgeType: 'ovs' });
    await t.undo();
    expect(await eventually(() => element('guest1', mac, false) === undefined)).toBe(true);
    expect(ports()).toEqual(before);
  });

  it('undo is planned against the host as it is then: a VM stopped since gets a config-only undo', async () => {
    const mac = '52:54:00:77:20:01';
    const start = nics('vm-off1', true);
    virsh('start', '--domain', 'vm-off1');
    try {
      await t.live.refresh({ profileId: 'lab' });
      const attach = await t.change({ kind: 'nic-attach', vm: 'vm-off1', target: { kind: 'network', network: 'isolated' }, mac });
      expect(attach.steps[0]!.argv.slice(-2)).toEqual(['--live', '--config']);
    } finally {
      virsh('destroy', '--domain', 'vm-off1');
    }
    await t.live.refresh({ profileId: 'lab' });
    const undo = await t.service.undo({ profileId: 'lab' });
    expect(undo.steps.map((s) => s.argv.slice(3))).toEqual([['detach-interface', '--domain', 'vm-off1', '--type', 'network', '--mac', mac, '--config']]);
    expect(undo.warnings.join(' ')).toMatch(/VM `vm-off1` is not running any more/);
    await t.applyPreview(undo);
    expect(nics('vm-off1', true)).toEqual(start);
  });

  it('refuses to apply a preview after someone else changed its VM with virsh, and runs nothing', async () => {
    const mac = '52:54:00:00:04:01'; // vm-off2 on isolated
    const preview = await t.service.preview({ profileId: 'lab', intent: { kind: 'nic-detach', vm: 'vm-off2', mac } });
    virsh('domif-setlink', '--domain', 'vm-off2', '--interface', mac, '--state', 'down', '--config');
    try {
      const before = t.journal.entries().length;
      const refused = await t.service.apply({ profileId: 'lab', planId: preview.planId }).then(() => null, (e: unknown) => e as { message: string; data?: unknown });
      expect(refused?.message).toMatch(/^VM `vm-off2` changed on the host since this change was previewed; nothing was run/);
      expect(t.journal.entries().slice(before).map((e) => e.argv[0])).not.toContain('virsh');
      expect(nics('vm-off2', true)).toContain(`network isolated ${mac}`);
      const again = await t.service.preview({ profileId: 'lab', intent: { kind: 'nic-detach', vm: 'vm-off2', mac } });
      expect(again.steps[0]!.inverse?.stdin).toContain("<link state='down'/>");
    } finally {
      virsh('domif-setlink', '--domain', 'vm-off2', '--interface', mac, '--state', 'up', '--config');
    }
  });
});
