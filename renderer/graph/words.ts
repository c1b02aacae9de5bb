// How the graph and the details panel name kinds of objects and their states, in the user's
// language (the catalogue's kind.* and graph.state.*). A state the catalogue does not know is
// shown as the host reported it.
import type { MessageKey } from '../../shared/i18n/index.ts';
import type { NodeKind } from '../../shared/topology/model.ts';
import { t } from '../state/i18n.svelte.ts';

export const kindLabel = (kind: NodeKind): string => t(`kind.${kind}`);

/** libvirt's and ip's state names (virsh domstate, net-list, ip link), by what they say. */
const STATE_KEYS: Readonly<Record<string, MessageKey>> = {
  active: 'graph.state.active',
  inactive: 'graph.state.inactive',
  running: 'graph.state.running',
  idle: 'graph.state.idle',
  paused: 'graph.state.paused',
  'in shutdown': 'graph.state.inShutdown',
  'shut off': 'graph.state.shutOff',
  crashed: 'graph.state.crashed',
  pmsuspended: 'graph.state.pmsuspended',
  up: 'graph.state.up',
  down: 'graph.state.down',
  'link up': 'graph.state.linkUp',
  'link down': 'graph.state.linkDown',
  missing: 'graph.state.missing',
  unknown: 'graph.state.unknown',
};

export function stateLabel(state: string): string {
  const key = Object.hasOwn(STATE_KEYS, state) ? STATE_KEYS[state] : undefined;
  return key ? t(key) : state;
}
