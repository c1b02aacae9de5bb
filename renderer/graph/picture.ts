// The graph as drawn, as a picture file: SVG through cytoscape-svg (cytoscape's own renderer
// drawing into an SVG context), PNG through cytoscape's own png(). Always the whole graph, on
// the canvas colour, without the selection's highlight.
import cytoscape, { type Core } from 'cytoscape';
import cytoscapeSvg from 'cytoscape-svg';
import { ApiError } from '../../shared/errors.ts';
import type { PictureFormat } from '../../shared/export/index.ts';

cytoscape.use(cytoscapeSvg);

/** Browsers refuse canvases much larger than this on a side. */
const MAX_PNG_SIDE = 16_000;
/** PNGs are drawn at twice the graph's size, so they stay sharp on high-density screens. */
const PNG_SCALE = 2;

// What XML 1.0 cannot hold, even escaped: C0 controls but tab and line breaks, lone
// surrogates, U+FFFE and U+FFFF. A name from a host can hold them; the label keeps its place.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/gu;

/**
 * What cytoscape-svg's SVG context does not do as a canvas does, worked around for the SVG only:
 * - cytoscape draws its rounded polygons (round-diamond, round-hexagon…) without beginning a
 *   new path, relying on the Path2D objects cytoscape-svg turns off, so such an outline would
 *   land on the element drawn before it: they are drawn with sharp corners (round-rectangle
 *   begins its path and is kept);
 * - clipping a node's icon to its shape uses up the shape's path, so the border would not be
 *   drawn: the icons, which lie inside their shapes anyway, are not clipped;
 * - each transform becomes a group nested in the one before, and a label turned along its
 *   link takes four: a thousand such labels nest deeper than XML tools read (libxml2 stops
 *   at 256), so link labels are drawn level.
 */
function withSvgSafeStyle<T>(cy: Core, draw: () => T): T {
  const nodes = cy.nodes();
  const rounded = nodes.filter((n) => {
    const shape = String(n.style('shape'));
    return shape.startsWith('round-') && shape !== 'round-rectangle';
  });
  const edges = cy.edges();
  cy.batch(() => {
    rounded.forEach((n) => void n.style('shape', String(n.style('shape')).slice('round-'.length)));
    nodes.style('background-clip', 'none');
    edges.style('text-rotation', 'none');
  });
  try {
    return draw();
  } finally {
    cy.batch(() => {
      rounded.removeStyle('shape');
      nodes.removeStyle('background-clip');
      edges.removeStyle('text-rotation');
    });
  }
}

/** The picture's bytes: SVG text, or a PNG in base64. */
export function graphPicture(cy: Core, format: PictureFormat, background: string): string {
  // an empty graph has no size: cytoscape would hand back an empty file, not a picture
  if (cy.elements().empty()) throw new ApiError('invalid-input', 'There is nothing to draw: the topology is empty.');
  const selected = cy.elements(':selected');
  selected.unselect();
  try {
    if (format === 'svg') return withSvgSafeStyle(cy, () => cy.svg({ full: true, scale: 1, bg: background })).replace(NOT_XML, '\ufffd');
    const box = cy.elements().boundingBox();
    // cytoscape rounds the box up before scaling it: leave it the pixel that takes
    const scale = Math.min(PNG_SCALE, MAX_PNG_SIDE / (Math.ceil(box.w) + 1), MAX_PNG_SIDE / (Math.ceil(box.h) + 1));
    return cy.png({ output: 'base64', full: true, scale, bg: background });
  } finally {
    selected.select();
  }
}
