// 繁體中文: the graph part of the catalogue, the same keys and arguments as graph.en.ts.
import type { graphEn } from './graph.en.ts';

export const graphZhTW: Record<keyof typeof graphEn, string> = {
};
