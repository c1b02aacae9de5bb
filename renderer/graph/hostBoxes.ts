// Each host is drawn as a box around its objects: a plain node under everything else (style.ts:
// `node.host`, 'z-compound-depth: bottom'), sized and placed here — not a cytoscape compound
// parent. cytoscape restyles a compound node with all its descendants, and measures them all
// again, whenever one is added or changes size; on a host of 1,000 VMs that made one live patch
// cost three times what drawing it takes (bench:graph). A box here is measured again only when
// something in it moved, came or went, and is touched only when its size or place changed.
//
// What a compound parent did, done here: dragging a host's box moves everything in it;
// dragging an object in it, a patch, or aggregates opening and closing (which change what is
// shown) fit the box around what it holds again.
import type { Core, EventObject, NodeCollection, NodeSingular } from 'cytoscape';

/** the data key an object's element names its host's element by */
export const IN_HOST = 'inHost';
/** room between the box and what it holds */
const PADDING = 32;
/** a host with nothing shown in it */
const EMPTY_BOX = { width: 160, height: 80 };
/** a host's name, in screen pixels, at any zoom: fleets are read zoomed out (style.ts: 13 at 100 %) */
const LABEL_PX = 13;
/** its gap above the box, in screen pixels */
const LABEL_GAP_PX = 6;
/** the label is never larger than this share of the box's width (a small box far away stays small) */
const LABEL_MAX_SHARE = 1 / 8;
/** the zoom is followed once it has rested this long (a wheel turn is many zoom events) */
const ZOOM_SETTLE_MS = 120;

/** where a box was last put (centre and size, rounded), kept in the host element's scratch */
const BOX = 'hostBox';
/** the font size its label was last given */
const LABEL = 'hostLabel';
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  /** nothing shown in it: the box is EMPTY_BOX, around nothing */
  empty?: true;
}

export class HostBoxes {
  /** hosts whose box waits for the next frame to fit what it holds */
  private readonly due = new Set<string>();
  private frame: number | undefined;
  /** the host box being dragged: where it was at the last drag event, and what it moves */
  private dragging: { host: string; at: { x: number; y: number }; members: NodeCollection } | null = null;
  private readonly onGrab = (event: EventObject): void => {
    const host = event.target as NodeSingular;
    this.dragging = { host: host.id(), at: { ...host.position() }, members: this.members(host.id()) };
  };
  private readonly onDrag = (event: EventObject): void => {
    const node = event.target as NodeSingular;
    if (node.data('kind') !== 'host') return this.fitSoon(node.data(IN_HOST) as string | undefined);
    const drag = this.dragging;
    if (drag === null || drag.host !== node.id()) return;
    const { x, y } = node.position();
    const delta = { x: x - drag.at.x, y: y - drag.at.y };
    drag.at = { x, y };
    this.cy.batch(() => drag.members.shift(delta));
    const box = node.scratch(BOX) as Box | undefined;
    if (box) node.scratch(BOX, { ...box, x: Math.round(x), y: Math.round(y) });
  };
  private zoomSettle: ReturnType<typeof setTimeout> | undefined;
  private readonly onZoom = (): void => {
    clearTimeout(this.zoomSettle);
    this.zoomSettle = setTimeout(() => this.sizeLabels(), ZOOM_SETTLE_MS);
  };
  private readonly onFree = (): void => {
    const host = this.dragging?.host;
    this.dragging = null;
    if (host !== undefined) this.fit([host]);
  };

  constructor(private readonly cy: Core) {
    cy.on('grab', 'node.host', this.onGrab);
    cy.on('drag', 'node', this.onDrag);
    cy.on('free', 'node.host', this.onFree);
    cy.on('zoom', this.onZoom);
  }

  /**
   * Each host's name the same size on screen at any zoom, up to an eighth of its box's width: at
   * a fixed size in graph units it fell below what is drawn when zoomed out over a big host or a
   * fleet, where telling the hosts apart matters most.
   */
  sizeLabels(): void {
    const zoom = this.cy.zoom();
    this.cy.batch(() => this.cy.nodes('.host').forEach((host) => this.sizeLabel(host, zoom)));
  }

  private sizeLabel(host: NodeSingular, zoom: number): void {
    const box = host.scratch(BOX) as Box | undefined;
    const size = Math.round(Math.max(LABEL_PX, Math.min(LABEL_PX / zoom, (box?.width ?? EMPTY_BOX.width) * LABEL_MAX_SHARE)));
    if (host.scratch(LABEL) === size) return;
    host.scratch(LABEL, size);
    host.style({ 'font-size': size, 'text-margin-y': -Math.round((LABEL_GAP_PX * size) / LABEL_PX) });
  }

  /** Everything drawn in the host's box (hidden or shown). */
  members(hostElement: string): NodeCollection {
    return this.cy.nodes().filter((n) => n.data(IN_HOST) === hostElement);
  }

  /** Fits the boxes of the given hosts (all when none are given) around what they hold, now. */
  fit(hostElements?: Iterable<string>): void {
    const wanted = hostElements === undefined ? null : new Set(hostElements);
    if (wanted === null) this.due.clear();
    else for (const id of wanted) this.due.delete(id);
    if (wanted !== null && wanted.size === 0) return;
    this.cy.batch(() => {
      this.cy.nodes('.host').forEach((host) => {
        if (wanted !== null && !wanted.has(host.id())) return;
        // a box in the user's hand stays there (a live patch can arrive mid-drag); it is fitted once let go
        if (this.dragging?.host === host.id()) return;
        // nodes not shown (inside a closed aggregate) take no room, as in a compound parent
        const shown = this.members(host.id()).filter((n) => n.visible());
        this.place(host, shown.nonempty() ? shown.boundingBox({ includeLabels: true, includeOverlays: false, includeUnderlays: false }) : null);
      });
    });
  }

  /**
   * Widens the host's box to take in objects just added to it, measuring only them: nothing
   * else in it moved, so the box it has is still fitted around the rest (a live patch adding a
   * VM to a host of a thousand). Anything else — an object gone, moved, or a box around nothing
   * yet — wants fit.
   */
  grow(hostElement: string, added: NodeCollection): void {
    const host = this.cy.getElementById(hostElement);
    const box = host.nonempty() ? (host.scratch(BOX) as Box | undefined) : undefined;
    if (box === undefined || box.empty || this.dragging?.host === hostElement) return this.fit([hostElement]);
    const shown = added.filter((n) => n.visible());
    if (shown.empty()) return;
    const b = shown.boundingBox({ includeLabels: true, includeOverlays: false, includeUnderlays: false });
    const halfWidth = box.width / 2 - PADDING;
    const halfHeight = box.height / 2 - PADDING;
    this.cy.batch(() =>
      this.place(host as NodeSingular, {
        x1: Math.min(box.x - halfWidth, b.x1),
        y1: Math.min(box.y - halfHeight, b.y1),
        x2: Math.max(box.x + halfWidth, b.x2),
        y2: Math.max(box.y + halfHeight, b.y2),
      }),
    );
  }

  /** Fits the host's box at the next frame (once however many of its objects move before it). */
  fitSoon(hostElement: string | undefined): void {
    if (hostElement === undefined) return;
    this.due.add(hostElement);
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined;
      this.fit([...this.due]);
    });
  }

  destroy(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    clearTimeout(this.zoomSettle);
    this.cy.off('zoom', this.onZoom);
    this.cy.off('grab', 'node.host', this.onGrab);
    this.cy.off('drag', 'node', this.onDrag);
    this.cy.off('free', 'node.host', this.onFree);
  }

  private place(host: NodeSingular, around: { x1: number; y1: number; x2: number; y2: number } | null): void {
    const last = host.scratch(BOX) as Box | undefined;
    const box: Box =
      around === null
        ? { x: last?.x ?? Math.round(host.position('x')), y: last?.y ?? Math.round(host.position('y')), ...EMPTY_BOX, empty: true }
        : {
            x: Math.round((around.x1 + around.x2) / 2),
            y: Math.round((around.y1 + around.y2) / 2),
            width: Math.round(around.x2 - around.x1 + 2 * PADDING),
            height: Math.round(around.y2 - around.y1 + 2 * PADDING),
          };
    if (last && last.x === box.x && last.y === box.y && last.width === box.width && last.height === box.height && last.empty === box.empty) return;
    host.scratch(BOX, box);
    if (!last || last.width !== box.width || last.height !== box.height) {
      host.style({ width: box.width, height: box.height });
      if (!last || last.width !== box.width) this.sizeLabel(host, this.cy.zoom());
    }
    if (!last || last.x !== box.x || last.y !== box.y) host.position({ x: box.x, y: box.y });
  }
}
