// 繁體中文: the desktop part of the catalogue, the same keys and arguments as desktop.en.ts.
import type { desktopEn } from './desktop.en.ts';

export const desktopZhTW: Record<keyof typeof desktopEn, string> = {};
