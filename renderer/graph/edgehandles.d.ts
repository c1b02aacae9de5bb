// Types for the parts of cytoscape-edgehandles 4 VirtWire uses (the package ships none).
declare module 'cytoscape-edgehandles' {
  import type { ElementDefinition, NodeSingular } from 'cytoscape';

  export interface EdgeHandlesOptions {
    canConnect?(source: NodeSingular, target: NodeSingular): boolean;
    edgeParams?(source: NodeSingular, target: NodeSingular): Partial<ElementDefinition>;
    hoverDelay?: number;
    snap?: boolean;
    snapThreshold?: number;
    snapFrequency?: number;
    noEdgeEventsInDraw?: boolean;
    disableBrowserGestures?: boolean;
  }

  export interface EdgeHandlesInstance {
    start(source: NodeSingular): void;
    stop(): void;
    disable(): void;
    enable(): void;
    destroy(): void;
  }

  const register: (cytoscape: (type: 'core', name: string, impl: unknown) => void) => void;
  export default register;

  module 'cytoscape' {
    interface Core {
      edgehandles(options?: EdgeHandlesOptions): EdgeHandlesInstance;
    }
  }
}
