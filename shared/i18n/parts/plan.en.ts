// English messages of the plan part of the catalogue (see ../en.ts, which merges the parts).
// What the planner writes: each change's sentence (previews, plan output, reports), summaries and impact.
export const planEn = {} as const satisfies Record<string, string>;
