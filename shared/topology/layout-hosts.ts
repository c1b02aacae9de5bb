// Where each host's drawing goes among the others: in rows, as many hosts to a row as makes the
// whole fit a wide view at the largest scale. Two or three hosts stay side by side; a fleet of
// ten becomes a few rows instead of one strip thirty times wider than it is high, which "fit"
// could only show as a thin band in the middle of the screen.

/** room between one host's drawing and the next */
export const HOST_GAP = 260;

/** the shape of the view the whole is fitted to (a desktop window's graph area is wider than high) */
export const VIEW_ASPECT = 1.6;

export interface HostSize {
  width: number;
  height: number;
}

export interface HostSlot {
  /** the row, from 0 at the top */
  row: number;
  /** the left edge of the host's drawing */
  x: number;
  /** the top edge of the host's drawing; in row 0, hosts keep their own heights (see autoLayout) */
  y: number;
}

/**
 * Each host's place, in the given order, left to right and then row by row, `gap` apart. The
 * number to a row is the one at which the whole, fitted to a `VIEW_ASPECT` view, is drawn
 * largest; of equals, the one with more to a row.
 */
export function arrangeHosts(sizes: readonly HostSize[], gap: number): HostSlot[] {
  let best: { scale: number; slots: HostSlot[] } | null = null;
  for (let perRow = sizes.length; perRow >= 1; perRow -= 1) {
    const { slots, width, height } = inRows(sizes, perRow, gap);
    const scale = Math.min(VIEW_ASPECT / Math.max(width, 1), 1 / Math.max(height, 1));
    if (best === null || scale > best.scale) best = { scale, slots };
  }
  return best?.slots ?? [];
}

function inRows(sizes: readonly HostSize[], perRow: number, gap: number): { slots: HostSlot[]; width: number; height: number } {
  const slots: HostSlot[] = [];
  let width = 0;
  let top = 0;
  for (let first = 0; first < sizes.length; first += perRow) {
    const row = sizes.slice(first, first + perRow);
    let x = 0;
    for (const size of row) {
      slots.push({ row: first / perRow, x, y: top });
      x += size.width + gap;
    }
    width = Math.max(width, x - gap);
    top += Math.max(...row.map((s) => s.height)) + gap;
  }
  return { slots, width, height: top - gap };
}
