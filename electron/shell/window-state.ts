// The window opens where it was closed: size, position and whether it was maximized, kept in
// window-state.json in the app's data folder. A position on a display that is no longer there
// (a laptop undocked) is brought back onto one that is, and a size larger than it is shrunk.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../services/atomic-write.ts';

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 1280, height: 800 };
export const MIN_SIZE = { width: 720, height: 480 };

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** absent: let the window manager place it */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** What the shell knows of the displays (Electron's `screen`). */
export interface Displays {
  getAllDisplays(): { workArea: Rectangle }[];
  getPrimaryDisplay(): { workArea: Rectangle };
}

const stateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});

/** The saved state, or null when there is none or it does not read (the window then opens as new). */
export async function readWindowState(configDir: string): Promise<WindowState | null> {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(await readFile(join(configDir, WINDOW_STATE_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeWindowState(configDir: string, state: WindowState): Promise<void> {
  await mkdir(configDir, { recursive: true });
  await writeFileAtomic(join(configDir, WINDOW_STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}

function overlap(a: Rectangle, b: Rectangle): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

const clampTo = (value: number, low: number, high: number): number => Math.min(Math.max(value, low), Math.max(low, high));

/**
 * Where the window opens: the saved bounds on the display they overlap most, moved and shrunk
 * to lie within its work area; saved bounds on no display at all go to the primary display.
 */
export function placeWindow(saved: WindowState | null, displays: Displays): WindowState {
  if (saved === null) return { ...DEFAULT_SIZE, maximized: false };
  const primary = displays.getPrimaryDisplay().workArea;
  const width = Math.max(saved.width, MIN_SIZE.width);
  const height = Math.max(saved.height, MIN_SIZE.height);
  if (saved.x === undefined || saved.y === undefined) {
    return { width: Math.min(width, primary.width), height: Math.min(height, primary.height), maximized: saved.maximized };
  }
  const wanted = { x: saved.x, y: saved.y, width, height };
  const best = displays
    .getAllDisplays()
    .map((d) => ({ area: d.workArea, shared: overlap(wanted, d.workArea) }))
    .sort((a, b) => b.shared - a.shared)[0];
  const area = best && best.shared > 0 ? best.area : primary;
  const fitted = { width: Math.min(width, area.width), height: Math.min(height, area.height) };
  if (!best || best.shared === 0) {
    // Nowhere to be seen: centred on the primary display.
    return {
      x: Math.round(area.x + (area.width - fitted.width) / 2),
      y: Math.round(area.y + (area.height - fitted.height) / 2),
      ...fitted,
      maximized: saved.maximized,
    };
  }
  return {
    x: clampTo(wanted.x, area.x, area.x + area.width - fitted.width),
    y: clampTo(wanted.y, area.y, area.y + area.height - fitted.height),
    ...fitted,
    maximized: saved.maximized,
  };
}
