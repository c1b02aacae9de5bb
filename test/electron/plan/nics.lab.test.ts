// VM NIC plans on the lab host, checked with `virsh domiflist` live and --inactive: attach,
// link down, move, detach on running guest1 and on shut-off vm-off1, each undone, and an
// attach that runs again does not give the VM a second NIC with the same MAC.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLab } from '../../lab/env.ts';
import { eventually, labPlanService, nics, virsh } from './lab-support.ts';

const MAC_LIVE = '52:54:00:77:10:01';
const MAC_OFF = '52:54:00:77:10:02';

describeLab('plans for VM NICs on the lab host', (lab) => {
  let t: Awaited<ReturnType<typeof labPlanService>>;
  const startLive = { live: nics('guest1', false), config: nics('guest1', true) };
  const startOff = nics('vm-off1', true);

  beforeAll(async () => {
    t = await labPlanService(lab);
  });
  afterAll(() => {
    // Leave no NIC of ours behind even when a test failed half-way.
    for (const [domain, mac, flags] of [['guest1', MAC_LIVE, ['--live', '--config']], ['guest2', '52:54:00:77:10:03', ['--live', '--config']], ['vm-off1', MAC_OFF, ['--config']]] as const) {
      try {
        virsh('detach-interface', '--domain', domain, '--type', 'network', '--mac', mac, ...flags);
      } catch {
        // not there: nothing to clean
      }
    }
    t?.session.disconnect();
  });

  it('applies an attach exactly as previewed, then reads the VM back: the live picture has the NIC when apply returns', async () => {
    const mac = '52:54:00:77:10:03';
    const preview = await t.service.preview({ profileId: 'lab', intent: { kind: 'nic-attach', vm: 'guest2', target: { kind: 'network', network: 'isolated' }, mac } });
    const before = t.journal.entries().length;
    const report = await t.service.apply({ profileId: 'lab', planId: preview.planId });
    expect(report.status).toBe('applied');
    expect(report.refreshed).toBe(true);
    // the check that the VM is as previewed, the step itself (exactly the previewed line), the read back
    const ran = t.journal.entries().slice(before);
    expect(ran.map((e) => e.commandLine)).toContain(preview.steps[0]!.commandLine);
    expect(ran).toHaveLength(preview.steps.length + 2);
    const shown = (await t.live.list()).hosts[0]!.links.find((l) => l.kind === 'nic' && l.mac === mac);
    expect(shown).toMatchObject({ live: true, config: true });
    expect(nics('guest2', false)).toContain(`network isolated ${mac}`);
    await t.undo();
    expect(nics('guest2', true)).not.toContain(`network isolated ${mac}`);
  });

  it('attaches, sets the link down, moves and detaches a NIC of running guest1, and undoes each', async () => {
    await t.change({ kind: 'nic-attach', vm: 'guest1', target: { kind: 'network', network: 'isolated' }, mac: MAC_LIVE });
    expect(nics('guest1', false)).toContain(`network isolated ${MAC_LIVE}`);
    expect(nics('guest1', true)).toContain(`network isolated ${MAC_LIVE}`);

    const down = await t.change({ kind: 'nic-link', vm: 'guest1', mac: MAC_LIVE, state: 'down' });
    expect(down.steps).toHaveLength(2);
    expect(virsh('domif-getlink', '--domain', 'guest1', '--interface', MAC_LIVE)).toMatch(/down/);
    expect(virsh('domif-getlink', '--domain', 'guest1', '--interface', MAC_LIVE, '--config')).toMatch(/down/);
    await t.undo();
    expect(virsh('domif-getlink', '--domain', 'guest1', '--interface', MAC_LIVE)).toMatch(/up/);
    expect(virsh('domif-getlink', '--domain', 'guest1', '--interface', MAC_LIVE, '--config')).toMatch(/up/);

    await t.change({ kind: 'nic-move', vm: 'guest1', mac: MAC_LIVE, target: { kind: 'network', network: 'default' } });
    expect(nics('guest1', false)).toContain(`network default ${MAC_LIVE}`);
    expect(nics('guest1', true)).toContain(`network default ${MAC_LIVE}`);
    await t.undo();
    expect(nics('guest1', false)).toContain(`network isolated ${MAC_LIVE}`);
    expect(nics('guest1', true)).toContain(`network isolated ${MAC_LIVE}`);

    const started = Date.now();
    const detach = await t.change({ kind: 'nic-detach', vm: 'guest1', mac: MAC_LIVE });
    expect(Date.now() - started).toBeLessThan(8000);
    expect(detach.steps[0]!.outcome).toBe('ran');
    expect(nics('guest1', false)).toEqual(startLive.live);
    expect(nics('guest1', true)).toEqual(startLive.config);
    await t.undo();
    expect(nics('guest1', false)).toContain(`network isolated ${MAC_LIVE}`);

    await t.undo(); // the attach
    expect(await eventually(() => nics('guest1', false).join() === startLive.live.join())).toBe(true);
    expect(nics('guest1', true)).toEqual(startLive.config);
  });

  it('attaches and detaches a NIC of shut-off vm-off1 in its saved definition, and undoes both', async () => {
    const attach = await t.change({ kind: 'nic-attach', vm: 'vm-off1', target: { kind: 'bridge', bridge: 'tester' }, mac: MAC_OFF });
    expect(attach.steps[0]!.argv).toContain('--config');
    expect(attach.steps[0]!.argv).not.toContain('--live');
    expect(nics('vm-off1', true)).toContain(`bridge tester ${MAC_OFF}`);
    expect(virsh('domstate', '--domain', 'vm-off1').trim()).toBe('shut off');

    await t.change({ kind: 'nic-detach', vm: 'vm-off1', mac: MAC_OFF });
    expect(nics('vm-off1', true)).toEqual(startOff);
    await t.undo();
    expect(nics('vm-off1', true)).toContain(`bridge tester ${MAC_OFF}`);
    await t.undo();
    expect(nics('vm-off1', true)).toEqual(startOff);
  });

  it('skips an attach whose NIC is already there when the plan runs again, instead of adding a second NIC with the same MAC', async () => {
    const preview = await t.service.preview({ profileId: 'lab', intent: { kind: 'nic-attach', vm: 'vm-off1', target: { kind: 'network', network: 'isolated' }, mac: MAC_OFF } });
    await t.applyPreview(preview);
    expect(await t.rerun(preview)).toEqual(['skipped']);
    expect(nics('vm-off1', true).filter((n) => n.endsWith(MAC_OFF))).toHaveLength(1);
    await t.undo();
    expect(nics('vm-off1', true)).toEqual(startOff);
  });
});
