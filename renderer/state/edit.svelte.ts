// One change at a time on a connected host: plan it, show the preview (or the question that
// must come first: start an inactive network? touch a protected interface?), apply it with
// progress per step, then the host's report, with rollback on failure. Undo and redo go
// through the same preview. The backend plans and runs; this class only follows the flow.
import type { PlanProgress, PlanReport, PreviewedPlan } from '../../shared/api/index.ts';
import { type ApiErrorData, ApiError } from '../../shared/errors.ts';
import type { Intent, Step } from '../../shared/plan/types.ts';
import { getApi } from '../transport/index.ts';
import { t } from './i18n.svelte.ts';
import { preferences } from './preferences.svelte.ts';

export type StepProgress = PlanProgress['state'];

export type EditFlow =
  | { stage: 'planning'; title: string }
  /** `title` and `notes` for a plan not made from one intent (a saved file as desired state) */
  | { stage: 'preview'; plan: PreviewedPlan; title?: string; notes?: string[] }
  /** `error`: what the planner said, shown in the reader's language (errorText) */
  | { stage: 'offer'; error: ApiErrorData; network: string; intent: Intent }
  | { stage: 'risk'; error: ApiErrorData; intent: Intent }
  | { stage: 'applying'; planId: string; steps: Step[]; progress: Record<number, StepProgress>; cancelling?: boolean }
  | { stage: 'report'; report: PlanReport; plan: PreviewedPlan | null }
  | { stage: 'rollback'; report: PlanReport }
  /** the host changed what the previewed plan touches: nothing ran; preview it again */
  | { stage: 'stale'; error: ApiErrorData; plan: PreviewedPlan }
  | { stage: 'error'; title: string; error: ApiErrorData };

function offerOf(error: ApiError): string | null {
  const offer = error.data?.offer as { kind?: string; network?: string } | undefined;
  return offer?.kind === 'network-start' && typeof offer.network === 'string' ? offer.network : null;
}

export class EditState {
  flow = $state.raw<EditFlow | null>(null);
  /** the host the flow is changing */
  profileId = $state<string | null>(null);
  /** apply non-destructive changes without showing the preview first (a preference) */
  get skipPreview(): boolean {
    return preferences.current.skipPreview;
  }
  /** how many plans have run on any host; what shows a host's history reads it again when it grows */
  ran = $state(0);
  /** a change waiting for the one being applied (the attach after "start the network first") */
  #next: Intent | null = null;
  /** grows when a flow starts or is closed, so a plan that arrives after its dialog was closed is dropped */
  #turn = 0;
  /** plans the current flow's change again, when it was not made from one intent */
  #again: (() => Promise<void>) | null = null;

  start(): () => void {
    return getApi().on('plan.onDidProgress', (p) => this.#progress(p));
  }

  setSkipPreview(on: boolean): void {
    void preferences.set({ skipPreview: on });
  }

  /** Plans a change and shows its preview (or applies it, when previews are skipped and it is safe). */
  async change(profileId: string, intent: Intent, title = t('describe.planning')): Promise<void> {
    this.profileId = profileId;
    this.#again = null;
    this.flow = { stage: 'planning', title };
    const turn = ++this.#turn;
    try {
      const plan = await getApi().plan.preview({ profileId, intent });
      if (turn !== this.#turn) return;
      if (this.skipPreview && !plan.destructive) return this.#apply(plan);
      this.flow = { stage: 'preview', plan };
    } catch (e) {
      if (turn !== this.#turn) return;
      const error = ApiError.from(e);
      const network = offerOf(error);
      if (network !== null) this.flow = { stage: 'offer', error: error.toJSON(), network, intent };
      else if (error.data?.risk) this.flow = { stage: 'risk', error: error.toJSON(), intent };
      else this.flow = { stage: 'error', title: t('describe.cannotBeMade'), error: error.toJSON() };
    }
  }

  /** One change to several selected NICs or VMs: one plan, one preview, one apply, one undo. */
  changeMany(profileId: string, intents: Intent[]): Promise<void> {
    if (intents.length === 1) return this.change(profileId, intents[0]!);
    const n = intents.length;
    return this.changeWith(profileId, { planning: t('describe.planningMany', { count: n }), preview: t('describe.manyInOne', { count: n }) }, async () => ({
      plan: await getApi().plan.previewMany({ profileId, intents }),
      notes: [],
    }));
  }

  /**
   * Shows a plan the backend made from something other than one intent (a saved file as the
   * desired state), previewed and applied like any change; `notes` say what it leaves as it is.
   */
  async changeWith(
    profileId: string,
    titles: { planning: string; preview: string },
    get: () => Promise<{ plan: PreviewedPlan | null; notes: string[] }>,
  ): Promise<void> {
    this.profileId = profileId;
    this.#next = null;
    this.#again = () => this.changeWith(profileId, titles, get);
    this.flow = { stage: 'planning', title: titles.planning };
    const turn = ++this.#turn;
    try {
      const { plan, notes } = await get();
      if (turn !== this.#turn) return;
      if (plan) this.flow = { stage: 'preview', plan, title: titles.preview, notes };
      else {
        const message = t(notes.length ? 'describe.noStepLeft' : 'describe.alreadyMatches');
        this.flow = { stage: 'error', title: t('describe.nothingToRun'), error: { code: 'invalid-input', message, ...(notes.length ? { detail: notes.join('\n') } : {}) } };
      }
    } catch (e) {
      if (turn === this.#turn) this.flow = { stage: 'error', title: t('describe.cannotBePlanned'), error: ApiError.from(e).toJSON() };
    }
  }

  undo(profileId: string): Promise<void> {
    return this.#history(profileId, 'undo');
  }

  redo(profileId: string): Promise<void> {
    return this.#history(profileId, 'redo');
  }

  /** Answers the inactive-network offer: start it, then plan the original change again. */
  startNetworkFirst(): Promise<void> {
    const flow = this.flow;
    if (flow?.stage !== 'offer' || this.profileId === null) return Promise.resolve();
    this.#next = flow.intent;
    return this.change(this.profileId, { kind: 'network-start', network: flow.network });
  }

  /** The user accepted the named risk of touching a protected interface. */
  acceptRisk(): Promise<void> {
    const flow = this.flow;
    if (flow?.stage !== 'risk' || this.profileId === null) return Promise.resolve();
    return this.change(this.profileId, { ...flow.intent, confirmRisk: true } as Intent);
  }

  apply(): Promise<void> {
    const flow = this.flow;
    return flow?.stage === 'preview' ? this.#apply(flow.plan) : Promise.resolve();
  }

  /** Plans the stale change (or undo, redo) again against the host as it is now. */
  previewAgain(): Promise<void> {
    const flow = this.flow;
    if (flow?.stage !== 'stale') return Promise.resolve();
    const { purpose, profileId, intent } = flow.plan;
    if (purpose === 'change' && this.#again) return this.#again();
    return purpose === 'change' ? this.change(profileId, intent) : this.#history(profileId, purpose);
  }

  /** Shows the rollback's commands; `confirmRollback` runs them. */
  showRollback(): void {
    const flow = this.flow;
    if (flow?.stage === 'report' && flow.report.rollback) this.flow = { stage: 'rollback', report: flow.report };
  }

  async confirmRollback(): Promise<void> {
    const flow = this.flow;
    if (flow?.stage !== 'rollback' || !flow.report.rollback) return;
    this.flow = { stage: 'applying', planId: flow.report.rollback.planId, steps: flow.report.rollback.plan.steps, progress: {} };
    try {
      const report = await getApi().plan.rollback({ reportId: flow.report.reportId });
      this.ran++;
      this.flow = { stage: 'report', report, plan: null };
    } catch (e) {
      this.flow = { stage: 'error', title: t('describe.rollbackNotRun'), error: ApiError.from(e).toJSON() };
    }
  }

  close(): void {
    const flow = this.flow;
    if (flow?.stage === 'applying') return;
    // A preview closed without applying (or a failed plan's report closed) is freed on the backend now.
    const unused = flow?.stage === 'preview' ? flow.plan : flow?.stage === 'report' && flow.report.status === 'failed' ? flow.plan : null;
    if (unused) getApi().plan.cancel({ planId: unused.planId }).catch(() => undefined);
    this.flow = null;
    this.#next = null;
    this.#turn++;
  }

  async #history(profileId: string, which: 'undo' | 'redo'): Promise<void> {
    this.profileId = profileId;
    this.#next = null;
    this.#again = null;
    this.flow = { stage: 'planning', title: t(which === 'undo' ? 'describe.planningUndo' : 'describe.planningRedo') };
    const turn = ++this.#turn;
    try {
      const plan = await getApi().plan[which]({ profileId });
      if (turn === this.#turn) this.flow = { stage: 'preview', plan };
    } catch (e) {
      if (turn === this.#turn) this.flow = { stage: 'error', title: t(which === 'undo' ? 'describe.nothingToUndo' : 'describe.nothingToRedo'), error: ApiError.from(e).toJSON() };
    }
  }

  async #apply(plan: PreviewedPlan): Promise<void> {
    this.flow = { stage: 'applying', planId: plan.planId, steps: plan.steps, progress: {} };
    try {
      const report = await getApi().plan.apply({ profileId: plan.profileId, planId: plan.planId });
      this.ran++;
      const next = this.#next;
      this.#next = null;
      if (report.status !== 'failed' && next !== null) return this.change(plan.profileId, next);
      this.flow = { stage: 'report', report, plan };
    } catch (e) {
      this.#next = null;
      const error = ApiError.from(e);
      if (error.data?.stale) this.flow = { stage: 'stale', error: error.toJSON(), plan };
      else this.flow = { stage: 'error', title: t('describe.notApplied'), error: error.toJSON() };
    }
  }

  /** Stops the change being applied: its running command is stopped, no further step starts. */
  async cancelApply(): Promise<void> {
    const flow = this.flow;
    if (flow?.stage !== 'applying' || flow.cancelling) return;
    this.flow = { ...flow, cancelling: true };
    try {
      await getApi().plan.cancel({ planId: flow.planId });
    } catch {
      // it finished meanwhile: its report is on its way
    }
  }

  #progress(p: PlanProgress): void {
    const flow = this.flow;
    if (flow?.stage !== 'applying' || flow.planId !== p.planId) return;
    this.flow = { ...flow, progress: { ...flow.progress, [p.stepIndex]: p.state } };
  }
}
