// English messages of the graph part of the catalogue (see ../en.ts, which merges the parts).
export const graphEn = {
} as const satisfies Record<string, string>;
