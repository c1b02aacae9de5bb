// How `virtwire diff`, `plan` and `apply` print: differences in words, a plan step by step with
// its exact command line, scope and impact, and what apply did to each step. Every name comes
// from a file or a host, so everything printed goes through `visible`.
import type { StepResult } from '../../shared/api/plan.ts';
import { itemMessage, noteMessages } from '../../shared/diff/index.ts';
import type { DiffItem, TopologyDiff } from '../../shared/diff/types.ts';
import type { DesiredPlan, Unplanned } from '../../shared/plan/desired-outcome.ts';
import { impactSummary } from '../../shared/plan/impact.ts';
import type { Step } from '../../shared/plan/types.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { visible, visibleLines } from '../../shared/text/visible.ts';
import { t, tell } from './i18n.ts';

const MARK: Record<DiffItem['change'], string> = { removed: '-', added: '+', changed: '~' };

export function itemLine(item: DiffItem): string {
  return `${MARK[item.change]} ${visible(tell(itemMessage(item)))}`;
}

/** The differences, one a line, with a legend and a count; nothing but "no differences" when equal. */
export function diffText(diff: TopologyDiff, fileLabel: string, hostLabel: string): string {
  const lines: string[] = [];
  const labels = { host: visible(hostLabel), file: visible(fileLabel) };
  if (diff.items.length === 0) lines.push(t('cli.diff.matches', labels));
  else {
    lines.push(t('cli.diff.differs', labels));
    for (const item of diff.items) lines.push(`  ${itemLine(item)}`);
    lines.push(t('cli.diff.count', { count: diff.items.length }));
  }
  for (const note of noteMessages(diff)) lines.push(t('cli.diff.note', { note: visible(tell(note)) }));
  return `${lines.join('\n')}\n`;
}

/** Where a step lands, in words: a VM's or a network's running side, its saved definition, or the host. */
function whereWords(step: Step): string {
  if (step.scope === 'host') return t('cli.plan.changesHost');
  if (step.scope === 'config') return t('cli.plan.changesConfig');
  const vm = 'vm' in step.op;
  const keys: Record<'both' | 'live', MessageKey> = {
    both: vm ? 'cli.plan.changesBothVm' : 'cli.plan.changesBothNetwork',
    live: vm ? 'cli.plan.changesLiveVm' : 'cli.plan.changesLiveNetwork',
  };
  return t(keys[step.scope]);
}

function unplannedLines(title: string, list: Unplanned[]): string[] {
  if (list.length === 0) return [];
  return [title, ...list.map((u) => `  ${itemLine(u.item)}\n      ${visible(u.reason)}`)];
}

/** The plan as `virtwire plan` shows it and `apply` asks about. */
export function planText(desired: DesiredPlan, commandLineOf: (step: Step) => string, prune: boolean): string {
  const lines: string[] = [];
  const steps = desired.plan?.steps ?? [];
  lines.push(steps.length === 0 ? t('cli.plan.nothing') : t('cli.plan.steps', { count: steps.length }));
  steps.forEach((step, i) => {
    lines.push(`${String(i + 1).padStart(3)}. ${visible(step.description)}${step.destructive ? ` ${t('cli.plan.destructive')}` : ''}`);
    lines.push(`     $ ${visible(commandLineOf(step))}`);
    if (step.stdin !== undefined) lines.push(...step.stdin.trimEnd().split('\n').map((l) => `       | ${visible(l)}`));
    lines.push(`     ${whereWords(step)} ${visible(step.impact?.text ?? '')}`.trimEnd());
    if (!step.inverse) lines.push(`     ${step.irreversibleReason ? t('cli.plan.cannotUndo', { reason: visible(step.irreversibleReason) }) : t('cli.plan.noInverse')}`);
  });
  if (steps.length) {
    lines.push(t('cli.plan.whenEffect'), ...impactSummary(steps.map((s) => s.impact ?? { when: 'now', text: '' }), tell).map((l) => `  ${visible(l)}`));
  }
  const plan = desired.plan;
  if (plan && plan.affects.summary.length) lines.push(t('cli.plan.whatItDoes'), ...plan.affects.summary.map((s) => `  ${visible(s)}`));
  if (plan && plan.warnings.length) lines.push(t('cli.plan.warnings'), ...plan.warnings.map((w) => `  ${visible(w)}`));
  lines.push(...unplannedLines(t(prune ? 'cli.plan.leftAlone' : 'cli.plan.leftAloneNoPrune'), desired.leftAlone));
  lines.push(...unplannedLines(t('cli.plan.cannot'), desired.cannot));
  return `${lines.join('\n')}\n`;
}

const OUTCOME: Record<StepResult['outcome'], MessageKey> = {
  ran: 'cli.result.ran',
  skipped: 'cli.result.skipped',
  pending: 'cli.result.pending',
  failed: 'cli.result.failed',
  'not-run': 'cli.result.notRun',
};

/** What happened to each step; the failed one with its command line, exit code and the host's own error. */
export function resultText(results: StepResult[], commandLineOf: (index: number) => string): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${String(r.index + 1).padStart(3)}. ${t(OUTCOME[r.outcome], { description: visible(r.description) })}`);
    if (r.outcome === 'failed' || r.outcome === 'pending') {
      lines.push(`     $ ${visible(commandLineOf(r.index))}`);
      if (r.exitCode !== null) lines.push(`     ${t('cli.result.exitCode', { code: String(r.exitCode) })}`);
      if (r.stderr) lines.push(...visibleLines(r.stderr).split('\n').map((l) => `     ${t('cli.result.host', { line: l })}`));
      if (r.detail) lines.push(`     ${visible(r.detail)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
