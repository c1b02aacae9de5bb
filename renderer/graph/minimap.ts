// The minimap (cytoscape-navigator): the whole graph small in a corner of the canvas, with a
// rectangle for what the canvas shows; dragging the rectangle, or clicking beside it, pans
// the graph. The navigator redraws its thumbnail (a full cy.png) on every frame cytoscape
// draws, at most every rerenderDelay — so also while the user pans, when nothing in it
// changed. Here it redraws only after the drawing changes: elements added or removed, dropped
// after a drag, aggregates collapsed or expanded, the theme or the canvas size changed.
import cytoscape, { type Core } from 'cytoscape';
import navigator, { type NavigatorInstance } from 'cytoscape-navigator';
import { AGGREGATES_CHANGED } from './semanticZoom.ts';

cytoscape.use(navigator);

/** wait this long after the last change before drawing the thumbnail again */
const REDRAW_AFTER = 250;
const CHANGES = `add remove dragfree resize ${AGGREGATES_CHANGED}`;

export class Minimap {
  private readonly navigator: NavigatorInstance;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onChange = (): void => this.refresh();

  /** `panel` is where it draws, an element with an id (the navigator finds its panel by id). */
  constructor(private readonly cy: Core, panel: HTMLElement) {
    if (!panel.id) throw new Error('The minimap panel needs an id.');
    this.navigator = cy.navigator({ container: `#${panel.id}`, viewLiveFramerate: 0, removeCustomContainer: false, rerenderDelay: REDRAW_AFTER });
    const everyFrame = this.navigator._onRenderHandler;
    if (everyFrame) cy.offRender(everyFrame);
    cy.on(CHANGES, this.onChange);
    this.refresh();
  }

  /** Draws the thumbnail again once the drawing has stopped changing. */
  refresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.navigator._onRenderHandler?.(), REDRAW_AFTER);
  }

  destroy(): void {
    clearTimeout(this.timer);
    this.cy.off(CHANGES, this.onChange);
    this.navigator._removeCyListeners();
    this.navigator.destroy();
  }
}
