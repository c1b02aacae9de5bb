// VM nodes and their NICs: one NicLink per NIC and place it is on, with `live`/`config`
// telling whether the running VM, the persistent definition, or both have it, and the
// endpoint nodes of NICs that are on no host object.
import type { IfAddrRecord } from '../libvirt/addresses.ts';
import type { DomainNic, DomainRecord } from '../libvirt/domain.ts';
import { linkId, nodeId } from './ids.ts';
import { isVmRunning, type EndpointNode, type NicLink, type VmNode } from './model.ts';

export interface DomainInput {
  /** `virsh dumpxml`: the running VM when it runs, else its persistent definition */
  record: DomainRecord;
  xml: string;
  /** `virsh domstate`: running, paused, shut off, crashed, pmsuspended… */
  state: string;
  persistent: boolean;
  /** `virsh dumpxml --inactive` of a persistent VM that runs */
  inactive?: { record: DomainRecord; xml: string };
  /** a running VM's addresses from its guest agent (`domifaddr --source agent`), when it answered */
  agentAddresses?: IfAddrRecord[];
}

/**
 * Resolves what a NIC is on to a node id: a host object, or a `missing` placeholder for a
 * network, bridge or device it names that is not there; undefined when the NIC has no host
 * object to be on (user, hostdev, vhost-user… — it gets its own endpoint node).
 */
export type NicTargetResolver = (nic: DomainNic) => string | undefined;

export function vmNodeId(host: string, domain: DomainRecord): string {
  return nodeId(host, 'vm', domain.uuid ?? domain.name);
}

/**
 * The VM node, its NIC links and the endpoint nodes of NICs with no host object. NICs of the
 * running VM and of its persistent definition are matched by MAC; one that is on a different
 * network in each becomes two links, one live-only and one config-only, since that is what
 * will change on the next boot.
 * NICs without a MAC are left out: libvirt always assigns one, and without it neither the
 * match nor a stable link id is possible.
 */
export function buildVm(
  host: string,
  input: DomainInput,
  resolve: NicTargetResolver,
): { node: VmNode; links: NicLink[]; endpoints: EndpointNode[] } {
  const vmId = vmNodeId(host, input.record);
  const running = isVmRunning(input.state);
  const liveNics = running ? input.record.nics : [];
  const configNics = running ? (input.inactive?.record.nics ?? []) : input.persistent ? input.record.nics : [];

  const endpoints = new Map<string, EndpointNode>();
  const endpointOf = (nic: DomainNic & { mac: string }): string => {
    const id = nodeId(host, 'endpoint', `${input.record.uuid ?? input.record.name}/${nic.mac}/${nic.type}`);
    if (!endpoints.has(id)) endpoints.set(id, endpointNode(id, host, vmId, nic));
    return id;
  };
  const merged = new Map<string, { nic: DomainNic & { mac: string }; target: string; live: boolean; config: boolean }>();
  const add = (nic: DomainNic, side: 'live' | 'config') => {
    if (!nic.mac) return;
    const withMac = { ...nic, mac: nic.mac };
    const target = resolve(nic) ?? endpointOf(withMac);
    const key = `${nic.mac}|${target}`;
    const entry = merged.get(key) ?? { nic: withMac, target, live: false, config: false };
    entry[side] = true;
    merged.set(key, entry);
  };
  liveNics.forEach((nic) => add(nic, 'live'));
  configNics.forEach((nic) => add(nic, 'config'));

  const links: NicLink[] = [...merged.values()].map(({ nic, target, live, config }) => ({
    id: linkId('nic', vmId, target, nic.mac),
    kind: 'nic',
    source: vmId,
    target,
    mac: nic.mac,
    ...nicDetails(nic),
    live,
    config,
  }));
  // The endpoint follows its NIC's link state, which is the only state it has.
  for (const link of links) {
    const endpoint = endpoints.get(link.target);
    if (endpoint && link.linkState === 'down') endpoint.state = 'link down';
  }

  const node: VmNode = {
    id: vmId,
    host,
    kind: 'vm',
    name: input.record.name,
    state: input.state,
    uuid: input.record.uuid ?? input.record.name,
    xml: input.xml,
    persistent: input.persistent,
  };
  if (input.inactive && input.inactive.xml !== input.xml) node.inactiveXml = input.inactive.xml;
  return { node, links, endpoints: [...endpoints.values()] };
}

type NicDetails = Pick<NicLink, 'type' | 'model' | 'targetDev' | 'linkState' | 'sourceMode' | 'portgroup' | 'virtualport' | 'vlan'>;

function nicDetails(nic: DomainNic): NicDetails {
  const out: NicDetails = { type: nic.type };
  const optional: Omit<NicDetails, 'type'> = {
    model: nic.model,
    targetDev: nic.targetDev,
    linkState: nic.linkState,
    // `mode` is also vhost-user's client/server; only a macvtap's is a mode of the link.
    sourceMode: nic.type === 'direct' ? nic.source.mode : undefined,
    portgroup: nic.source.portgroup,
    virtualport: nic.virtualport,
    vlan: nic.vlan,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(out, { [key]: value });
  return out;
}

function endpointNode(id: string, host: string, vm: string, nic: DomainNic & { mac: string }): EndpointNode {
  const source = endpointSource(nic);
  const node: EndpointNode = {
    id,
    host,
    kind: 'endpoint',
    name: source ? `${nic.type} ${source}` : nic.type,
    state: 'link up',
    nicType: nic.type,
    vm,
    mac: nic.mac,
  };
  if (source) node.source = source;
  return node;
}

const hostPort = (address: string | undefined, port: string | undefined): string | undefined =>
  address !== undefined && port !== undefined ? `${address}:${port}` : (address ?? (port !== undefined ? `port ${port}` : undefined));

/** What a NIC without a host object is attached to, in the words `virsh` and qemu use. */
function endpointSource(nic: DomainNic): string | undefined {
  const s = nic.source;
  switch (nic.type) {
    case 'user':
      return nic.backend === 'passt' ? '(passt)' : '(SLIRP)';
    case 'ethernet':
      return nic.targetDev;
    case 'hostdev':
      return s.pci;
    case 'vhostuser':
      return [s.path, s.mode].filter(Boolean).join(' ') || undefined;
    case 'udp': {
      const remote = hostPort(s.address, s.port);
      const local = hostPort(s.localAddress, s.localPort);
      return remote && local ? `${remote} from ${local}` : remote;
    }
    case 'mcast':
    case 'server':
    case 'client':
      return hostPort(s.address, s.port);
    default:
      return s.dev ?? s.path ?? s.network ?? s.bridge;
  }
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
