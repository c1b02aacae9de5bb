// What label each object and link shows. Labels are set on the elements themselves (a style
// bypass), not mapped from their data in the stylesheet: cytoscape applies a mapped property
// again, and hashes every property of the element again, each time it restyles an element —
// and search and focus mode restyle every element of a big host. Without mapped properties,
// restyling an element whose classes and data did not change costs only the stylesheet's selectors. Hosts and
// aggregates, a few elements, keep their labels in the stylesheet (style.ts, aggregateStyle.ts).
import type { EdgeCollection, EdgeSingular, NodeCollection, NodeSingular, SingularElementArgument } from 'cytoscape';
import type { NodeKind } from '../../shared/topology/model.ts';
import { EDGE_FONT_SIZE, KIND_SHAPES } from './style.ts';

/** Room the name label under a node takes from an edge leaving it downwards. */
const NODE_LABEL_ROOM = 24;
/** Rough width of an edge label at the stylesheet's edge font size. */
const labelWidth = (label: string): number => label.length * EDGE_FONT_SIZE * 0.6;
/** where the label an element shows is kept, so it is set only when it changes */
const SHOWN = 'labelShown';

function show(element: SingularElementArgument, label: string): void {
  if (element.scratch(SHOWN) === label) return;
  element.scratch(SHOWN, label);
  element.style('label', label);
}

const labelOf = (element: SingularElementArgument): string => String(element.data('label') ?? '');

export function labelNodes(nodes: NodeCollection): void {
  nodes.forEach((node) => show(node, labelOf(node)));
}

/**
 * An object's width by its kind, as the stylesheet gives it (an aggregate's from its style):
 * known before cytoscape applies the stylesheet, so links are marked while they are added.
 */
function widthOf(node: NodeSingular): number {
  return KIND_SHAPES[node.data('kind') as NodeKind]?.width ?? node.width();
}

/** A link too short for its label (class `short`) shows it only while hovered or selected. */
export function labelEdge(edge: EdgeSingular): void {
  show(edge, edge.hasClass('short') && !edge.hasClass('hover') && !edge.selected() ? '' : labelOf(edge));
}

/** Marks the edges too short for their label, which then show it only on hover or selection, instead of over their ends. */
export function markShortEdges(edges: EdgeCollection): void {
  edges.forEach((edge) => {
    const a = edge.source().position();
    const b = edge.target().position();
    const free = Math.hypot(a.x - b.x, a.y - b.y) - (widthOf(edge.source()) + widthOf(edge.target())) / 2;
    const short = free < labelWidth(labelOf(edge)) + NODE_LABEL_ROOM;
    // toggleClass restyles the edge even when the class stays as it was
    if (edge.hasClass('short') !== short) edge.toggleClass('short', short);
    labelEdge(edge);
  });
}
