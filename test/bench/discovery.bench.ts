// npm run bench:discovery — discovery of the lab host (seeded with LAB_SCALE, 200 by default)
// against two baselines measured in the same run over the same SSH connection:
//   naive: one remote command per object (`virsh … dumpxml UUID`, `net-info`, …), in sequence
//   raw:   one hand-written batched shell command doing the same reads (its output is received,
//          not parsed)
// Prints medians, the ratios, and the SSH round trips each approach takes.
import { performance } from 'node:perf_hooks';
import { discoverHost } from '../../electron/discovery/discover.ts';
import { HostRunner } from '../../electron/ssh/runner.ts';
import type { HostRecord } from '../../shared/topology/model.ts';
import { labSession } from '../electron/ssh/support/session.ts';
import { labEnv } from '../lab/env.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** the naive baseline takes minutes at scale (one SSH command per object): once is enough there */
const NAIVE_RUNS = Number(process.env.BENCH_NAIVE_RUNS ?? (Number(process.env.LAB_SCALE ?? 200) > 200 ? 1 : RUNS));

// virsh takes its batch as one argument, and Linux caps one argument at 128 KiB: past ~850
// VMs a single batch fails before virsh runs (E2BIG). So the batch goes in pieces of 150 objects,
// as the probe's do (xargs makes each piece one argument).
const RAW = String.raw`
uri=$1
{
  for u in $(virsh -c "$uri" net-list --all --uuid); do echo "net-info $u; net-dumpxml $u;"; done
  for u in $(virsh -c "$uri" list --all --uuid); do echo "dominfo $u; dumpxml $u; dumpxml --inactive $u;"; done
} | xargs -d '
' -n 150 sh -c 'virsh -c "$0" "$*"' "$uri"
ip -j -d link show; bridge -j link show; ip -j route show default
`;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function main(): Promise<void> {
  const lab = labEnv();
  if (!lab) throw new Error('bench:discovery runs inside the lab: LAB_SCALE=200 test/lab/lab.sh run -- npx tsx test/bench/discovery.bench.ts');
  const { session } = labSession(lab);
  await session.connect();
  let trips = 0;
  const runner = new HostRunner(session, { host: 'lab', user: lab.sshUser, useSudo: false });
  const run = (argv: string[], options?: { privileged?: boolean; timeout?: number }) => ((trips += 1), runner.run(argv, options));
  const host: HostRecord = {
    id: `root@${lab.sshHost}:${lab.sshPort}`, label: 'lab', ssh: { host: lab.sshHost, port: lab.sshPort, user: lab.sshUser }, uri: lab.libvirtUri, capturedAt: '',
  };
  const uri = lab.libvirtUri;
  const virsh = (...args: string[]) => run(['virsh', '-c', uri, ...args]);
  const uuids = async (...args: string[]) => (await virsh(...args)).stdout.split('\n').map((l) => l.trim()).filter(Boolean);

  const naive = async () => {
    for (const u of await uuids('net-list', '--all', '--uuid')) {
      await virsh('net-info', u);
      await virsh('net-dumpxml', u);
    }
    for (const u of await uuids('list', '--all', '--uuid')) {
      await virsh('dominfo', u);
      await virsh('dumpxml', u);
      await virsh('dumpxml', '--inactive', u);
    }
    for (const argv of [['ip', '-j', '-d', 'link', 'show'], ['bridge', '-j', 'link', 'show'], ['ip', '-j', 'route', 'show', 'default']]) await run(argv);
  };
  const raw = () => run(['sh', '-c', RAW, 'raw', uri]);
  let found = await discoverHost(run, host); // warm up libvirtd's and the connection's caches

  const results: Record<string, { ms: number[]; trips: number }> = { app: { ms: [], trips: 0 }, raw: { ms: [], trips: 0 }, naive: { ms: [], trips: 0 } };
  for (let i = 0; i < RUNS; i += 1) {
    for (const [name, fn] of [['app', async () => (found = await discoverHost(run, host))], ['raw', raw], ['naive', naive]] as const) {
      if (name === 'naive' && i >= NAIVE_RUNS) continue;
      trips = 0;
      results[name]!.ms.push(await time(fn));
      results[name]!.trips = trips;
    }
  }
  session.disconnect();
  const objects = found.topology.nodes.length;
  const vms = found.topology.nodes.filter((n) => n.kind === 'vm').length;
  const networks = found.topology.nodes.filter((n) => n.kind === 'network').length;
  const app = median(results.app!.ms);
  const rawMs = median(results.raw!.ms);
  const naiveMs = NAIVE_RUNS > 0 ? median(results.naive!.ms) : NaN;
  console.log(`bench:discovery — lab host with ${vms} VMs, ${networks} networks, ${objects} objects; median of ${RUNS} runs (naive: ${Math.min(RUNS, NAIVE_RUNS)})`);
  console.log(`  app discovery   ${app.toFixed(0).padStart(7)} ms   ${results.app!.trips} SSH round trip(s)`);
  console.log(`  raw batched     ${rawMs.toFixed(0).padStart(7)} ms   ${results.raw!.trips} SSH round trip(s)`);
  if (NAIVE_RUNS > 0) console.log(`  naive per-object${naiveMs.toFixed(0).padStart(7)} ms   ${results.naive!.trips} SSH round trip(s)`);
  console.log(`  ${NAIVE_RUNS > 0 ? `naive / app = ${(naiveMs / app).toFixed(1)}x (target ≥ 10x);  ` : ''}app / raw = ${(app / rawMs).toFixed(2)}x (target ≤ 1.5x)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
