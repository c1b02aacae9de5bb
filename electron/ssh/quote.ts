// Turns an argv array into one command line for the host's POSIX shell. This is the only
// place a command string is built, so nothing a user typed can become shell code.
import { ApiError } from '../../shared/errors.ts';

// Words made only of these characters mean the same to a POSIX shell quoted or not; leaving
// them bare keeps the lines in the preview and the journal readable. Everything else is quoted.
const PLAIN = /^[A-Za-z0-9_@%+:,./-]+$/;

/** Quotes one argument: everything inside '…' is literal; a quote itself becomes '\''. */
export function quoteArg(arg: string): string {
  if (arg.includes('\0')) {
    throw new ApiError('invalid-input', 'A command argument contains a NUL byte, which a shell cannot carry.');
  }
  return PLAIN.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/**
 * The quoted command line for argv; with `sudo`, prefixed with `sudo -n --`: -n makes sudo
 * fail at once instead of waiting for a password no one can type. Whether a command needs
 * sudo is the runner's decision (HostRunner.elevates), not the caller's.
 */
export function commandLine(argv: readonly string[], options: { sudo?: boolean } = {}): string {
  if (argv.length === 0) throw new ApiError('invalid-input', 'A command needs at least a program name.');
  const full = options.sudo ? ['sudo', '-n', '--', ...argv] : [...argv];
  return full.map(quoteArg).join(' ');
}
