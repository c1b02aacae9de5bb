// Finds the sshd processes that serve one connection, by a command running in it, so a test
// can cut exactly that connection (the lab shares the machine's pid namespace).
import { readFileSync, readdirSync } from 'node:fs';

const cmdline = (pid: number): string[] => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
const parentOf = (pid: number): number => Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);

function findByArgv(argv: string[]): number | null {
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      if (cmdline(pid).join('\0') === argv.join('\0')) return pid;
    } catch {
      // the process ended while we looked
    }
  }
  return null;
}

/**
 * The sshd processes of the connection running `argv`, waiting until the command has
 * started: every sshd between the command and the listener. A root login has one
 * ("sshd: root@notty"); another user has the session child and its privileged monitor.
 */
export async function sshdOfCommand(argv: string[]): Promise<number[]> {
  for (let i = 0; i < 100; i++) {
    const pid = findByArgv(argv);
    if (pid !== null) {
      const found: number[] = [];
      for (let p = parentOf(pid); ; p = parentOf(p)) {
        const name = cmdline(p).join(' ');
        if (!name.startsWith('sshd:')) throw new Error(`${argv.join(' ')} does not run under sshd (parent: ${name})`);
        if (name.includes('[listener]')) break;
        found.push(p);
      }
      if (found.length === 0) throw new Error(`no session sshd between ${argv.join(' ')} and the listener`);
      return found;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no process runs ${argv.join(' ')}`);
}
