import { describe, expect, it } from 'vitest';
import { arrangeHosts, type HostSize, VIEW_ASPECT } from '../../../shared/topology/layout-hosts.ts';

const GAP = 260;
const square = (n: number, side = 1000): HostSize[] => Array.from({ length: n }, () => ({ width: side, height: side }));
const rows = (slots: { row: number }[]): number[] => slots.reduce<number[]>((count, s) => ((count[s.row] = (count[s.row] ?? 0) + 1), count), []);

describe('arranging hosts', () => {
  it('puts one, two or three hosts of a size side by side', () => {
    expect(arrangeHosts(square(1), GAP)).toEqual([{ row: 0, x: 0, y: 0 }]);
    expect(arrangeHosts(square(2), GAP)).toEqual([
      { row: 0, x: 0, y: 0 },
      { row: 0, x: 1260, y: 0 },
    ]);
    expect(rows(arrangeHosts(square(3), GAP))).toEqual([3]);
  });

  it('puts a fleet of ten in rows whose whole is about as wide as a view, left to right, none overlapping', () => {
    const sizes = square(10);
    const slots = arrangeHosts(sizes, GAP);
    expect(rows(slots)).toEqual([4, 4, 2]);
    const right = Math.max(...slots.map((s, i) => s.x + sizes[i]!.width));
    const bottom = Math.max(...slots.map((s, i) => s.y + sizes[i]!.height));
    expect(right / bottom).toBeGreaterThan(VIEW_ASPECT / 2);
    expect(right / bottom).toBeLessThan(VIEW_ASPECT * 2);
    for (const [i, a] of slots.entries())
      for (const [j, b] of slots.entries()) {
        if (j <= i) continue;
        const apart = a.x + sizes[i]!.width + GAP <= b.x || b.x + sizes[j]!.width + GAP <= a.x || a.y + sizes[i]!.height + GAP <= b.y || b.y + sizes[j]!.height + GAP <= a.y;
        expect(apart, `hosts ${i} and ${j}`).toBe(true);
      }
  });

  it('keeps a big host and a small one side by side, and wide hosts one above the other', () => {
    expect(rows(arrangeHosts([{ width: 3000, height: 3000 }, { width: 300, height: 300 }], GAP))).toEqual([2]);
    expect(rows(arrangeHosts([{ width: 5000, height: 500 }, { width: 5000, height: 500 }], GAP))).toEqual([1, 1]);
  });

  it('arranges nothing when there are no hosts', () => {
    expect(arrangeHosts([], GAP)).toEqual([]);
  });
});
