// Live at scale (issue 13), through the app's own backend connected to the lab: a NIC attached
// with virsh is shown from a re-read of that VM alone, and a burst of NIC attaches on two VMs in
// one virsh run costs a few reads of the VMs it named, none of the whole host. What the app
// shows (pieced together from the patches it pushed) is checked against `virsh domiflist`.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLab } from '../../lab/env.ts';
import { domiflist, graphNics } from './domiflist.ts';
import { connectApp, fullReads, keptVirshReads, nicOf, probeReads, pushedWithin, sleep, uuidsRead, virsh, type LabApp } from './live-app.ts';

describeLab('live updates read only what changed', (lab) => {
  let app: LabApp;
  const uri = lab.libvirtUri;
  const domiflistOf = (vm: string) => domiflist(uri, vm, false, (a) => virsh(a[1]!, ...a.slice(2)));

  beforeAll(async () => {
    app = await connectApp(lab);
    await sleep(3_000); // the streams open, and the one full read that follows them is done
  }, 30_000);
  afterAll(() => app?.close());

  it('shows a NIC attached with virsh from a re-read of that VM alone', async () => {
    const mac = '52:54:00:7e:13:01';
    const since = Date.now();
    virsh(uri, 'attach-interface', 'guest1', '--type', 'network', '--source', 'isolated', '--model', 'virtio', '--mac', mac, '--live');
    await pushedWithin(app, since, (live) => nicOf(live, mac)?.live === true, 10_000, `NIC ${mac} attached to guest1`);
    expect(graphNics(app.latest()!, 'guest1', 'live')).toEqual(domiflistOf('guest1'));
    const entries = await app.journal();
    expect(fullReads(entries, since)).toEqual([]);
    // the probe read the kernel's links, and the kept virsh that VM alone (by its UUID), with no virsh started for it
    expect(probeReads(entries, since).map((r) => r.argv[6])).toContain('links');
    const guest1 = virsh(uri, 'domuuid', 'guest1').trim();
    const kept = keptVirshReads(entries, since);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.map(uuidsRead)).toContainEqual([guest1]);
  }, 30_000);

  it('a burst of 12 NIC attaches on two VMs is a few reads of those VMs, and the app shows what virsh domiflist lists', async () => {
    const macs = Array.from({ length: 12 }, (_, k) => `52:54:00:7e:13:${(0x10 + k).toString(16)}`);
    const vmOf = (k: number) => (k % 2 === 0 ? 'guest1' : 'guest2');
    const since = Date.now();
    virsh(uri, macs.map((mac, k) => `attach-interface --domain ${vmOf(k)} --type network --source isolated --model virtio --mac ${mac} --live`).join(' ; '));
    await pushedWithin(app, since, (live) => macs.every((m) => nicOf(live, m)?.live === true), 20_000, 'all 12 NICs');
    await sleep(1_500); // a read still queued would show here
    for (const vm of ['guest1', 'guest2']) expect(graphNics(app.latest()!, vm, 'live'), `${vm}: the app's NICs are virsh domiflist's`).toEqual(domiflistOf(vm));
    const entries = await app.journal();
    const reads = probeReads(entries, since);
    const kept = keptVirshReads(entries, since);
    console.log(`[live-burst] 12 attaches: ${reads.length} read(s): ${reads.map((r) => `${r.argv[6]} ${r.durationMs} ms`).join(', ')}; kept virsh: ${kept.map((r) => `${uuidsRead(r).length} object(s) ${r.durationMs} ms`).join(', ')}`);
    expect(fullReads(entries, since)).toEqual([]);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.length).toBeLessThanOrEqual(4);
    // each read names VMs (by UUID, as the last read knew them), never the whole host
    expect(reads.every((r) => ['domain', 'objects', 'links'].includes(r.argv[6]!))).toBe(true);
    const vms = new Set(['guest1', 'guest2'].map((vm) => virsh(uri, 'domuuid', vm).trim()));
    expect(kept.flatMap(uuidsRead).every((u) => vms.has(u))).toBe(true);
  }, 60_000);
});
