// How the preview shows a step: the exact command line the host's shell receives, as the
// backend's runner builds it (quoting and `sudo -n --` included), and a copyable script.
import type { Step, StepScope } from '../../shared/plan/types.ts';

/** Quotes one argument for a POSIX shell; plain words stay as they are, so the line reads easily. */
export function shellWord(arg: string): string {
  if (/^[A-Za-z0-9_@%+:,./-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** The line the runner sends; only a step that never went through a preview lacks one. */
export function stepCommandLine(step: Pick<Step, 'argv' | 'commandLine'>): string {
  return step.commandLine ?? step.argv.map(shellWord).join(' ');
}

/** A here-document end word that is no line of `body`, so any XML fits. */
export function hereDocWord(body: string): string {
  const lines = new Set(body.split('\n'));
  let word = 'VIRTWIRE_EOF';
  for (let n = 1; lines.has(word); n++) word = `VIRTWIRE_EOF_${n}`;
  return word;
}

/** The command lines of a plan as one copyable script; XML payloads follow as here-documents. */
export function planScript(steps: readonly Pick<Step, 'argv' | 'commandLine' | 'stdin'>[]): string {
  return steps
    .map((step) => {
      const line = stepCommandLine(step);
      if (step.stdin === undefined) return line;
      const body = step.stdin.endsWith('\n') ? step.stdin : `${step.stdin}\n`;
      const word = hereDocWord(body);
      return `${line} <<'${word}'\n${body}${word}`;
    })
    .join('\n');
}

export const SCOPE_LABELS: Record<StepScope, { label: string; hint: string }> = {
  live: { label: 'live', hint: 'changes the running VM only; gone on its next boot' },
  config: { label: 'config', hint: 'changes the saved definition; takes effect on the next boot' },
  both: { label: 'live + config', hint: 'changes the running VM and its saved definition' },
  host: { label: 'host', hint: 'changes the host itself' },
};
