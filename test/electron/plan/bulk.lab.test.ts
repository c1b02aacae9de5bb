// Several NICs selected together on the lab host: one plan detaches them all, one undo puts them
// all back, checked with `virsh domiflist` live and --inactive.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Intent } from '../../../shared/plan/types.ts';
import { describeLab } from '../../lab/env.ts';
import { labPlanService, nics, PROFILE, virsh } from './lab-support.ts';

const MACS = ['52:54:00:77:20:01', '52:54:00:77:20:02', '52:54:00:77:20:03'];
const DOMAIN = 'guest2';

describeLab('one change to several selected NICs on the lab host', (lab) => {
  let t: Awaited<ReturnType<typeof labPlanService>>;
  const ours = (inactive: boolean): string[] => nics(DOMAIN, inactive).filter((row) => MACS.some((mac) => row.endsWith(mac)));

  beforeAll(async () => {
    for (const mac of MACS) virsh('attach-interface', '--domain', DOMAIN, '--type', 'network', '--source', 'isolated', '--mac', mac, '--model', 'virtio', '--live', '--config');
    t = await labPlanService(lab);
  });
  afterAll(() => {
    for (const mac of MACS) {
      for (const flags of [['--live', '--config'], ['--config']]) {
        try {
          virsh('detach-interface', '--domain', DOMAIN, '--type', 'network', '--mac', mac, ...flags);
          break;
        } catch {
          // not there on that side
        }
      }
    }
    t?.session.disconnect();
  });

  it('detaches three NICs in one plan and brings all three back with one undo', async () => {
    expect(ours(false)).toHaveLength(3);
    const intents: Intent[] = MACS.map((mac) => ({ kind: 'nic-detach', vm: DOMAIN, mac }));
    const preview = await t.service.previewMany({ profileId: PROFILE, intents });
    expect(preview.intents).toEqual(intents);
    // each NIC leaves the running VM and its definition: one step per side per NIC
    expect(preview.steps.map((s) => s.description).join('\n')).toContain(MACS[2]);
    const report = await t.applyPreview(preview);
    expect(report.steps.map((s) => s.outcome)).toEqual(preview.steps.map(() => 'ran'));
    expect(ours(false)).toEqual([]);
    expect(ours(true)).toEqual([]);
    // one change in the history, so one undo
    const before = (await t.service.history({ profileId: PROFILE })).applied.length;
    await t.undo();
    expect((await t.service.history({ profileId: PROFILE })).applied).toHaveLength(before - 1);
    expect(ours(false).sort()).toEqual(MACS.map((mac) => `network isolated ${mac}`));
    expect(ours(true).sort()).toEqual(MACS.map((mac) => `network isolated ${mac}`));
  });
});
