// npm run bench:edit — inside the lab (test/lab/lab.sh exec -- npx tsx test/bench/edit.bench.ts).
// A live NIC attach on guest1: the median time from "apply" until the re-read topology shows
// the NIC, against a raw `virsh attach-interface` over the same SSH connection, in one run
// (alternating, so both see the same load). Prints both and the ratio. Apply runs three remote
// commands where the raw attach runs one: it reads the VM again to refuse a plan whose VM
// changed since the preview, runs the attach exactly as previewed, and reads the VM back.
import { LiveService } from '../../electron/discovery/live.ts';
import { PlanService } from '../../electron/plan/service.ts';
import { HostRunner } from '../../electron/ssh/runner.ts';
import { labSession } from '../electron/ssh/support/session.ts';
import { labEnv } from '../lab/env.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const PROFILE = 'lab';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const lab = labEnv();
  if (!lab) throw new Error('run inside the lab: test/lab/lab.sh exec -- npx tsx test/bench/edit.bench.ts');
  const { session } = labSession(lab);
  await session.connect();
  const runner = new HostRunner(session, { host: 'lab', user: lab.sshUser, useSudo: false });
  const live = new LiveService(() => {});
  const host = { id: 'lab', label: 'lab', ssh: { host: lab.sshHost, port: lab.sshPort, user: lab.sshUser }, uri: lab.libvirtUri, capturedAt: '' };
  await live.attach({ profileId: PROFILE, host, run: (argv, o) => runner.run(argv, o), privileged: false });
  const plans = new PlanService({ hosts: { runnerFor: () => runner, profile: () => ({ user: lab.sshUser, useSudo: false }) }, live, emit: () => {} });
  const virsh = (...args: string[]) => ['virsh', '-c', lab.libvirtUri, ...args];
  const mac = (round: number) => `52:54:00:77:30:${round.toString(16).padStart(2, '0')}`;
  const detach = (m: string) => runner.run(virsh('detach-interface', '--domain', 'guest1', '--type', 'network', '--mac', m, '--live', '--config'));

  const raw: number[] = [];
  const viaPlan: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      const result = await runner.run(virsh('attach-interface', '--domain', 'guest1', '--type', 'network', '--source', 'isolated', '--model', 'virtio', '--mac', mac(round), '--live', '--config'));
      raw.push(performance.now() - started);
      if (result.code !== 0) throw new Error(result.stderr);
      await detach(mac(round));

      const m = mac(round + 0x80);
      const preview = await plans.preview({ profileId: PROFILE, intent: { kind: 'nic-attach', vm: 'guest1', target: { kind: 'network', network: 'isolated' }, mac: m } });
      const applyStarted = performance.now();
      const report = await plans.apply({ profileId: PROFILE, planId: preview.planId });
      const { hosts } = await live.list();
      const shown = hosts[0]?.links.some((l) => l.kind === 'nic' && l.mac === m && l.live);
      viaPlan.push(performance.now() - applyStarted);
      if (report.status !== 'applied' || !shown) throw new Error(`apply did not show the NIC: ${JSON.stringify(report.steps)}`);
      await detach(m);
    }
  } finally {
    session.disconnect();
  }
  const [r, p] = [median(raw), median(viaPlan)];
  console.log(`raw virsh attach-interface (same SSH connection): median ${r.toFixed(1)} ms over ${ROUNDS}`);
  console.log(`plan apply → re-read topology shows the NIC:      median ${p.toFixed(1)} ms over ${ROUNDS}`);
  console.log(`ratio ${(p / r).toFixed(2)}× (apply = check + attach + read back: 3 remote commands against 1)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
