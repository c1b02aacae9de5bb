// Types for the parts of cytoscape-navigator 2.0.2 VirtWire uses (the package ships none).
declare module 'cytoscape-navigator' {
  export interface NavigatorOptions {
    /** '#id' or '.class' of the panel to draw in; without it the navigator makes its own on <body> */
    container?: string | false;
    /** frames per second at which dragging the view rectangle pans the graph; 0: at once */
    viewLiveFramerate?: number | false;
    dblClickDelay?: number;
    /** whether destroy() removes the panel given as `container` */
    removeCustomContainer?: boolean;
    /** at most one thumbnail redraw per this many ms */
    rerenderDelay?: number;
  }

  export interface NavigatorInstance {
    destroy(): void;
    /** the throttled thumbnail redraw the navigator hooks into every frame cytoscape draws */
    _onRenderHandler?: () => void;
    /** takes the navigator's listeners off the graph (destroy() leaves them) */
    _removeCyListeners(): void;
  }

  const register: (cytoscape: (type: 'core', name: string, impl: unknown) => void) => void;
  export default register;

  module 'cytoscape' {
    interface Core {
      navigator(options?: NavigatorOptions): NavigatorInstance;
      /** (cytoscape has it; @types/cytoscape lacks it) */
      offRender(handler: () => void): Core;
    }
  }
}
