// The `plan` API: plans intents against a connected host's live topology, keeps each previewed
// plan under an id (so the renderer can only apply what it was shown), applies plans one at a
// time per host, re-reads the host after, and keeps the applied changes for undo/redo.
import { randomUUID } from 'node:crypto';
import type { LiveApi, LiveHost } from '../../shared/api/live.ts';
import type { DesiredPreview, PlanApi, PlanHistory, PlanProgress, PlanPurpose, PlanReport, PreviewedPlan } from '../../shared/api/plan.ts';
import { ApiError } from '../../shared/errors.ts';
import { impactsOf, invertPlan, planIntent } from '../../shared/plan/index.ts';
import type { StepNeeds } from '../../shared/plan/ops.ts';
import { checkBulk, planBulk } from '../../shared/plan/bulk.ts';
import { checkIntentNames } from '../../shared/plan/check.ts';
import { diffTopologies } from '../../shared/diff/index.ts';
import { planDesired } from '../../shared/plan/desired.ts';
import { basisOf, changedSince, objectSays, recheckPlan } from '../../shared/plan/recheck.ts';
import { joinAnd, refusal } from '../../shared/plan/say.ts';
import type { Topology } from '../../shared/topology/model.ts';
import type { HostContext, Intent, Plan } from '../../shared/plan/types.ts';
import type { ProbeScope } from '../discovery/probe-script.ts';
import { executePlan, rollbackOf, type RunResult } from './executor.ts';
import { ChangeHistory } from './history.ts';
import type { DetachWait } from './nic-checks.ts';
import { protectedInterfaces, readRouteDevices } from './protected.ts';
import { replanRestored } from './restored.ts';
import { scopeOfPlan } from './scope.ts';

/** A connected profile's command runner; electron/ssh's HostRunner is one. */
export interface PlanRunner {
  run(argv: readonly string[], options?: { stdin?: string; needs?: StepNeeds; timeout?: number; signal?: AbortSignal }): Promise<RunResult>;
  /** the exact line run() sends, elevated as run() would */
  commandLineFor(argv: readonly string[], needs: StepNeeds | undefined): string;
}

/** What the plan service needs from the hosts service. */
export interface PlanHosts {
  /**
   * The runner of a connected profile, the same object for as long as the connection lasts
   * (what is read once per connection is kept per runner); throws ApiError when not connected.
   */
  runnerFor(profileId: string): PlanRunner;
  /** The login user as the SSH session authenticated it, and the profile's sudo setting. */
  profile(profileId: string): { user: string; useSudo: boolean };
}

export interface PlanServiceOptions {
  hosts: PlanHosts;
  /** with refreshScope, only what a change touched is re-read after it (a failed plan re-reads all) */
  live: Pick<LiveApi, 'list' | 'refresh'> & {
    refreshScope?(profileId: string, scope: ProbeScope): Promise<LiveHost>;
  };
  /** sends plan.onDidProgress */
  emit: (progress: PlanProgress) => void;
  /** how long a preview can be applied; the host may have changed after that */
  previewTtlMs?: number;
  detachWait?: DetachWait;
  now?: () => number;
  /** each host's history, kept on disk (history-store.ts); without it, in memory for this run */
  openHistory?: (profileId: string) => ChangeHistory;
}

/** What applying a plan did to the history, so rolling its report back can do the opposite. */
type HistoryEffect = { changeId: string; now: 'applied' | 'undone' } | null;

interface Previewed {
  preview: PreviewedPlan;
  plan: Plan;
  expiresAtMs: number;
  /** what the objects the plan touches looked like when it was planned (recheck.ts basisOf) */
  basis: Record<string, string>;
  /** applied before (and failed): a re-run, so steps may already be in effect */
  tried?: boolean;
  /** the history entry an undo or redo plan is for */
  changeId?: string;
}

interface Kept {
  report: PlanReport;
  rollback: Plan | null;
  effect: HistoryEffect;
}

/** A preview older than this is refused and freed: the host has likely changed since. */
export const PREVIEW_TTL_MS = 15 * 60_000;
/** Previews held at most; past it the oldest are freed (a preview is a plan and what it was planned against). */
export const PREVIEWS_KEPT = 50;

const topologyOf = (live: LiveHost): Topology => ({ hosts: [live.host], nodes: live.nodes, links: live.links, layout: {} });

const STALE = { change: 'plan.service.staleChange', undo: 'plan.service.staleUndo', redo: 'plan.service.staleRedo' } as const;
const REPORTS_KEPT = 100;

export class PlanService implements PlanApi {
  readonly #options: PlanServiceOptions;
  readonly #previews = new Map<string, Previewed>();
  readonly #reports = new Map<string, Kept>();
  /** plans being applied, by plan id, so the user can cancel them */
  readonly #running = new Map<string, AbortController>();
  readonly #histories = new Map<string, ChangeHistory>();
  /** per runner, i.e. per connection: the route devices do not change under a live session */
  readonly #routeDevices = new WeakMap<PlanRunner, Promise<string[]>>();
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(options: PlanServiceOptions) {
    this.#options = options;
  }

  async preview({ profileId, intent }: { profileId: string; intent: Intent }): Promise<PreviewedPlan> {
    checkIntentNames(intent);
    const live = await this.#fresh(profileId, { intent });
    const ctx = await this.#context(profileId, live);
    const plan = planIntent(intent, topologyOf(live), ctx);
    return this.#keep(profileId, plan, 'change', live);
  }

  /** One change to several selected NICs or VMs: one plan, one preview, one apply, one undo. */
  async previewMany({ profileId, intents }: { profileId: string; intents: Intent[] }): Promise<PreviewedPlan> {
    checkBulk(intents);
    for (const intent of intents) checkIntentNames(intent);
    const live = await this.#fresh(profileId, { intent: intents[0]!, intents });
    const ctx = await this.#context(profileId, live);
    return this.#keep(profileId, planBulk(intents, topologyOf(live), ctx), 'change', live);
  }

  /** previews held now, awaiting apply (for tests and the soak run) */
  get heldPreviews(): number {
    return this.#previews.size;
  }

  async previewDesired({ profileId, topology, fileHost, prune }: { profileId: string; topology: Topology; fileHost: string; prune?: boolean }): Promise<DesiredPreview> {
    if (!topology.hosts.some((h) => h.id === fileHost)) throw refusal('plan.service.noFileHost', { host: fileHost });
    // Every object may be touched: the whole host is read again.
    const live = await this.#options.live.refresh({ profileId });
    const current = topologyOf(live);
    const ctx = await this.#context(profileId, live);
    const desired = planDesired(diffTopologies(topology, fileHost, current, live.host.id), topology, current, ctx, { prune: prune ?? false });
    const plan = desired.plan && this.#keep(profileId, desired.plan, 'change', live);
    return { plan, leftAlone: desired.leftAlone, cannot: desired.cannot };
  }

  async apply({ profileId, planId }: { profileId: string; planId: string }): Promise<PlanReport> {
    const previewed = this.#previews.get(planId);
    if (!previewed || previewed.preview.profileId !== profileId) {
      throw refusal('plan.service.unknownPlan', undefined, undefined, 'not-found');
    }
    if (previewed.expiresAtMs <= this.#now()) {
      this.#previews.delete(planId);
      throw refusal('plan.service.expired');
    }
    this.#sweep();
    const { purpose } = previewed.preview;
    return this.#serial(profileId, async () => {
      // Bound to what it was planned against: a plan run on objects someone has changed since
      // would do something nobody previewed. A re-run after a failure expects its own changes.
      if (!previewed.tried) {
        const live = await this.#fresh(profileId, previewed.plan);
        const changed = changedSince(previewed.basis, topologyOf(live), live.host.id);
        if (changed.length > 0) {
          this.#previews.delete(planId);
          const what = joinAnd(changed.map((key, i) => objectSays(key, i === 0)));
          throw refusal(STALE[purpose], { what }, { stale: { purpose, objects: changed } });
        }
      }
      const history = this.#history(profileId);
      const expected = purpose === 'undo' ? history.lastApplied() : purpose === 'redo' ? history.lastUndone() : undefined;
      if (purpose !== 'change' && expected?.changeId !== previewed.changeId) {
        throw refusal(purpose === 'undo' ? 'plan.service.historyChangedUndo' : 'plan.service.historyChangedRedo');
      }
      const firstRun = purpose === 'change' && !previewed.tried;
      previewed.tried = true;
      const kept = await this.#run(profileId, planId, previewed.plan, purpose, previewed.changeId, undefined, firstRun);
      // A plan that went through is not applied twice (a double click); a failed one stays so it can be re-run.
      if (kept.report.status !== 'failed') this.#previews.delete(planId);
      return kept.report;
    });
  }

  async rollback({ reportId }: { reportId: string }): Promise<PlanReport> {
    const kept = this.#reports.get(reportId);
    if (!kept) throw refusal('plan.service.unknownReport', undefined, undefined, 'not-found');
    const { report, effect } = kept;
    const target = report.rollback;
    if (!target) {
      if (report.rollbackRefusedSays) throw ApiError.said('invalid-input', report.rollbackRefusedSays);
      throw refusal('plan.service.nothingToRollBack');
    }
    return this.#serial(report.profileId, async () => {
      if (!kept.rollback) throw refusal('plan.service.rolledBackAlready');
      const opposite: HistoryEffect = effect && { changeId: effect.changeId, now: effect.now === 'applied' ? 'undone' : 'applied' };
      const done = await this.#run(report.profileId, target.planId, kept.rollback, 'rollback', undefined, opposite);
      if (done.report.status !== 'failed') kept.rollback = null;
      return done.report;
    });
  }

  /** Stops a plan being applied; a plan only previewed (its dialog closed) is freed now, not when it expires. */
  async cancel({ planId }: { planId: string }): Promise<void> {
    const running = this.#running.get(planId);
    if (running) return running.abort();
    if (!this.#previews.delete(planId)) throw refusal('plan.service.notRunning', undefined, undefined, 'not-found');
  }

  async undo({ profileId }: { profileId: string }): Promise<PreviewedPlan> {
    const entry = this.#history(profileId).lastApplied();
    if (!entry) throw refusal('plan.service.nothingToUndo');
    return this.#replan(profileId, invertPlan(entry.plan), 'undo', entry.changeId);
  }

  async redo({ profileId }: { profileId: string }): Promise<PreviewedPlan> {
    const entry = this.#history(profileId).lastUndone();
    if (!entry) throw refusal('plan.service.nothingToRedo');
    return this.#replan(profileId, entry.plan, 'redo', entry.changeId);
  }

  /** Undo and redo are planned again against the host as it is now (recheck.ts). */
  async #replan(profileId: string, plan: Plan, purpose: 'undo' | 'redo', changeId: string): Promise<PreviewedPlan> {
    const live = await this.#fresh(profileId, plan);
    const ctx = await this.#context(profileId, live);
    // A change from an earlier run is planned afresh and must still fit the host, never replayed.
    const current = this.#history(profileId).isRestored(changeId) ? replanRestored(plan, topologyOf(live), ctx) : plan;
    return this.#keep(profileId, recheckPlan(current, topologyOf(live), ctx), purpose, live, changeId);
  }

  async history({ profileId }: { profileId: string }): Promise<PlanHistory> {
    return this.#history(profileId).snapshot();
  }

  #now(): number {
    return this.#options.now?.() ?? Date.now();
  }

  #history(profileId: string): ChangeHistory {
    let history = this.#histories.get(profileId);
    if (!history) this.#histories.set(profileId, (history = this.#options.openHistory?.(profileId) ?? new ChangeHistory()));
    return history;
  }

  /** One plan at a time per host: two plans interleaving their steps would each see the other's half-done state. */
  #serial<T>(profileId: string, work: () => Promise<T>): Promise<T> {
    const before = this.#queues.get(profileId) ?? Promise.resolve();
    const next = before.then(work, work);
    this.#queues.set(profileId, next.catch(() => undefined));
    return next;
  }

  /** Frees expired previews, and the oldest past PREVIEWS_KEPT (a Map iterates in insertion order). */
  #sweep(): void {
    const now = this.#now();
    for (const [id, p] of this.#previews) if (p.expiresAtMs <= now) this.#previews.delete(id);
    for (const id of this.#previews.keys()) {
      if (this.#previews.size <= PREVIEWS_KEPT) break;
      this.#previews.delete(id);
    }
  }

  #keep(profileId: string, plan: Plan, purpose: PlanPurpose, live: LiveHost, changeId?: string): PreviewedPlan {
    const now = this.#now();
    const expiresAtMs = now + (this.#options.previewTtlMs ?? PREVIEW_TTL_MS);
    // The preview shows each command exactly as the runner will send it, sudo and quoting included.
    const runner = this.#options.hosts.runnerFor(profileId);
    // …and when each takes effect on the host as just read (undo and redo plans are re-checked, not re-planned).
    const impacts = impactsOf(plan.steps, topologyOf(live), live.host.id);
    const shown: Plan = { ...plan, steps: plan.steps.map((s, i) => ({ ...s, commandLine: runner.commandLineFor(s.argv, s.needs), impact: impacts[i]! })) };
    const preview: PreviewedPlan = { ...shown, planId: randomUUID(), profileId, purpose, expiresAt: new Date(expiresAtMs).toISOString() };
    const basis = basisOf(plan, topologyOf(live), live.host.id);
    this.#previews.set(preview.planId, { preview, plan: shown, expiresAtMs, basis, ...(changeId ? { changeId } : {}) });
    this.#sweep();
    return preview;
  }

  /**
   * The host with what a plan touches read again just now: a preview is planned, and an
   * apply checked, against the host itself, not against an event that may still be on its way.
   */
  async #fresh(profileId: string, plan: Pick<Plan, 'intent' | 'intents'>): Promise<LiveHost> {
    const { live } = this.#options;
    const known = (await live.list({})).hosts.find((h) => h.profileId === profileId);
    if (known && live.refreshScope) return live.refreshScope(profileId, scopeOfPlan(plan, known));
    return live.refresh({ profileId });
  }

  async #context(profileId: string, live: LiveHost): Promise<HostContext> {
    const runner = this.#options.hosts.runnerFor(profileId);
    const { user, useSudo } = this.#options.hosts.profile(profileId);
    let routes = this.#routeDevices.get(runner);
    if (!routes) {
      routes = readRouteDevices((argv, o) => runner.run(argv, o));
      this.#routeDevices.set(runner, routes);
      routes.catch(() => this.#routeDevices.delete(runner));
    }
    return {
      hostId: live.host.id,
      uri: live.host.uri,
      isRoot: user === 'root',
      useSudo,
      protectedInterfaces: protectedInterfaces(await routes, live.nodes, live.links),
    };
  }

  async #run(profileId: string, planId: string, plan: Plan, purpose: PlanReport['purpose'], changeId?: string, rollbackEffect?: HistoryEffect, firstRun = false): Promise<Kept> {
    const runner = this.#options.hosts.runnerFor(profileId);
    const startedAt = new Date(this.#now()).toISOString();
    const live = this.#options.live;
    const before = (await live.list({})).hosts.find((h) => h.profileId === profileId);
    const scope = scopeOfPlan(plan, before);
    const cancel = new AbortController();
    this.#running.set(planId, cancel);
    const execution = await executePlan(plan, (argv, o) => runner.run(argv, o), {
      signal: cancel.signal,
      onProgress: ({ stepIndex, state, detail }) => this.#options.emit({ planId, stepIndex, state, ...(detail !== undefined ? { detail } : {}) }),
      checkAttach: !firstRun,
      ...(this.#options.detachWait ? { detachWait: this.#options.detachWait } : {}),
    }).finally(() => this.#running.delete(planId));
    const rollback = rollbackOf(plan, execution);
    // Read back what the plan touched; a failed plan re-reads all.
    const reread: Promise<unknown> =
      execution.status !== 'failed' && before && live.refreshScope ? live.refreshScope(profileId, scope) : live.refresh({ profileId });
    const refresh = await reread.then(
      () => ({ refreshed: true }),
      (e: unknown) => ({ refreshed: false, refreshError: ApiError.from(e).toJSON() }),
    );
    const reportId = randomUUID();
    const report: PlanReport = {
      reportId,
      planId,
      profileId,
      purpose,
      status: execution.status,
      steps: execution.steps.map((s) => ({ ...s, commandLine: runner.commandLineFor(s.argv, plan.steps[s.index]?.needs) })),
      ...(execution.error ? { error: execution.error } : {}),
      rollback: rollback.plan ? { planId: randomUUID(), plan: rollback.plan } : null,
      ...(rollback.refused ? { rollbackRefused: rollback.refused } : {}),
      ...(rollback.refusedSays ? { rollbackRefusedSays: rollback.refusedSays } : {}),
      ...refresh,
      startedAt,
      finishedAt: new Date(this.#now()).toISOString(),
    };
    const effect = execution.status === 'failed' ? null : this.#record(profileId, report, plan, purpose, changeId, rollbackEffect);
    const kept: Kept = { report, rollback: rollback.plan, effect };
    this.#reports.set(reportId, kept);
    if (this.#reports.size > REPORTS_KEPT) this.#reports.delete(this.#reports.keys().next().value!);
    return kept;
  }

  /** Moves the history as a plan that went through says; returns what it did. */
  #record(profileId: string, report: PlanReport, plan: Plan, purpose: PlanReport['purpose'], changeId?: string, rollbackEffect?: HistoryEffect): HistoryEffect {
    const history = this.#history(profileId);
    if (purpose === 'change') {
      const entry = { changeId: randomUUID(), appliedAt: report.finishedAt, reportId: report.reportId, plan };
      history.recordChange(entry);
      return { changeId: entry.changeId, now: 'applied' };
    }
    const effect: HistoryEffect = purpose === 'rollback' ? rollbackEffect ?? null : { changeId: changeId!, now: purpose === 'undo' ? 'undone' : 'applied' };
    if (effect?.now === 'undone') history.markUndone(effect.changeId);
    if (effect?.now === 'applied') history.markRedone(effect.changeId);
    return effect;
  }
}
