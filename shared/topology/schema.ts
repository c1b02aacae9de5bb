// The schema of topology file format 1. Every file is validated with it on open.
import { z } from 'zod';
import { ADDRESS_SOURCES, FDB_KINDS, FORWARD_MODES, MISSING_KINDS, PERSISTENCE } from './model.ts';

const text = z.string().max(4096);
const name = z.string().min(1).max(1024);
const xml = z.string().max(16 * 1024 * 1024);

const sshTarget = z.object({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  user: z.string().max(255),
});

export const hostSchema = z.object({
  id: name,
  label: text,
  ssh: sshTarget,
  uri: z.string().min(1).max(1024).default('qemu:///system'),
  capturedAt: z.string().max(64),
});

const ipConfig = z.object({
  family: z.enum(['ipv4', 'ipv6']),
  address: text,
  prefix: z.number().int().min(0).max(128),
  dhcpRanges: z.array(z.object({ start: text, end: text })).default([]),
  dhcpHosts: z
    .array(
      z.object({
        mac: text.optional(),
        id: text.optional(),
        name: text.optional(),
        ip: text.optional(),
      }),
    )
    .default([]),
});

const family = z.enum(['ipv4', 'ipv6']);
const prefix = z.number().int().min(0).max(128).optional();

const lease = z.object({
  mac: text,
  family,
  ip: text,
  prefix,
  hostname: text.optional(),
  clientId: text.optional(),
  expiry: text.optional(),
});

const nicAddress = z.object({ family, ip: text, prefix, sources: z.array(z.enum(ADDRESS_SOURCES)).min(1) });

const fdbEntry = z.object({
  mac: text,
  port: text,
  kind: z.enum(FDB_KINDS),
  vlan: z.number().int().min(0).max(4095).optional(),
  age: z.number().min(0).optional(),
  owner: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('nic'), vm: name }),
      z.object({ kind: z.literal('device'), device: text }),
      z.object({ kind: z.literal('group') }),
    ])
    .optional(),
});

const nodeBase = {
  id: name,
  host: name,
  name,
  state: text,
};

const deviceBase = {
  ...nodeBase,
  mac: text.optional(),
  mtu: z.number().int().min(0).max(1 << 20).optional(),
  up: z.boolean(),
  managedBy: z.string().max(1024).nullable().default(null),
  persistence: z.enum(PERSISTENCE).optional(),
};

export const nodeSchema = z.discriminatedUnion('kind', [
  z.object({
    ...nodeBase,
    kind: z.literal('network'),
    uuid: text.optional(),
    forward: z.enum(FORWARD_MODES),
    bridge: text.optional(),
    forwardDev: text.optional(),
    ips: z.array(ipConfig).default([]),
    domain: text.optional(),
    active: z.boolean(),
    autostart: z.boolean(),
    persistent: z.boolean(),
    xml: xml.optional(),
    leases: z.array(lease).optional(),
  }),
  z.object({
    ...nodeBase,
    kind: z.literal('vm'),
    uuid: text,
    xml: xml.optional(),
    inactiveXml: xml.optional(),
    persistent: z.boolean().optional(),
  }),
  z.object({ ...deviceBase, kind: z.literal('bridge'), bridgeType: z.enum(['linux', 'ovs']).optional(), ovsDatapath: z.enum(['system', 'netdev']).optional(), fdb: z.array(fdbEntry).optional() }),
  z.object({ ...deviceBase, kind: z.literal('tap'), vm: text.optional() }),
  z.object({ ...deviceBase, kind: z.literal('physical'), linkKind: text.optional() }),
  z.object({ ...nodeBase, kind: z.literal('missing'), expected: z.enum(MISSING_KINDS) }),
  z.object({ ...nodeBase, kind: z.literal('endpoint'), nicType: text, source: text.optional(), vm: name, mac: text }),
]);

/**
 * A VM NIC with no link, as files saved before every NIC had one kept them (on the VM node, as
 * `unlinkedNics`); read only to turn each into a link (see file.ts).
 */
export const legacyUnlinkedNicSchema = z.object({
  mac: text,
  type: text,
  model: text.optional(),
  targetDev: text.optional(),
  source: text.optional(),
  live: z.boolean(),
  config: z.boolean(),
  linkState: z.enum(['up', 'down']).optional(),
});

const linkBase = { id: name, source: name, target: name };

export const linkSchema = z.discriminatedUnion('kind', [
  z.object({
    ...linkBase,
    kind: z.literal('nic'),
    mac: text,
    model: text.optional(),
    type: text,
    targetDev: text.optional(),
    sourceMode: text.optional(),
    portgroup: text.optional(),
    virtualport: text.optional(),
    vlan: text.optional(),
    live: z.boolean(),
    config: z.boolean(),
    linkState: z.enum(['up', 'down']).optional(),
    addresses: z.array(nicAddress).optional(),
  }),
  z.object({ ...linkBase, kind: z.literal('port') }),
  z.object({ ...linkBase, kind: z.literal('uses') }),
  z.object({ ...linkBase, kind: z.literal('uplink') }),
]);

const point = z.object({ x: z.number().finite(), y: z.number().finite() });

export const topologySchema = z.object({
  hosts: z.array(hostSchema),
  nodes: z.array(nodeSchema),
  links: z.array(linkSchema),
  layout: z.record(z.string(), point).default({}),
});

export const FILE_FORMAT = 'virtwire-topology';
export const FILE_VERSION = 1;

export const topologyFileSchema = topologySchema.extend({
  format: z.literal(FILE_FORMAT),
  version: z.literal(FILE_VERSION),
  savedAt: z.string().max(64),
});
