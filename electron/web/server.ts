// Browser mode: the built UI and the API on a loopback-only HTTP + WebSocket server.
// - Every request must name this server exactly (Host 127.0.0.1:PORT), so a DNS-rebound name
//   cannot reach it, and must have a plain path target; otherwise 403 / 400.
// - The UI's document wants the token in its address (?token=…); the scripts, styles and other
//   static files it loads carry no data and are served without a credential. No cookie is ever
//   set: cookies are not scoped by port, so any other 127.0.0.1 site would receive it. The page
//   keeps the token itself (renderer/transport/index.ts).
// - The API socket wants the per-run token in its URL and, when the client sends an Origin,
//   exactly the page's own origin; without them: a bare 401.
// - Nothing a client sends (a malformed upgrade, invalid UTF-8, an oversized frame, a reset,
//   a flood of calls) ends the process: that connection is refused or closed, the rest go on.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ApiEventName, ApiEvents } from '../../shared/api/index.ts';
import { type EventMessage, SOCKET_PATH, TOKEN_PARAM } from '../../shared/api/wire.ts';
import { ApiError } from '../../shared/errors.ts';
import type { Dispatcher } from '../api/dispatch.ts';
import { contentSecurityPolicy } from '../ui-assets/content-policy.ts';
import { type Asset, readAsset } from '../ui-assets/read-asset.ts';
import { MAX_MESSAGE_BYTES, serveApi } from './socket-api.ts';
import { newToken, queryToken, tokenMatches } from './token.ts';

export const LOOPBACK = '127.0.0.1';
const UNAUTHORIZED = 'Unauthorized\n';
/** The paths that answer with the UI's document. */
const DOCUMENTS = new Set(['/', '/index.html']);
/**
 * Served without the token (it holds nothing): when the document is asked for without the
 * token — a reload after the page dropped it from the address bar — this puts back the one
 * the tab kept in sessionStorage under the key renderer/transport/index.ts uses. It tries
 * once: an address that already carries a (stale) token is left alone.
 */
const RESUME_SCRIPT = '/resume-token.js';
const RESUME_JS = `(() => {
  const key = 'virtwire.token';
  const here = new URL(location.href);
  let kept = null;
  try { kept = sessionStorage.getItem(key); } catch {}
  if (here.searchParams.has('${TOKEN_PARAM}')) {
    try { sessionStorage.removeItem(key); } catch {}
  } else if (kept) {
    here.searchParams.set('${TOKEN_PARAM}', kept);
    location.replace(here.href);
  }
})();
`;
const RESUME_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>VirtWire</title><script src="${RESUME_SCRIPT}"></script></head><body><p>Unauthorized: open the address <code>virtwire web</code> printed.</p></body></html>\n`;

export interface WebServerOptions {
  dispatcher: Dispatcher;
  /** the built UI, out/renderer */
  rendererDir: string;
  /** 0 or absent: any free port */
  port?: number;
  token?: string;
}

export interface WebServer {
  port: number;
  token: string;
  /** the address to open, token included */
  url: string;
  broadcast<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void;
  close(): Promise<void>;
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function refuseUpgrade(socket: Duplex, status: string, text: string): void {
  if (socket.destroyed) return;
  socket.end(
    `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
    () => socket.destroy(),
  );
}

export async function startWebServer({ dispatcher, rendererDir, port = 0, token = newToken() }: WebServerOptions): Promise<WebServer> {
  let origin = '';
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  sockets.on('connection', (socket) => serveApi(socket, dispatcher));
  // Only raised in attached mode; a listener keeps a stray one from ending the process.
  sockets.on('error', () => undefined);

  const server = createServer((req, res) => {
    void handleRequest(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'Internal error\n');
      else res.destroy();
    });
  });

  /** The request's target as a URL on this server, or null when it is not a plain path. */
  function targetOf(req: IncomingMessage): URL | null {
    const target = req.url ?? '';
    if (!target.startsWith('/') || target.startsWith('//')) return null;
    try {
      const url = new URL(target, origin);
      return url.origin === origin ? url : null;
    } catch {
      return null;
    }
  }

  /** DNS rebinding: a page on evil.example resolved to 127.0.0.1 still says Host: evil.example. */
  function hostAllowed(req: IncomingMessage): boolean {
    return req.headers.host === `${LOOPBACK}:${listeningPort()}`;
  }

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = targetOf(req);
    if (url === null) return refuse(res, 400, 'Bad request\n');
    if (!hostAllowed(req)) return refuse(res, 403, 'Forbidden\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed\n');
    const hasToken = tokenMatches(token, queryToken(url));
    if (url.pathname === SOCKET_PATH) return hasToken ? refuse(res, 426, 'Upgrade required\n') : refuse(res, 401, UNAUTHORIZED);
    if (url.pathname === RESUME_SCRIPT) return send(res, req, { body: Buffer.from(RESUME_JS), contentType: 'text/javascript; charset=utf-8' }, 200);
    // The document wants the token in its address; a reload of the bare address gets a 401
    // whose only content is the script that puts back the token this tab kept.
    if (DOCUMENTS.has(url.pathname) && !hasToken) return send(res, req, { body: Buffer.from(RESUME_HTML), contentType: 'text/html; charset=utf-8' }, 401);
    const asset = await readAsset(rendererDir, url.pathname);
    if (!asset) return refuse(res, 404, 'Not found\n');
    send(res, req, asset, 200);
  }

  function send(res: ServerResponse, req: IncomingMessage, asset: Asset, status: number): void {
    res.writeHead(status, {
      'Content-Type': asset.contentType,
      'Content-Length': asset.body.length,
      'Content-Security-Policy': contentSecurityPolicy(["'self'", `ws://${LOOPBACK}:${listeningPort()}`]),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : asset.body);
  }

  /**
   * A page from another site must not drive the API even if it learnt the token: a browser
   * always sends Origin on a socket, and only the page's own is accepted. A client that sends
   * none is not a browser page, and it has the token.
   */
  function originAllowed(req: IncomingMessage): boolean {
    const from = req.headers.origin;
    return from === undefined || from === origin;
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Until ws takes the socket over, its errors (a reset, a write after the peer left) are ours.
    socket.on('error', () => socket.destroy());
    try {
      const url = targetOf(req);
      if (url === null) return refuseUpgrade(socket, '400 Bad Request', 'Bad request\n');
      if (!hostAllowed(req)) return refuseUpgrade(socket, '403 Forbidden', 'Forbidden\n');
      if (!tokenMatches(token, queryToken(url)) || !originAllowed(req)) return refuseUpgrade(socket, '401 Unauthorized', UNAUTHORIZED);
      if (url.pathname !== SOCKET_PATH) return refuseUpgrade(socket, '404 Not Found', 'Not found\n');
      sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
    } catch {
      socket.destroy();
    }
  });

  function listeningPort(): number {
    const address = server.address();
    return typeof address === 'object' && address !== null ? address.port : port;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new ApiError('io', `Port ${port} on ${LOOPBACK} is already in use; choose another with --port.`, e.message)
          : e,
      ),
    );
    server.listen(port, LOOPBACK, () => resolve());
  });
  origin = `http://${LOOPBACK}:${listeningPort()}`;

  return {
    port: listeningPort(),
    token,
    url: `${origin}/?${TOKEN_PARAM}=${token}`,
    broadcast(event, payload) {
      const message: EventMessage = { type: 'event', event, payload };
      const text = JSON.stringify(message);
      for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(text);
    },
    async close() {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
