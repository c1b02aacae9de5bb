// What each domain planner hands back; planner.ts turns it into a Plan.
import type { Step } from './types.ts';

export interface PlanParts {
  steps: Step[];
  vms?: string[];
  summary?: string[];
  warnings?: string[];
}

/** "3 running VMs: a, b, c" / "1 running VM: a" */
export function vmList(names: readonly string[], adjective = 'running'): string {
  const noun = names.length === 1 ? 'VM' : 'VMs';
  return `${names.length} ${adjective} ${noun}: ${names.join(', ')}`;
}

/** "a, b and c" */
export function joinWords(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
