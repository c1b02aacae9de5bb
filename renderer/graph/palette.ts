// The graph's colours. cytoscape cannot read CSS variables, so the theme's variables are read
// once per theme change and handed to the stylesheet as plain colours.
import type { NodeKind } from '../../shared/topology/model.ts';
import type { NodeStatus, ViewEdgeKind } from '../../shared/topology/views.ts';

export interface GraphPalette {
  text: string;
  textMuted: string;
  labelBackground: string;
  nodeFill: string;
  hostFill: string;
  hostBorder: string;
  selection: string;
  kind: Record<NodeKind, string>;
  status: Record<NodeStatus, string>;
  edge: Record<ViewEdgeKind, string>;
  /** a comparison with a saved file: on the host only, changed, lost by the host */
  diff: Record<'added' | 'changed' | 'removed', string>;
}

/** Anything that can answer for a CSS custom property, e.g. getComputedStyle(document.documentElement). */
export interface CssVariables {
  getPropertyValue(name: string): string;
}

export function readPalette(css: CssVariables): GraphPalette {
  const v = (name: string): string => css.getPropertyValue(`--${name}`).trim() || '#888888';
  return {
    text: v('text'),
    textMuted: v('text-muted'),
    labelBackground: v('surface'),
    nodeFill: v('graph-node-fill'),
    hostFill: v('graph-host-fill'),
    hostBorder: v('graph-host-border'),
    selection: v('accent'),
    kind: {
      network: v('kind-network'),
      bridge: v('kind-bridge'),
      tap: v('kind-tap'),
      vm: v('kind-vm'),
      physical: v('kind-physical'),
      missing: v('kind-missing'),
      endpoint: v('kind-endpoint'),
    },
    status: { ok: v('status-ok'), off: v('status-off'), warn: v('status-warn') },
    diff: { added: v('status-ok'), changed: v('status-warn'), removed: v('danger') },
    edge: {
      nic: v('edge-nic'),
      backs: v('edge-nic'),
      port: v('edge-port'),
      uses: v('edge-uses'),
      uplink: v('edge-uplink'),
    },
  };
}
