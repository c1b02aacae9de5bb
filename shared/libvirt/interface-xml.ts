// A VM NIC as libvirt wrote it: the whole `<interface>` element of a domain XML, kept with
// every child (model, driver, bandwidth, filterref and its parameters, virtualport, vlan, link,
// mtu, boot, rom, coalesce, anything newer libvirt adds) so that a NIC detached and attached
// again, or moved, comes back whole. Only what libvirt assigns by itself is left out.
// Reference: https://libvirt.org/formatdomain.html#network-interfaces
import { XMLParser } from 'fast-xml-parser';
import { parseXml, SAFE_PARSING } from './xml.ts';

/** An element in document order; attribute values and text are kept exactly as escaped in the source. */
export interface XmlNode {
  tag: string;
  attrs: [name: string, value: string][];
  children: (XmlNode | { text: string })[];
}

type Ordered = Record<string, unknown>;

// Only ever given XML that parseXml has accepted (size, nesting, no DOCTYPE, well-formed).
const ORDERED = new XMLParser({ ...SAFE_PARSING, preserveOrder: true, attributeNamePrefix: '' });

function toNode(entry: Ordered): XmlNode | { text: string } | undefined {
  if (typeof entry['#text'] === 'string') return { text: entry['#text'] };
  const tag = Object.keys(entry).find((k) => k !== ':@' && !k.startsWith('#') && !k.startsWith('?'));
  if (!tag) return undefined;
  const attrs = Object.entries((entry[':@'] ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)] as [string, string]);
  const kids = (entry[tag] as Ordered[]).map(toNode).filter((n) => n !== undefined);
  return { tag, attrs, children: kids };
}

const isNode = (n: XmlNode | { text: string } | undefined): n is XmlNode => n !== undefined && 'tag' in n;

export const attrOf = (node: XmlNode | undefined, name: string): string | undefined => node?.attrs.find(([k]) => k === name)?.[1];
export const childOf = (node: XmlNode | undefined, tag: string): XmlNode | undefined => node?.children.filter(isNode).find((c) => c.tag === tag);

/** The `<interface>` elements of a domain XML, in order. Throws ApiError on XML that is not well-formed. */
export function interfaceNodes(domainXml: string): XmlNode[] {
  parseXml(domainXml); // the one gate for size, nesting, DOCTYPE and well-formedness
  const doc = (ORDERED.parse(domainXml) as Ordered[]).map(toNode).filter(isNode);
  const devices = childOf(doc.find((n) => n.tag === 'domain'), 'devices');
  return devices?.children.filter(isNode).filter((n) => n.tag === 'interface') ?? [];
}

/** The NIC with this MAC (any case), or undefined. */
export function interfaceByMac(domainXml: string, mac: string): XmlNode | undefined {
  const wanted = mac.toLowerCase();
  return interfaceNodes(domainXml).find((n) => attrOf(childOf(n, 'mac'), 'address')?.toLowerCase() === wanted);
}

// A tap or macvtap name libvirt made up (vnet0, macvtap3); a name the user gave is part of the NIC.
const GENERATED_TARGET = /^(vnet|macvtap|macvlan)\d+$/;
// Source attributes a running VM's network NIC shows but its definition never holds.
const RUNTIME_NETWORK_SOURCE = new Set(['portid', 'bridge', 'dev', 'mode']);

/**
 * The NIC as it is defined, without what libvirt assigns by itself while it runs or when it
 * defines the VM: its alias (unless the user set one, `ua-…`), a generated target dev, and the
 * runtime attributes of a network NIC's source (port id, the bridge or device libvirt chose).
 * With `keepAddress: false` the PCI address goes too (for comparing a NIC before and after).
 */
export function definedNic(node: XmlNode, options: { keepAddress?: boolean } = {}): XmlNode {
  const type = attrOf(node, 'type');
  const children = node.children.filter(isNode).flatMap((c): XmlNode[] => {
    if (c.tag === 'alias' && !attrOf(c, 'name')?.startsWith('ua-')) return [];
    if (c.tag === 'target' && (attrOf(c, 'dev') === undefined || GENERATED_TARGET.test(attrOf(c, 'dev')!))) return [];
    if (c.tag === 'address' && options.keepAddress === false) return [];
    if (c.tag === 'source' && type === 'network') return [{ ...c, attrs: c.attrs.filter(([k]) => !RUNTIME_NETWORK_SOURCE.has(k)) }];
    return [c];
  });
  return { ...node, children };
}

export type NicSourceTarget =
  | { type: 'network'; network: string }
  | { type: 'bridge'; bridge: string; ovs: boolean }
  /** a macvtap on host device `dev` in `mode` (bridge, vepa, private, passthrough) */
  | { type: 'direct'; dev: string; mode: string };

const attrValue = (value: string): string => value.replaceAll('&', '&amp;').replaceAll("'", '&apos;').replaceAll('<', '&lt;').replaceAll('"', '&quot;');

/**
 * The NIC on another network or bridge and otherwise the same: only its type and `<source>`
 * change — plus the `<virtualport type='openvswitch'/>` an OVS bridge needs (added when moving
 * onto one, removed when moving off to where it would be refused).
 */
export function withSource(node: XmlNode, to: NicSourceTarget): XmlNode {
  const source: XmlNode =
    to.type === 'network'
      ? { tag: 'source', attrs: [['network', attrValue(to.network)]], children: [] }
      : to.type === 'bridge'
        ? { tag: 'source', attrs: [['bridge', attrValue(to.bridge)]], children: [] }
        : { tag: 'source', attrs: [['dev', attrValue(to.dev)], ['mode', attrValue(to.mode)]], children: [] };
  const ovsPort = (c: XmlNode) => c.tag === 'virtualport' && attrOf(c, 'type') === 'openvswitch';
  let children = node.children.filter(isNode).filter((c) => (to.type === 'bridge' && to.ovs) || !ovsPort(c));
  const at = children.findIndex((c) => c.tag === 'source');
  if (at >= 0) children = children.map((c, i) => (i === at ? source : c));
  else children = [...children.slice(0, 1), source, ...children.slice(1)];
  if (to.type === 'bridge' && to.ovs && !children.some(ovsPort)) {
    const after = children.indexOf(source);
    children.splice(after + 1, 0, { tag: 'virtualport', attrs: [['type', 'openvswitch']], children: [] });
  }
  const attrs = node.attrs.map(([k, v]): [string, string] => [k, k === 'type' ? to.type : v]);
  return { ...node, attrs: attrs.some(([k]) => k === 'type') ? attrs : [['type', to.type], ...attrs], children };
}

/** A new NIC: MAC, source and model, and the virtualport an OVS bridge needs. */
export function newNic(mac: string, to: NicSourceTarget, model: string): XmlNode {
  const bare: XmlNode = {
    tag: 'interface',
    attrs: [['type', to.type]],
    children: [
      { tag: 'mac', attrs: [['address', attrValue(mac)]], children: [] },
      { tag: 'model', attrs: [['type', attrValue(model)]], children: [] },
    ],
  };
  return withSource(bare, to);
}

/** The element as XML text, two-space indented, attributes single-quoted; text is not re-escaped. */
export function nicXml(node: XmlNode): string {
  const lines: string[] = [];
  const write = (n: XmlNode, depth: number) => {
    const pad = '  '.repeat(depth);
    const attrs = n.attrs.map(([k, v]) => ` ${k}='${v.replaceAll("'", '&apos;')}'`).join('');
    const kids = n.children.filter(isNode);
    const text = n.children.filter((c): c is { text: string } => !isNode(c)).map((c) => c.text).join('');
    if (kids.length === 0 && text === '') lines.push(`${pad}<${n.tag}${attrs}/>`);
    else if (kids.length === 0) lines.push(`${pad}<${n.tag}${attrs}>${text}</${n.tag}>`);
    else {
      lines.push(`${pad}<${n.tag}${attrs}>${text}`);
      for (const k of kids) write(k, depth + 1);
      lines.push(`${pad}</${n.tag}>`);
    }
  };
  write(node, 0);
  return `${lines.join('\n')}\n`;
}

/** Canonical text of a NIC for "is it the same NIC": defined parts only, without its PCI address. */
export function comparableNic(node: XmlNode): string {
  return nicXml(definedNic(node, { keepAddress: false }));
}
