// Serves the built UI on virtwire://app/ with the CSP as a response header.
import type { Protocol } from 'electron';
import { contentSecurityPolicy } from '../ui-assets/content-policy.ts';
import { readAsset } from '../ui-assets/read-asset.ts';
import { APP_HOST, APP_SCHEME } from './app-url.ts';

/** Must run before the app is ready: only then can a scheme get these privileges. */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveApp(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const asset = url.host === APP_HOST ? await readAsset(rendererDir, url.pathname) : null;
    if (!asset) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(asset.body), {
      headers: {
        'Content-Type': asset.contentType,
        'Content-Security-Policy': contentSecurityPolicy(),
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}
