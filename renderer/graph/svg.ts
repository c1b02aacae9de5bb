// The whole graph as SVG text: cytoscape's own canvas renderer draws every element, in z-order,
// into svgcanvas's 2D context, which records each path, text and image as an SVG element — the
// way cytoscape's png({ full: true }) draws into a canvas the size of the graph.
import type { Core, NodeSingular } from 'cytoscape';
import { Context } from 'svgcanvas';

/** The parts of cytoscape 3.35's canvas renderer (`cy.renderer()`) used here; its typings have none. */
interface CanvasRenderer {
  /** Path2D caching: on, cytoscape fills and strokes Path2D objects, which an SVG context cannot read. */
  path2dEnabled(): boolean;
  path2dEnabled(on: boolean): void;
  /** every element, sorted as the screen draws them (z-index, then parents below children) */
  getCachedZSortedEles(): unknown;
  drawElements(context: object, elements: unknown): void;
}

/** A node's renderer scratch: the Path2D of its shape, left there by the last drawing on screen. */
interface NodeScratch {
  _private: { rscratch: { pathCache?: unknown } };
}

/**
 * svgcanvas's context, made to paint two things as the canvas does:
 * - Without Path2D, cytoscape draws its rounded polygons (round-diamond, round-hexagon,
 *   round-octagon, round-tag…) without beginning a new path, relying on the canvas to fill only
 *   what it was just given; an SVG context would add them to the element it painted last. So a
 *   path command that follows a fill or a stroke begins a new path, as every other shape of
 *   cytoscape's does itself.
 * - A double border is a wide stroke with its middle third erased ('destination-out'), which SVG
 *   cannot do: the middle is painted in the background colour, which is what an erased pixel
 *   shows on screen and in png().
 */
class CanvasLikeContext extends Context {
  readonly #background: string;
  #painted = true;
  #path: SVGPathElement | undefined;

  constructor(width: number, height: number, background: string) {
    super({ width, height });
    this.#background = background;
  }

  override beginPath(): void {
    super.beginPath();
    this.#painted = false;
    // the path just begun is the last element appended, which ends the chain of last children
    let last: Element = this.getSvg();
    while (last.lastElementChild) last = last.lastElementChild;
    this.#path = last instanceof SVGPathElement ? last : undefined;
  }

  override moveTo(x: number, y: number): void {
    if (this.#painted) this.beginPath();
    super.moveTo(x, y);
  }

  override lineTo(x: number, y: number): void {
    if (this.#painted) this.beginPath();
    super.lineTo(x, y);
  }

  override fill(): void {
    super.fill();
    this.#painted = true;
  }

  override stroke(): void {
    if (this.globalCompositeOperation === 'destination-out' && this.#path?.hasAttribute('d')) {
      const erased = this.#path.cloneNode() as SVGPathElement;
      for (const name of ['fill-opacity', 'stroke-opacity', 'paint-order']) erased.removeAttribute(name);
      erased.setAttribute('fill', 'none');
      erased.setAttribute('stroke', this.#background);
      erased.setAttribute('stroke-width', String(this.lineWidth));
      this.#path.parentNode?.appendChild(erased);
    } else {
      super.stroke();
    }
    this.#painted = true;
  }
}

/** The whole graph at its own size (one unit a pixel) on `background`, as an SVG document. */
export function graphSvg(cy: Core, background: string): string {
  const renderer = (cy as Core & { renderer(): CanvasRenderer }).renderer();
  const box = cy.elements().boundingBox();
  const width = Math.max(1, Math.ceil(box.w));
  const height = Math.max(1, Math.ceil(box.h));
  const context = new CanvasLikeContext(width, height, background);
  context.getSvg().setAttribute('viewBox', `0 0 ${width} ${height}`);
  context.fillStyle = background;
  context.fillRect(0, 0, width, height);
  context.translate(-box.x1, -box.y1);

  const pathsWere = renderer.path2dEnabled();
  // Drawing without Path2D, cytoscape still places a node's icon relative to the node when it finds
  // the Path2D of the node's shape from the screen's last drawing; the screen's next drawing sets it again.
  cy.nodes().forEach((node: NodeSingular) => void delete (node as unknown as NodeScratch)._private.rscratch.pathCache);
  renderer.path2dEnabled(false);
  try {
    renderer.drawElements(context, renderer.getCachedZSortedEles());
  } finally {
    renderer.path2dEnabled(pathsWere);
  }
  // svgcanvas leaves an empty <path> for each path begun and never painted, and writes
  // text-decoration="undefined" on each text: neither means anything in SVG.
  const svg = context.getSvg();
  for (const path of svg.querySelectorAll('path:not([d])')) path.remove();
  for (const text of svg.querySelectorAll('text[text-decoration="undefined"]')) text.removeAttribute('text-decoration');
  return context.getSerializedSvg();
}
