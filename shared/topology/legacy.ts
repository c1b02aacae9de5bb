// Files saved before every VM NIC had a link kept the NICs with nothing to link to on the VM
// node, as `unlinkedNics`. Opening such a file turns each into what discovery makes today:
// a link to a `missing` placeholder (a network, bridge or macvtap device that was not on the
// host) or to the NIC's own `endpoint` node.
import { linkId, nodeId } from './ids.ts';
import type { EndpointNode, MissingKind, MissingNode, NicLink } from './model.ts';
import { legacyUnlinkedNicSchema } from './schema.ts';

type Json = Record<string, unknown>;

const EXPECTED: Record<string, MissingKind> = { network: 'network', bridge: 'bridge', direct: 'device' };

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The raw file with every VM's `unlinkedNics` replaced by nodes and links; others unchanged. */
export function upgradeUnlinkedNics(raw: Json): Json {
  if (!Array.isArray(raw.nodes) || !Array.isArray(raw.links)) return raw;
  if (!raw.nodes.some((n) => isObject(n) && n.kind === 'vm' && 'unlinkedNics' in n)) return raw;
  const nodes: unknown[] = [];
  const links: unknown[] = [...raw.links];
  const added = new Set<string>();
  const addNode = (node: MissingNode | EndpointNode) => {
    if (!added.has(node.id)) nodes.push(node);
    added.add(node.id);
  };
  for (const node of raw.nodes) {
    if (!isObject(node) || node.kind !== 'vm' || !('unlinkedNics' in node)) {
      nodes.push(node);
      continue;
    }
    const { unlinkedNics, ...vm } = node;
    nodes.push(vm);
    const host = String(vm.host);
    const vmId = String(vm.id);
    for (const entry of Array.isArray(unlinkedNics) ? unlinkedNics : []) {
      const parsed = legacyUnlinkedNicSchema.safeParse(entry);
      if (!parsed.success) continue;
      const nic = parsed.data;
      const expected = EXPECTED[nic.type];
      let target: string;
      if (expected && nic.source) {
        target = nodeId(host, 'missing', `${expected}/${nic.source}`);
        addNode({ id: target, host, kind: 'missing', name: nic.source, state: 'missing', expected });
      } else {
        target = nodeId(host, 'endpoint', `${String(vm.uuid ?? vm.name)}/${nic.mac}/${nic.type}`);
        const endpoint: EndpointNode = {
          id: target, host, kind: 'endpoint', name: nic.source ? `${nic.type} ${nic.source}` : nic.type,
          state: nic.linkState === 'down' ? 'link down' : 'link up', nicType: nic.type, vm: vmId, mac: nic.mac,
        };
        if (nic.source) endpoint.source = nic.source;
        addNode(endpoint);
      }
      const { source: _source, ...details } = nic;
      const link: NicLink = { id: linkId('nic', vmId, target, nic.mac), kind: 'nic', source: vmId, target, ...details };
      links.push(link);
    }
  }
  return { ...raw, nodes, links };
}
