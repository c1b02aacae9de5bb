// npm run bench:live — inside the lab (test/lab/lab.sh run -- npx tsx test/bench/live.bench.ts).
// The app's own backend (createServices, as the desktop app and browser mode build it) follows
// the lab host while 100 NICs are attached live with virsh in one burst: one virsh process, 100
// `attach-interface --live` commands, 20 on each of five running VMs (two of the shut-off ones
// are started first: a guest's PCI bus has room for about 28 hot-plugged NICs). Measured:
//   shown:    from starting virsh to the backend pushing a picture with all 100 NICs live
//   reads:    the probe reads the burst cost, whole and of named objects only (from the journal)
//   pushes:   what was pushed meanwhile (patches of what changed)
// against two baselines from the same run: the time virsh itself took for the burst, and one
// full read of the host (`live.refresh`, median of 3). It prints; it asserts nothing.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { LiveHost } from '../../shared/api/live.ts';
import type { NicLink } from '../../shared/topology/model.ts';
import { connectApp, fullReads, keptVirshReads, probeReads, sleep, uuidsRead, virsh } from '../electron/discovery/live-app.ts';
import { labEnv } from '../lab/env.ts';

const PER_VM = Number(process.env.BENCH_NICS_PER_VM ?? 20);
const VMS = ['guest1', 'guest2', 'guest3', 'vm-off1', 'vm-off2'];
const SHOWN_TIMEOUT_MS = 60_000;
const run = promisify(execFile);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const liveMacs = (live: LiveHost): Set<string> => new Set(live.links.filter((l): l is NicLink => l.kind === 'nic' && l.live).map((l) => l.mac));

async function main(): Promise<void> {
  const lab = labEnv();
  if (!lab) throw new Error('bench:live runs inside the lab: test/lab/lab.sh run -- npx tsx test/bench/live.bench.ts');
  const uri = lab.libvirtUri;
  if (!/Active:\s+yes/.test(virsh(uri, 'net-info', 'routed'))) virsh(uri, 'net-start', 'routed'); // vm-off2 has a NIC on it
  for (const vm of VMS) if (!/running/.test(virsh(uri, 'domstate', vm))) virsh(uri, 'start', vm);
  const app = await connectApp(lab);
  try {
    await sleep(3_000); // the streams open, and the full read that follows them is done
    const full: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await app.api.live.refresh({ profileId: app.profileId });
      full.push(performance.now() - started);
    }
    await sleep(500);

    const macs = VMS.flatMap((_, v) => Array.from({ length: PER_VM }, (_, k) => `52:54:00:b1:${v.toString(16).padStart(2, '0')}:${k.toString(16).padStart(2, '0')}`));
    const commands = macs.map((mac, i) => `attach-interface --domain ${VMS[Math.floor(i / PER_VM)]} --type network --source isolated --model virtio --mac ${mac} --live`);
    const pushesBefore = app.pushCount();
    const since = Date.now();
    const started = performance.now();
    const burst = run('virsh', ['-c', uri, commands.join(' ; ')], { maxBuffer: 1 << 20 });
    let virshMs = NaN;
    void burst.then(() => (virshMs = performance.now() - started));
    const shownAt = await (async () => {
      for (;;) {
        const hit = app.pushes.find((p) => p.at >= since && p.live !== null && macs.every((m) => liveMacs(p.live!).has(m)));
        if (hit) return hit.at;
        if (performance.now() - started > SHOWN_TIMEOUT_MS) throw new Error(`not all ${macs.length} NICs were shown within ${SHOWN_TIMEOUT_MS / 1000} s`);
        await sleep(5);
      }
    })();
    const shown = shownAt - since;
    const { stderr } = await burst;
    if (stderr.trim()) throw new Error(`virsh: ${stderr.trim()}`);
    await sleep(2_000); // anything read after the picture was complete counts too
    const entries = await app.journal();
    const reads = probeReads(entries, since);
    const fulls = fullReads(entries, since);
    const pushes = app.pushCount() - pushesBefore;
    const domiflist = VMS.flatMap((vm) => virsh(uri, 'domiflist', vm).split('\n')).filter((l) => macs.some((m) => l.includes(m))).length;

    console.log(`bench:live — ${macs.length} NICs attached live with one virsh run (${PER_VM} on each of ${VMS.join(', ')}), followed by the app's backend`);
    console.log(`  virsh itself           ${virshMs.toFixed(0).padStart(7)} ms   (virsh domiflist lists ${domiflist} of them)`);
    console.log(`  one full read          ${median(full).toFixed(0).padStart(7)} ms   (live.refresh, median of 3)`);
    console.log(`  all ${macs.length} shown           ${shown.toFixed(0).padStart(7)} ms   after virsh started: ${(shown / virshMs).toFixed(2)}× virsh's own time, ${(shown - virshMs).toFixed(0)} ms after it ended`);
    console.log(`  reads                  ${String(reads.length).padStart(7)}      (${fulls.length} full, ${reads.length - fulls.length} of named objects or links) for ${macs.length} changes`);
    console.log(`  pushes                 ${String(pushes).padStart(7)}      (${app.pushes.slice(-pushes).length} recorded)`);
    const kept = keptVirshReads(entries, since);
    for (const r of reads) {
      // a read of named objects is the probe's links and the kept virsh's run with the same marker, side by side
      const virshRun = kept.find((k) => k.argv[3]!.includes(`${r.argv[4]} `));
      const what = virshRun ? `links + kept virsh (${uuidsRead(virshRun).length} objects, ${virshRun.durationMs} ms)` : `${r.argv[6]}${r.argv[6] === 'objects' ? ` (${(r.argv.length - 10) / 2} objects)` : ''}`;
      console.log(`    read ${what}: probe ${r.durationMs} ms`);
    }
  } finally {
    await app.close();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
