// Reads a libvirt domain definition (`virsh dumpxml`, live or `--inactive`) into its NICs,
// the only part of a VM that VirtWire draws. Reference: https://libvirt.org/formatdomain.html#network-interfaces
import { ApiError } from '../errors.ts';
import { attr, child, children, parseXml, rootElement, text, type XmlValue } from './xml.ts';

/** Where a NIC's `<source>` points; which fields are set depends on the NIC type. */
export interface NicSource {
  /** type network: the libvirt network's name */
  network?: string;
  /** type bridge: the bridge; type network on a running VM: the bridge libvirt chose */
  bridge?: string;
  /** type direct: the host device the macvtap sits on */
  dev?: string;
  /** type direct: bridge/vepa/private/passthrough; type vhostuser: client/server */
  mode?: string;
  portgroup?: string;
  /** type vhostuser: the socket path */
  path?: string;
  /** type mcast, udp, server, client: the remote (or, for server, listening) address and port */
  address?: string;
  port?: string;
  /** type udp: the local end */
  localAddress?: string;
  localPort?: string;
  /** type hostdev: the PCI address of the device passed through, as 0000:03:00.0 */
  pci?: string;
}

export interface DomainNic {
  /** libvirt interface type: network, bridge, direct, ethernet, user, vhostuser, hostdev… */
  type: string;
  mac?: string;
  model?: string;
  source: NicSource;
  /** the host-side device (tap or macvtap), e.g. vnet0 */
  targetDev?: string;
  /** `<virtualport type=…>`, e.g. openvswitch */
  virtualport?: string;
  linkState?: 'up' | 'down';
  /** libvirt's device alias (net0…), present on running VMs */
  alias?: string;
  /** `<vlan>` tags, e.g. "42" or "trunk 42,48" */
  vlan?: string;
  /** type user: `<backend type=…>`, passt when it is not the built-in SLIRP */
  backend?: string;
}

export interface DomainRecord {
  name: string;
  uuid?: string;
  /** hypervisor type: kvm, qemu, xen… */
  type?: string;
  nics: DomainNic[];
}

const REPEATABLE = ['domain.devices.interface'];

export function parseDomainXml(xml: string): DomainRecord {
  const root = rootElement(parseXml(xml, REPEATABLE), 'domain');
  const name = text(child(root, 'name'))?.trim();
  if (!name) throw ApiError.said('invalid-input', { key: 'checks.xml.domainNoName', values: { element: '<name>' } });
  const record: DomainRecord = {
    name,
    nics: children(child(root, 'devices'), 'interface').map(nic),
  };
  const uuid = text(child(root, 'uuid'))?.trim();
  if (uuid) record.uuid = uuid;
  const type = attr(root, 'type');
  if (type !== undefined) record.type = type;
  return record;
}

function nic(el: XmlValue): DomainNic {
  const out: DomainNic = { type: attr(el, 'type') ?? 'unknown', source: nicSource(child(el, 'source')) };
  // MACs are lower-cased because live and persistent NICs are matched by MAC, and libvirt
  // keeps whatever case the user typed into the definition.
  const fields: [keyof DomainNic, string | undefined][] = [
    ['mac', attr(child(el, 'mac'), 'address')?.toLowerCase()],
    ['model', attr(child(el, 'model'), 'type')],
    ['targetDev', attr(child(el, 'target'), 'dev')],
    ['virtualport', attr(child(el, 'virtualport'), 'type')],
    ['alias', attr(child(el, 'alias'), 'name')],
  ];
  for (const [key, value] of fields) if (value !== undefined) Object.assign(out, { [key]: value });
  const state = attr(child(el, 'link'), 'state');
  if (state === 'up' || state === 'down') out.linkState = state;
  const vlan = vlanText(child(el, 'vlan'));
  if (vlan !== undefined) out.vlan = vlan;
  const backend = attr(child(el, 'backend'), 'type');
  if (backend !== undefined) out.backend = backend;
  return out;
}

function vlanText(vlan: XmlValue | undefined): string | undefined {
  const tags = children(vlan, 'tag').flatMap((t) => attr(t, 'id') ?? []);
  if (tags.length === 0) return undefined;
  return attr(vlan, 'trunk') === 'yes' ? `trunk ${tags.join(',')}` : tags.join(',');
}

/** A PCI `<address>` as the kernel writes it: 0000:03:07.1. */
function pciAddress(address: XmlValue | undefined): string | undefined {
  if (attr(address, 'type') !== undefined && attr(address, 'type') !== 'pci') return undefined;
  const field = (key: string, width: number) => {
    const value = attr(address, key);
    return value === undefined ? undefined : Number.parseInt(value, 16).toString(16).padStart(width, '0');
  };
  const [domain, bus, slot, fn] = [field('domain', 4) ?? '0000', field('bus', 2), field('slot', 2), field('function', 1) ?? '0'];
  return bus === undefined || slot === undefined ? undefined : `${domain}:${bus}:${slot}.${fn}`;
}

function nicSource(source: XmlValue | undefined): NicSource {
  const out: NicSource = {};
  for (const key of ['network', 'bridge', 'dev', 'mode', 'portgroup', 'path', 'address', 'port'] as const) {
    const value = attr(source, key);
    if (value !== undefined) out[key] = value;
  }
  const local = child(source, 'local');
  const localAddress = attr(local, 'address');
  const localPort = attr(local, 'port');
  if (localAddress !== undefined) out.localAddress = localAddress;
  if (localPort !== undefined) out.localPort = localPort;
  const pci = pciAddress(child(source, 'address'));
  if (pci !== undefined) out.pci = pci;
  return out;
}
