// virsh kept open on the host for the live picture's reads of a few objects. Each `virsh` run
// costs a process start (it links ~60 libraries) and a new connection to libvirtd: ~45 ms of CPU
// on an idle lab, most of a one-VM read, and several times that on a busy host. Interactive
// virsh, started once per connection, reads one command line at a time from stdin and answers
// it on the same connection.
//
// Interactive virsh echoes each line it reads after its prompt ("virsh # LINE"), so a command's
// output is cut out between two token lines its own `echo`s print: `echo START; LINE; echo END`
// prints START and END on lines of their own, while the echoed line holds them only after
// "echo " and before ";". `echo --err` marks the end on stderr (virsh prints "error: TOKEN").
// A virsh whose `echo` has no --err greets on stdout only; it is given up at once (kept-channel.ts)
// and reads then go the usual way, as they do where virsh cannot be started (sudo refused, none).
import { keptToken, UntilToken, type KeptDialect } from './kept-channel.ts';

/**
 * the line ends with the token; after it come only empty lines (the newline `echo --err` leaves
 * on stdout) and virsh's next prompt ("virsh # ", "virsh > ")
 */
const endLine = (t: string): UntilToken => new UntilToken(new RegExp(`${t}()\n\n*[^\n]{0,24}$`), t.length + 40);

/**
 * libvirtd went away under virsh (restarted, stopped): virsh says so when it notices, and
 * reconnects (or fails to) on the next command. The program is started again for the next read.
 */
export const LIBVIRT_LOST = /^error: (Disconnected from|Failed to reconnect|Reconnected to the hypervisor|failed to connect to the hypervisor|no valid connection|internal error: client socket is closed)/im;

/** how long a virsh that would not start is left alone on that connection before it is tried again */
export const KEPT_VIRSH_RETRY_MS = 20_000;

/** The kept `virsh -c URI` (through `sudo -n` where the login needs it): runVirsh() runs its command lines there. */
export const virshDialect: KeptDialect = {
  name: 'the virsh VirtWire keeps for reads',
  greeting() {
    const t = keptToken();
    // In the echoed line (on stdout) the stdout token is followed by ";", where the end pattern does not match it.
    return { write: `echo ${t}o; echo --err ${t}e\n`, stdout: endLine(`${t}o`), stderr: endLine(`${t}e`) };
  },
  frame(line) {
    if (/[\n\r]/.test(line)) throw new Error('a kept virsh command must be one line');
    const t = keptToken();
    const start = `${t}s\n`;
    const stdout = endLine(`${t}o`);
    const stderr = endLine(`${t}e`);
    return {
      write: `echo ${t}s; ${line}; echo ${t}o; echo --err ${t}e\n`,
      stdout,
      stderr,
      result() {
        const text = stdout.text();
        const at = text.indexOf(start);
        // stderr's end line is "error: TOKEN": drop the "error: " it leaves
        return { code: 0, stdout: at < 0 ? text : text.slice(at + start.length), stderr: stderr.text().replace(/error: $/, '') };
      },
    };
  },
  spent: (result) => LIBVIRT_LOST.test(result.stderr),
  // virsh also ends as it starts when libvirtd is not there (restarting): tried again a little later
  retryAfterMs: KEPT_VIRSH_RETRY_MS,
};
