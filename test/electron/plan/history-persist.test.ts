// Change history kept on disk (issue 14): a change applied in one run can be undone in the next,
// planned afresh against the host as it is then — the commands made again from the stored
// operations, never replayed from the file — and refused, running nothing, when it no longer
// applies. A damaged history file is kept aside and the host starts with no history.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bounded, HistoryFiles, KEPT_ON_DISK } from '../../../electron/plan/history-store.ts';
import { PlanService } from '../../../electron/plan/service.ts';
import { commandLine } from '../../../electron/ssh/quote.ts';
import type { LiveHost } from '../../../shared/api/live.ts';
import type { HistoryEntry } from '../../../shared/api/plan.ts';
import type { StepNeeds } from '../../../shared/plan/ops.ts';
import type { Intent } from '../../../shared/plan/types.ts';
import type { Topology } from '../../../shared/topology/model.ts';
import { nodeId } from '../../../shared/topology/ids.ts';
import { HOST, labTopology } from '../../shared/plan/hosts.ts';
import { has, scriptedHost } from './scripted.ts';

const ROUTES = { code: 0, stdout: '[{"dst":"default","dev":"eth0"}]\n@@vw-route-of-session\n[{"dst":"10.0.0.9","dev":"eth0"}]\n', stderr: '' };
const PROFILE = 'p1';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'virtwire-history-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** One run of the app: a plan service on a scripted host whose topology the test sets, history in `dir`. */
function run(topology: Topology, problems: string[] = []) {
  const host = scriptedHost([[has('sh', '-c'), ROUTES]]);
  const state = { topology };
  const live = (): LiveHost => ({ profileId: PROFILE, host: state.topology.hosts[0]!, nodes: state.topology.nodes, links: state.topology.links, banners: [], refreshedAt: '' });
  const runner = {
    run: (argv: readonly string[], o?: { stdin?: string; needs?: StepNeeds }) => host.run([...argv], o ?? {}),
    commandLineFor: (argv: readonly string[]) => commandLine(argv),
  };
  const files = new HistoryFiles(dir, { onProblem: (m) => problems.push(m) });
  const service = new PlanService({
    hosts: { runnerFor: () => runner, profile: () => ({ user: 'root', useSudo: false }) },
    live: { list: async () => ({ hosts: [live()] }), refresh: async () => live() },
    emit: () => undefined,
    openHistory: (profileId) => files.open(profileId),
  });
  const commands = () => host.calls.map((c) => c.argv.join(' ')).filter((c) => !c.startsWith('sh -c') && !c.includes('domiflist'));
  return { service, state, files, commands, problems };
}

async function applyChange(app: ReturnType<typeof run>, intent: Intent): Promise<void> {
  const preview = await app.service.preview({ profileId: PROFILE, intent });
  expect((await app.service.apply({ profileId: PROFILE, planId: preview.planId })).status).toBe('applied');
  await app.files.flushed();
}

const withBridge = (name: string): Topology => {
  const t = labTopology();
  t.nodes.push({ id: nodeId(HOST, 'bridge', name), host: HOST, kind: 'bridge', name, state: 'up', up: true, managedBy: null, bridgeType: 'linux' });
  return t;
};

const WEB01_NIC = '52:54:00:3b:00:01';
const withoutWeb01Nic = (): Topology => {
  const t = labTopology();
  t.links = t.links.filter((l) => !(l.kind === 'nic' && l.mac === WEB01_NIC));
  return t;
};

describe('change history on disk', () => {
  it('undoes after a restart a change made before it, planned against the host as it is now', async () => {
    const first = run(labTopology());
    await applyChange(first, { kind: 'bridge-create', name: 'brx' });
    expect(first.commands()).toEqual(['ip link add name brx type bridge']);

    const second = run(withBridge('brx')); // a new process: nothing in memory, the host has brx
    const history = await second.service.history({ profileId: PROFILE });
    expect(history.applied.map((e) => e.plan.intent)).toEqual([{ kind: 'bridge-create', name: 'brx' }]);
    const undo = await second.service.undo({ profileId: PROFILE });
    expect(undo.steps.map((s) => s.argv.join(' '))).toEqual(['ip link del dev brx']);
    expect((await second.service.apply({ profileId: PROFILE, planId: undo.planId })).status).toBe('applied');
    expect(second.commands()).toEqual(['ip link del dev brx']);
    await second.files.flushed();

    // …and the undo itself is remembered: the next run can redo it
    const third = run(labTopology());
    expect((await third.service.history({ profileId: PROFILE })).undone).toHaveLength(1);
    const redo = await third.service.redo({ profileId: PROFILE });
    expect(redo.steps.map((s) => s.argv.join(' '))).toEqual(['ip link add name brx type bridge']);
  });

  it('refuses the undo, running nothing, when what it acts on is gone since', async () => {
    await applyChange(run(labTopology()), { kind: 'bridge-create', name: 'brx' });
    const later = run(labTopology()); // someone deleted brx by hand
    await expect(later.service.undo({ profileId: PROFILE })).rejects.toThrow(/interface `brx` is no longer on this host.*Nothing was changed/);
    expect(later.commands()).toEqual([]);
  });

  it('refuses the undo of a NIC detach when the NIC was put back by hand, and plans it when it is still gone', async () => {
    await applyChange(run(labTopology()), { kind: 'nic-detach', vm: 'web01', mac: WEB01_NIC });
    const putBack = run(labTopology());
    await expect(putBack.service.undo({ profileId: PROFILE })).rejects.toThrow(
      new RegExp(`recorded before VirtWire was restarted, and NIC ${WEB01_NIC} is on VM \`web01\` already.*no longer applies. Nothing was changed`),
    );
    expect(putBack.commands()).toEqual([]);

    const stillGone = run(withoutWeb01Nic());
    const undo = await stillGone.service.undo({ profileId: PROFILE });
    expect(undo.steps.map((s) => s.argv.join(' '))).toEqual(['virsh -c qemu:///system attach-device --domain web01 --file /dev/stdin --config']);
    expect(undo.steps[0]!.stdin).toContain(`<mac address='${WEB01_NIC}'/>`);
  });

  it('never runs the commands written in the file: they are made again from the operations', async () => {
    await applyChange(run(labTopology()), { kind: 'bridge-create', name: 'brx' });
    const [file] = await readdir(join(dir, 'history'));
    const path = join(dir, 'history', file!);
    const stored = JSON.parse(await readFile(path, 'utf8')) as { applied: HistoryEntry[] };
    stored.applied[0]!.plan.steps[0]!.inverse!.argv = ['sh', '-c', 'rm -rf /'];
    stored.applied[0]!.plan.steps[0]!.argv = ['sh', '-c', 'rm -rf /'];
    await writeFile(path, JSON.stringify(stored));
    const later = run(withBridge('brx'));
    const undo = await later.service.undo({ profileId: PROFILE });
    expect(undo.steps.map((s) => s.argv)).toEqual([['ip', 'link', 'del', 'dev', 'brx']]);
  });

  it('refuses a stored operation whose names are not valid, saying so', async () => {
    await applyChange(run(labTopology()), { kind: 'bridge-create', name: 'brx' });
    const [file] = await readdir(join(dir, 'history'));
    const path = join(dir, 'history', file!);
    const text = (await readFile(path, 'utf8')).replaceAll('"brx"', '"br x;reboot"');
    await writeFile(path, text);
    const later = run(withBridge('br x;reboot'));
    await expect(later.service.undo({ profileId: PROFILE })).rejects.toThrow(/names a bad name/);
    expect(later.commands()).toEqual([]);
  });

  it('keeps a damaged file aside as .bad and starts the host with no history', async () => {
    await applyChange(run(labTopology()), { kind: 'bridge-create', name: 'brx' });
    const [file] = await readdir(join(dir, 'history'));
    const path = join(dir, 'history', file!);
    await writeFile(path, '{"version":1,"profileId":"p1","applied":[{"changeId":""}]');
    const later = run(withBridge('brx'));
    expect(await later.service.history({ profileId: PROFILE })).toEqual({ applied: [], undone: [] });
    expect(later.problems).toHaveLength(1);
    expect(later.problems[0]).toMatch(/could not be read.*kept as .*\.bad/);
    expect(await readFile(`${path}.bad`, 'utf8')).toContain('"applied":[{"changeId":""}]');
    await expect(later.service.undo({ profileId: PROFILE })).rejects.toThrow(/no applied change to undo/);
  });

  it('keeps the newest changes within the bound', () => {
    const entry = (i: number): HistoryEntry => ({
      changeId: `c${i}`,
      appliedAt: '',
      reportId: `r${i}`,
      plan: { intent: { kind: 'bridge-create', name: `b${i}` }, steps: [], affects: { vms: [], summary: [] }, destructive: false, warnings: [] },
    });
    const many = Array.from({ length: KEPT_ON_DISK + 20 }, (_, i) => entry(i));
    const kept = bounded({ applied: many, undone: [entry(999)] });
    expect(kept.applied).toHaveLength(KEPT_ON_DISK);
    expect(kept.applied[0]!.changeId).toBe('c20');
    expect(kept.applied.at(-1)!.changeId).toBe(`c${KEPT_ON_DISK + 19}`);
    expect(kept.undone.map((e) => e.changeId)).toEqual(['c999']);
  });
});
