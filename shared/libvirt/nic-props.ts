// The properties of a VM NIC a user changes in place — model, link state, bandwidth limits, MTU,
// VLAN tags, macvtap mode — read from and written into its whole `<interface>` element. Writing
// changes only the child or attribute that holds the property; every other element and
// attribute (address, alias, filterref, virtualport, rom, driver, what a newer libvirt adds) is
// carried through as it was.
// Reference: https://libvirt.org/formatdomain.html#quality-of-service,
// #setting-vlan-tag-on-supported-network-types-only, #mtu-configuration, #direct-attachment-to-physical-interface
import { attrOf, childOf, type XmlNode } from './interface-xml.ts';

/** libvirt `<inbound>`/`<outbound>`: average and peak in kilobytes per second, burst in kilobytes. */
export interface BandwidthLimit {
  average: number;
  peak?: number;
  burst?: number;
}

export const MACVTAP_MODES = ['bridge', 'vepa', 'private', 'passthrough'] as const;
export type MacvtapMode = (typeof MACVTAP_MODES)[number];

/** What can be changed on an existing NIC; null: the NIC has none (no limit, the default MTU, no VLAN). */
export interface NicProps {
  model: string | null;
  link: 'up' | 'down';
  inbound: BandwidthLimit | null;
  outbound: BandwidthLimit | null;
  mtu: number | null;
  /** "42", "42,48" or "trunk 42,48", as the graph shows it */
  vlan: string | null;
  /** type direct only */
  mode: string | null;
}

export type NicPropName = keyof NicProps;

const isNode = (n: XmlNode | { text: string }): n is XmlNode => 'tag' in n;

function number(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

function limitOf(node: XmlNode | undefined): BandwidthLimit | null {
  const average = number(attrOf(node, 'average'));
  if (!node || average === undefined) return null;
  const peak = number(attrOf(node, 'peak'));
  const burst = number(attrOf(node, 'burst'));
  return { average, ...(peak !== undefined ? { peak } : {}), ...(burst !== undefined ? { burst } : {}) };
}

function vlanOf(node: XmlNode | undefined): string | null {
  const tags = (node?.children ?? []).filter(isNode).filter((c) => c.tag === 'tag').flatMap((t) => attrOf(t, 'id') ?? []);
  if (tags.length === 0) return null;
  return attrOf(node, 'trunk') === 'yes' ? `trunk ${tags.join(',')}` : tags.join(',');
}

/** The changeable properties of a NIC element. */
export function nicProps(node: XmlNode): NicProps {
  const bandwidth = childOf(node, 'bandwidth');
  return {
    model: attrOf(childOf(node, 'model'), 'type') ?? null,
    link: attrOf(childOf(node, 'link'), 'state') === 'down' ? 'down' : 'up',
    inbound: limitOf(childOf(bandwidth, 'inbound')),
    outbound: limitOf(childOf(bandwidth, 'outbound')),
    mtu: number(attrOf(childOf(node, 'mtu'), 'size')) ?? null,
    vlan: vlanOf(childOf(node, 'vlan')),
    mode: attrOf(node, 'type') === 'direct' ? attrOf(childOf(node, 'source'), 'mode') ?? 'vepa' : null,
  };
}

/** "1000 kB/s (peak 2000 kB/s, burst 1024 kB)" */
export function limitText(limit: BandwidthLimit | null): string | null {
  if (!limit) return null;
  const more = [limit.peak !== undefined ? `peak ${limit.peak} kB/s` : '', limit.burst !== undefined ? `burst ${limit.burst} kB` : ''].filter(Boolean);
  return `${limit.average} kB/s${more.length ? ` (${more.join(', ')})` : ''}`;
}

/** A property's value as the user reads it; null when the NIC has none. */
export function valueText(value: NicProps[NicPropName] | undefined): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'object' ? limitText(value) : String(value);
}

/** A property of `props` as the user reads it. */
export function propText(name: NicPropName, props: NicProps): string | null {
  return valueText(props[name]);
}

/** Whether two values of a property are the same. */
export function sameProp(a: NicProps[NicPropName] | undefined, b: NicProps[NicPropName] | undefined): boolean {
  return valueText(a) === valueText(b);
}

/** A VLAN in the graph's words ("42", "42,48", "trunk 42,48") as tag ids and whether it is a trunk. */
export function parseVlan(text: string): { trunk: boolean; tags: string[] } | null {
  const m = /^\s*(trunk\s+)?(\d{1,4}(?:\s*,\s*\d{1,4})*)\s*$/.exec(text);
  if (!m) return null;
  const tags = m[2]!.split(',').map((t) => String(Number(t.trim())));
  if (tags.some((t) => Number(t) > 4095)) return null;
  return { trunk: m[1] !== undefined || tags.length > 1, tags };
}

// Children libvirt writes last; a child VirtWire adds goes before them, so the element reads as libvirt writes it.
const WRITTEN_LAST = new Set(['alias', 'rom', 'address', 'boot', 'acpi']);

/** `node` with its first `tag` child replaced by `next` (added when missing, removed when next is undefined). */
function withChild(node: XmlNode, tag: string, next: XmlNode | undefined): XmlNode {
  const at = node.children.findIndex((c) => isNode(c) && c.tag === tag);
  const children = [...node.children];
  if (at >= 0) {
    if (next) children[at] = next;
    else children.splice(at, 1);
  } else if (next) {
    const before = children.findIndex((c) => isNode(c) && WRITTEN_LAST.has(c.tag));
    children.splice(before >= 0 ? before : children.length, 0, next);
  }
  return { ...node, children };
}

/** `node` with attribute `name` set to `value` (added when missing), the others kept in order. */
function withAttr(node: XmlNode, name: string, value: string): XmlNode {
  const has = node.attrs.some(([k]) => k === name);
  return { ...node, attrs: has ? node.attrs.map(([k, v]): [string, string] => [k, k === name ? value : v]) : [...node.attrs, [name, value]] };
}

const LIMIT_ATTRS = ['average', 'peak', 'burst'];

function withLimit(bandwidth: XmlNode, tag: 'inbound' | 'outbound', limit: BandwidthLimit | null): XmlNode {
  if (!limit) return withChild(bandwidth, tag, undefined);
  // Attributes the form has no field for (floor) stay as they are.
  const old = childOf(bandwidth, tag);
  const kept = (old?.attrs ?? []).filter(([k]) => !LIMIT_ATTRS.includes(k));
  const attrs: [string, string][] = [['average', String(limit.average)]];
  if (limit.peak !== undefined) attrs.push(['peak', String(limit.peak)]);
  if (limit.burst !== undefined) attrs.push(['burst', String(limit.burst)]);
  return withChild(bandwidth, tag, { tag, attrs: [...attrs, ...kept], children: old?.children ?? [] });
}

/** The element with the given properties set and nothing else changed. Values are checked by the caller. */
export function withProps(node: XmlNode, changes: Partial<NicProps>): XmlNode {
  let out = node;
  if (changes.model !== undefined) {
    const model = childOf(out, 'model');
    out = changes.model === null ? withChild(out, 'model', undefined) : withChild(out, 'model', model ? withAttr(model, 'type', changes.model) : { tag: 'model', attrs: [['type', changes.model]], children: [] });
  }
  if (changes.link !== undefined) {
    const link = childOf(out, 'link');
    if (link) out = withChild(out, 'link', withAttr(link, 'state', changes.link));
    else if (changes.link === 'down') out = withChild(out, 'link', { tag: 'link', attrs: [['state', 'down']], children: [] });
  }
  if (changes.inbound !== undefined || changes.outbound !== undefined) {
    let bandwidth = childOf(out, 'bandwidth') ?? { tag: 'bandwidth', attrs: [], children: [] };
    if (changes.inbound !== undefined) bandwidth = withLimit(bandwidth, 'inbound', changes.inbound);
    if (changes.outbound !== undefined) bandwidth = withLimit(bandwidth, 'outbound', changes.outbound);
    out = withChild(out, 'bandwidth', bandwidth.children.some(isNode) ? bandwidth : undefined);
  }
  if (changes.mtu !== undefined) {
    out = withChild(out, 'mtu', changes.mtu === null ? undefined : { tag: 'mtu', attrs: [['size', String(changes.mtu)]], children: [] });
  }
  if (changes.vlan !== undefined) {
    const vlan = changes.vlan === null ? null : parseVlan(changes.vlan);
    out = withChild(
      out,
      'vlan',
      vlan ? { tag: 'vlan', attrs: vlan.trunk ? [['trunk', 'yes']] : [], children: vlan.tags.map((id) => ({ tag: 'tag', attrs: [['id', id]], children: [] })) } : undefined,
    );
  }
  if (changes.mode !== undefined && changes.mode !== null) {
    const source = childOf(out, 'source');
    if (source) out = withChild(out, 'source', withAttr(source, 'mode', changes.mode));
  }
  return out;
}
