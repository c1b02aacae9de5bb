// How a drag-connect looks: valid targets ringed in the selection colour, refused ones faded,
// the line being drawn dashed; and the HTML handle and hint that sit over the canvas.
import type { StylesheetJson } from 'cytoscape';
import type { GraphPalette } from './palette.ts';

export function connectStyle(palette: GraphPalette): StylesheetJson {
  return [
    { selector: 'node.connect-ok', style: { 'overlay-color': palette.selection, 'overlay-opacity': 0.1, 'overlay-padding': 6 } },
    { selector: 'node.connect-no', style: { opacity: 0.35 } },
    { selector: 'node.eh-source, node.eh-target', style: { 'border-color': palette.selection, 'border-width': 4, 'border-style': 'solid', opacity: 1 } },
    { selector: 'node.eh-ghost-node', style: { width: 1, height: 1, opacity: 0, label: '' } },
    {
      selector: 'edge.eh-ghost-edge, edge.eh-preview',
      style: { 'line-color': palette.selection, 'line-style': 'dashed', 'line-dash-pattern': [6, 4], width: 2.5, label: '' },
    },
    { selector: 'edge.eh-ghost-edge.eh-preview-active', style: { opacity: 0 } },
  ];
}

/** Inline, because these elements live in the canvas the adapter owns, outside any component's styles. */
export const HANDLE_STYLE: Partial<CSSStyleDeclaration> = {
  position: 'absolute',
  zIndex: '5',
  width: '16px',
  height: '16px',
  margin: '-8px 0 0 -8px',
  padding: '0',
  borderRadius: '50%',
  border: '2px solid var(--surface)',
  background: 'var(--accent)',
  boxShadow: 'var(--shadow)',
  cursor: 'crosshair',
};

export const HINT_STYLE: Partial<CSSStyleDeclaration> = {
  position: 'absolute',
  zIndex: '5',
  top: '10px',
  left: '50%',
  transform: 'translateX(-50%)',
  maxWidth: '70%',
  padding: '6px 12px',
  borderRadius: '8px',
  border: '1px solid var(--border)',
  background: 'var(--surface)',
  color: 'var(--text)',
  boxShadow: 'var(--shadow)',
  fontSize: '12px',
  pointerEvents: 'none',
};
