// Schemas of what the backend answers and pushes, next to the input schemas of each domain.
// The backend's answers are typed by the interfaces of this folder; these schemas say the same
// at run time (tsc checks that each schema's output is the interface's type), so a stand-in
// backend (test/e2e/hosts-fake.ts) can check every answer and event it sends against the
// contract the real one is held to, and cannot drift from it unnoticed.
// The plan domain's answers are not covered yet (no stand-in produces them).
import { z } from 'zod';
import { ERROR_CODES, type ApiErrorData } from '../errors.ts';
import { en } from '../i18n/en.ts';
import type { Message, MessageKey } from '../i18n/index.ts';
import { hostSchema, linkSchema, nodeSchema, topologySchema } from '../topology/schema.ts';
import { MENU_COMMANDS } from './app.ts';
import { hostProfileSchema } from './hosts.ts';
import { preferencesSchema, preferencesStateSchema } from './prefs.ts';
import type { ApiEventName, ApiEvents, ApiMethod, VirtWireApi } from './index.ts';

/** A catalogue message as key and arguments (shared/i18n Message); arguments may be messages. */
export const messageSchema: z.ZodType<Message> = z.lazy(() =>
  z
    .object({
      key: z.enum(Object.keys(en) as [MessageKey, ...MessageKey[]]),
      values: z.record(z.string(), z.union([z.string(), z.number(), messageSchema])).optional(),
    })
    .strict(),
);

/** An error as it crosses IPC or the browser-mode socket (ApiError.toJSON()). */
export const apiErrorSchema: z.ZodType<ApiErrorData> = z
  .object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    detail: z.string().optional(),
    data: z.record(z.string(), z.unknown()).optional(),
    says: messageSchema.optional(),
  })
  .strict();

const id = z.string().min(1).max(100);
const openedTopology = z.object({ topology: topologySchema, path: z.string().min(1).nullable(), name: z.string() }).strict();
const savedPath = z.object({ path: z.string().min(1) }).strict();
const connectionState = z.enum(['connecting', 'connected', 'reconnecting', 'failed', 'disconnected']);
const profiles = z.object({ hosts: z.array(hostProfileSchema) }).strict();

const liveHostSchema = z
  .object({
    profileId: id,
    host: hostSchema,
    nodes: z.array(nodeSchema),
    links: z.array(linkSchema),
    banners: z.array(messageSchema),
    refreshedAt: z.iso.datetime(),
    revision: z.number().int().nonnegative().optional(),
  })
  .strict();

const changes = <T extends z.ZodType>(element: T) => z.object({ added: z.array(element), updated: z.array(element), removed: z.array(z.string().min(1)) }).strict();
const livePatchSchema = z
  .object({
    base: z.number().int().nonnegative(),
    revision: z.number().int().positive(),
    host: hostSchema,
    banners: z.array(messageSchema),
    refreshedAt: z.iso.datetime(),
    nodes: changes(nodeSchema),
    links: changes(linkSchema),
  })
  .strict();

const journalEntrySchema = z
  .object({
    time: z.iso.datetime(),
    host: z.string(),
    argv: z.array(z.string()).min(1),
    commandLine: z.string(),
    exitCode: z.number().int().nullable(),
    durationMs: z.number().nonnegative(),
    error: z.enum(ERROR_CODES).optional(),
    stdinBytes: z.number().int().nonnegative().optional(),
    ended: z.string().optional(),
    stderr: z.string().optional(),
  })
  .strict();

type Covered = 'app' | 'files' | 'hosts' | 'live' | 'prefs';
type OutputSchemas = {
  [D in Covered]: {
    [M in ApiMethod<D>]: VirtWireApi[D][M] extends (arg: never) => Promise<infer R> ? z.ZodType<R> : never;
  };
};

/** What each method of the covered domains answers (its Promise's value). */
export const API_OUTPUT_SCHEMAS: OutputSchemas = {
  app: {
    getInfo: z.object({ name: z.string().min(1), version: z.string().min(1), mode: z.enum(['electron', 'browser']), platform: z.string().min(1) }).strict(),
    getInitialTopology: openedTopology,
    askToSaveBeforeClose: z.object({ choice: z.enum(['save', 'discard', 'cancel']) }).strict(),
    closeWindow: z.void(),
  },
  files: {
    open: openedTopology.nullable(),
    openText: openedTopology,
    openDemo: openedTopology,
    save: savedPath,
    saveAs: savedPath.nullable(),
    serialize: z.object({ text: z.string() }).strict(),
    exportAs: savedPath.nullable(),
    recent: z.object({ files: z.array(z.string().min(1)) }).strict(),
  },
  hosts: {
    list: profiles,
    add: hostProfileSchema,
    update: hostProfileSchema,
    remove: z.void(),
    reorder: profiles,
    sshConfigAliases: z.object({ aliases: z.array(z.object({ alias: z.string().min(1), target: z.string().min(1), proxyJump: z.string().min(1).optional() }).strict()) }).strict(),
    importSshConfig: profiles,
    connect: z.object({ state: connectionState }).strict(),
    disconnect: z.void(),
    answerPrompt: z.void(),
    journal: z
      .object({ entries: z.array(journalEntrySchema), script: z.string(), limit: z.number().int().positive(), dropped: z.number().int().nonnegative() })
      .strict(),
    exportJournal: savedPath.nullable(),
  },
  live: {
    list: z.object({ hosts: z.array(liveHostSchema) }).strict(),
    refresh: liveHostSchema,
  },
  prefs: {
    get: preferencesStateSchema,
    set: preferencesSchema,
    importBrowserSettings: preferencesStateSchema,
  },
};

const promptBase = { promptId: id, hostId: id };

/** The payload of each event the backend pushes. */
export const API_EVENT_SCHEMAS: { [E in ApiEventName]: z.ZodType<ApiEvents[E]> } = {
  'app.onDidInvokeMenu': z.object({ command: z.enum(MENU_COMMANDS), path: z.string().min(1).optional() }).strict(),
  'app.onDidRequestClose': z.object({}).strict(),
  'prefs.onDidChange': preferencesSchema,
  'hosts.onDidChangeState': z
    .object({ hostId: id, state: connectionState, reason: apiErrorSchema.optional(), attempt: z.number().int().positive().optional() })
    .strict(),
  'hosts.onDidPrompt': z.discriminatedUnion('kind', [
    z
      .object({
        ...promptBase,
        kind: z.literal('hostkey'),
        host: z.string().min(1),
        port: z.number().int().min(1).max(65535),
        keyType: z.string().min(1),
        fingerprint: z.string().regex(/^SHA256:/),
      })
      .strict(),
    z.object({ ...promptBase, kind: z.literal('passphrase'), file: z.string().min(1), retry: z.boolean() }).strict(),
    z.object({ ...promptBase, kind: z.literal('password'), user: z.string(), host: z.string().min(1), retry: z.boolean() }).strict(),
    z
      .object({
        ...promptBase,
        kind: z.literal('keyboard-interactive'),
        name: z.string(),
        instructions: z.string(),
        prompts: z.array(z.object({ prompt: z.string(), echo: z.boolean() }).strict()),
      })
      .strict(),
  ]),
  'live.onDidChangeHost': z.union([
    z.object({ profileId: id, live: liveHostSchema.nullable() }).strict(),
    z.object({ profileId: id, patch: livePatchSchema }).strict(),
  ]),
  'plan.onDidProgress': z
    .object({ planId: id, stepIndex: z.number().int().nonnegative(), state: z.enum(['running', 'done', 'pending', 'failed', 'skipped']), detail: z.string().optional() })
    .strict(),
};

/** A method's answer as the fake sends it: `{error}` for a failure, else the value. */
export function checkAnswer(method: string, value: unknown): void {
  const [domain, name] = method.split('.') as [string, string];
  if (value !== null && typeof value === 'object' && 'error' in value) {
    apiErrorSchema.parse((value as { error: unknown }).error);
    return;
  }
  const schemas = (API_OUTPUT_SCHEMAS as Record<string, Record<string, z.ZodType> | undefined>)[domain];
  const schema = schemas?.[name];
  if (!schema) throw new Error(`${method} is no method whose answer has a schema`);
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`the answer of ${method} does not match shared/api: ${z.prettifyError(result.error)}`);
}

/** An event's payload; throws, naming the event and what is wrong, when it does not match. */
export function checkEvent(event: string, payload: unknown): void {
  const schema = (API_EVENT_SCHEMAS as Record<string, z.ZodType | undefined>)[event];
  if (!schema) throw new Error(`${event} is no event of shared/api`);
  const result = schema.safeParse(payload);
  if (!result.success) throw new Error(`the payload of ${event} does not match shared/api: ${z.prettifyError(result.error)}`);
}
