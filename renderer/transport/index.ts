// The one way the UI reaches the backend: the Electron preload's `window.virtwire` when
// it is there, otherwise the browser-mode server this page was loaded from.
import type { VirtWireBridge } from '../../shared/api/index.ts';
import { type ExposedApi, SOCKET_PATH, TOKEN_PARAM } from '../../shared/api/wire.ts';
import { bridgeFrom, type Transport } from './proxy.ts';
import { SocketTransport } from './socket.ts';

declare global {
  interface Window {
    /** set by the Electron preload; absent in browser mode */
    virtwire?: ExposedApi;
  }
}

function preloadTransport(exposed: ExposedApi): Transport {
  const domains = exposed as unknown as Record<string, Record<string, ExposedApi['app']['getInfo']>>;
  return {
    call: (name, arg) => {
      const [domain, method] = name.split('.') as [string, string];
      return domains[domain]![method]!(arg);
    },
    on: (event, listener) => exposed.on(event, listener),
  };
}

const TOKEN_KEY = 'virtwire.token';

/**
 * Browser mode's per-run token, which the page keeps itself: read once from its own address
 * (the one `virtwire web` printed), then dropped from the address bar and kept in this tab's
 * sessionStorage, so a reload still has it. It never goes into a cookie: cookies are not
 * scoped by port, and every other site on 127.0.0.1 would receive it.
 */
export function pageToken(location: Location, history: History, storage: Storage | null): string {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get(TOKEN_PARAM);
  if (fromUrl !== null) {
    try {
      storage?.setItem(TOKEN_KEY, fromUrl);
    } catch {
      // no storage: the token lives in this page's memory only
    }
    params.delete(TOKEN_PARAM);
    const query = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
    return fromUrl;
  }
  try {
    return storage?.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

/** The socket URL of the server that served this page, carrying the page's token. */
export function socketUrl(location: Location, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${SOCKET_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
}

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

let api: VirtWireBridge | null = null;

export function getApi(): VirtWireBridge {
  api ??= bridgeFrom(
    window.virtwire ? preloadTransport(window.virtwire) : new SocketTransport(socketUrl(window.location, pageToken(window.location, window.history, sessionStore()))),
  );
  return api;
}
