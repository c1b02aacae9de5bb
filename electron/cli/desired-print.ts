// How `virtwire diff`, `plan` and `apply` print: differences in words, a plan step by step with
// its exact command line, scope and impact, and what apply did to each step. Every name comes
// from a file or a host, so everything printed goes through `visible`.
import type { StepResult } from '../../shared/api/plan.ts';
import { describeItem } from '../../shared/diff/index.ts';
import type { DiffItem, TopologyDiff } from '../../shared/diff/types.ts';
import type { DesiredPlan, Unplanned } from '../../shared/plan/desired.ts';
import { impactSummary } from '../../shared/plan/impact.ts';
import type { Step } from '../../shared/plan/types.ts';
import { visible, visibleLines } from '../../shared/text/visible.ts';

const MARK: Record<DiffItem['change'], string> = { removed: '-', added: '+', changed: '~' };

export function itemLine(item: DiffItem): string {
  return `${MARK[item.change]} ${visible(describeItem(item))}`;
}

/** The differences, one a line, with a legend and a count; nothing but "no differences" when equal. */
export function diffText(diff: TopologyDiff, fileLabel: string, hostLabel: string): string {
  const lines: string[] = [];
  if (diff.items.length === 0) lines.push(`${visible(hostLabel)} matches ${visible(fileLabel)}: no differences.`);
  else {
    lines.push(`${visible(hostLabel)} differs from ${visible(fileLabel)} (- only in the file, + only on the host, ~ changed):`);
    for (const item of diff.items) lines.push(`  ${itemLine(item)}`);
    lines.push(`${diff.items.length} difference${diff.items.length === 1 ? '' : 's'}.`);
  }
  for (const note of diff.notes) lines.push(`note: ${visible(note)}`);
  return `${lines.join('\n')}\n`;
}

/** Where a step lands, in words: a VM's or a network's running side, its saved definition, or the host. */
function whereWords(step: Step): string {
  if (step.scope === 'host') return 'the host';
  const what = 'vm' in step.op ? 'VM' : 'network';
  return { both: `the running ${what} and its saved definition`, live: `the running ${what} only`, config: 'the saved definition only' }[step.scope];
}

function unplannedLines(title: string, list: Unplanned[]): string[] {
  if (list.length === 0) return [];
  return [title, ...list.map((u) => `  ${itemLine(u.item)}\n      ${visible(u.reason)}`)];
}

/** The plan as `virtwire plan` shows it and `apply` asks about. */
export function planText(desired: DesiredPlan, commandLineOf: (step: Step) => string, prune: boolean): string {
  const lines: string[] = [];
  const steps = desired.plan?.steps ?? [];
  lines.push(steps.length === 0 ? 'Nothing to run.' : `${steps.length} step${steps.length === 1 ? '' : 's'}, in this order:`);
  steps.forEach((step, i) => {
    lines.push(`${String(i + 1).padStart(3)}. ${visible(step.description)}${step.destructive ? ' [destructive]' : ''}`);
    lines.push(`     $ ${visible(commandLineOf(step))}`);
    if (step.stdin !== undefined) lines.push(...step.stdin.trimEnd().split('\n').map((l) => `       | ${visible(l)}`));
    lines.push(`     changes ${whereWords(step)}. ${visible(step.impact?.text ?? '')}`.trimEnd());
    if (!step.inverse) lines.push(`     cannot be undone: ${visible(step.irreversibleReason ?? 'it has no inverse')}`);
  });
  if (steps.length) {
    lines.push('When they take effect:', ...impactSummary(steps.map((s) => s.impact ?? { when: 'now', text: '' })).map((l) => `  ${visible(l)}`));
  }
  const plan = desired.plan;
  if (plan && plan.affects.summary.length) lines.push('What it does:', ...plan.affects.summary.map((s) => `  ${visible(s)}`));
  if (plan && plan.warnings.length) lines.push('Warnings:', ...plan.warnings.map((w) => `  ${visible(w)}`));
  lines.push(...unplannedLines(prune ? 'Left alone:' : 'Left alone (on the host, not in the file; --prune removes them):', desired.leftAlone));
  lines.push(...unplannedLines('Cannot be done (these differences stay):', desired.cannot));
  return `${lines.join('\n')}\n`;
}

const OUTCOME: Record<StepResult['outcome'], string> = { ran: 'done', skipped: 'already done', pending: 'PENDING', failed: 'FAILED', 'not-run': 'not run' };

/** What happened to each step; the failed one with its command line, exit code and the host's own error. */
export function resultText(results: StepResult[], commandLineOf: (index: number) => string): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${String(r.index + 1).padStart(3)}. ${OUTCOME[r.outcome]}: ${visible(r.description)}`);
    if (r.outcome === 'failed' || r.outcome === 'pending') {
      lines.push(`     $ ${visible(commandLineOf(r.index))}`);
      if (r.exitCode !== null) lines.push(`     exit code ${r.exitCode}`);
      if (r.stderr) lines.push(...visibleLines(r.stderr).split('\n').map((l) => `     host: ${l}`));
      if (r.detail) lines.push(`     ${visible(r.detail)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
