// What is selected: one object (node) or one link. A link is named by its topology link id,
// so the same link stays selected when the view draws it differently.
export type Selection = { type: 'node'; id: string } | { type: 'link'; id: string };

export const sameSelection = (a: Selection | null, b: Selection | null): boolean =>
  a === b || (a !== null && b !== null && a.type === b.type && a.id === b.id);
