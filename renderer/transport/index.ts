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

/** The socket URL of the server that served this page, carrying the page's token. */
export function socketUrl(location: Location): string {
  const token = new URLSearchParams(location.search).get(TOKEN_PARAM) ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${SOCKET_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
}

let api: VirtWireBridge | null = null;

export function getApi(): VirtWireBridge {
  api ??= bridgeFrom(
    window.virtwire ? preloadTransport(window.virtwire) : new SocketTransport(socketUrl(window.location)),
  );
  return api;
}
