// English messages of the plan part of the catalogue (see ../en.ts, which merges the parts).
// What the shared code writes: planner steps (each change's sentence in previews, plan output and reports), the rules' refusals and caveats, the name and format checks, and the list of differences.
export const planEn = {} as const satisfies Record<string, string>;
