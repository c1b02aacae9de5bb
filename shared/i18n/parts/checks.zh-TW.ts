// 繁體中文: the checks part of the catalogue, the same keys and arguments as checks.en.ts.
import type { checksEn } from './checks.en.ts';

export const checksZhTW: Record<keyof typeof checksEn, string> = {};
