// Serves the built UI (out/renderer) by URL path, for the browser-mode server and the
// Electron app:// protocol alike. Paths are confined to the UI folder: no `..`, no
// encoded tricks, no symlinks out, no directories.
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, posix, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface Asset {
  body: Buffer;
  contentType: string;
}

function within(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** The file for a URL path ('/' is index.html), or null when there is none inside `rootDir`. */
export async function readAsset(rootDir: string, urlPath: string): Promise<Asset | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = posix.normalize(`/${decoded}`).replace(/^\/+/, '') || 'index.html';
  try {
    const root = await realpath(rootDir);
    const file = await realpath(resolve(root, relative));
    if (!within(root, file) || !(await stat(file)).isFile()) return null;
    return {
      body: await readFile(file),
      contentType: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    };
  } catch {
    return null;
  }
}
