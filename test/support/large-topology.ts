// A valid topology file far larger than any real host's: one VM with `nics` NICs, all on one
// network, written compactly so 200,000 links stay under the 50 MB limit.
import { FILE_FORMAT, FILE_VERSION } from '../../shared/topology/schema.ts';

function mac(i: number): string {
  const hex = i.toString(16).padStart(6, '0');
  return `52:54:00:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
}

export function largeTopologyText(nics: number): string {
  const links = [];
  for (let i = 0; i < nics; i++) {
    links.push({ id: `l${i}`, kind: 'nic', source: 'vm', target: 'net', mac: mac(i), type: 'network', targetDev: `vnet${i}`, live: true, config: true });
  }
  return JSON.stringify({
    format: FILE_FORMAT,
    version: FILE_VERSION,
    savedAt: '2026-11-28T12:00:00.000Z',
    hosts: [{ id: 'h', label: 'big', ssh: { host: 'big', port: 22, user: 'root' }, uri: 'qemu:///system', capturedAt: '2026-11-28T12:00:00.000Z' }],
    nodes: [
      { id: 'net', host: 'h', kind: 'network', name: 'wide', state: 'active', forward: 'nat', bridge: 'virbr9', active: true, autostart: true, persistent: true },
      { id: 'vm', host: 'h', kind: 'vm', name: 'many', state: 'running', uuid: '00000000-0000-0000-0000-000000000001' },
    ],
    links,
    layout: {},
  });
}
