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
  if (!name) throw new ApiError('invalid-input', 'The domain XML has no <name>.');
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
  return out;
}

function nicSource(source: XmlValue | undefined): NicSource {
  const out: NicSource = {};
  for (const key of ['network', 'bridge', 'dev', 'mode', 'portgroup', 'path'] as const) {
    const value = attr(source, key);
    if (value !== undefined) out[key] = value;
  }
  return out;
}
