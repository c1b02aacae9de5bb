// Stable ids: the same object on the same host always gets the same id, across refreshes,
// snapshots and saved files, so saved positions apply to the live graph.
import type { LinkKind, NodeKind, SshTarget } from './model.ts';

/** A host's id from its SSH target: `user@host:port` (port omitted when 22). */
export function hostId(ssh: SshTarget): string {
  const port = ssh.port === 22 ? '' : `:${ssh.port}`;
  return `${ssh.user}@${ssh.host}${port}`;
}

/**
 * A node's id. Networks and VMs are keyed by their libvirt UUID when they have one
 * (names can be reused after undefine); interfaces by their kernel name.
 */
export function nodeId(host: string, kind: NodeKind, key: string): string {
  return `${host}/${kind}/${key}`;
}

export function linkId(kind: LinkKind, source: string, target: string, discriminator?: string): string {
  const base = `${kind}:${source}->${target}`;
  return discriminator ? `${base}#${discriminator}` : base;
}
