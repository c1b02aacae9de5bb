// English messages of the desktop part of the catalogue (see ../en.ts, which merges the parts).
// The desktop shell's own words: the native menu, the close question, the untitled document's name.
export const desktopEn = {} as const satisfies Record<string, string>;
