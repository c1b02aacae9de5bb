// The preload: a thin allowlist. It exposes each API method as a named function and one
// event subscription, never ipcRenderer itself, so the page can ask for exactly the
// contract and nothing else. It runs sandboxed, so it is bundled into one CommonJS file.
import { contextBridge, type IpcRenderer, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_EVENTS, API_METHODS, type ApiEventName } from '../../shared/api/index.ts';
import { type CallResult, type EventMessage, type ExposedApi, IPC_EVENT_CHANNEL, ipcChannel } from '../../shared/api/wire.ts';

type Listener = (payload: unknown) => void;

export function exposedApi(ipc: Pick<IpcRenderer, 'invoke' | 'on'>): ExposedApi {
  const domains: Record<string, Record<string, (arg: unknown) => Promise<CallResult>>> = {};
  for (const name of API_METHODS) {
    const [domain, method] = name.split('.') as [string, string];
    domains[domain] ??= {};
    domains[domain][method] = (arg: unknown) => ipc.invoke(ipcChannel(name), arg) as Promise<CallResult>;
  }

  const listeners = new Map<ApiEventName, Set<Listener>>(API_EVENTS.map((e) => [e, new Set()]));
  ipc.on(IPC_EVENT_CHANNEL, (_event: IpcRendererEvent, message: EventMessage) => {
    for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
  });

  return {
    ...(domains as unknown as Omit<ExposedApi, 'on'>),
    on(event, listener) {
      const set = listeners.get(event);
      if (!set) throw new Error(`VirtWire has no event called ${String(event)}.`);
      set.add(listener as Listener);
      return () => void set.delete(listener as Listener);
    },
  };
}

contextBridge.exposeInMainWorld('virtwire', exposedApi(ipcRenderer));
