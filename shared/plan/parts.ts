// What each domain planner hands back; planner.ts turns it into a Plan.
import type { Message } from './say.ts';
import type { Step } from './types.ts';

export interface PlanParts {
  steps: Step[];
  vms?: string[];
  /** what the plan touches, as catalogue messages (the plan keeps their English too) */
  summary?: Message[];
  warnings?: Message[];
}
