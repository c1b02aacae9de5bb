// VM nodes and their NICs: one NicLink per NIC and place it is on, with `live`/`config`
// telling whether the running VM, the persistent definition, or both have it.
import type { DomainNic, DomainRecord } from '../libvirt/domain.ts';
import { linkId, nodeId } from './ids.ts';
import { isVmRunning, type NicLink, type UnlinkedNic, type VmNode } from './model.ts';

export interface DomainInput {
  /** `virsh dumpxml`: the running VM when it runs, else its persistent definition */
  record: DomainRecord;
  xml: string;
  /** `virsh domstate`: running, paused, shut off, crashed, pmsuspended… */
  state: string;
  persistent: boolean;
  /** `virsh dumpxml --inactive` of a persistent VM that runs */
  inactive?: { record: DomainRecord; xml: string };
}

/** Resolves what a NIC is on to a node id; undefined when nothing on this host fits. */
export type NicTargetResolver = (nic: DomainNic) => string | undefined;

export function vmNodeId(host: string, domain: DomainRecord): string {
  return nodeId(host, 'vm', domain.uuid ?? domain.name);
}

/**
 * The VM node and its NIC links. NICs of the running VM and of its persistent definition
 * are matched by MAC; one that is on a different network in each becomes two links, one
 * live-only and one config-only, since that is what will change on the next boot.
 * NICs without a MAC are left out: libvirt always assigns one, and without it neither the
 * match nor a stable link id is possible.
 */
export function buildVm(host: string, input: DomainInput, resolve: NicTargetResolver): { node: VmNode; links: NicLink[] } {
  const vmId = vmNodeId(host, input.record);
  const running = isVmRunning(input.state);
  const liveNics = running ? input.record.nics : [];
  const configNics = running ? (input.inactive?.record.nics ?? []) : input.persistent ? input.record.nics : [];

  const merged = new Map<string, { nic: DomainNic; target?: string; live: boolean; config: boolean }>();
  const add = (nic: DomainNic, side: 'live' | 'config') => {
    if (!nic.mac) return;
    const target = resolve(nic);
    const key = `${nic.mac}|${target ?? `unlinked:${nic.type}`}`;
    const entry = merged.get(key) ?? { nic, live: false, config: false, ...(target ? { target } : {}) };
    entry[side] = true;
    merged.set(key, entry);
  };
  liveNics.forEach((nic) => add(nic, 'live'));
  configNics.forEach((nic) => add(nic, 'config'));

  const links: NicLink[] = [];
  const unlinked: UnlinkedNic[] = [];
  for (const { nic, target, live, config } of merged.values()) {
    const details = nicDetails(nic);
    if (target) {
      links.push({ id: linkId('nic', vmId, target, nic.mac), kind: 'nic', source: vmId, target, mac: nic.mac!, ...details, live, config });
    } else {
      const source = nicSourceName(nic);
      unlinked.push({ mac: nic.mac!, ...details, ...(source ? { source } : {}), live, config });
    }
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
  if (unlinked.length) node.unlinkedNics = unlinked.sort((a, b) => compare(a.mac, b.mac) || compare(a.type, b.type));
  return { node, links };
}

function nicDetails(nic: DomainNic): Pick<NicLink, 'type' | 'model' | 'targetDev' | 'linkState'> {
  const out: Pick<NicLink, 'type' | 'model' | 'targetDev' | 'linkState'> = { type: nic.type };
  if (nic.model !== undefined) out.model = nic.model;
  if (nic.targetDev !== undefined) out.targetDev = nic.targetDev;
  if (nic.linkState !== undefined) out.linkState = nic.linkState;
  return out;
}

function nicSourceName(nic: DomainNic): string | undefined {
  const s = nic.source;
  return s.network ?? s.bridge ?? s.dev ?? s.path ?? (nic.type === 'ethernet' ? nic.targetDev : undefined);
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
