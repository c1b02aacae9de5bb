// PlanService with a scripted host and a fixed live topology: only previewed plans apply, the
// host is re-read after each apply, undo/redo move through the history, a failed plan can be
// re-run or rolled back, and bad input never becomes a command.
import { describe, expect, it } from 'vitest';
import { PlanService, PREVIEW_TTL_MS, PREVIEWS_KEPT } from '../../../electron/plan/service.ts';
import { commandLine } from '../../../electron/ssh/quote.ts';
import type { StepNeeds } from '../../../shared/plan/ops.ts';
import type { LiveHost } from '../../../shared/api/live.ts';
import type { PlanProgress } from '../../../shared/api/plan.ts';
import { ApiError } from '../../../shared/errors.ts';
import { labTopology } from '../../shared/plan/hosts.ts';
import { fails, has, scriptedHost, type Rule } from './scripted.ts';

const ROUTES = { code: 0, stdout: '[{"dst":"default","dev":"eth0"}]\n@@vw-route-of-session\n[{"dst":"10.0.0.9","dev":"eth0"}]\n', stderr: '' };

function setup(rules: Rule[] = [], now = () => 0) {
  const host = scriptedHost([[has('sh', '-c'), ROUTES], ...rules]);
  const t = labTopology();
  const live: LiveHost = { profileId: 'p1', host: t.hosts[0]!, nodes: t.nodes, links: t.links, banners: [], refreshedAt: '' };
  let refreshes = 0;
  const progress: PlanProgress[] = [];
  const runner = {
    run: (argv: readonly string[], o?: { stdin?: string; needs?: StepNeeds }) => host.run([...argv], o ?? {}),
    commandLineFor: (argv: readonly string[]) => commandLine(argv),
  };
  const service = new PlanService({
    hosts: { runnerFor: () => runner, profile: () => ({ user: 'root', useSudo: false }) },
    live: { list: async () => ({ hosts: [live] }), refresh: async () => (refreshes++, live) },
    emit: (p) => progress.push(p),
    now,
  });
  const commands = () => host.calls.map((c) => c.argv.join(' ')).filter((c) => !c.startsWith('sh -c'));
  return { service, host, progress, commands, refreshes: () => refreshes, live };
}

const error = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => ApiError.from(e));

describe('PlanService', () => {
  it('applies a previewed plan by id, reports progress, re-reads the host and records the change', async () => {
    const { service, progress, commands, refreshes } = setup();
    const preview = await service.preview({ profileId: 'p1', intent: { kind: 'bridge-create', name: 'vwx-u1' } });
    expect(preview).toMatchObject({ profileId: 'p1', purpose: 'change', steps: [{ argv: ['ip', 'link', 'add', 'name', 'vwx-u1', 'type', 'bridge'] }] });
    const report = await service.apply({ profileId: 'p1', planId: preview.planId });
    expect(report).toMatchObject({ status: 'applied', purpose: 'change', refreshed: true, steps: [{ outcome: 'ran' }] });
    expect(report.rollback?.plan.steps.map((s) => s.argv)).toEqual([['ip', 'link', 'del', 'dev', 'vwx-u1']]);
    expect(commands()).toEqual(['ip link add name vwx-u1 type bridge']);
    expect(progress).toEqual([{ planId: preview.planId, stepIndex: 0, state: 'running' }, { planId: preview.planId, stepIndex: 0, state: 'done' }]);
    expect(refreshes()).toBe(3); // what the plan touches, read for the preview, before it runs and after
    expect((await service.history({ profileId: 'p1' })).applied.map((e) => e.reportId)).toEqual([report.reportId]);
    expect((await error(service.apply({ profileId: 'p1', planId: preview.planId })))?.code).toBe('not-found');
  });

  it('undoes with the inverse plan and redoes with the original, moving the history', async () => {
    const { service, commands } = setup();
    const change = await service.preview({ profileId: 'p1', intent: { kind: 'device-state', device: 'eth1', up: false } });
    await service.apply({ profileId: 'p1', planId: change.planId });
    const undo = await service.undo({ profileId: 'p1' });
    expect(undo.purpose).toBe('undo');
    expect((await service.apply({ profileId: 'p1', planId: undo.planId })).status).toBe('applied');
    expect(await service.history({ profileId: 'p1' })).toMatchObject({ applied: [], undone: [{ plan: { intent: { device: 'eth1' } } }] });
    const redo = await service.redo({ profileId: 'p1' });
    await service.apply({ profileId: 'p1', planId: redo.planId });
    expect(await service.history({ profileId: 'p1' })).toMatchObject({ applied: [{}], undone: [] });
    expect(commands()).toEqual(['ip link set dev eth1 down', 'ip link set dev eth1 up', 'ip link set dev eth1 down']);
    expect((await error(service.redo({ profileId: 'p1' })))?.code).toBe('invalid-input');
  });

  it('refuses an undo previewed before the history moved on', async () => {
    const { service } = setup();
    const first = await service.preview({ profileId: 'p1', intent: { kind: 'device-state', device: 'tester', up: true } });
    await service.apply({ profileId: 'p1', planId: first.planId });
    const undo = await service.undo({ profileId: 'p1' });
    const second = await service.preview({ profileId: 'p1', intent: { kind: 'device-state', device: 'eth1', up: false } });
    await service.apply({ profileId: 'p1', planId: second.planId });
    expect((await error(service.apply({ profileId: 'p1', planId: undo.planId })))?.message).toMatch(/history changed/);
  });

  it('keeps a failed plan for a re-run, and rolls back what took effect', async () => {
    let broken = true;
    const { service, commands } = setup([[(a) => broken && a.includes('net-start'), fails(1, 'error: error creating bridge interface virbr5: File exists')]]);
    const intent = { kind: 'network-create', spec: { name: 'vwx-n1', mode: 'isolated', bridge: 'virbr5' }, autostart: true } as const;
    const preview = await service.preview({ profileId: 'p1', intent });
    const failed = await service.apply({ profileId: 'p1', planId: preview.planId });
    expect(failed.steps.map((s) => s.outcome)).toEqual(['ran', 'failed', 'not-run']);
    expect(failed.steps[1]!.stderr).toBe('error: error creating bridge interface virbr5: File exists');
    expect(failed.rollback?.plan.steps.map((s) => s.argv.slice(3))).toEqual([['net-undefine', '--network', 'vwx-n1']]);
    expect((await service.history({ profileId: 'p1' })).applied).toEqual([]);
    const rolledBack = await service.rollback({ reportId: failed.reportId });
    expect(rolledBack).toMatchObject({ purpose: 'rollback', status: 'applied', planId: failed.rollback?.planId });
    expect((await error(service.rollback({ reportId: failed.reportId })))?.message).toMatch(/rolled back already/);
    broken = false;
    expect((await service.apply({ profileId: 'p1', planId: preview.planId })).status).toBe('applied');
    expect(commands().map((c) => c.split(' ')[3])).toEqual(['net-define', 'net-start', 'net-undefine', 'net-define', 'net-start', 'net-autostart']);
  });

  it('shows each step as the exact line the runner sends', async () => {
    const { service } = setup();
    const preview = await service.preview({ profileId: 'p1', intent: { kind: 'nic-detach', vm: 'web01', mac: '52:54:00:3b:00:01' } });
    expect(preview.steps.map((s) => s.commandLine)).toEqual(['virsh -c qemu:///system detach-interface --domain web01 --type network --mac 52:54:00:3b:00:01 --config']);
  });

  it('refuses to apply a plan whose VM changed on the host since the preview, running nothing', async () => {
    const { service, commands, live } = setup();
    const preview = await service.preview({ profileId: 'p1', intent: { kind: 'nic-detach', vm: 'web01', mac: '52:54:00:3b:00:01' } });
    const web01 = live.nodes.find((n) => n.name === 'web01')!;
    Object.assign(web01, { xml: (web01 as { xml: string }).xml.replace("<mtu size='1400'/>", "<mtu size='9000'/>") });
    const stale = await error(service.apply({ profileId: 'p1', planId: preview.planId }));
    expect(stale?.message).toMatch(/^VM `web01` changed on the host since this change was previewed; nothing was run/);
    expect(stale?.data).toEqual({ stale: { purpose: 'change', objects: ['vm:web01'] } });
    expect(commands()).toEqual([]);
    const fresh = await service.preview({ profileId: 'p1', intent: { kind: 'nic-detach', vm: 'web01', mac: '52:54:00:3b:00:01' } });
    expect((await service.apply({ profileId: 'p1', planId: fresh.planId })).status).toBe('applied');
    expect(fresh.steps[0]!.inverse?.stdin).toContain("<mtu size='9000'/>");
  });

  it('plans undo against the host as it is now: a VM stopped since gets no --live, a VM gone is refused', async () => {
    const { service, live } = setup();
    const change = await service.preview({ profileId: 'p1', intent: { kind: 'nic-attach', vm: 'centos7', target: { kind: 'network', network: 'isolated' }, mac: '52:54:00:0f:0f:0f' } });
    expect(change.steps[0]!.argv.slice(-2)).toEqual(['--live', '--config']);
    await service.apply({ profileId: 'p1', planId: change.planId });
    const centos7 = live.nodes.find((n) => n.name === 'centos7')!;
    centos7.state = 'shut off';
    const undo = await service.undo({ profileId: 'p1' });
    expect(undo.steps.map((s) => s.argv.slice(3))).toEqual([['detach-interface', '--domain', 'centos7', '--type', 'network', '--mac', '52:54:00:0f:0f:0f', '--config']]);
    expect(undo.steps[0]!.inverse?.argv.at(-1)).toBe('--config');
    expect(undo.warnings.join(' ')).toMatch(/VM `centos7` is not running any more/);
    live.nodes = live.nodes.filter((n) => n !== centos7);
    expect((await error(service.undo({ profileId: 'p1' })))?.message).toMatch(/^VM "centos7" is no longer on this host/);
  });

  it('refuses an expired preview and a plan of another host', async () => {
    let now = 0;
    const { service, commands } = setup([], () => now);
    const preview = await service.preview({ profileId: 'p1', intent: { kind: 'bridge-create', name: 'vwx-b3' } });
    expect((await error(service.apply({ profileId: 'p2', planId: preview.planId })))?.code).toBe('not-found');
    now = 31 * 60_000;
    expect((await error(service.apply({ profileId: 'p1', planId: preview.planId })))?.message).toMatch(/expired/);
    expect(commands()).toEqual([]);
  });

  it(`frees previews: once applied, after ${PREVIEW_TTL_MS / 60_000} minutes, and the oldest past ${PREVIEWS_KEPT}`, async () => {
    let now = 0;
    const { service } = setup([], () => now);
    const applied = await service.preview({ profileId: 'p1', intent: { kind: 'bridge-create', name: 'vwx-f0' } });
    expect(service.heldPreviews).toBe(1);
    await service.apply({ profileId: 'p1', planId: applied.planId });
    expect(service.heldPreviews).toBe(0);

    const old = await service.preview({ profileId: 'p1', intent: { kind: 'bridge-create', name: 'vwx-f1' } });
    now = PREVIEW_TTL_MS - 1;
    await service.preview({ profileId: 'p1', intent: { kind: 'bridge-create', name: 'vwx-f2' } });
    expect(service.heldPreviews).toBe(2);
    now = PREVIEW_TTL_MS;
    await service.preview({ profileId: 'p1', intent: { kind: 'bridge-create', name: 'vwx-f3' } });
    expect(service.heldPreviews).toBe(2); // the first expired and was freed
    expect((await error(service.apply({ profileId: 'p1', planId: old.planId })))?.code).toBe('not-found');

    const ids: string[] = [];
    for (let i = 0; i < PREVIEWS_KEPT + 10; i++) ids.push((await service.preview({ profileId: 'p1', intent: { kind: 'bridge-create', name: `vwx-g${i}` } })).planId);
    expect(service.heldPreviews).toBe(PREVIEWS_KEPT);
    expect((await error(service.apply({ profileId: 'p1', planId: ids[0]! })))?.code).toBe('not-found');
    expect((await service.apply({ profileId: 'p1', planId: ids.at(-1)! })).status).toBe('applied');
    expect(service.heldPreviews).toBe(PREVIEWS_KEPT - 1);
  });

  it('guards the interfaces carrying the default route or the session, read once per connection', async () => {
    const { service, host } = setup();
    const risky = await error(service.preview({ profileId: 'p1', intent: { kind: 'device-state', device: 'eth0', up: false } }));
    expect(risky?.data).toEqual({ risk: { kind: 'protected-interface', interfaces: ['eth0'] } });
    await service.preview({ profileId: 'p1', intent: { kind: 'device-state', device: 'eth0', up: false, confirmRisk: true } });
    expect(host.calls.filter((c) => c.argv[0] === 'sh')).toHaveLength(1);
  });

  it('turns a hostile name into invalid-input without running anything', async () => {
    const { service, host } = setup();
    await service.preview({ profileId: 'p1', intent: { kind: 'bridge-create', name: 'vwx-ok' } });
    const before = host.calls.length;
    for (const name of ['-rf', 'a b', 'a:b', '../x', 'a'.repeat(16), '']) {
      expect((await error(service.preview({ profileId: 'p1', intent: { kind: 'bridge-create', name } })))?.code, name).toBe('invalid-input');
    }
    expect(host.calls.length).toBe(before);
  });
});

describe('cancelling a change', () => {
  it('stops the running command and reports the change as cancelled, with nothing after it run', async () => {
    const host = scriptedHost([[has('sh', '-c'), ROUTES]]);
    const t = labTopology();
    const live: LiveHost = { profileId: 'p1', host: t.hosts[0]!, nodes: t.nodes, links: t.links, banners: [], refreshedAt: '' };
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    // the host's own behaviour for a command stopped by its signal (HostRunner rejects 'cancelled')
    const runner = {
      run: (argv: readonly string[], o?: { signal?: AbortSignal }) =>
        argv.includes('add')
          ? new Promise<never>((_resolve, reject) => {
              started();
              o?.signal?.addEventListener('abort', () => reject(new ApiError('cancelled', 'The command was cancelled.')));
            })
          : host.run([...argv], {}),
      commandLineFor: (argv: readonly string[]) => commandLine(argv),
    };
    const service = new PlanService({
      hosts: { runnerFor: () => runner, profile: () => ({ user: 'root', useSudo: false }) },
      live: { list: async () => ({ hosts: [live] }), refresh: async () => live },
      emit: () => undefined,
    });
    expect((await error(service.cancel({ planId: 'nothing-running' })))?.code).toBe('not-found');
    const preview = await service.preview({ profileId: 'p1', intent: { kind: 'bridge-create', name: 'vwx-c1' } });
    const applying = service.apply({ profileId: 'p1', planId: preview.planId });
    await running;
    await service.cancel({ planId: preview.planId });
    const report = await applying;
    expect(report.status).toBe('failed');
    expect(report.steps).toMatchObject([{ outcome: 'failed', detail: 'The command was cancelled.' }]);
    expect(report.error?.code).toBe('cancelled');
    // kept for a re-run, as a failed plan is, until it expires or its report is closed
    expect(service.heldPreviews).toBe(1);
    await service.cancel({ planId: preview.planId });
    expect(service.heldPreviews).toBe(0);
    expect((await error(service.apply({ profileId: 'p1', planId: preview.planId })))?.code).toBe('not-found');
    expect((await error(service.cancel({ planId: preview.planId })))?.code).toBe('not-found');
  });

  it('frees a preview whose dialog was closed: its id no longer applies, and nothing ran', async () => {
    const { service, commands } = setup();
    const closed = await service.preview({ profileId: 'p1', intent: { kind: 'bridge-create', name: 'vwx-x1' } });
    const kept = await service.preview({ profileId: 'p1', intent: { kind: 'bridge-create', name: 'vwx-x2' } });
    expect(service.heldPreviews).toBe(2);
    await service.cancel({ planId: closed.planId });
    expect(service.heldPreviews).toBe(1);
    const refused = await error(service.apply({ profileId: 'p1', planId: closed.planId }));
    expect(refused?.code).toBe('not-found');
    expect(refused?.message).toMatch(/preview the change again/);
    expect(commands()).toEqual([]);
    expect((await service.apply({ profileId: 'p1', planId: kept.planId })).status).toBe('applied');
    expect(commands()).toEqual(['ip link add name vwx-x2 type bridge']);
  });
});
