// English messages of the checks part of the catalogue (see ../en.ts, which merges the parts).
// The rules' refusals and caveats, the name and format checks, and the list of differences.
export const checksEn = {} as const satisfies Record<string, string>;
