// The bench runs under tsx, outside Svelte's compiler, and imports renderer code that reads the
// language from a Svelte state module (renderer/state/i18n.svelte.ts). Outside a component the
// runes are plain values, so this makes them so: the bench's labels are English, as the system
// locale of a bench run is. Imported first, before any renderer module is evaluated.
const runes = globalThis as unknown as Record<string, unknown>;
runes.$state ??= <T>(value: T): T => value;
runes.$derived ??= <T>(value: T): T => value;
