// A shell kept open on the host for frequent reads. Every command run() sends opens a session
// channel, and OpenSSH then starts the login shell, which on many hosts reads startup files
// (Debian's bash reads ~/.bashrc for commands sent over SSH; pyenv, conda or nvm set up there
// take ~0.5 s, more on a busy host). The live picture re-reads part of a host after every
// event, so it sends its reads to one `sh` started once per connection instead: each command is
// written to its stdin, in a subshell with stdin from /dev/null, followed by lines that print a
// random token with the exit status on stdout and stderr, which is how its end is found.
import { keptToken, UntilToken, type KeptDialect } from './kept-channel.ts';

/** stdout ends with `\n<token>:<status>:<token>\n`: the status is the command's exit code */
const statusLine = (t: string): UntilToken => new UntilToken(new RegExp(`\n${t}:(\\d+):${t}\n$`), 2 * t.length + 8);
/** stderr ends with `\n<token>\n` */
const tokenLine = (t: string): UntilToken => new UntilToken(new RegExp(`\n${t}()\n$`), t.length + 2);

/** The kept `sh`: runKept() runs its command lines (already quoted for a POSIX shell) there. */
export const shellDialect: KeptDialect = {
  name: 'the shell VirtWire keeps for reads',
  greeting() {
    const t = keptToken();
    return { write: `printf '\\n%s:0:%s\\n' ${t} ${t}; printf '\\n%s\\n' ${t} >&2\n`, stdout: statusLine(t), stderr: tokenLine(t) };
  },
  frame(line) {
    const t = keptToken();
    const stdout = statusLine(t);
    const stderr = tokenLine(t);
    // A subshell, so that nothing the command does (exit, cd) changes the kept shell; stdin from
    // /dev/null, so that it cannot read the commands that follow it.
    return {
      write: `(\n${line}\n) </dev/null; printf '\\n%s:%s:%s\\n' ${t} "$?" ${t}; printf '\\n%s\\n' ${t} >&2\n`,
      stdout,
      stderr,
      result: () => ({ code: Number(stdout.end?.status), stdout: stdout.text(), stderr: stderr.text() }),
    };
  },
};

/** what the kept shell's channel runs */
export const KEPT_SHELL = 'exec sh';
