// Turns an argv array into one command line for the host's POSIX shell. This is the only
// place a command string is built, so nothing a user typed can become shell code.
import { ApiError } from '../../shared/errors.ts';

/** Quotes one argument: everything inside '…' is literal; a quote itself becomes '\''. */
export function quoteArg(arg: string): string {
  if (arg.includes('\0')) {
    throw new ApiError('invalid-input', 'A command argument contains a NUL byte, which a shell cannot carry.');
  }
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

export interface CommandLineOptions {
  /** the command needs root on the host */
  privileged?: boolean;
  /** the profile says to use sudo for privileged commands (ignored when logged in as root) */
  useSudo?: boolean;
  /** the login user on the host */
  user: string;
}

/**
 * The quoted command line for argv. Privileged commands of a non-root user get
 * `sudo -n --`: -n makes sudo fail at once instead of waiting for a password no one can type.
 */
export function commandLine(argv: readonly string[], options: CommandLineOptions): string {
  if (argv.length === 0) throw new ApiError('invalid-input', 'A command needs at least a program name.');
  const withSudo = options.privileged === true && options.useSudo === true && options.user !== 'root';
  const full = withSudo ? ['sudo', '-n', '--', ...argv] : [...argv];
  return full.map(quoteArg).join(' ');
}
