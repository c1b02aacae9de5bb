// Network plans on the lab host, checked with `virsh net-info` / `net-list` / `net-dumpxml`:
// create in every mode, stop/start, autostart, DHCP host edit, delete, each undone; a re-run
// of an applied plan is all "already done"; a failure injected at step 2 leaves an exact report
// and a rollback to the start state, or a re-run that finishes the plan.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { NetworkSpec } from '../../../shared/plan/types.ts';
import { describeLab } from '../../lab/env.ts';
import { labPlanService, link, netInfo, netNames, sh, trySh, virsh } from './lab-support.ts';

const subnet = (n: number, withDhcp = false) => ({
  address: `10.213.${n}.1`,
  prefix: 24,
  ...(withDhcp ? { dhcpRange: { start: `10.213.${n}.100`, end: `10.213.${n}.200` } } : {}),
});

const OURS = ['vwx-iso', 'vwx-nat', 'vwx-rt', 'vwx-open', 'vwx-brnet', 'vwx-fail', 'vwx-rerun'];

describeLab('plans for networks on the lab host', (lab) => {
  let t: Awaited<ReturnType<typeof labPlanService>>;
  const startNets = netNames();

  beforeAll(async () => {
    t = await labPlanService(lab);
  });
  afterAll(() => {
    for (const name of OURS) {
      trySh('virsh', '-c', 'qemu:///system', 'net-destroy', '--network', name);
      trySh('virsh', '-c', 'qemu:///system', 'net-undefine', '--network', name);
    }
    for (const dev of ['vwx-hbr', 'vwx-failb', 'vwx-rerunb']) trySh('ip', 'link', 'del', 'dev', dev);
    t?.session.disconnect();
  });

  it('creates isolated, NAT, routed, open and bridged networks that run on their bridges, and undoes each', async () => {
    await t.change({ kind: 'bridge-create', name: 'vwx-hbr' });
    const specs: NetworkSpec[] = [
      { name: 'vwx-nat', mode: 'nat', bridge: 'vwx-natb', ipv4: subnet(2, true) },
      { name: 'vwx-rt', mode: 'route', bridge: 'vwx-rtb', ipv4: subnet(3) },
      { name: 'vwx-open', mode: 'open', bridge: 'vwx-openb', ipv4: subnet(4) },
      { name: 'vwx-brnet', mode: 'bridge', bridge: 'vwx-hbr' },
    ];
    for (const spec of specs) {
      const preview = await t.service.preview({ profileId: 'lab', intent: { kind: 'network-create', spec } });
      await t.applyPreview(preview);
      expect(netInfo(spec.name), spec.mode).toMatchObject({ Active: 'yes', Persistent: 'yes', Bridge: spec.bridge });
      expect(virsh('net-dumpxml', '--network', spec.name)).toMatch(new RegExp(`<forward mode=.${spec.mode}.`));
      // Every step of a plan that already went through is "already done".
      expect(await t.rerun(preview)).toEqual(['skipped', 'skipped']);
      await t.undo();
      expect(netInfo(spec.name), spec.mode).toBeNull();
    }
    await t.undo();
    expect(link('vwx-hbr')).toBeNull();
    expect(netNames()).toEqual(startNets);
  });

  it('stops, starts, autostarts, edits DHCP hosts of and deletes an isolated network, undoing each', async () => {
    const spec: NetworkSpec = { name: 'vwx-iso', mode: 'isolated', bridge: 'vwx-isob', ipv4: subnet(1, true), domain: 'vwx.test' };
    await t.change({ kind: 'network-create', spec });
    expect(netInfo('vwx-iso')).toMatchObject({ Active: 'yes', Autostart: 'no', Bridge: 'vwx-isob' });

    await t.change({ kind: 'network-stop', network: 'vwx-iso' });
    expect(netInfo('vwx-iso')?.Active).toBe('no');
    await t.undo();
    expect(netInfo('vwx-iso')?.Active).toBe('yes');

    await t.change({ kind: 'network-autostart', network: 'vwx-iso', enabled: true });
    expect(netInfo('vwx-iso')?.Autostart).toBe('yes');
    await t.undo();
    expect(netInfo('vwx-iso')?.Autostart).toBe('no');

    const host = { mac: '52:54:00:77:20:01', ip: '10.213.1.10' };
    const edit = await t.change({ kind: 'network-edit', network: 'vwx-iso', spec: { ...spec, ipv4: { ...subnet(1, true), dhcpHosts: [host] } } });
    expect(edit.steps.map((s) => s.argv[3])).toEqual(['net-update']);
    for (const flag of [[], ['--inactive']]) expect(virsh('net-dumpxml', '--network', 'vwx-iso', ...flag)).toContain(`<host mac='${host.mac}' ip='${host.ip}'/>`);
    await t.undo();
    for (const flag of [[], ['--inactive']]) expect(virsh('net-dumpxml', '--network', 'vwx-iso', ...flag)).not.toContain(host.mac);

    await t.change({ kind: 'network-delete', network: 'vwx-iso' });
    expect(netInfo('vwx-iso')).toBeNull();
    await t.undo();
    expect(netInfo('vwx-iso')).toMatchObject({ Active: 'yes', Bridge: 'vwx-isob' });

    await t.undo(); // the create
    expect(netNames()).toEqual(startNets);
  });

  it('reports a failure injected at step 2 exactly, and its rollback restores the start state', async () => {
    const preview = await t.service.preview({ profileId: 'lab', intent: { kind: 'network-create', spec: { name: 'vwx-fail', mode: 'isolated', bridge: 'vwx-failb' }, autostart: true } });
    sh('ip', 'link', 'add', 'name', 'vwx-failb', 'type', 'bridge');
    const report = await t.service.apply({ profileId: 'lab', planId: preview.planId });
    expect(report.status).toBe('failed');
    expect(report.steps.map((s) => [s.outcome, s.exitCode])).toEqual([['ran', 0], ['failed', 1], ['not-run', null]]);
    expect(report.steps[1]!.stderr).toMatch(/error creating bridge interface vwx-failb: File exists/);
    expect(report.rollback?.plan.steps.map((s) => s.argv.slice(3))).toEqual([['net-undefine', '--network', 'vwx-fail']]);
    expect(netInfo('vwx-fail')).toMatchObject({ Active: 'no' });

    const rolledBack = await t.service.rollback({ reportId: report.reportId });
    expect(rolledBack.steps.map((s) => s.outcome)).toEqual(['ran']);
    expect(netNames()).toEqual(startNets);
    expect((await t.service.history({ profileId: 'lab' })).applied.some((e) => e.reportId === report.reportId)).toBe(false);
    sh('ip', 'link', 'del', 'dev', 'vwx-failb');
  });

  it('re-runs a partly applied plan to the end, counting the step already done as skipped', async () => {
    const preview = await t.service.preview({ profileId: 'lab', intent: { kind: 'network-create', spec: { name: 'vwx-rerun', mode: 'isolated', bridge: 'vwx-rerunb' }, autostart: true } });
    sh('ip', 'link', 'add', 'name', 'vwx-rerunb', 'type', 'bridge');
    expect((await t.service.apply({ profileId: 'lab', planId: preview.planId })).status).toBe('failed');
    sh('ip', 'link', 'del', 'dev', 'vwx-rerunb');
    const again = await t.applyPreview(preview);
    expect(again.steps.map((s) => s.outcome)).toEqual(['skipped', 'ran', 'ran']);
    expect(again.steps[0]!.stderr).toMatch(/already exists/);
    expect(netInfo('vwx-rerun')).toMatchObject({ Active: 'yes', Autostart: 'yes' });
    await t.undo();
    expect(netNames()).toEqual(startNets);
  });

});
