// The Content-Security-Policy of the UI, the same under Electron and in browser mode: only
// the app's own scripts, no remote content of any kind, no framing. Inline styles are
// allowed because Svelte and cytoscape set element styles; inline scripts are not.

/** `connect` lists where the page may open connections ('none' under Electron, which uses IPC). */
export function contentSecurityPolicy(connect: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect.length > 0 ? connect.join(' ') : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
