// 繁體中文: the app part of the catalogue, the same keys and arguments as app.en.ts.
import type { appEn } from './app.en.ts';

export const appZhTW: Record<keyof typeof appEn, string> = {
};
