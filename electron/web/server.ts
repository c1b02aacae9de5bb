// Browser mode: the built UI and the API on a loopback-only HTTP + WebSocket server. Every
// request and every socket must carry the per-run token; without it the answer is a bare
// 401, with no page, no cookie and no hint.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ApiEventName, ApiEvents } from '../../shared/api/index.ts';
import { type EventMessage, SOCKET_PATH, TOKEN_PARAM } from '../../shared/api/wire.ts';
import { ApiError } from '../../shared/errors.ts';
import { MAX_FILE_BYTES } from '../../shared/topology/file.ts';
import type { Dispatcher } from '../api/dispatch.ts';
import { contentSecurityPolicy } from '../ui-assets/content-policy.ts';
import { readAsset } from '../ui-assets/read-asset.ts';
import { serveApi } from './socket-api.ts';
import { newToken, queryToken, requestHasToken, tokenCookie, tokenMatches } from './token.ts';

export const LOOPBACK = '127.0.0.1';
// An uploaded file travels as a JSON string inside a JSON message; escaping can double it.
const MAX_MESSAGE_BYTES = 2 * MAX_FILE_BYTES + 1024 * 1024;
const UNAUTHORIZED = 'Unauthorized\n';

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
  socket.end(
    `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}

export async function startWebServer({ dispatcher, rendererDir, port = 0, token = newToken() }: WebServerOptions): Promise<WebServer> {
  let origin = '';
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  sockets.on('connection', (socket) => serveApi(socket, dispatcher));

  const server = createServer((req, res) => {
    void handleRequest(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'Internal error\n');
      else res.destroy();
    });
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    if (!requestHasToken(token, req, url)) return refuse(res, 401, UNAUTHORIZED);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed\n');
    const asset = await readAsset(rendererDir, url.pathname);
    if (!asset) return refuse(res, 404, 'Not found\n');
    const headers: Record<string, string | number> = {
      'Content-Type': asset.contentType,
      'Content-Length': asset.body.length,
      'Content-Security-Policy': contentSecurityPolicy(["'self'", `ws://${LOOPBACK}:${listeningPort()}`]),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    };
    if (tokenMatches(token, queryToken(url))) headers['Set-Cookie'] = tokenCookie(token);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : asset.body);
  }

  /** A page from another site must not drive the API even if it learnt the token. */
  function originAllowed(req: IncomingMessage): boolean {
    const from = req.headers.origin;
    return from === undefined || from === origin || from === `http://localhost:${listeningPort()}`;
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', origin);
    if (!requestHasToken(token, req, url) || !originAllowed(req)) return refuseUpgrade(socket, '401 Unauthorized', UNAUTHORIZED);
    if (url.pathname !== SOCKET_PATH) return refuseUpgrade(socket, '404 Not Found', 'Not found\n');
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
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
