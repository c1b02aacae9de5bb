// A host of many VMs as the probe (electron/discovery/probe-script.ts) would print it: real
// libvirt-shaped domain and network XML, `ip -j` JSON for the bridges and TAPs, and the section
// markers. It answers the probe's argv as the script would, for a full read and for the
// objects a partial read names, and counts what it was asked, so tests can see how many reads a
// burst of events cost. What is on the host is plain data the test changes between reads.
import { splitProbeOutput, type ProbeOutput } from '../../electron/discovery/probe-output.ts';

export interface FakeNic {
  mac: string;
  network: string;
  /** the TAP, while the VM runs */
  dev?: string;
}

export interface FakeVm {
  name: string;
  uuid: string;
  running: boolean;
  nics: FakeNic[];
  /** NICs in the live VM only (attached with --live) */
  liveOnly: FakeNic[];
}

export interface FakeNetwork {
  name: string;
  uuid: string;
  bridge: string;
}

export const uuidOf = (i: number, salt: number): string => `${salt.toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

export function fakeHostState(vms: number, networks = 4): { vms: FakeVm[]; networks: FakeNetwork[] } {
  const nets = Array.from({ length: networks }, (_, n) => ({ name: `net${n}`, uuid: uuidOf(n, 0xa0), bridge: `virbr${n}` }));
  return {
    networks: nets,
    vms: Array.from({ length: vms }, (_, i) => ({
      name: `vm${i}`,
      uuid: uuidOf(i, 0xb0),
      running: i % 3 !== 0,
      nics: [
        {
          mac: `52:54:00:00:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`,
          network: nets[i % networks]!.name,
          ...(i % 3 !== 0 ? { dev: `vnet${i}` } : {}),
        },
      ],
      liveOnly: [],
    })),
  };
}

const nicXml = (nic: FakeNic, live: boolean): string =>
  `<interface type='network'><mac address='${nic.mac}'/><source network='${nic.network}'/>${live && nic.dev ? `<target dev='${nic.dev}'/>` : ''}<model type='virtio'/></interface>`;

function domainXml(vm: FakeVm, live: boolean): string {
  const nics = [...vm.nics, ...(live ? vm.liveOnly : [])].map((n) => nicXml(n, live)).join('');
  return `<domain type='qemu'${live ? " id='1'" : ''}><name>${vm.name}</name><uuid>${vm.uuid}</uuid><memory unit='KiB'>65536</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os><devices>${nics}</devices></domain>`;
}

const networkXml = (n: FakeNetwork): string => `<network><name>${n.name}</name><uuid>${n.uuid}</uuid><bridge name='${n.bridge}'/></network>`;

/** A device's index and MAC from its name, so a device keeps them whatever else comes and goes. */
function deviceNumber(name: string): number {
  let h = 7;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) % 0xffffff;
  return h + 2;
}

function ipLink(state: { vms: FakeVm[]; networks: FakeNetwork[] }): string {
  const links: object[] = [];
  const hex = (i: number, shift: number): string => ((i >> shift) & 255).toString(16).padStart(2, '0');
  const device = (name: string, extra: object): object => {
    const i = deviceNumber(name);
    return { ifindex: i, ifname: name, flags: ['UP'], mtu: 1500, operstate: 'UP', link_type: 'ether', address: `fe:54:00:${hex(i, 16)}:${hex(i, 8)}:${hex(i, 0)}`, ...extra };
  };
  for (const n of state.networks) links.push(device(n.bridge, { linkinfo: { info_kind: 'bridge' } }));
  for (const vm of state.vms) {
    if (!vm.running) continue;
    for (const nic of [...vm.nics, ...vm.liveOnly]) {
      if (!nic.dev) continue;
      const bridge = state.networks.find((n) => n.name === nic.network)!.bridge;
      links.push(device(nic.dev, { master: bridge, linkinfo: { info_kind: 'tun', info_data: { type: 'tap' }, info_slave_kind: 'bridge' } }));
    }
  }
  return JSON.stringify(links);
}

/** What the probe prints for `argv` on a host in `state`. */
export function probeStdout(argv: string[], state: { vms: FakeVm[]; networks: FakeNetwork[] }): string {
  const [m, , scope, name, , uuid] = argv.slice(4) as [string, string, string, string, string, string];
  const out = [`${m} iplink`, ipLink(state), `${m} rc 0`, `${m} bridgelink`, '[]', `${m} rc 0`];
  if (scope === 'all') out.push(`${m} route`, '[]', `${m} rc 0`, `${m} config-end`);
  let vms: FakeVm[] = [];
  let nets: FakeNetwork[] = [];
  if (scope === 'all') [vms, nets] = [state.vms, state.networks];
  if (scope === 'domain') vms = state.vms.filter((v) => v.uuid === uuid || (!uuid && v.name === name));
  if (scope === 'network') nets = state.networks.filter((n) => n.name === name);
  if (scope === 'objects') {
    const pairs = argv.slice(10);
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const [kind, value] = [pairs[i]!, pairs[i + 1]!];
      if (kind === 'd' || kind === 'D') vms.push(...state.vms.filter((v) => (kind === 'd' ? v.uuid : v.name) === value));
      if (kind === 'n' || kind === 'N') nets.push(...state.networks.filter((n) => (kind === 'n' ? n.uuid : n.name) === value));
    }
  }
  for (const n of nets) out.push(`${m} net-info ${n.uuid}`, `Name: ${n.name}`, `UUID: ${n.uuid}`, 'Active: yes', 'Persistent: yes', 'Autostart: no', `${m} net-xml ${n.uuid}`, networkXml(n));
  for (const vm of vms) {
    out.push(`${m} dom-info ${vm.uuid}`, `Name: ${vm.name}`, `UUID: ${vm.uuid}`, `State: ${vm.running ? 'running' : 'shut off'}`, 'Persistent: yes');
    if (vm.running) out.push(`${m} dom-xml ${vm.uuid}`, domainXml(vm, true));
    out.push(`${m} dom-inactive ${vm.uuid}`, domainXml(vm, false));
  }
  out.push(`${m} end`);
  return out.join('\n');
}

/** The probe's output parsed, for tests that build a host from it without a service. */
export function probed(state: { vms: FakeVm[]; networks: FakeNetwork[] }): ProbeOutput {
  const m = '@@vw-00000000000000000000';
  return splitProbeOutput(probeStdout(['sh', '-c', '', 'virtwire-probe', m, 'qemu:///system', 'all', '', '', ''], state), m);
}
