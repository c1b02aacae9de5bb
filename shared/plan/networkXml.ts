// Network XML for every kind of network the create form offers. Built as text with a strict
// escaper (every value passes through `escape`), in the element order libvirt itself writes,
// so the preview reads like `virsh net-dumpxml`. Reference: https://libvirt.org/formatnetwork.html
import type { DhcpHost } from '../topology/model.ts';
import type { NetworkSpec, SubnetSpec } from './types.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for an XML attribute or element body. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

function attrs(pairs: [string, string | number | undefined][]): string {
  return pairs
    .filter((pair): pair is [string, string | number] => pair[1] !== undefined && pair[1] !== '')
    .map(([key, value]) => ` ${key}='${escapeXml(String(value))}'`)
    .join('');
}

/** `<host …/>` as net-update and the `<dhcp>` element want it. */
export function dhcpHostXml(host: DhcpHost): string {
  return `<host${attrs([['mac', host.mac], ['id', host.id], ['name', host.name], ['ip', host.ip]])}/>`;
}

function ipXml(family: 'ipv4' | 'ipv6', subnet: SubnetSpec): string[] {
  const head = attrs([['family', family === 'ipv6' ? 'ipv6' : undefined], ['address', subnet.address], ['prefix', subnet.prefix]]);
  const hosts = subnet.dhcpHosts ?? [];
  if (!subnet.dhcpRange && hosts.length === 0) return [`  <ip${head}/>`];
  const range = subnet.dhcpRange
    ? [`      <range${attrs([['start', subnet.dhcpRange.start], ['end', subnet.dhcpRange.end]])}/>`]
    : [];
  return [
    `  <ip${head}>`,
    '    <dhcp>',
    ...range,
    ...hosts.map((h) => `      ${dhcpHostXml(h)}`),
    '    </dhcp>',
    '  </ip>',
  ];
}

/**
 * The network XML for `spec`. `bridge` must already be resolved (the planner picks the free
 * virbrN); `uuid` is passed when redefining an existing network, because libvirt refuses a
 * definition that reuses a name under a new UUID.
 */
export function networkXml(spec: NetworkSpec, uuid?: string): string {
  const lines = ['<network>', `  <name>${escapeXml(spec.name)}</name>`];
  if (uuid) lines.push(`  <uuid>${escapeXml(uuid)}</uuid>`);
  if (spec.mode !== 'isolated') {
    const dev = spec.mode === 'nat' || spec.mode === 'route' ? spec.forwardDev : undefined;
    lines.push(`  <forward${attrs([['mode', spec.mode], ['dev', dev]])}/>`);
  }
  if (spec.bridge) {
    // A bridge libvirt creates gets STP on and no forwarding delay, as virsh writes it; a
    // host bridge joined in bridge mode is configured by the host, so only its name is given.
    const extra: [string, string][] = spec.mode === 'bridge' ? [] : [['stp', 'on'], ['delay', '0']];
    lines.push(`  <bridge${attrs([['name', spec.bridge], ...extra])}/>`);
  }
  if (spec.domain) lines.push(`  <domain${attrs([['name', spec.domain]])}/>`);
  // Line by line, never spread into push(): a network can have any number of DHCP hosts.
  if (spec.ipv4) for (const line of ipXml('ipv4', spec.ipv4)) lines.push(line);
  if (spec.ipv6) for (const line of ipXml('ipv6', spec.ipv6)) lines.push(line);
  lines.push('</network>');
  return `${lines.join('\n')}\n`;
}
