// The lab host itself, checked from inside it (test/lab/lab.sh exec): the seed is visible over
// SSH the way VirtWire sees a host, the devices sit on their bridges, and NIC hot-plug and
// hot-unplug really complete on a running guest. The checks of the machine around the lab
// (unchanged network, nothing left after down) are in selftest.sh.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { describeLab, type LabEnv } from './env.ts';

const run = promisify(execFile);

interface IpLink {
  ifname: string;
  master?: string;
  address?: string;
  link?: string;
  operstate?: string;
  linkinfo?: { info_kind?: string; info_data?: { mode?: string } };
}

async function ipLinks(details = false): Promise<IpLink[]> {
  const { stdout } = await run('ip', details ? ['-j', '-d', 'link'] : ['-j', 'link']);
  return JSON.parse(stdout) as IpLink[];
}

function sshUri(lab: LabEnv): string {
  const query = new URLSearchParams({ keyfile: lab.sshKey, known_hosts: lab.knownHosts });
  return `qemu+ssh://${lab.sshUser}@${lab.sshHost}:${lab.sshPort}/system?${query.toString()}`;
}

async function virsh(uri: string, command: string): Promise<string> {
  const { stdout } = await run('virsh', ['-q', '-c', uri, command]);
  return stdout;
}

/** `virsh domiflist` rows as "MAC TYPE SOURCE" (the interface name left out: it varies). */
const ifaces = (out: string): string[] =>
  out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((c) => c.length === 5)
    .map(([, type, source, , mac]) => `${mac} ${type} ${source}`)
    .sort();

const names = (out: string): string[] =>
  out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .sort();

describeLab('lab host', (lab) => {
  it('shows the seeded networks and VMs over SSH', async () => {
    const uri = sshUri(lab);
    expect(names(await virsh(uri, 'net-list --all --name'))).toEqual(['default', 'isolated', 'routed']);
    expect(names(await virsh(uri, 'net-list --name'))).toEqual(['default', 'isolated']);
    expect(names(await virsh(uri, 'list --name'))).toEqual(['guest1', 'guest2', 'guest3']);
    expect(names(await virsh(uri, 'list --all --name'))).toEqual(
      expect.arrayContaining(['guest1', 'guest2', 'guest3', 'vm-odd', 'vm-off1', 'vm-off2', 'vm-off3']),
    );
    expect(names(await virsh(uri, 'list --inactive --name'))).toEqual(
      expect.arrayContaining(['vm-odd', 'vm-off1', 'vm-off2', 'vm-off3']),
    );
  });

  it('has the bridges, the hand-made TAP and the guests’ vnets on their bridges', async () => {
    const links = await ipLinks();
    const byName = new Map(links.map((l) => [l.ifname, l]));
    for (const name of ['virbr0', 'virbr1', 'tester', 'vm-vnic']) expect(byName.has(name)).toBe(true);
    expect(byName.get('vm-vnic')?.master).toBe('tester');
    const masterOf = (mac: string): string | undefined =>
      links.find((l) => l.ifname.startsWith('vnet') && l.address === mac)?.master;
    // libvirt gives a guest NIC's TAP the guest's MAC with fe: in front
    expect(masterOf('fe:54:00:00:01:01')).toBe('virbr0');
    expect(masterOf('fe:54:00:00:01:02')).toBe('virbr1');
    expect(masterOf('fe:54:00:00:02:01')).toBe('virbr0');
    expect(masterOf('fe:54:00:00:02:02')).toBe('tester');
  });

  it('hot-plugs a NIC into a running guest and hot-unplugs it within 2 s', async () => {
    const uri = lab.libvirtUri;
    const mac = '52:54:00:ee:00:01';
    const tapMac = 'fe:54:00:ee:00:01';
    await virsh(
      uri,
      `attach-interface guest1 --type network --source isolated --model virtio --mac ${mac} --live`,
    );
    const plugged = (await ipLinks()).find((l) => l.address === tapMac);
    expect(plugged?.ifname).toMatch(/^vnet\d+$/);
    expect(plugged?.master).toBe('virbr1');

    const started = Date.now();
    await virsh(uri, `detach-interface guest1 --type network --mac ${mac} --live`);
    let gone = false;
    while (!gone && Date.now() - started < 2000) {
      gone = !(await ipLinks()).some((l) => l.address === tapMac);
      if (!gone) await new Promise((r) => setTimeout(r, 50));
    }
    expect(gone).toBe(true);
    expect(await virsh(uri, 'domiflist guest1')).not.toContain(mac);
  });

  it('runs guest3 with a macvtap NIC, an Open vSwitch NIC and a rich NIC', async () => {
    expect(ifaces(await virsh(lab.libvirtUri, 'domiflist guest3'))).toEqual([
      '52:54:00:00:06:01 direct vethlab0',
      '52:54:00:00:06:02 bridge ovsbr0',
      '52:54:00:00:06:03 network default',
    ]);
    const xml = await virsh(lab.libvirtUri, 'dumpxml guest3');
    expect(xml).toContain("<virtualport type='openvswitch'>");
    expect(xml).toContain("<driver name='vhost' queues='2'/>");
    expect(xml).toMatch(/<filterref filter='clean-traffic'>\s*<parameter name='IP' value='192\.168\.122\.50'\/>/);
    expect(xml).toContain("<link state='down'/>");
    expect(xml).toContain("<mtu size='1400'/>");
    expect(xml).not.toContain('<bandwidth>');
    expect(await virsh(lab.libvirtUri, 'nwfilter-binding-list')).toMatch(/vnet\d+\s+clean-traffic/);
  });

  it('has the Open vSwitch bridge ovsbr0 with the hand-made TAP and guest3’s vnet as ports', async () => {
    const { stdout } = await run('ovs-vsctl', ['list-ports', 'ovsbr0']);
    const ports = names(stdout);
    expect(ports).toHaveLength(2);
    expect(ports[0]).toBe('ovs-tap0');
    expect(ports[1]).toMatch(/^vnet\d+$/);
    const { stdout: dp } = await run('ovs-vsctl', ['get', 'bridge', 'ovsbr0', 'datapath_type']);
    expect(dp.trim()).toBe('netdev');
    const vnet = (await ipLinks()).find((l) => l.address === 'fe:54:00:00:06:02');
    expect(vnet?.ifname).toBe(ports[1]);
  });

  it('has the veth pair and guest3’s macvtap on vethlab0 in bridge mode', async () => {
    const links = await ipLinks(true);
    const byName = new Map(links.map((l) => [l.ifname, l]));
    for (const name of ['vethlab0', 'vethlab1']) {
      expect(byName.get(name)?.linkinfo?.info_kind).toBe('veth');
      expect(byName.get(name)?.operstate).not.toBe('DOWN');
    }
    const macvtap = links.find((l) => l.address === '52:54:00:00:06:01');
    expect(macvtap?.ifname).toMatch(/^macvtap\d+$/);
    expect(macvtap?.link).toBe('vethlab0');
    expect(macvtap?.linkinfo?.info_kind).toBe('macvtap');
    expect(macvtap?.linkinfo?.info_data?.mode).toBe('bridge');
  });

  it('keeps the shut-off vm-odd with every odd NIC kind and dangling source', async () => {
    expect(ifaces(await virsh(lab.libvirtUri, 'domiflist vm-odd --inactive'))).toEqual([
      '52:54:00:00:07:01 network gone-net',
      '52:54:00:00:07:02 bridge br-gone',
      '52:54:00:00:07:03 direct nosuch0',
      '52:54:00:00:07:04 network default',
      '52:54:00:00:07:05 user -',
      '52:54:00:00:07:06 ethernet -',
      '52:54:00:00:07:07 mcast -',
      '52:54:00:00:07:08 udp -',
      '52:54:00:00:07:09 vhostuser /run/vw-vhost.sock',
    ]);
    const xml = await virsh(lab.libvirtUri, 'dumpxml vm-odd --inactive');
    expect(xml).toContain("<source dev='nosuch0' mode='vepa'/>");
    expect(xml).toMatch(/<inbound average='1000' peak='2000' burst='1024'\/>\s*<outbound average='500'\/>/);
    expect(xml).toContain("<boot order='1'/>");
    expect(xml).not.toContain('<boot dev=');
    expect(xml).toContain("<target dev='vw-eth0'/>");
    expect(xml).toContain("<source address='230.0.0.1' port='5558'/>");
    expect(xml).toMatch(/<interface type='udp'>[\s\S]*?<local address='127\.0\.0\.1' port='5561'\/>/);
    expect(names(await virsh(lab.libvirtUri, 'net-list --all --name'))).not.toContain('gone-net');
    expect((await ipLinks()).map((l) => l.ifname)).not.toEqual(expect.arrayContaining(['br-gone']));
  });

  it('lets labvirt (libvirt group, no sudo) use libvirt without sudo, and refuses labuser', async () => {
    const asUser = (user: string, cmd: string) => run('su', ['-s', '/bin/sh', user, '-c', cmd]);
    const { stdout } = await asUser(lab.libvirtUser, 'virsh -c qemu:///system list --all --name');
    expect(names(stdout)).toEqual(expect.arrayContaining(['guest1', 'guest3', 'vm-odd']));
    const { stdout: sudo } = await run('sudo', ['-l', '-U', lab.libvirtUser]);
    expect(sudo).toContain(`User ${lab.libvirtUser} is not allowed to run sudo`);
    await expect(asUser(lab.passwordUser, 'virsh -c qemu:///system list --all --name')).rejects.toThrow(
      /Permission denied/,
    );
    const { stdout: ovs } = await asUser(lab.passwordUser, 'sudo -n ovs-vsctl list-ports ovsbr0');
    expect(names(ovs)).toContain('ovs-tap0');
  });
});
