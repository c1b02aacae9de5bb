// 繁體中文: the plan part of the catalogue, the same keys and arguments as plan.en.ts.
import type { planEn } from './plan.en.ts';

export const planZhTW: Record<keyof typeof planEn, string> = {};
