// Drag-connect rules for the graph: the renderer asks the same rules the planner does
// (shared/plan/rules.ts), so a drop it allows is one the planner plans.
export {
  canMoveNic,
  canStartConnect,
  checkConnect,
  offlineReason,
  type ConnectCheck,
  type MovingNic,
  type StartCheck,
} from '../../shared/plan/rules.ts';

/** The ids of the hosts drawn from live connections. */
export function liveHostIdsOf(hosts: Iterable<{ host: { id: string } }>): ReadonlySet<string> {
  return new Set([...hosts].map((h) => h.host.id));
}
