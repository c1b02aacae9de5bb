// Types for cytoscape-svg 0.4 (the package ships none): the extension and the method it adds.
declare module 'cytoscape-svg' {
  import type cytoscape from 'cytoscape';

  const register: cytoscape.Ext;
  export default register;
}

declare namespace cytoscape {
  interface SvgExportOptions {
    /** the whole graph (true) or only what the viewport shows */
    full?: boolean;
    scale?: number;
    maxWidth?: number;
    maxHeight?: number;
    /** background colour; transparent when absent */
    bg?: string;
  }
  interface Core {
    svg(options?: SvgExportOptions): string;
  }
}
