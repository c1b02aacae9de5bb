// One line-art icon per kind of object, 24×24, drawn in the kind's colour. The graph uses
// them as SVG data URIs; the outline and legend draw the same paths inline.
import type { NodeKind } from '../../shared/topology/model.ts';

export const KIND_ICON_PATHS: Record<NodeKind, string> = {
  // a cloud: a virtual network
  network: 'M7 18h10a4 4 0 0 0 .6-7.96A6 6 0 0 0 6.2 9.1 4.5 4.5 0 0 0 7 18z',
  // a switch: a bar with ports hanging from it
  bridge: 'M3 8h18v6H3z M6 14v4 M10 14v4 M14 14v4 M18 14v4 M6 11h.01 M9 11h.01',
  // a plug socket: the host end of a VM NIC
  tap: 'M12 3v5 M8 8h8v5a4 4 0 0 1-8 0z M12 17v4',
  // a monitor: a virtual machine
  vm: 'M3 4h18v12H3z M8 20h8 M12 16v4 M7 8h4',
  // an RJ45 port: a physical NIC
  physical: 'M4 6h16v12H4z M8 18v-4h8v4 M8 10h.01 M12 10h.01 M16 10h.01',
  // a question mark in a broken circle: something named that is not there
  missing: 'M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6 M12 17h.01 M4 12a8 8 0 0 1 3-6.2 M17 5.8A8 8 0 0 1 17 18.2 M7 18.2a8 8 0 0 0 5 1.8',
  // a cable end: where a NIC leaves the host's own networking (SLIRP, a socket, a PCI device)
  endpoint: 'M4 12h8 M12 8h4v8h-4z M16 10h4 M16 14h4',
};

/** Keeps a colour to the characters CSS colours use, so it cannot break out of the attribute. */
const safeColour = (colour: string): string => (/^[#\w(),.%\s-]+$/.test(colour) ? colour : 'currentColor');

export function kindIconSvg(kind: NodeKind, colour: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" ` +
    `stroke="${safeColour(colour)}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">` +
    `<path d="${KIND_ICON_PATHS[kind]}"/></svg>`
  );
}

export function kindIconUri(kind: NodeKind, colour: string): string {
  return `data:image/svg+xml;utf8,${encodeURIComponent(kindIconSvg(kind, colour))}`;
}
