// How semantic zoom draws (semanticZoom.ts): an aggregate as a translucent disc in the VM colour
// around its hub, its label large enough to read zoomed out, on the label background so it
// reads in both themes; its merged links as NIC links as thick as the VMs they stand for.
import type { NodeSingular, StylesheetJson } from 'cytoscape';
import { AGGREGATE_KIND, AGGREGATE_LINK_KIND, HIDDEN_CLASS, OPEN_CLASS } from './aggregate.ts';
import type { GraphPalette } from './palette.ts';

/** a merged link's label, in graph units: readable down to about a tenth of full size */
const LINK_FONT_SIZE = 56;

export function aggregateStyle(palette: GraphPalette): StylesheetJson {
  return [
    {
      selector: `node[kind = "${AGGREGATE_KIND}"]`,
      style: {
        shape: 'ellipse',
        width: 'data(size)',
        height: 'data(size)',
        'background-color': palette.kind.vm,
        'background-opacity': 0.13,
        'background-image': 'none',
        'border-color': palette.kind.vm,
        'border-width': 10,
        'border-style': 'solid',
        'border-opacity': 0.7,
        'z-index': 1,
        label: 'data(label)',
        color: palette.text,
        'font-size': 'data(fontSize)',
        'font-weight': 700,
        'text-valign': 'center',
        'text-halign': 'center',
        'text-margin-y': (n: NodeSingular) => Number(n.data('labelOffset')),
        'text-wrap': 'wrap',
        'text-max-width': 'data(labelWidth)',
        'text-background-color': palette.labelBackground,
        'text-background-opacity': 0.9,
        'text-background-padding': '6px',
        'text-background-shape': 'roundrectangle',
      },
    },
    {
      selector: `edge[kind = "${AGGREGATE_LINK_KIND}"]`,
      style: {
        'line-color': palette.edge.nic,
        width: 'data(width)',
        opacity: 0.85,
        'curve-style': 'straight',
        // shown even where the adapter finds the link too short for a label (it ends inside a disc)
        label: 'data(label)',
        'font-size': LINK_FONT_SIZE,
        'font-weight': 600,
        color: palette.text,
        'text-background-padding': '4px',
      },
    },
    { selector: `.${HIDDEN_CLASS}, .${OPEN_CLASS}`, style: { display: 'none' } },
  ];
}
