// The one API contract between the UI and the backend. Each domain is an interface of
// Promise methods taking one argument object; every input has a schema the backend checks.
// Transports (Electron preload + IPC, browser-mode HTTP + WebSocket) are generated from
// API_METHODS, so adding a method here adds it everywhere.
import type { z } from 'zod';
import { type AppApi, type MenuCommand, appSchemas } from './app.ts';
import { type FilesApi, filesSchemas } from './files.ts';
import { type HostPrompt, type HostStateChange, type HostsApi, hostsSchemas } from './hosts.ts';
import { type LiveApi, type LiveHostChange, liveSchemas } from './live.ts';
import { type PlanApi, type PlanProgress, planSchemas } from './plan.ts';
import { type Preferences, type PrefsApi, prefsSchemas } from './prefs.ts';

export type { AppApi, AppInfo, CloseChoice, MenuCommand } from './app.ts';
export { MENU_COMMANDS } from './app.ts';
export type { FilesApi, OpenedTopology } from './files.ts';
export type { HostPrompt, HostProfile, HostsApi, HostStateChange, JournalEntry, PromptAnswer } from './hosts.ts';
export type { LiveApi, LiveHost, LiveHostChange } from './live.ts';
export type { BrowserSettings, Preferences, PreferencesState, PrefsApi } from './prefs.ts';
export type { DesiredPreview, HistoryEntry, PlanApi, PlanHistory, PlanProgress, PlanPurpose, PlanReport, PreviewedPlan, StepOutcome, StepResult } from './plan.ts';

export interface VirtWireApi {
  app: AppApi;
  files: FilesApi;
  hosts: HostsApi;
  live: LiveApi;
  plan: PlanApi;
  prefs: PrefsApi;
}

export type ApiDomain = keyof VirtWireApi;
export type ApiMethod<D extends ApiDomain> = keyof VirtWireApi[D] & string;

type InputSchemas = {
  [D in ApiDomain]: {
    [M in ApiMethod<D>]: VirtWireApi[D][M] extends (arg: infer A) => Promise<unknown> ? z.ZodType<A> : never;
  };
};

/** Input schemas of every method; the backend validates each call with these. */
export const API_SCHEMAS: InputSchemas = {
  app: appSchemas,
  files: filesSchemas,
  hosts: hostsSchemas,
  live: liveSchemas,
  plan: planSchemas,
  prefs: prefsSchemas,
};

/** Every method as "domain.method", the names the transports carry. */
export const API_METHODS: readonly string[] = Object.entries(API_SCHEMAS).flatMap(([domain, methods]) =>
  Object.keys(methods).map((m) => `${domain}.${m}`),
);

/** Events the backend pushes to the UI, with their payloads. */
export interface ApiEvents {
  /** `path` is set when the command is 'open' from File > Open Recent: open that file. */
  'app.onDidInvokeMenu': { command: MenuCommand; path?: string };
  /** Desktop: the window is about to close; answer with app.askToSaveBeforeClose or app.closeWindow. */
  'app.onDidRequestClose': Record<string, never>;
  'hosts.onDidChangeState': HostStateChange;
  'hosts.onDidPrompt': HostPrompt;
  'live.onDidChangeHost': LiveHostChange;
  'plan.onDidProgress': PlanProgress;
  /** the preferences as stored now, after a change from any window or tab */
  'prefs.onDidChange': Preferences;
}
export type ApiEventName = keyof ApiEvents;
export const API_EVENTS: readonly ApiEventName[] = [
  'app.onDidInvokeMenu',
  'app.onDidRequestClose',
  'hosts.onDidChangeState',
  'hosts.onDidPrompt',
  'live.onDidChangeHost',
  'plan.onDidProgress',
  'prefs.onDidChange',
];

/** What the renderer sees: the API plus an event subscription that returns its disposer. */
export type VirtWireBridge = VirtWireApi & {
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
};
