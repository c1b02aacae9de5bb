// Reads a VM's NICs two ways — `virsh domiflist` and the discovered graph — in one shape,
// "type source mac", so tests compare them NIC by NIC.
import { execFileSync } from 'node:child_process';
import type { NicLink, Topology, TopologyNode } from '../../../shared/topology/model.ts';

/** `virsh domiflist` rows as "type source mac". */
export function domiflist(uri: string, vm: string, inactive: boolean, virsh: (args: string[]) => string = localVirsh): string[] {
  const text = virsh(['-c', uri, 'domiflist', vm, ...(inactive ? ['--inactive'] : [])]);
  return text.split('\n').slice(2).map((l) => l.trim().split(/\s+/)).filter((c) => c.length >= 5)
    .map(([, type, source, , mac]) => `${type} ${source} ${mac}`).sort();
}

/** What virsh names as a NIC's source, read back from the graph: the target's name, or for an endpoint its socket or device. */
export function graphSource(target: TopologyNode): string {
  if (target.kind !== 'endpoint') return target.name;
  if (target.nicType === 'vhostuser') return target.source?.split(' ')[0] ?? '-';
  if (target.nicType === 'vdpa') return target.source ?? '-';
  return '-';
}

/** The graph's NICs of one VM as "type source mac", live or in the config. */
export function graphNics(t: Pick<Topology, 'nodes' | 'links'>, vm: string, side: 'live' | 'config'): string[] {
  const node = t.nodes.find((n) => n.kind === 'vm' && n.name === vm)!;
  return t.links
    .filter((l): l is NicLink => l.kind === 'nic' && l.source === node.id && l[side])
    .map((l) => `${l.type} ${graphSource(t.nodes.find((n) => n.id === l.target)!)} ${l.mac}`)
    .sort();
}


function localVirsh(args: string[]): string {
  return execFileSync('virsh', args, { encoding: 'utf8' });
}
