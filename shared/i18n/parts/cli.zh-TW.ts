// 繁體中文: the cli part of the catalogue, the same keys and arguments as cli.en.ts.
import type { cliEn } from './cli.en.ts';

export const cliZhTW: Record<keyof typeof cliEn, string> = {
};
