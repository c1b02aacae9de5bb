// English messages of the cli part of the catalogue (see ../en.ts, which merges the parts).
export const cliEn = {
} as const satisfies Record<string, string>;
