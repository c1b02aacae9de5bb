// Drag-connect on the graph (cytoscape-edgehandles): a handle appears on an object a drag can
// start from, and at the far end of a selected NIC link; dragging it marks every object as a
// valid or refused target, says why a refused one is refused, and a drop on a valid one hands
// the pair to the rules. The drawn edge is never kept: the host's re-read picture draws it.
import cytoscape, { type Core, type EdgeSingular, type EventObject, type NodeSingular } from 'cytoscape';
import edgehandles, { type EdgeHandlesInstance } from 'cytoscape-edgehandles';
import { t } from '../state/i18n.svelte.ts';
import { HANDLE_STYLE, HINT_STYLE } from './connectStyle.ts';

cytoscape.use(edgehandles);

export type ConnectCheck = { ok: true; label: string } | { ok: false; reason: string };
export type StartCheck = { ok: true } | { ok: false; reason: string };

export interface ConnectRules {
  /** null: no handle on this object */
  canStart(nodeId: string): StartCheck | null;
  /** null: this link cannot be moved */
  canMove(linkId: string): StartCheck | null;
  check(sourceId: string, targetId: string, movingLinkId?: string): ConnectCheck;
  connect(sourceId: string, targetId: string, movingLinkId?: string): void;
}

const HOVER_DELAY = 150;
const HIDE_DELAY = 500;
const HINT_TIME = 5000;

export class ConnectGesture {
  private readonly eh: EdgeHandlesInstance;
  private readonly handle: HTMLButtonElement;
  private readonly hint: HTMLDivElement;
  private rules: ConnectRules | null = null;
  /** the node or NIC link the handle is on */
  private handleFor: { node: NodeSingular } | { edge: EdgeSingular } | null = null;
  private moving: string | undefined;
  /** the node a drag started from, while one is under way (followed, not looked up among every node on each hover) */
  private source: NodeSingular | null = null;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;
  private hintTimer: ReturnType<typeof setTimeout> | undefined;
  private refusedReason: string | null = null;
  private readonly onWindowUp = (): void => this.eh.stop();

  constructor(private readonly cy: Core, container: HTMLElement) {
    this.eh = cy.edgehandles({
      canConnect: (source, target) => this.checkPair(source, target)?.ok === true,
      edgeParams: () => ({ data: { kind: 'connect' } }),
      hoverDelay: HOVER_DELAY,
      snap: false,
    });
    const host = container.parentElement ?? container;
    this.handle = document.createElement('button');
    this.handle.className = 'connect-handle';
    Object.assign(this.handle.style, HANDLE_STYLE);
    this.handle.dataset.testid = 'connect-handle';
    this.handle.hidden = true;
    this.handle.addEventListener('pointerenter', () => clearTimeout(this.hideTimer));
    this.handle.addEventListener('pointerleave', () => this.hideSoon());
    this.handle.addEventListener('mousedown', (event) => this.begin(event));
    this.hint = document.createElement('div');
    this.hint.className = 'connect-hint';
    Object.assign(this.hint.style, HINT_STYLE);
    this.hint.setAttribute('role', 'status');
    this.hint.dataset.testid = 'connect-hint';
    this.hint.hidden = true;
    host.append(this.handle, this.hint);
    window.addEventListener('mouseup', this.onWindowUp);

    cy.on('mouseover', 'node', (event) => this.onOver(event.target as NodeSingular));
    cy.on('mouseout', 'node', () => this.hideSoon());
    cy.on('select', 'edge', (event) => this.showOnEdge(event.target as EdgeSingular));
    cy.on('unselect', 'edge', () => this.hideHandle());
    cy.on('grab viewport remove', () => this.hideHandle());
    cy.on('ehstart', () => this.onStart());
    cy.on('ehcomplete', (event: EventObject, ...extra: unknown[]) => this.onComplete(extra as [NodeSingular, NodeSingular, cytoscape.CollectionReturnValue]));
    cy.on('ehstop', () => this.onStop());
  }

  setRules(rules: ConnectRules | null): void {
    this.rules = rules;
    this.hideHandle();
  }

  destroy(): void {
    window.removeEventListener('mouseup', this.onWindowUp);
    clearTimeout(this.hideTimer);
    clearTimeout(this.hintTimer);
    this.eh.destroy();
    this.handle.remove();
    this.hint.remove();
  }

  private checkPair(source: NodeSingular, target: NodeSingular): ConnectCheck | null {
    if (!this.rules || target.data('kind') === 'host' || target.hasClass('eh-ghost')) return null;
    return this.rules.check(source.id(), target.id(), this.moving);
  }

  private onOver(node: NodeSingular): void {
    if (this.source !== null) return this.explain(this.source, node);
    const check = this.rules?.canStart(node.id());
    if (!check) return this.hideSoon();
    clearTimeout(this.hideTimer);
    this.handleFor = { node };
    const box = node.renderedBoundingBox({ includeLabels: false });
    this.place(box.x2 - 2, box.y1 + 2, check);
  }

  private showOnEdge(edge: EdgeSingular): void {
    const linkId = edge.data('link') as string | undefined;
    const check = linkId === undefined ? null : this.rules?.canMove(linkId);
    if (!check) return;
    this.handleFor = { edge };
    const end = edge.renderedTargetEndpoint();
    this.place(end.x, end.y, check);
  }

  private place(x: number, y: number, check: StartCheck): void {
    this.handle.hidden = false;
    this.handle.style.left = `${x}px`;
    this.handle.style.top = `${y}px`;
    const moving = this.handleFor !== null && 'edge' in this.handleFor;
    const what = t(moving ? 'graph.dragMove' : 'graph.dragConnect');
    this.handle.title = check.ok ? what : check.reason;
    this.handle.setAttribute('aria-label', this.handle.title);
    this.handle.style.background = check.ok ? 'var(--accent)' : 'var(--status-off)';
  }

  private begin(event: MouseEvent): void {
    event.preventDefault();
    event.stopPropagation();
    const at = this.handleFor;
    if (!at || !this.rules) return;
    const node = 'node' in at ? at.node : at.edge.source();
    const check = 'node' in at ? this.rules.canStart(node.id()) : this.rules.canMove(String(at.edge.data('link')));
    if (!check?.ok) return this.say(check?.reason ?? t('graph.cannotStart'));
    this.moving = 'edge' in at ? String(at.edge.data('link')) : undefined;
    this.hideHandle();
    this.eh.start(node);
  }

  private onStart(): void {
    const source = this.cy.nodes('.eh-source').first();
    this.source = source;
    this.refusedReason = null;
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        if (n.same(source) || n.data('kind') === 'host' || n.hasClass('eh-ghost')) return;
        n.addClass(this.checkPair(source, n)?.ok ? 'connect-ok' : 'connect-no');
      });
    });
    this.say(t(this.moving ? 'graph.dropMove' : 'graph.dropConnect'), false);
  }

  private explain(source: NodeSingular, node: NodeSingular): void {
    if (node.same(source) || node.hasClass('eh-ghost')) return;
    const check = this.checkPair(source, node);
    if (!check) return;
    this.refusedReason = check.ok ? null : check.reason;
    this.say(check.ok ? t('graph.releaseToPreview', { change: check.label }) : check.reason, false);
  }

  private onComplete([source, target, added]: [NodeSingular, NodeSingular, cytoscape.CollectionReturnValue]): void {
    added.remove();
    this.refusedReason = null;
    this.rules?.connect(source.id(), target.id(), this.moving);
  }

  private onStop(): void {
    this.source = null;
    this.cy.nodes().removeClass('connect-ok connect-no');
    this.moving = undefined;
    if (this.refusedReason) this.say(t('graph.notConnected', { reason: this.refusedReason }));
    else this.hint.hidden = true;
  }

  private say(text: string, fade = true): void {
    clearTimeout(this.hintTimer);
    this.hint.textContent = text;
    this.hint.hidden = false;
    if (fade) this.hintTimer = setTimeout(() => (this.hint.hidden = true), HINT_TIME);
  }

  private hideSoon(): void {
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => this.hideHandle(), HIDE_DELAY);
  }

  private hideHandle(): void {
    clearTimeout(this.hideTimer);
    this.handle.hidden = true;
    this.handleFor = null;
  }
}
