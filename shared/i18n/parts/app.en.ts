// English messages of the app part of the catalogue (see ../en.ts, which merges the parts).
export const appEn = {
} as const satisfies Record<string, string>;
