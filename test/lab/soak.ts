// npm run soak — inside a fresh lab (test/lab/lab.sh run -- npx tsx test/lab/soak.ts).
// The app's backend (createServices) stays connected to the lab host while a driver churns it:
// a NIC attached and detached with virsh every few seconds, a network started and stopped every
// minute, libvirtd restarted every 10 minutes (once, half way, in a run shorter than that).
// The real UI is open meanwhile in browser mode, in headless Chromium, on the same services
// (test/lab/soak-page.ts; needs `npm run build`).
// Prints, for each change, the time until the page's graph shows it (what the user sees) and
// until the backend pushed it (p50, p99); the backend's RSS and heap and the page's JS heap at
// the start, after 5 minutes and at the end, each after a forced garbage collection; the SSH
// channels in use, the journal's size, and every event stream that ended with the journal's reason.
//   SOAK_MINUTES=30     how long to churn
//   SOAK_NIC_EVERY_S=3  seconds between NIC changes
//   SOAK_HEAP_SNAPSHOTS=DIR  also write the backend's heap snapshots there at 5 minutes and at the end
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { HostsService } from '../../electron/hosts/service.ts';
import { connectApp, keptVirshReads, nicOf, probeReads, pushedWithin, restartLibvirtd, sleep, streamEnds, streamsBack, uuidsRead, virsh, virshAsync, type LabApp } from '../electron/discovery/live-app.ts';
import { labEnv } from './env.ts';
import { soakPage, type Shows, type SoakPage } from './soak-page.ts';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const NIC_EVERY_MS = Number(process.env.SOAK_NIC_EVERY_S ?? 3) * 1000;
const NETWORK_EVERY_MS = 60_000;
const LIBVIRTD_EVERY_MS = 10 * 60_000;
const SAMPLE_EVERY_MS = 15_000;
const SHOWN_TIMEOUT_MS = 15_000;
const PAGE_HEAP_EVERY_MS = 60_000;
const SNAPSHOTS = process.env.SOAK_HEAP_SNAPSHOTS;

// Memory is sampled after a full collection, so a figure is what is held, not garbage not yet collected.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

interface Sample {
  atMin: number;
  rssMb: number;
  heapMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  channels: number;
  journal: number;
  /** characters of the journal's command lines (a probe's is its whole script, ~3.3 KB) */
  journalKb: number;
  /** the page's JS heap after a forced collection (every PAGE_HEAP_EVERY_MS) */
  pageHeapMb?: number;
}

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
const percentile = (xs: number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

/**
 * When libvirt emitted each event, as a listener of its own sees it: `virsh event` and
 * `virsh net-event` run here, beside libvirtd (not through SSH), and print the time each event
 * reached them. A change's event → graph time counts from that, which is what the user waits for
 * once the host has changed, whatever the driver's own virsh took before or after.
 */
function eventClock(uri: string): { firstAfter(object: string, since: number): number | undefined; close(): void } {
  const seen: { at: number; object: string }[] = [];
  const LINE = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})([+-]\d{4}): event '[^']+' for (?:domain '(.+?)'|network (\S+?)):/;
  const listeners = new Set<ReturnType<typeof spawn>>();
  let closed = false;
  // virsh event --loop ends when libvirtd restarts: listen again, as the app does
  const listen = (args: string[]) => {
    if (closed) return;
    const child = spawn('virsh', ['-c', uri, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    listeners.add(child);
    let rest = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        const m = LINE.exec(line);
        if (m) seen.push({ at: Date.parse(`${m[1]}T${m[2]}${m[3]!.slice(0, 3)}:${m[3]!.slice(3)}`), object: m[4] ?? m[5]! });
      }
      if (seen.length > 2_000) seen.splice(0, 1_000);
    });
    child.on('exit', () => {
      listeners.delete(child);
      setTimeout(() => listen(args), 200);
    });
  };
  listen(['event', '--all', '--loop', '--timestamp']);
  listen(['net-event', '--event', 'lifecycle', '--loop', '--timestamp']);
  return {
    firstAfter: (object, since) => seen.find((e) => e.object === object && e.at >= since - 5)?.at,
    close: () => {
      closed = true;
      for (const c of listeners) c.kill();
    },
  };
}

async function main(): Promise<void> {
  const lab = labEnv();
  if (!lab) throw new Error('run inside the lab: bash test/lab/lab.sh run -- npx tsx test/lab/soak.ts');
  const uri = lab.libvirtUri;
  let page: SoakPage | null = null;
  const events = eventClock(uri);
  const app: LabApp = await connectApp(lab, { keep: 20, forward: (event, payload) => page?.broadcast(event, payload) });
  page = await soakPage(app.api);
  await page.open();
  const hosts = app.api.hosts as HostsService;
  const started = Date.now();
  const minutes = () => (Date.now() - started) / 60_000;
  /** per change: from the start of its virsh command (`since`) to virsh returning, the backend's push and the page's frame */
  const latencies: { what: string; since: number; virshMs: number; ms: number; pageMs: number; eventMs: number }[] = [];
  const failures: string[] = [];
  const samples: Sample[] = [];
  const restarts: { at: number; streamsBackMs: number }[] = [];

  let pageHeapAt = 0;
  const sample = async (force = false) => {
    const { entries } = await app.api.hosts.journal({});
    const pageHeap = force || Date.now() >= pageHeapAt ? await page.heapUsed() : undefined;
    if (pageHeap !== undefined) pageHeapAt = Date.now() + PAGE_HEAP_EVERY_MS;
    collectGarbage();
    const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
    samples.push({
      atMin: Math.round(minutes() * 10) / 10,
      rssMb: mb(rss),
      heapMb: mb(heapUsed),
      externalMb: mb(external),
      arrayBuffersMb: mb(arrayBuffers),
      channels: hosts.runner(app.profileId).channelsInUse,
      journal: entries.length,
      journalKb: Math.round(entries.reduce((n, e) => n + e.commandLine.length + (e.stderr?.length ?? 0), 0) / 1024),
      ...(pageHeap !== undefined ? { pageHeapMb: mb(pageHeap) } : {}),
    });
  };
  const snapshot = (name: string) => {
    if (SNAPSHOTS) console.log(`heap snapshot: ${writeHeapSnapshot(join(SNAPSHOTS, `soak-${name}.heapsnapshot`))}`);
  };
  /**
   * Runs a change on the host; waits for the backend to push a picture where `pushed` holds and
   * for the page's graph to show it. Both times are from the start of the virsh command.
   */
  const change = async (what: string, object: string, run: () => Promise<unknown>, pushed: Parameters<typeof pushedWithin>[2], shows: Shows) => {
    const since = Date.now();
    const drawn = page.watch(shows, SHOWN_TIMEOUT_MS);
    drawn.catch(() => undefined);
    try {
      await run();
      const virshMs = Date.now() - since;
      const ms = await pushedWithin(app, since, pushed, SHOWN_TIMEOUT_MS, what);
      const pageMs = (await drawn.catch((e: unknown) => {
        throw new Error(`the page did not show it within ${SHOWN_TIMEOUT_MS} ms: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      })) - since;
      const eventAt = events.firstAfter(object, since);
      latencies.push({ what, since, virshMs, ms, pageMs, eventMs: eventAt === undefined ? NaN : eventAt - since });
    } catch (e) {
      failures.push(`${minutes().toFixed(1)} min: ${what}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  };

  await sleep(2_500); // past the re-read after the streams open
  await sample(true);
  const nextAt = { nic: started, network: started + 20_000, libvirtd: started + Math.min(LIBVIRTD_EVERY_MS, (MINUTES * 60_000) / 2), sample: started + SAMPLE_EVERY_MS };
  let nicRound = 0;
  let attached: { vm: string; mac: string } | null = null;
  let sampledAt5 = false;
  while (Date.now() - started < MINUTES * 60_000) {
    const now = Date.now();
    if (now >= nextAt.sample) {
      const fiveMinutes = !sampledAt5 && minutes() >= 5;
      await sample(fiveMinutes);
      if (fiveMinutes) {
        sampledAt5 = true;
        snapshot('5min');
      }
      // after a stall, the next sample is a full interval away rather than a burst of catching up
      nextAt.sample = Math.max(nextAt.sample + SAMPLE_EVERY_MS, Date.now() + SAMPLE_EVERY_MS / 2);
    } else if (now >= nextAt.libvirtd) {
      const since = Date.now();
      await restartLibvirtd(uri);
      const back = await streamsBack(app, uri, ['domain', 'network'], since, 60_000).catch((e: unknown) => (failures.push(`libvirtd restart: ${String(e)}`), NaN));
      restarts.push({ at: minutes(), streamsBackMs: back });
      nextAt.libvirtd += LIBVIRTD_EVERY_MS;
    } else if (now >= nextAt.network) {
      await change('network routed started', 'routed', () => virshAsync(uri, 'net-start', 'routed'), (l) => l.nodes.some((n) => n.kind === 'network' && n.name === 'routed' && n.active === true), { network: 'routed', active: true });
      await sleep(5_000);
      await change('network routed stopped', 'routed', () => virshAsync(uri, 'net-destroy', 'routed'), (l) => l.nodes.some((n) => n.kind === 'network' && n.name === 'routed' && n.active === false), { network: 'routed', active: false });
      nextAt.network += NETWORK_EVERY_MS;
    } else if (now >= nextAt.nic) {
      if (attached) {
        const { vm, mac } = attached;
        await change(`NIC detached from ${vm}`, vm, () => virshAsync(uri, 'detach-interface', vm, '--type', 'network', '--mac', mac, '--live'), (l) => nicOf(l, mac) === undefined, { nic: mac, present: false });
        attached = null;
      } else {
        const vm = nicRound % 2 === 0 ? 'guest1' : 'guest2';
        const mac = `52:54:00:5a:${((nicRound >> 8) & 0xff).toString(16).padStart(2, '0')}:${(nicRound & 0xff).toString(16).padStart(2, '0')}`;
        nicRound += 1;
        await change(`NIC attached to ${vm}`, vm, () => virshAsync(uri, 'attach-interface', vm, '--type', 'network', '--source', 'isolated', '--model', 'virtio', '--mac', mac, '--live'), (l) => nicOf(l, mac)?.live === true, { nic: mac, present: true });
        attached = { vm, mac };
      }
      nextAt.nic += NIC_EVERY_MS;
    } else {
      await sleep(Math.max(10, Math.min(nextAt.nic, nextAt.network, nextAt.libvirtd, nextAt.sample) - Date.now()));
    }
  }
  if (attached) virsh(uri, 'detach-interface', attached.vm, '--type', 'network', '--mac', attached.mac, '--live');
  await sample(true);
  snapshot('end');

  const journal = await app.api.hosts.journal({});
  const ends = streamEnds(journal.entries, started);
  const ms = latencies.map((l) => l.ms);
  const pageMs = latencies.map((l) => l.pageMs);
  const at5 = samples.find((s) => s.atMin >= 5) ?? null;
  const first = samples[0]!;
  const last = samples.at(-1)!;
  const growth = (from: number, to: number) => `${to >= from ? '+' : ''}${(((to - from) / from) * 100).toFixed(1)} %`;
  const trio = (f: (s: Sample) => number | undefined, unit = 'MB') =>
    `${f(first)} ${unit} at start, ${at5 ? `${f(at5)} ${unit} at ${at5.atMin} min, ` : ''}${f(last)} ${unit} at the end${at5 ? ` (${growth(f(at5)!, f(last)!)} after the first 5 minutes)` : ''}`;
  const out = (line: string) => console.log(line);
  out(`soak: ${MINUTES} min against the lab, ${latencies.length} changes shown (${nicRound} NIC attaches, each detached; a network start/stop a minute; ${restarts.length} libvirtd restart(s))`);
  out(`event → graph drawn in the page: p50 ${percentile(pageMs, 50)} ms, p99 ${percentile(pageMs, 99)} ms, max ${Math.max(...pageMs)} ms (n=${pageMs.length})`);
  out(`event → backend push: p50 ${percentile(ms, 50)} ms, p99 ${percentile(ms, 99)} ms, max ${Math.max(...ms)} ms`);
  // The event is emitted while virsh runs (before it returns), so the time from start counts the
  // driver's own SSH session and virsh's run too; from virsh returning is the lower bound.
  const afterVirsh = latencies.map((l) => l.pageMs - l.virshMs);
  out(`virsh returned → graph drawn (the event came between its start and this): p50 ${percentile(afterVirsh, 50)} ms, p99 ${percentile(afterVirsh, 99)} ms, max ${Math.max(...afterVirsh)} ms`);
  // The event itself, as a listener of its own beside libvirtd got it: the user's wait starts there.
  const fromEvent = latencies.filter((l) => !Number.isNaN(l.eventMs)).map((l) => l.pageMs - l.eventMs);
  out(`libvirt's event (seen by a listener beside libvirtd) → graph drawn: p50 ${percentile(fromEvent, 50)} ms, p99 ${percentile(fromEvent, 99)} ms, max ${Math.max(...fromEvent)} ms (n=${fromEvent.length}; ${latencies.length - fromEvent.length} changes whose event the listener missed)`);
  for (const kind of ['NIC attached', 'NIC detached', 'network routed']) {
    const of = latencies.filter((l) => l.what.startsWith(kind));
    if (of.length === 0) continue;
    const [push, drawn] = [of.map((l) => l.ms), of.map((l) => l.pageMs)];
    const afterEvent = of.filter((l) => !Number.isNaN(l.eventMs)).map((l) => l.pageMs - l.eventMs);
    out(`  ${kind}: drawn p50 ${percentile(drawn, 50)} ms, p99 ${percentile(drawn, 99)} ms; pushed p50 ${percentile(push, 50)} ms, p99 ${percentile(push, 99)} ms; from the event p50 ${percentile(afterEvent, 50)} ms, p99 ${percentile(afterEvent, 99)} ms (n=${of.length})`);
  }
  // Where the time goes, from the journal: the probe read that produced each push (the last one to
  // end before it), so virsh's own run, the wait for the event and the settle delay, the read, and
  // what the backend does with it after.
  // A read of named objects is the probe (the kernel's links) and the kept virsh's runs with the same marker, side by side.
  const kept = keptVirshReads(journal.entries, started);
  const probes = probeReads(journal.entries, started).map((e) => {
    const marker = e.argv[4] ?? '';
    const parts = [e, ...kept.filter((k) => k.argv[3]!.includes(`${marker} `))];
    const start = Math.min(...parts.map((p) => Date.parse(p.time)));
    const end = Math.max(...parts.map((p) => Date.parse(p.time) + p.durationMs));
    return { start, end, scope: parts.length > 1 ? `kept virsh, ${uuidsRead(parts[1]!).length} object(s)` : (e.argv[6] ?? '?') };
  });
  const parts = latencies.map((l) => {
    const pushAt = l.since + l.ms;
    const probe = probes.filter((p) => p.end <= pushAt + 5).at(-1);
    return { ...l, toRead: probe ? probe.start - l.since - (Number.isNaN(l.eventMs) ? l.virshMs : l.eventMs) : NaN, read: probe ? probe.end - probe.start : NaN, afterRead: probe ? pushAt - probe.end : NaN, scope: probe?.scope ?? '?' };
  });
  const spread = (xs: number[]) => `p50 ${percentile(xs, 50)} / p99 ${percentile(xs, 99)}`;
  out(`where the time goes (ms): virsh's own run ${spread(parts.map((p) => p.virshMs))}; the event (from virsh starting) ${spread(parts.map((p) => p.eventMs).filter((x) => !Number.isNaN(x)))}; from the event (or, where the listener missed it, virsh returning) until the read starts (settle, a read already running) ${spread(parts.map((p) => p.toRead))}; the read ${spread(parts.map((p) => p.read))}; after the read until pushed ${spread(parts.map((p) => p.afterRead))}; push → page frame ${spread(parts.map((p) => p.pageMs - p.ms))}`);
  const slow = [...parts].sort((a, b) => b.pageMs - a.pageMs).slice(0, 10);
  out(`slowest: ${slow.map((l) => `${l.what} ${l.pageMs} ms (virsh ${l.virshMs}, event at ${l.eventMs}, to read ${l.toRead}, read[${l.scope}] ${l.read}, after ${l.afterRead})`).join('; ')}`);
  for (const r of restarts) out(`libvirtd restarted at ${r.at.toFixed(1)} min: streams back and the host re-read ${r.streamsBackMs} ms after it was stopped`);
  out(`backend RSS: ${trio((s) => s.rssMb)}`);
  out(`backend heap used: ${trio((s) => s.heapMb)}; external ${first.externalMb} → ${last.externalMb} MB, array buffers ${first.arrayBuffersMb} → ${last.arrayBuffersMb} MB`);
  out(`journal command lines: ${trio((s) => s.journalKb, 'KB')} (the journal keeps the last ${journal.limit} commands; a probe's line is its whole script)`);
  out(`backend heap used without the journal's command lines: ${trio((s) => Math.round((s.heapMb - s.journalKb / 1024) * 10) / 10)}`);
  const pageHeaps = samples.filter((s) => s.pageHeapMb !== undefined);
  const page5 = pageHeaps.find((s) => s.atMin >= 5);
  out(`renderer heap (page, after GC): ${pageHeaps[0]?.pageHeapMb} MB at start, ${page5 ? `${page5.pageHeapMb} MB at ${page5.atMin} min, ` : ''}${pageHeaps.at(-1)?.pageHeapMb} MB at the end`);
  const pageErrors = await page.errors();
  out(`page errors: ${pageErrors.length}${pageErrors.length ? ` (${pageErrors.slice(0, 3).join('; ')})` : ''}`);
  const channels = samples.map((s) => s.channels);
  out(`SSH channels in use: ${Math.min(...channels)}–${Math.max(...channels)} over ${samples.length} samples (the 3 event streams, the shell and the virsh kept for reads, plus a read on a channel of its own when the kept shell was busy); at the end ${last.channels}`);
  out(`journal: ${journal.entries.length} entries (limit ${journal.limit}, ${journal.dropped} dropped)`);
  out(`event streams that ended: ${ends.length}`);
  for (const e of ends) out(`  ${e.time} ${e.argv.slice(0, 4).join(' ')}…: ${e.ended}${e.stderr ? ` — stderr: ${e.stderr.split('\n').at(-1)}` : ''}`);
  out(`unexplained stream ends (no reason in the journal): ${ends.filter((e) => !e.ended).length}`);
  out(`changes not shown within ${SHOWN_TIMEOUT_MS / 1000} s: ${failures.length}`);
  for (const f of failures) out(`  ${f}`);
  out(`samples (min, RSS MB, heap MB, external MB, channels, journal entries, journal KB, page heap MB): ${samples.map((s) => `${s.atMin}/${s.rssMb}/${s.heapMb}/${s.externalMb}/${s.channels}/${s.journal}/${s.journalKb}/${s.pageHeapMb ?? '-'}`).join(' ')}`);
  events.close();
  await page.close();
  await app.close();
  process.exitCode = failures.length > 0 ? 1 : 0;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
