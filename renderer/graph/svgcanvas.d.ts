// Types for the parts of svgcanvas 2.6 VirtWire uses (the package ships none): its Context, a
// CanvasRenderingContext2D look-alike that builds an SVG document instead of pixels.
declare module 'svgcanvas' {
  export interface ContextOptions {
    width: number;
    height: number;
  }

  export class Context {
    constructor(options: ContextOptions);
    fillStyle: string;
    lineWidth: number;
    /** a string once set; svgcanvas records it and draws as 'source-over' whatever it is */
    globalCompositeOperation: unknown;
    beginPath(): void;
    moveTo(x: number, y: number): void;
    lineTo(x: number, y: number): void;
    fill(): void;
    stroke(): void;
    fillRect(x: number, y: number, width: number, height: number): void;
    translate(x: number, y: number): void;
    /** the <svg> element drawn so far */
    getSvg(): SVGSVGElement;
    /** that element as XML text */
    getSerializedSvg(): string;
  }
}
