// The UI is served from its own scheme rather than file://, so the page has a real origin
// for CSP 'self', response headers can carry the CSP, and the IPC handlers can recognise
// the app's frame by its URL.
export const APP_SCHEME = 'virtwire';
export const APP_HOST = 'app';
export const APP_START_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}
