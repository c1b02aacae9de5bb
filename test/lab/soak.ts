// npm run soak — inside a fresh lab (test/lab/lab.sh run -- npx tsx test/lab/soak.ts).
// The app's backend (createServices) stays connected to the lab host while a driver churns it:
// a NIC attached and detached with virsh every few seconds, a network started and stopped every
// minute, libvirtd restarted every 10 minutes (once, half way, in a run shorter than that).
// Prints the time from each change to the app pushing a picture that shows it (p50, p99), the
// backend's RSS and heap at the start, after 5 minutes and at the end, the SSH channels in use,
// the journal's size, and every event stream that ended with the journal's reason.
//   SOAK_MINUTES=30     how long to churn
//   SOAK_NIC_EVERY_S=3  seconds between NIC changes
import type { HostsService } from '../../electron/hosts/service.ts';
import { connectApp, nicOf, pushedWithin, restartLibvirtd, sleep, streamEnds, streamsBack, virsh, type LabApp } from '../electron/discovery/live-app.ts';
import { labEnv } from './env.ts';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const NIC_EVERY_MS = Number(process.env.SOAK_NIC_EVERY_S ?? 3) * 1000;
const NETWORK_EVERY_MS = 60_000;
const LIBVIRTD_EVERY_MS = 10 * 60_000;
const SAMPLE_EVERY_MS = 15_000;
const SHOWN_TIMEOUT_MS = 15_000;

interface Sample {
  atMin: number;
  rssMb: number;
  heapMb: number;
  channels: number;
  journal: number;
}

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
const percentile = (xs: number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

async function main(): Promise<void> {
  const lab = labEnv();
  if (!lab) throw new Error('run inside the lab: bash test/lab/lab.sh run -- npx tsx test/lab/soak.ts');
  const uri = lab.libvirtUri;
  const app: LabApp = await connectApp(lab, { keep: 20 });
  const hosts = app.api.hosts as HostsService;
  const started = Date.now();
  const minutes = () => (Date.now() - started) / 60_000;
  const latencies: { what: string; ms: number }[] = [];
  const failures: string[] = [];
  const samples: Sample[] = [];
  const restarts: { at: number; streamsBackMs: number }[] = [];

  const sample = async () => {
    const { rss, heapUsed } = process.memoryUsage();
    const journal = (await app.api.hosts.journal({})).entries.length;
    samples.push({ atMin: Math.round(minutes() * 10) / 10, rssMb: mb(rss), heapMb: mb(heapUsed), channels: hosts.runner(app.profileId).channelsInUse, journal });
  };
  /** Runs a change on the host and waits for the app to push a picture where `shows` holds. */
  const change = async (what: string, run: () => void, shows: Parameters<typeof pushedWithin>[2]) => {
    const since = Date.now();
    try {
      run();
      latencies.push({ what, ms: await pushedWithin(app, since, shows, SHOWN_TIMEOUT_MS, what) });
    } catch (e) {
      failures.push(`${minutes().toFixed(1)} min: ${what}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  };

  await sleep(2_500); // past the re-read after the streams open
  await sample();
  const nextAt = { nic: started, network: started + 20_000, libvirtd: started + Math.min(LIBVIRTD_EVERY_MS, (MINUTES * 60_000) / 2), sample: started + SAMPLE_EVERY_MS };
  let nicRound = 0;
  let attached: { vm: string; mac: string } | null = null;
  let sampledAt5 = false;
  while (Date.now() - started < MINUTES * 60_000) {
    const now = Date.now();
    if (now >= nextAt.libvirtd) {
      const since = Date.now();
      await restartLibvirtd(uri);
      const back = await streamsBack(app, uri, ['domain', 'network'], since, 60_000).catch((e: unknown) => (failures.push(`libvirtd restart: ${String(e)}`), NaN));
      restarts.push({ at: minutes(), streamsBackMs: back });
      nextAt.libvirtd += LIBVIRTD_EVERY_MS;
    } else if (now >= nextAt.network) {
      await change('network routed started', () => virsh(uri, 'net-start', 'routed'), (l) => l.nodes.some((n) => n.kind === 'network' && n.name === 'routed' && n.active === true));
      await sleep(5_000);
      await change('network routed stopped', () => virsh(uri, 'net-destroy', 'routed'), (l) => l.nodes.some((n) => n.kind === 'network' && n.name === 'routed' && n.active === false));
      nextAt.network += NETWORK_EVERY_MS;
    } else if (now >= nextAt.nic) {
      if (attached) {
        const { vm, mac } = attached;
        await change(`NIC detached from ${vm}`, () => virsh(uri, 'detach-interface', vm, '--type', 'network', '--mac', mac, '--live'), (l) => nicOf(l, mac) === undefined);
        attached = null;
      } else {
        const vm = nicRound % 2 === 0 ? 'guest1' : 'guest2';
        const mac = `52:54:00:5a:${((nicRound >> 8) & 0xff).toString(16).padStart(2, '0')}:${(nicRound & 0xff).toString(16).padStart(2, '0')}`;
        nicRound += 1;
        await change(`NIC attached to ${vm}`, () => virsh(uri, 'attach-interface', vm, '--type', 'network', '--source', 'isolated', '--model', 'virtio', '--mac', mac, '--live'), (l) => nicOf(l, mac)?.live === true);
        attached = { vm, mac };
      }
      nextAt.nic += NIC_EVERY_MS;
    } else if (now >= nextAt.sample) {
      await sample();
      if (!sampledAt5 && minutes() >= 5) sampledAt5 = true;
      nextAt.sample += SAMPLE_EVERY_MS;
    } else {
      await sleep(Math.max(10, Math.min(nextAt.nic, nextAt.network, nextAt.libvirtd, nextAt.sample) - Date.now()));
    }
  }
  if (attached) virsh(uri, 'detach-interface', attached.vm, '--type', 'network', '--mac', attached.mac, '--live');
  await sample();

  const journal = await app.api.hosts.journal({});
  const ends = streamEnds(journal.entries, started);
  const ms = latencies.map((l) => l.ms);
  const at5 = samples.find((s) => s.atMin >= 5) ?? null;
  const first = samples[0]!;
  const last = samples.at(-1)!;
  const out = (line: string) => console.log(line);
  out(`soak: ${MINUTES} min against the lab, ${latencies.length} changes shown (${nicRound} NIC attaches, each detached; a network start/stop a minute; ${restarts.length} libvirtd restart(s))`);
  out(`event → graph: p50 ${percentile(ms, 50)} ms, p99 ${percentile(ms, 99)} ms, max ${Math.max(...ms)} ms (n=${ms.length})`);
  for (const kind of ['NIC attached', 'NIC detached', 'network routed']) {
    const xs = latencies.filter((l) => l.what.startsWith(kind)).map((l) => l.ms);
    if (xs.length > 0) out(`  ${kind}: p50 ${percentile(xs, 50)} ms, p99 ${percentile(xs, 99)} ms (n=${xs.length})`);
  }
  for (const r of restarts) out(`libvirtd restarted at ${r.at.toFixed(1)} min: streams back and the host re-read ${r.streamsBackMs} ms after it was stopped`);
  out(`backend RSS: ${first.rssMb} MB at start, ${at5 ? `${at5.rssMb} MB at ${at5.atMin} min, ` : ''}${last.rssMb} MB at the end${at5 ? ` (${(((last.rssMb - at5.rssMb) / at5.rssMb) * 100).toFixed(1)} % after the first 5 minutes)` : ''}`);
  out(`backend heap used: ${first.heapMb} MB at start, ${at5 ? `${at5.heapMb} MB at ${at5.atMin} min, ` : ''}${last.heapMb} MB at the end`);
  const channels = samples.map((s) => s.channels);
  out(`SSH channels in use: ${Math.min(...channels)}–${Math.max(...channels)} over ${samples.length} samples (the 3 event streams, plus a read when one was running); at the end ${last.channels}`);
  out(`journal: ${journal.entries.length} entries (limit ${journal.limit}, ${journal.dropped} dropped)`);
  out(`event streams that ended: ${ends.length}`);
  for (const e of ends) out(`  ${e.time} ${e.argv.slice(0, 4).join(' ')}…: ${e.ended}${e.stderr ? ` — stderr: ${e.stderr.split('\n').at(-1)}` : ''}`);
  out(`unexplained stream ends (no reason in the journal): ${ends.filter((e) => !e.ended).length}`);
  out(`changes not shown within ${SHOWN_TIMEOUT_MS / 1000} s: ${failures.length}`);
  for (const f of failures) out(`  ${f}`);
  out(`samples (min, RSS MB, heap MB, channels, journal): ${samples.map((s) => `${s.atMin}/${s.rssMb}/${s.heapMb}/${s.channels}/${s.journal}`).join(' ')}`);
  await app.close();
  process.exitCode = failures.length > 0 ? 1 : 0;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
