// How the preview shows a step: the exact command line the host's shell receives, with the
// `sudo -n --` the runner adds to privileged steps, quoted the way the runner quotes it.
import type { Step, StepScope } from '../../shared/plan/types.ts';

/** Quotes one argument for a POSIX shell; plain words stay as they are, so the line reads easily. */
export function shellWord(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

export function stepCommandLine(step: Pick<Step, 'argv' | 'privileged'>): string {
  const argv = step.privileged ? ['sudo', '-n', '--', ...step.argv] : step.argv;
  return argv.map(shellWord).join(' ');
}

/** The command lines of a plan as one copyable script; XML payloads follow as here-documents. */
export function planScript(steps: readonly Pick<Step, 'argv' | 'privileged' | 'stdin'>[]): string {
  return steps
    .map((step) => {
      const line = stepCommandLine(step);
      if (step.stdin === undefined) return line;
      const body = step.stdin.endsWith('\n') ? step.stdin : `${step.stdin}\n`;
      return `${line} <<'VIRTWIRE_EOF'\n${body}VIRTWIRE_EOF`;
    })
    .join('\n');
}

export const SCOPE_LABELS: Record<StepScope, { label: string; hint: string }> = {
  live: { label: 'live', hint: 'changes the running VM only; gone on its next boot' },
  config: { label: 'config', hint: 'changes the saved definition; takes effect on the next boot' },
  both: { label: 'live + config', hint: 'changes the running VM and its saved definition' },
  host: { label: 'host', hint: 'changes the host itself' },
};
