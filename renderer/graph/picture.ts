// The graph as drawn, as a picture file: SVG through svg.ts (cytoscape's own renderer
// drawing into an SVG context), PNG through cytoscape's own png(). Always the whole graph, on
// the canvas colour, without the selection's highlight.
import type { Core } from 'cytoscape';
import { ApiError } from '../../shared/errors.ts';
import type { PictureFormat } from '../../shared/export/index.ts';
import { t } from '../state/i18n.svelte.ts';
import { graphSvg } from './svg.ts';

/** Browsers refuse canvases much larger than this on a side. */
const MAX_PNG_SIDE = 16_000;
/** PNGs are drawn at twice the graph's size, so they stay sharp on high-density screens. */
const PNG_SCALE = 2;

// What XML 1.0 cannot hold, even escaped: C0 controls but tab and line breaks, lone
// surrogates, U+FFFE and U+FFFF. A name from a host can hold them; the label keeps its place.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/gu;

/**
 * The SVG context turns clipping into a clipPath that takes the clipping path with it, so after
 * a node's icon is clipped to its shape there is no shape left to draw the border on: the icons,
 * which lie inside their shapes anyway, are drawn unclipped in the SVG.
 */
function withSvgSafeStyle<T>(cy: Core, draw: () => T): T {
  const nodes = cy.nodes();
  cy.batch(() => void nodes.style('background-clip', 'none'));
  try {
    return draw();
  } finally {
    cy.batch(() => void nodes.removeStyle('background-clip'));
  }
}

/** The picture's bytes: SVG text, or a PNG in base64. */
export function graphPicture(cy: Core, format: PictureFormat, background: string): string {
  // an empty graph has no size: cytoscape would hand back an empty file, not a picture
  if (cy.elements().empty()) throw new ApiError('invalid-input', t('graph.nothingToDraw'));
  const selected = cy.elements(':selected');
  selected.unselect();
  try {
    if (format === 'svg') return withSvgSafeStyle(cy, () => graphSvg(cy, background)).replace(NOT_XML, '\ufffd');
    const box = cy.elements().boundingBox();
    // cytoscape rounds the box up before scaling it: leave it the pixel that takes
    const scale = Math.min(PNG_SCALE, MAX_PNG_SIDE / (Math.ceil(box.w) + 1), MAX_PNG_SIDE / (Math.ceil(box.h) + 1));
    return cy.png({ output: 'base64', full: true, scale, bg: background });
  } finally {
    selected.select();
  }
}
