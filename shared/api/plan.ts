// Changing a connected host: the renderer turns a gesture into an Intent, the backend plans it
// against the host's live topology and keeps the Plan under an id; only a previewed plan can be
// applied, so the renderer never sends commands. Applied changes form the host's undo history.
import { z } from 'zod';
import type { ApiErrorData } from '../errors.ts';
import type { Message } from '../i18n/index.ts';
import { MACVTAP_MODES } from '../libvirt/nic-props.ts';
import type { Unplanned } from '../plan/desired-outcome.ts';
import { MAX_BULK, NETWORK_MODES, type Intent, type Plan } from '../plan/types.ts';
import type { Topology } from '../topology/model.ts';
import { topologySchema } from '../topology/schema.ts';

/** What a previewed plan is for: a new change, or undoing / redoing an applied one. */
export type PlanPurpose = 'change' | 'undo' | 'redo';

export interface PreviewedPlan extends Plan {
  planId: string;
  profileId: string;
  purpose: PlanPurpose;
  /** ISO-8601 time after which apply refuses the plan: the host may have changed since */
  expiresAt: string;
}

/**
 * ran: exited 0. pending: exited 0 but the host has not finished it (a live NIC detach the
 * guest has not answered yet). skipped: failed only because its effect was already in place.
 * failed: stopped the plan. not-run: came after the failure.
 */
export type StepOutcome = 'ran' | 'pending' | 'skipped' | 'failed' | 'not-run';

export interface StepResult {
  index: number;
  /** the step's sentence in English; `says` as a catalogue message */
  description: string;
  says?: Message;
  argv: string[];
  /** the exact line the host's shell received (or would have), quoting and `sudo -n --` included */
  commandLine?: string;
  outcome: StepOutcome;
  /** null when the command did not run or did not finish */
  exitCode: number | null;
  /** the host's own error text */
  stderr: string;
  /** why a step was skipped, pending or failed, in the user's words (English; `detailSays` as a catalogue message) */
  detail?: string;
  detailSays?: Message;
}

export interface PlanReport {
  reportId: string;
  planId: string;
  profileId: string;
  purpose: PlanPurpose | 'rollback';
  /** pending: every step ran, but a live detach is still waiting for the guest */
  status: 'applied' | 'pending' | 'failed';
  steps: StepResult[];
  /** set when the failed step did not finish (timeout, lost connection, sudo refused) */
  error?: ApiErrorData;
  /** the inverses of the steps that took effect, newest first, runnable with plan.rollback */
  rollback: { planId: string; plan: Plan } | null;
  /** why there is no rollback although steps took effect (English; `rollbackRefusedSays` as a catalogue message) */
  rollbackRefused?: string;
  rollbackRefusedSays?: Message;
  /** the host was re-read after the plan; otherwise why not */
  refreshed: boolean;
  refreshError?: ApiErrorData;
  startedAt: string;
  finishedAt: string;
}

/** One applied change in a host's history. */
export interface HistoryEntry {
  changeId: string;
  appliedAt: string;
  reportId: string;
  plan: Plan;
}

export interface PlanHistory {
  /** applied changes, oldest first; undo takes the last */
  applied: HistoryEntry[];
  /** undone changes, most recently undone last; redo takes the last */
  undone: HistoryEntry[];
}

/**
 * A saved topology as what a connected host should look like (shared/plan/desired.ts): the
 * previewed plan that makes the host match it, and the differences it leaves as they are.
 */
export interface DesiredPreview {
  /** null when nothing is to be run */
  plan: PreviewedPlan | null;
  /** on the host and not in the file, left alone because removal was not allowed */
  leftAlone: Unplanned[];
  /** differences no step can make go away, each with the reason */
  cannot: Unplanned[];
}

/** Progress of a plan being applied, one event per step state change. */
export interface PlanProgress {
  planId: string;
  stepIndex: number;
  state: 'running' | 'done' | 'pending' | 'failed' | 'skipped';
  detail?: string;
}

export interface PlanApi {
  /** Plans the intent against the host's live topology; throws 'invalid-input' naming what is wrong. */
  preview(arg: { profileId: string; intent: Intent }): Promise<PreviewedPlan>;
  /**
   * One change to several objects selected together (detach, move or set the link of NICs;
   * start, shut down or force off VMs): one plan, previewed, applied and undone as one.
   */
  previewMany(arg: { profileId: string; intents: Intent[] }): Promise<PreviewedPlan>;
  /**
   * Plans what makes the host match host `fileHost` of a saved topology (removing what the file
   * lacks only with `prune`), against the host read again just now; apply it with its planId.
   */
  previewDesired(arg: { profileId: string; topology: Topology; fileHost: string; prune?: boolean }): Promise<DesiredPreview>;
  /** Runs a previewed plan (again, after a partial failure: steps already in effect are skipped). */
  apply(arg: { profileId: string; planId: string }): Promise<PlanReport>;
  /** Runs the rollback of a report: the inverses of the steps that took effect. */
  rollback(arg: { reportId: string }): Promise<PlanReport>;
  /**
   * Stops a plan being applied (or rolled back): its running command is stopped and no further
   * step starts; its report then says which steps took effect and offers their rollback. A plan
   * that is not running (a preview closed without applying, a failed plan's report closed) is
   * forgotten: it can no longer be applied.
   */
  cancel(arg: { planId: string }): Promise<void>;
  /** Previews undoing the last applied change; apply it with its planId. */
  undo(arg: { profileId: string }): Promise<PreviewedPlan>;
  /** Previews redoing the last undone change; apply it with its planId. */
  redo(arg: { profileId: string }): Promise<PreviewedPlan>;
  history(arg: { profileId: string }): Promise<PlanHistory>;
}

const id = z.string().min(1).max(100);
// Names stay plain strings here: the planner checks them with the shared validators and
// explains what is wrong, before anything reaches the host.
const name = z.string().max(1024);
const text = (max: number) => z.string().max(max);
const risk = { confirmRisk: z.boolean().optional() };

const nicTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('network'), network: name }).strict(),
  z.object({ kind: z.literal('bridge'), bridge: name }).strict(),
  z.object({ kind: z.literal('direct'), dev: name, mode: z.enum(MACVTAP_MODES) }).strict(),
]);

const limit = z.object({ average: z.number(), peak: z.number().optional(), burst: z.number().optional() }).strict().nullable().optional();
const nicChanges = z
  .object({
    model: text(64).optional(),
    link: z.enum(['up', 'down']).optional(),
    inbound: limit,
    outbound: limit,
    mtu: z.number().nullable().optional(),
    vlan: text(256).nullable().optional(),
    mode: z.enum(MACVTAP_MODES).optional(),
    target: nicTarget.optional(),
  })
  .strict();

const dnsHostEntry = z.object({ ip: text(64), hostnames: z.array(text(253)).max(64) }).strict();
const dhcpHost = z.object({ mac: text(64).optional(), id: text(256).optional(), name: text(256).optional(), ip: text(64).optional() }).strict();

const subnet = z
  .object({
    address: text(64),
    prefix: z.number().int(),
    dhcpRange: z.object({ start: text(64), end: text(64) }).strict().optional(),
    dhcpHosts: z.array(dhcpHost).max(4096).optional(),
  })
  .strict();

const networkSpec = z
  .object({
    name,
    mode: z.enum(NETWORK_MODES),
    bridge: name.optional(),
    forwardDev: name.optional(),
    ipv4: subnet.optional(),
    ipv6: subnet.optional(),
    domain: text(256).optional(),
  })
  .strict();

const xml = text(1_000_000).optional();

export const intentSchema: z.ZodType<Intent> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('nic-attach'), vm: name, target: nicTarget, model: text(64).optional(), mac: text(64).optional() }).strict(),
  z.object({ kind: z.literal('nic-detach'), vm: name, mac: text(64) }).strict(),
  z.object({ kind: z.literal('nic-link'), vm: name, mac: text(64), state: z.enum(['up', 'down']) }).strict(),
  z.object({ kind: z.literal('nic-move'), vm: name, mac: text(64), target: nicTarget }).strict(),
  z.object({ kind: z.literal('nic-modify'), vm: name, mac: text(64), changes: nicChanges, scope: z.enum(['live', 'config']).optional() }).strict(),
  z.object({ kind: z.literal('network-create'), spec: networkSpec, xml, start: z.boolean().optional(), autostart: z.boolean().optional() }).strict(),
  z.object({ kind: z.literal('network-start'), network: name }).strict(),
  z.object({ kind: z.literal('network-stop'), network: name }).strict(),
  z.object({ kind: z.literal('network-delete'), network: name }).strict(),
  z.object({ kind: z.literal('network-autostart'), network: name, enabled: z.boolean() }).strict(),
  z.object({ kind: z.literal('network-edit'), network: name, spec: networkSpec, xml }).strict(),
  z.object({ kind: z.literal('network-dns-hosts'), network: name, add: z.array(dnsHostEntry).max(4096), remove: z.array(dnsHostEntry).max(4096) }).strict(),
  z.object({ kind: z.literal('bridge-create'), name, type: z.enum(['linux', 'ovs']).optional(), ...risk }).strict(),
  z.object({ kind: z.literal('bridge-delete'), name, ...risk }).strict(),
  z.object({ kind: z.literal('tap-create'), name, ...risk }).strict(),
  z.object({ kind: z.literal('tap-delete'), name, ...risk }).strict(),
  z.object({ kind: z.literal('port-plug'), device: name, bridge: name, ...risk }).strict(),
  z.object({ kind: z.literal('port-unplug'), device: name, ...risk }).strict(),
  z.object({ kind: z.literal('device-state'), device: name, up: z.boolean(), ...risk }).strict(),
  z.object({ kind: z.literal('vm-start'), vm: name }).strict(),
  z.object({ kind: z.literal('vm-shutdown'), vm: name }).strict(),
  z.object({ kind: z.literal('vm-destroy'), vm: name }).strict(),
  z.object({ kind: z.literal('dhcp-host-pin'), network: name, mac: text(64), ip: text(64), name: text(256).optional() }).strict(),
  z.object({ kind: z.literal('dhcp-host-unpin'), network: name, mac: text(64) }).strict(),
]);

const byProfile = z.object({ profileId: id }).strict();

export const planSchemas = {
  preview: z.object({ profileId: id, intent: intentSchema }).strict(),
  previewMany: z.object({ profileId: id, intents: z.array(intentSchema).min(1).max(MAX_BULK) }).strict(),
  previewDesired: z.object({ profileId: id, topology: topologySchema, fileHost: name, prune: z.boolean().optional() }).strict(),
  apply: z.object({ profileId: id, planId: id }).strict(),
  rollback: z.object({ reportId: id }).strict(),
  cancel: z.object({ planId: id }).strict(),
  undo: byProfile,
  redo: byProfile,
  history: byProfile,
};
