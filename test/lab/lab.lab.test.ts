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
}

async function ipLinks(): Promise<IpLink[]> {
  const { stdout } = await run('ip', ['-j', 'link']);
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
    expect(names(await virsh(uri, 'list --name'))).toEqual(['guest1', 'guest2']);
    expect(names(await virsh(uri, 'list --all --name'))).toEqual(
      expect.arrayContaining(['guest1', 'guest2', 'vm-off1', 'vm-off2', 'vm-off3']),
    );
    expect(names(await virsh(uri, 'list --inactive --name'))).toEqual(
      expect.arrayContaining(['vm-off1', 'vm-off2', 'vm-off3']),
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
});
