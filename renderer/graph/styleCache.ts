// Keeps a style change to one element from costing the whole host it is drawn in.
//
// cytoscape caches a few answers per element that its style decides — is it visible, does it
// take up space, does it take events, is it a bundled bezier — and drops that cache on every
// style property it applies to an element (Style#checkTriggers → dirtyStyleCache). In a graph
// with compound nodes it drops it for the element, all its descendants, all its parents and
// every edge of those, built as collections each time: for one of a host's objects that is a
// handful of collections per property, and for the host itself its whole drawing, per property.
// A big host's first drawing applies ~20 properties to each of its thousands of elements, and a
// live patch restyles the host; that spreading was the largest share of both (bench:graph).
//
// Another element's cached answers read only these properties of this one (cytoscape's
// defineDerivedStateFunction and the functions it is given): a change of any other property
// leaves them right, so only the element's own cache is dropped, and these go on as before.
import type { Core } from 'cytoscape';

/** What the cached answers of a node's relatives (its parents, children and edges) read of it; nothing reads an edge's. */
const READ_BY_RELATIVES = new Set(['display', 'visibility', 'opacity', 'events', 'width', 'height', 'padding', 'curve-style']);

type CheckTriggers = (ele: { _private: { group: string; styleCache: unknown } }, name: string, from: unknown, to: unknown) => void;
interface StyleInternals {
  checkTriggers: CheckTriggers;
  checkZOrderTrigger: CheckTriggers;
  checkBoundsTrigger: CheckTriggers;
  checkConnectedEdgesBoundsTrigger: CheckTriggers;
  checkParallelEdgesBoundsTrigger: CheckTriggers;
}

/** Installs the narrower cache drop on the instance's current stylesheet (again after each `cy.style(…)`). */
export function narrowStyleCacheDrops(cy: Core): void {
  const style = cy.style() as unknown as StyleInternals;
  const original = Object.getPrototypeOf(style) as StyleInternals;
  const hooks = ['checkTriggers', 'checkZOrderTrigger', 'checkBoundsTrigger', 'checkConnectedEdgesBoundsTrigger', 'checkParallelEdgesBoundsTrigger'] as const;
  // a cytoscape that no longer has these would silently lose the other triggers: fail where it shows
  for (const hook of hooks) if (typeof original[hook] !== 'function') throw new Error(`cytoscape's stylesheet has no ${hook}: renderer/graph/styleCache.ts needs a look`);
  style.checkTriggers = function (ele, name, from, to) {
    if (ele._private.group === 'nodes' && READ_BY_RELATIVES.has(name)) return original.checkTriggers.call(this, ele, name, from, to);
    ele._private.styleCache = null;
    this.checkZOrderTrigger(ele, name, from, to);
    this.checkBoundsTrigger(ele, name, from, to);
    this.checkConnectedEdgesBoundsTrigger(ele, name, from, to);
    this.checkParallelEdgesBoundsTrigger(ele, name, from, to);
  };
}
