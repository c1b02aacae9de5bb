// Addresses, leases and who is on each bridge, as VirtWire reads them from the lab host,
// against what virsh and bridge say there (computed here, inside the lab); then pinning a lease
// and putting a VM on the lab's stand-in physical NIC with macvtap, each undone, checked with
// virsh net-dumpxml and virsh domiflist.
import { execFileSync } from 'node:child_process';
import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { discoverHost } from '../../../electron/discovery/discover.ts';
import { HostRunner } from '../../../electron/ssh/runner.ts';
import { checkConnect } from '../../../shared/plan/rules.ts';
import type { BridgeNode, HostRecord, NetworkNode, NicLink, Topology } from '../../../shared/topology/model.ts';
import { nicPinAction } from '../../../renderer/details/addresses.ts';
import { describeLab } from '../../lab/env.ts';
import { labSession, type LabSession } from '../ssh/support/session.ts';
import { eventually, labPlanService } from '../plan/lab-support.ts';

const sh = (cmd: string, ...args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8' });
const virsh = (...args: string[]): string => sh('virsh', '-c', 'qemu:///system', ...args);
/** The rows of a virsh table (after its dashed rule), split on blanks. */
const table = (text: string): string[][] => {
  const lines = text.split('\n');
  return lines.slice(lines.findIndex((l) => /^-{10,}/.test(l.trim())) + 1).map((l) => l.trim()).filter(Boolean).map((l) => l.split(/\s+/));
};
/** `virsh net-dhcp-leases NET` as "mac ip/prefix hostname" (the expiry is two words). */
const leasesOf = (net: string): string[] => table(virsh('net-dhcp-leases', net)).map((c) => `${c[2]} ${c[4]} ${c[5]}`).sort();
/** `virsh domifaddr DOMAIN --source lease` as "mac ip/prefix". */
const leaseAddresses = (domain: string): string[] => table(virsh('domifaddr', domain, '--source', 'lease', '--full')).map((c) => `${c[1]} ${c[3]}`).sort();
/** `bridge fdb show br BRIDGE` as "mac port kind". */
function fdbOf(bridge: string): string[] {
  return sh('bridge', 'fdb', 'show', 'br', bridge).split('\n').map((l) => l.trim().split(/\s+/)).filter((w) => w.length >= 3).map((w) => {
    const kind = w.includes('self') && !w.includes('master') ? 'self' : w.includes('permanent') ? 'permanent' : w.includes('static') ? 'static' : 'learned';
    return `${w[0]} ${w[w.indexOf('dev') + 1]} ${kind}`;
  }).sort();
}
const domiflist = (domain: string, inactive = false): string[] =>
  table(virsh('domiflist', domain, ...(inactive ? ['--inactive'] : []))).map(([, type, source, model, mac]) => `${type} ${source} ${model} ${mac}`).sort();

/** Sends one TCP SYN to `ip` (port 9), so the guest there answers: the bridge it sits on learns its MAC. */
const wake = (ip: string): Promise<void> =>
  new Promise((resolve) => {
    const socket = connect({ host: ip, port: 9, timeout: 2_000 });
    const done = () => {
      socket.destroy();
      resolve();
    };
    socket.once('connect', done).once('error', done).once('timeout', done);
  });

const GUEST_MACS = ['52:54:00:00:01:01', '52:54:00:00:01:02', '52:54:00:00:02:01'];
const PIN_MAC = '52:54:00:00:02:01'; // guest2 on default
const MACVTAP_MAC = '52:54:00:77:20:01';

describeLab('addresses and neighbours on the lab host', (lab) => {
  let s: LabSession;
  let runner: HostRunner;
  const host: HostRecord = { id: `root@${lab.sshHost}:${lab.sshPort}`, label: 'lab', ssh: { host: lab.sshHost, port: lab.sshPort, user: lab.sshUser }, uri: lab.libvirtUri, capturedAt: '' };
  const discover = async (): Promise<Topology> => ({ ...(await discoverHost((argv, o) => runner.run(argv, o), host)).topology, layout: {} });

  beforeAll(async () => {
    // the guests' DHCP clients start at boot; wait for dnsmasq to have leased each seeded NIC on a network with DHCP
    const leased = await eventually(() => GUEST_MACS.every((mac) => [...leasesOf('default'), ...leasesOf('isolated')].some((l) => l.startsWith(mac))), 120_000);
    expect(leased, `no leases for ${GUEST_MACS.join(', ')}: ${leasesOf('default').join('; ')}`).toBe(true);
    s = labSession(lab);
    await s.session.connect();
    runner = new HostRunner(s.session, { host: 'lab', user: lab.sshUser, useSudo: false });
  }, 150_000);
  afterAll(() => {
    try {
      virsh('net-update', 'default', 'delete', 'ip-dhcp-host', `<host mac='${PIN_MAC}'/>`, '--live', '--config');
    } catch {
      // not pinned: nothing to clean
    }
    try {
      virsh('detach-interface', '--domain', 'guest1', '--type', 'direct', '--mac', MACVTAP_MAC, '--live', '--config');
    } catch {
      // not attached
    }
    s?.session.disconnect();
  });

  it('shows each network\'s leases and each running NIC\'s lease addresses as virsh reports them', async () => {
    const t = await discover();
    for (const name of ['default', 'isolated']) {
      const net = t.nodes.find((n): n is NetworkNode => n.kind === 'network' && n.name === name)!;
      expect(net.leases?.map((l) => `${l.mac} ${l.ip}/${l.prefix} ${l.hostname ?? '-'}`).sort(), name).toEqual(leasesOf(name));
    }
    for (const name of ['guest1', 'guest2', 'guest3']) {
      const vm = t.nodes.find((n) => n.kind === 'vm' && n.name === name)!;
      const shown = t.links
        .filter((l): l is NicLink => l.kind === 'nic' && l.source === vm.id)
        .flatMap((l) => (l.addresses ?? []).filter((a) => a.sources.includes('lease')).map((a) => `${l.mac} ${a.ip}/${a.prefix}`))
        .sort();
      expect(shown, name).toEqual(leaseAddresses(name));
    }
    // the guests really are where their leases say: the host's neighbour table has them too
    const guest1 = t.links.find((l): l is NicLink => l.kind === 'nic' && l.mac === '52:54:00:00:01:01')!;
    expect(guest1.addresses?.[0]?.ip).toBe(leasesOf('default').find((l) => l.startsWith(guest1.mac))!.split(' ')[1]!.split('/')[0]);
  });

  it('lists what each Linux bridge has learned as `bridge fdb show br` does, naming the VM NIC behind each guest MAC', async () => {
    // A bridge forgets a MAC it has not heard from for 5 minutes, and the lab's guests are quiet
    // between DHCP renewals: make guest1 answer (ARP, then a TCP reset) so virbr0 has learned it.
    await wake(leasesOf('default').find((l) => l.startsWith('52:54:00:00:01:01'))!.split(' ')[1]!.split('/')[0]!);
    let t = await discover();
    for (const name of ['virbr0', 'virbr1', 'tester']) {
      // a learned entry may come or age out between the two reads: read both again once or twice
      for (let tries = 0; tries < 3; tries++) {
        const shown = t.nodes.find((n): n is BridgeNode => n.kind === 'bridge' && n.name === name)!.fdb!.map((e) => `${e.mac} ${e.port} ${e.kind}`).sort();
        const expected = fdbOf(name);
        if (tries === 2 || shown.join() === expected.join()) {
          expect(shown, name).toEqual(expected);
          break;
        }
        t = await discover();
      }
    }
    const virbr0 = t.nodes.find((n): n is BridgeNode => n.kind === 'bridge' && n.name === 'virbr0')!;
    const guest1 = t.nodes.find((n) => n.kind === 'vm' && n.name === 'guest1')!;
    const learned = virbr0.fdb!.find((e) => e.mac === '52:54:00:00:01:01' && e.kind === 'learned');
    expect(learned?.owner).toEqual({ kind: 'nic', vm: guest1.id });
    expect(typeof learned?.age).toBe('number');
    const tap = virbr0.fdb!.find((e) => e.mac === 'fe:54:00:00:01:01');
    expect(tap).toMatchObject({ kind: 'permanent', owner: { kind: 'device' } });
    expect(virbr0.fdb!.every((e) => e.owner !== undefined || e.kind === 'learned')).toBe(true);
  });

  it('pins a NIC\'s lease as a static DHCP host (net-dumpxml shows it) and undo removes it', async () => {
    const p = await labPlanService(lab);
    try {
      const live = (await p.live.list()).hosts[0]!;
      const topology: Topology = { hosts: [live.host], nodes: live.nodes, links: live.links, layout: {} };
      const link = topology.links.find((l): l is NicLink => l.kind === 'nic' && l.mac === PIN_MAC)!;
      const action = nicPinAction(topology, link);
      const ip = leasesOf('default').find((l) => l.startsWith(PIN_MAC))!.split(' ')[1]!.split('/')[0]!;
      expect(action?.intent).toEqual({ kind: 'dhcp-host-pin', network: 'default', mac: PIN_MAC, ip, name: 'guest2' });
      const report = await p.change(action!.intent!);
      expect(report.steps[0]!.commandLine).toMatch(/net-update --network default --command add-last --section ip-dhcp-host --xml \/dev\/stdin --parent-index 0 --live --config/);
      const host = `<host mac='${PIN_MAC}' name='guest2' ip='${ip}'/>`;
      expect(virsh('net-dumpxml', 'default')).toContain(host);
      expect(virsh('net-dumpxml', 'default', '--inactive')).toContain(host);
      await p.undo();
      expect(virsh('net-dumpxml', 'default')).not.toContain(PIN_MAC);
      expect(virsh('net-dumpxml', 'default', '--inactive')).not.toContain(PIN_MAC);
    } finally {
      p.session.disconnect();
    }
  });

  it('puts running guest1 on the stand-in physical NIC with macvtap as a drop there asks (domiflist shows a direct NIC on it), and undo removes it', async () => {
    const p = await labPlanService(lab);
    try {
      const before = { live: domiflist('guest1'), config: domiflist('guest1', true) };
      const live = (await p.live.list()).hosts[0]!;
      const topology: Topology = { hosts: [live.host], nodes: live.nodes, links: live.links, layout: {} };
      const vm = topology.nodes.find((n) => n.kind === 'vm' && n.name === 'guest1')!;
      const dev = topology.nodes.find((n) => n.kind === 'physical' && n.name === 'vethlab0')!;
      const drop = checkConnect(topology, new Set([live.host.id]), vm, dev);
      expect(drop).toMatchObject({ ok: true, intent: { kind: 'nic-attach', target: { kind: 'direct', dev: 'vethlab0', mode: 'bridge' } } });
      if (!drop.ok || drop.intent.kind !== 'nic-attach') return;
      const preview = await p.service.preview({ profileId: 'lab', intent: { ...drop.intent, mac: MACVTAP_MAC } });
      expect(preview.warnings.join(' ')).toMatch(/the host itself cannot reach the guest over this NIC/);
      await p.applyPreview(preview);
      expect(domiflist('guest1')).toContainEqual(expect.stringMatching(new RegExp(`^direct vethlab0 virtio ${MACVTAP_MAC}$`)));
      expect(domiflist('guest1', true)).toContain(`direct vethlab0 virtio ${MACVTAP_MAC}`);
      expect(virsh('dumpxml', 'guest1')).toContain("<source dev='vethlab0' mode='bridge'/>");
      await p.undo();
      expect(await eventually(() => domiflist('guest1').join() === before.live.join(), 20_000)).toBe(true);
      expect(domiflist('guest1', true)).toEqual(before.config);
    } finally {
      p.session.disconnect();
    }
  });
});
