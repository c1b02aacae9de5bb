// The interfaces VirtWire must not cut itself off by: the one the host's default route leaves
// by, and the one the host answers this SSH session through. Read in one cheap command.
import type { TopologyLink, TopologyNode } from '../../shared/topology/model.ts';
import type { RunStep } from './executor.ts';

const SEPARATOR = '@@vw-route-of-session';

// SSH_CONNECTION is "client-address client-port server-address server-port", set by sshd;
// the route back to the client is the one this session's packets take.
const SCRIPT = `ip -j route show default; echo ${SEPARATOR}; set -- $SSH_CONNECTION; [ -n "$1" ] && ip -j route get "$1"; exit 0`;

function devicesIn(json: string): string[] {
  try {
    const routes = JSON.parse(json) as unknown;
    if (!Array.isArray(routes)) return [];
    return routes.map((r: { dev?: unknown }) => r?.dev).filter((d): d is string => typeof d === 'string');
  } catch {
    return [];
  }
}

/** Names of the interfaces carrying the default route or the SSH session (may include `lo`). */
export async function readRouteDevices(run: RunStep): Promise<string[]> {
  const result = await run(['sh', '-c', SCRIPT], {});
  const [routes = '', session = ''] = result.stdout.split(SEPARATOR);
  return [...new Set([...devicesIn(routes.trim()), ...devicesIn(session.trim())])];
}

/**
 * The route devices plus the ports of any of them that is a bridge: unplugging or downing the
 * physical NIC under a bridge cuts the session just as surely as the bridge itself.
 */
export function protectedInterfaces(routeDevices: readonly string[], nodes: readonly TopologyNode[], links: readonly TopologyLink[]): string[] {
  const names = new Set(routeDevices);
  const bridgeIds = new Set(nodes.filter((n) => n.kind === 'bridge' && names.has(n.name)).map((n) => n.id));
  for (const link of links) {
    if (link.kind !== 'port' || !bridgeIds.has(link.target)) continue;
    const port = nodes.find((n) => n.id === link.source);
    if (port) names.add(port.name);
  }
  return [...names].sort();
}
