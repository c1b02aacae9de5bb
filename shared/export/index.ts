// Exporting the picture of a topology. DOT, Mermaid and draw.io are text made here, from the
// model alone; SVG and PNG are the app's own drawing (cytoscape), made where the graph is drawn.
import type { Topology } from '../topology/model.ts';
import type { ViewKind } from '../topology/views.ts';
import { toDot } from './dot.ts';
import { toDrawio } from './drawio.ts';
import { toMermaid } from './mermaid.ts';

export const EXPORT_FORMATS = ['svg', 'png', 'dot', 'mermaid', 'drawio'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const TEXT_FORMATS = ['dot', 'mermaid', 'drawio'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];
/** The formats drawn by the app's renderer. */
export type PictureFormat = Exclude<ExportFormat, TextFormat>;

export interface FormatInfo {
  label: string;
  /** file name ending, with the dot */
  extension: string;
  mime: string;
  /** what opens it, for the export dialog */
  opensIn: string;
}

export const FORMAT_INFO: Record<ExportFormat, FormatInfo> = {
  svg: { label: 'SVG image', extension: '.svg', mime: 'image/svg+xml', opensIn: 'browsers, Inkscape, documents' },
  png: { label: 'PNG image', extension: '.png', mime: 'image/png', opensIn: 'anything that shows pictures' },
  dot: { label: 'Graphviz DOT', extension: '.dot', mime: 'text/vnd.graphviz', opensIn: 'Graphviz (neato -n2 keeps the layout)' },
  mermaid: { label: 'Mermaid flowchart', extension: '.mmd', mime: 'text/plain', opensIn: 'Markdown wikis (GitHub, GitLab), mermaid.live' },
  drawio: { label: 'draw.io diagram', extension: '.drawio', mime: 'application/xml', opensIn: 'diagrams.net / draw.io, editable' },
};

export function isTextFormat(format: ExportFormat): format is TextFormat {
  return (TEXT_FORMATS as readonly string[]).includes(format);
}

const WRITERS: Record<TextFormat, (topology: Topology, view: ViewKind) => string> = {
  dot: toDot,
  mermaid: toMermaid,
  drawio: toDrawio,
};

/** The exported file's text, for the formats made from the model. */
export function exportText(topology: Topology, format: TextFormat, view: ViewKind): string {
  return WRITERS[format](topology, view);
}

/** A file name for an export of a document named `name` ("lab.json" → "lab-wiring.svg"). */
export function exportFileName(name: string, format: ExportFormat, view: ViewKind): string {
  const base = name.replace(/\.json$/i, '').replace(/[\\/:*?"<>|\p{Cc}]/gu, '_') || 'topology';
  return `${base}-${view}${FORMAT_INFO[format].extension}`;
}
