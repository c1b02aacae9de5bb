// The planner's public surface: plan an intent, invert a plan for rollback or undo, and the
// network XML the create form previews.
export { planIntent } from './planner.ts';
export { invertPlan, invertStep } from './step.ts';
export { networkXml } from './networkXml.ts';
export { freeVirbr } from './networkSpec.ts';
export type {
  HostContext,
  Intent,
  IntentKind,
  NetworkMode,
  NetworkSpec,
  NicTarget,
  Plan,
  PlanAffects,
  PlanOptions,
  Step,
  StepAction,
  StepScope,
  SubnetSpec,
} from './types.ts';
export { NETWORK_MODES } from './types.ts';
export { IMPACT_WHEN, impactsOf, impactSummary } from './impact.ts';
export type { ImpactWhen, StepImpact } from './impact.ts';
