// Every kind of change as the admins who do not log in as root: `labuser` (not in the libvirt
// group; sudo without a password for virsh, ip, bridge and ovs-vsctl) and `labvirt` (in the
// libvirt group; no sudo at all). Each change is applied and undone through the plan service
// and checked on the host with virsh, ip and ovs-vsctl; the journal shows which lines ran
// through `sudo -n --`, as the runner's one elevation policy decided.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors.ts';
import type { Intent } from '../../../shared/plan/types.ts';
import { describeLab } from '../../lab/env.ts';
import { eventually, labPlanService, link, netInfo, nics, sh, trySh, virsh } from './lab-support.ts';

const MAC = '52:54:00:77:30:01';

const ovsPorts = (bridge: string): string[] => sh('ovs-vsctl', 'list-ports', bridge).split('\n').filter(Boolean);

describeLab('changes as a non-root user with sudo (labuser)', (lab) => {
  let t: Awaited<ReturnType<typeof labPlanService>>;

  beforeAll(async () => {
    t = await labPlanService(lab, { user: lab.passwordUser, password: lab.password, useSudo: true });
  });
  afterAll(() => {
    for (const cmd of [['ovs-vsctl', '--if-exists', 'del-br', 'vwnr-ovs'], ['ip', 'link', 'del', 'vwnr-br'], ['ip', 'tuntap', 'del', 'dev', 'vwnr-tap', 'mode', 'tap']]) trySh(cmd[0]!, ...cmd.slice(1));
    for (const flags of [['--live', '--config'], ['--config']]) trySh('virsh', '-c', 'qemu:///system', 'detach-interface', '--domain', 'guest1', '--type', 'network', '--mac', MAC, ...flags);
    trySh('virsh', '-c', 'qemu:///system', 'net-destroy', 'vwnr-net');
    trySh('virsh', '-c', 'qemu:///system', 'net-undefine', 'vwnr-net');
    t?.session.disconnect();
  });

  /** The command lines the last change ran, without the probes around it. */
  const ran = (since: number) => t.journal.entries().slice(since).map((e) => e.commandLine).filter((l) => !l.startsWith('sh '));

  it('runs virsh through sudo -n, since labuser cannot reach libvirt itself: VM NICs attached, linked down, moved, detached and undone', async () => {
    const start = { live: nics('guest1', false), config: nics('guest1', true) };
    const since = t.journal.entries().length;
    await t.change({ kind: 'nic-attach', vm: 'guest1', target: { kind: 'network', network: 'isolated' }, mac: MAC });
    expect(ran(since).find((l) => l.includes('attach-device'))).toMatch(/^sudo -n -- virsh -c qemu:\/\/\/system attach-device --domain guest1/);
    expect(nics('guest1', false)).toContain(`network isolated ${MAC}`);
    await t.change({ kind: 'nic-link', vm: 'guest1', mac: MAC, state: 'down' });
    expect(virsh('domif-getlink', '--domain', 'guest1', '--interface', MAC)).toMatch(/down/);
    await t.change({ kind: 'nic-move', vm: 'guest1', mac: MAC, target: { kind: 'network', network: 'default' } });
    expect(nics('guest1', true)).toContain(`network default ${MAC}`);
    await t.change({ kind: 'nic-detach', vm: 'guest1', mac: MAC });
    expect(await eventually(() => !nics('guest1', false).join().includes(MAC))).toBe(true);
    for (let i = 0; i < 4; i++) await t.undo();
    expect(await eventually(() => nics('guest1', false).join() === start.live.join())).toBe(true);
    expect(nics('guest1', true)).toEqual(start.config);
  });

  it('creates, stops, starts, autostarts and deletes networks, and undoes each', async () => {
    await t.change({ kind: 'network-create', spec: { name: 'vwnr-net', mode: 'isolated', bridge: 'vwnr-virbr' } });
    expect(netInfo('vwnr-net')).toMatchObject({ Active: 'yes' });
    await t.change({ kind: 'network-autostart', network: 'vwnr-net', enabled: true });
    expect(netInfo('vwnr-net')).toMatchObject({ Autostart: 'yes' });
    await t.change({ kind: 'network-stop', network: 'vwnr-net' });
    expect(netInfo('vwnr-net')).toMatchObject({ Active: 'no' });
    await t.change({ kind: 'network-start', network: 'vwnr-net' });
    expect(netInfo('vwnr-net')).toMatchObject({ Active: 'yes' });
    await t.change({ kind: 'network-delete', network: 'vwnr-net' });
    expect(netInfo('vwnr-net')).toBeNull();
    await t.undo();
    expect(netInfo('vwnr-net')).toMatchObject({ Active: 'yes', Autostart: 'yes' });
    for (let i = 0; i < 4; i++) await t.undo();
    expect(netInfo('vwnr-net')).toBeNull();
  });

  it('runs ip through sudo -n: bridge, TAP, plug, unplug, link state, each undone', async () => {
    const since = t.journal.entries().length;
    await t.change({ kind: 'bridge-create', name: 'vwnr-br' });
    expect(ran(since)).toContain('sudo -n -- ip link add name vwnr-br type bridge');
    await t.change({ kind: 'tap-create', name: 'vwnr-tap' });
    await t.change({ kind: 'port-plug', device: 'vwnr-tap', bridge: 'vwnr-br' });
    expect(link('vwnr-tap')?.master).toBe('vwnr-br');
    await t.change({ kind: 'device-state', device: 'vwnr-br', up: true });
    expect(link('vwnr-br')?.flags).toContain('UP');
    await t.change({ kind: 'port-unplug', device: 'vwnr-tap' });
    expect(link('vwnr-tap')?.master).toBeUndefined();
    await t.undo();
    expect(link('vwnr-tap')?.master).toBe('vwnr-br');
    for (let i = 0; i < 4; i++) await t.undo();
    expect(link('vwnr-br')).toBeNull();
    expect(link('vwnr-tap')).toBeNull();
  });

  it('runs ovs-vsctl through sudo -n: an Open vSwitch bridge with a TAP plugged in, undone', async () => {
    await t.change({ kind: 'tap-create', name: 'vwnr-tap' });
    const since = t.journal.entries().length;
    await t.change({ kind: 'bridge-create', name: 'vwnr-ovs', type: 'ovs' });
    // the lab's OVS runs on the userspace datapath, and so does the bridge made beside it
    expect(ran(since)).toContain("sudo -n -- ovs-vsctl --may-exist add-br vwnr-ovs -- set bridge vwnr-ovs 'datapath_type=netdev'");
    expect(sh('ovs-vsctl', 'list-br').split('\n')).toContain('vwnr-ovs');
    await t.change({ kind: 'port-plug', device: 'vwnr-tap', bridge: 'vwnr-ovs' });
    expect(ovsPorts('vwnr-ovs')).toEqual(['vwnr-tap']);
    await t.undo();
    expect(ovsPorts('vwnr-ovs')).toEqual([]);
    await t.undo();
    expect(sh('ovs-vsctl', 'list-br').split('\n')).not.toContain('vwnr-ovs');
    await t.undo();
    expect(link('vwnr-tap')).toBeNull();
  });

  it('starts and forces off a VM', async () => {
    await t.change({ kind: 'vm-start', vm: 'vm-off1' });
    expect(virsh('domstate', '--domain', 'vm-off1').trim()).toBe('running');
    await t.change({ kind: 'vm-destroy', vm: 'vm-off1' });
    expect(virsh('domstate', '--domain', 'vm-off1').trim()).toBe('shut off');
  });
});

describeLab('changes as a member of the libvirt group without sudo (labvirt)', (lab) => {
  let t: Awaited<ReturnType<typeof labPlanService>>;

  beforeAll(async () => {
    t = await labPlanService(lab, { user: lab.libvirtUser, password: lab.libvirtPassword, useSudo: true });
  });
  afterAll(() => {
    for (const type of ['network', 'bridge']) trySh('virsh', '-c', 'qemu:///system', 'detach-interface', '--domain', 'vm-off2', '--type', type, '--mac', MAC, '--config');
    trySh('virsh', '-c', 'qemu:///system', 'net-destroy', 'vwnr-grp');
    trySh('virsh', '-c', 'qemu:///system', 'net-undefine', 'vwnr-grp');
    trySh('virsh', '-c', 'qemu:///system', 'destroy', 'vm-off1');
    t?.session.disconnect();
  });

  it('runs every virsh change as the user, without sudo, even on a profile that allows sudo', async () => {
    expect(t.runner.elevates('libvirt')).toBe(false);
    const start = nics('vm-off2', true);
    const since = t.journal.entries().length;
    await t.change({ kind: 'nic-attach', vm: 'vm-off2', target: { kind: 'network', network: 'default' }, mac: MAC });
    await t.change({ kind: 'nic-link', vm: 'vm-off2', mac: MAC, state: 'down' });
    await t.change({ kind: 'nic-move', vm: 'vm-off2', mac: MAC, target: { kind: 'bridge', bridge: 'tester' } });
    expect(nics('vm-off2', true)).toContain(`bridge tester ${MAC}`);
    await t.change({ kind: 'nic-detach', vm: 'vm-off2', mac: MAC });
    for (let i = 0; i < 4; i++) await t.undo();
    expect(nics('vm-off2', true)).toEqual(start);

    await t.change({ kind: 'network-create', spec: { name: 'vwnr-grp', mode: 'isolated', bridge: 'vwnr-grpbr' } });
    await t.change({ kind: 'network-autostart', network: 'vwnr-grp', enabled: true });
    await t.change({ kind: 'network-stop', network: 'vwnr-grp' });
    await t.change({ kind: 'network-start', network: 'vwnr-grp' });
    await t.change({ kind: 'network-delete', network: 'vwnr-grp' });
    expect(netInfo('vwnr-grp')).toBeNull();
    for (let i = 0; i < 5; i++) await t.undo();
    expect(netInfo('vwnr-grp')).toBeNull();

    await t.change({ kind: 'vm-start', vm: 'vm-off1' });
    await t.change({ kind: 'vm-destroy', vm: 'vm-off1' });
    expect(virsh('domstate', '--domain', 'vm-off1').trim()).toBe('shut off');

    const lines = t.journal.entries().slice(since).map((e) => e.commandLine);
    expect(lines.filter((l) => l.startsWith('virsh ')).length).toBeGreaterThanOrEqual(20);
    expect(lines.filter((l) => l.startsWith('sudo'))).toEqual([]);
  });

  it('refuses host device changes before anything runs when the login has no way to root', async () => {
    const plain = await labPlanService(lab, { user: lab.libvirtUser, password: lab.libvirtPassword, useSudo: false });
    try {
      const intent: Intent = { kind: 'bridge-create', name: 'vwnr-nope' };
      const refused = await plain.service.preview({ profileId: 'lab', intent }).then(() => null, (e: unknown) => ApiError.from(e));
      expect(refused?.code).toBe('permission');
      expect(refused?.message).toMatch(/needs root/);
      expect(link('vwnr-nope')).toBeNull();
    } finally {
      plain.session.disconnect();
    }
  });
});
