// PlanService.previewDesired: a saved topology planned against the host read just now, kept as
// a preview like any change (applied by id, recorded for undo), with what it leaves alone.
import { describe, expect, it } from 'vitest';
import { PlanService } from '../../../electron/plan/service.ts';
import { commandLine } from '../../../electron/ssh/quote.ts';
import type { LiveHost } from '../../../shared/api/live.ts';
import { ApiError } from '../../../shared/errors.ts';
import type { StepNeeds } from '../../../shared/plan/ops.ts';
import type { Topology } from '../../../shared/topology/model.ts';
import { HOST, labTopology } from '../../shared/plan/hosts.ts';
import { has, scriptedHost } from './scripted.ts';

const ROUTES = { code: 0, stdout: '[{"dst":"default","dev":"eth0"}]\n@@vw-route-of-session\n[{"dst":"10.0.0.9","dev":"eth0"}]\n', stderr: '' };

function setup(change: (host: Topology) => void) {
  const host = scriptedHost([[has('sh', '-c'), ROUTES]]);
  const t = labTopology();
  change(t);
  const live: LiveHost = { profileId: 'p1', host: t.hosts[0]!, nodes: t.nodes, links: t.links, banners: [], refreshedAt: '' };
  const scopes: unknown[] = [];
  const runner = {
    run: (argv: readonly string[], o?: { stdin?: string; needs?: StepNeeds }) => host.run([...argv], o ?? {}),
    commandLineFor: (argv: readonly string[]) => commandLine(argv),
  };
  const service = new PlanService({
    hosts: { runnerFor: () => runner, profile: () => ({ user: 'root', useSudo: false }) },
    live: { list: async () => ({ hosts: [live] }), refresh: async () => live, refreshScope: async (_p, scope) => (scopes.push(scope), live) },
    emit: () => undefined,
  });
  const commands = () => host.calls.map((c) => c.argv.join(' ')).filter((c) => !c.startsWith('sh -c') && !c.includes('domiflist'));
  return { service, commands, scopes };
}

describe('PlanService.previewDesired', () => {
  it('previews the plan that makes the host match the file, applies it by id and records it for undo', async () => {
    const { service, commands, scopes } = setup((h) => {
      h.nodes = h.nodes.filter((n) => n.name !== 'tap-free');
      h.nodes.push({ id: `${HOST}/tap/extra`, host: HOST, kind: 'tap', name: 'extra', state: 'down', up: false, managedBy: null });
      const net = h.nodes.find((n) => n.kind === 'network' && n.name === 'default');
      if (net?.kind === 'network') net.autostart = false;
    });
    const preview = await service.previewDesired({ profileId: 'p1', topology: labTopology(), fileHost: HOST });
    expect(preview.plan?.steps.map((s) => `${s.argv.join(' ')} [${s.impact?.when}]`)).toEqual([
      'ip tuntap add dev tap-free mode tap [now]',
      'virsh -c qemu:///system net-autostart --network default [host-boot]',
    ]);
    expect(preview.plan?.intents?.map((i) => i.kind)).toEqual(['tap-create', 'network-autostart']);
    expect(preview.leftAlone.map((u) => u.item.name)).toEqual(['extra']);
    expect(preview.cannot).toEqual([]);
    const report = await service.apply({ profileId: 'p1', planId: preview.plan!.planId });
    expect(report.status).toBe('applied');
    expect(commands()).toEqual(['ip tuntap add dev tap-free mode tap', 'virsh -c qemu:///system net-autostart --network default']);
    // a plan of several intents is checked and read back as a whole host
    expect(scopes).toEqual([{ kind: 'all' }, { kind: 'all' }]);
    const [entry] = (await service.history({ profileId: 'p1' })).applied;
    expect(entry?.plan.intents?.map((i) => i.kind)).toEqual(['tap-create', 'network-autostart']);
  });

  it('with prune plans the removal too, and has nothing to run when the host matches', async () => {
    const extra = (h: Topology) => h.nodes.push({ id: `${HOST}/tap/extra`, host: HOST, kind: 'tap', name: 'extra', state: 'down', up: false, managedBy: null });
    const pruned = await setup(extra).service.previewDesired({ profileId: 'p1', topology: labTopology(), fileHost: HOST, prune: true });
    expect(pruned.plan?.steps.map((s) => s.argv.join(' '))).toEqual(['ip tuntap del dev extra mode tap']);
    const same = await setup(() => undefined).service.previewDesired({ profileId: 'p1', topology: labTopology(), fileHost: HOST });
    expect(same).toEqual({ plan: null, leftAlone: [], cannot: [] });
  });

  it('refuses a file host the file does not hold', async () => {
    const error = await setup(() => undefined)
      .service.previewDesired({ profileId: 'p1', topology: labTopology(), fileHost: 'nobody@nowhere' })
      .then(() => null, (e: unknown) => ApiError.from(e));
    expect(error?.message).toBe('The file holds no host "nobody@nowhere".');
  });
});
