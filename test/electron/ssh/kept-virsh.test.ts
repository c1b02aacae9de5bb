// The kept virsh (runner.runVirsh): virsh commands sent to one interactive `virsh` kept open on
// the host give exactly what a `virsh -c URI 'commands'` of their own gives. Driven through a
// stand-in ssh2 client whose channels are real local processes, so the virsh that reads what the
// runner writes is a real one (libvirt's test:///default driver: no daemon); the lab tier runs
// it over real sshd against the lab's libvirtd (live-burst.lab.test.ts).
import { execFile } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hasVirsh } from '../discovery/local-run.ts';
import { localHost, type LocalHost } from './support/local-host.ts';

const URI = 'test:///default';
const virshes = (host: LocalHost) => host.execs.filter((l) => l.startsWith('exec virsh')).length;

/** what a virsh run of its own prints for the same commands */
const ownVirsh = (commands: string): Promise<{ stdout: string; stderr: string }> =>
  new Promise((resolve) => execFile('virsh', ['-c', URI, commands], { encoding: 'utf8' }, (_e, stdout, stderr) => resolve({ stdout, stderr })));

describe.runIf(hasVirsh())('virsh commands run in the kept virsh', () => {
  afterEach(() => vi.useRealTimers());

  it('give exactly what a virsh run of their own gives, stdout and stderr, in one virsh for all', async () => {
    const host = localHost();
    const cases = [
      // (not dominfo of the running `test`: its CPU time moves between two runs)
      'echo @@vw-0123456789abcdef0123 dom-state test; domstate test; echo @@vw-0123456789abcdef0123 dom-xml test; dumpxml test; dumpxml --inactive test',
      'net-info default; net-dumpxml default; list --all --uuid',
      // errors in the middle of a batch: virsh goes on, and says so on stderr
      'dominfo no-such-vm; echo after; net-info no-such-net; domstate test',
      // output that looks like virsh's prompt and like a token line
      "echo 'virsh # echo vwk0123'; echo vwk0123o; echo --err 'not the end'",
    ];
    for (const commands of cases) {
      const kept = await host.runner.runVirsh(URI, commands);
      const own = await ownVirsh(commands);
      expect(kept, commands).toEqual({ code: 0, ...own });
    }
    expect(virshes(host)).toBe(1);
    // each run is journaled as the virsh command line it stands for
    const entries = host.journal.entries();
    expect(entries.map((e) => e.argv)).toEqual(cases.map((c) => ['virsh', '-c', URI, c]));
  });

  it('gives null where virsh cannot be started, and tries again only 20 s later or on a new connection', async () => {
    // virsh ends as it starts where it is missing, where sudo refuses it, and while libvirtd is not there (restarting)
    let libvirtd = false;
    const host = localHost({ program: (line) => (line.startsWith('exec virsh') && !libvirtd ? 'echo "error: failed to connect to the hypervisor" >&2; exit 1' : line) });
    expect(await host.runner.runVirsh(URI, 'list')).toBeNull();
    expect(await host.runner.runVirsh(URI, 'list')).toBeNull();
    expect(virshes(host)).toBe(1);
    expect(host.journal.entries()).toEqual([]);
    // a new connection (a reconnect) tries again
    host.reconnect();
    expect(await host.runner.runVirsh(URI, 'list')).toBeNull();
    expect(virshes(host)).toBe(2);
    // and so does the same connection 20 s later, when libvirtd may be back
    libvirtd = true;
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 19_000 });
    expect(await host.runner.runVirsh(URI, 'list')).toBeNull();
    expect(virshes(host)).toBe(2);
    vi.setSystemTime(Date.now() + 2_000);
    expect(await host.runner.runVirsh(URI, 'list --name')).toEqual({ code: 0, ...(await ownVirsh('list --name')) });
    expect(virshes(host)).toBe(3);
  });

  it('gives up at once on a virsh that cannot mark the end on stderr (a virsh whose echo has no --err)', async () => {
    // answers `echo X; …` on stdout only, as an old virsh does (its --err is an unknown option)
    const old = `exec sed -u -e 's/^echo \\([^;]*\\);.*/\\1/'`;
    const host = localHost({ program: (line) => (line.startsWith('exec virsh') ? old : line) });
    const started = Date.now();
    expect(await host.runner.runVirsh(URI, 'list')).toBeNull();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(virshes(host)).toBe(1);
  });

  it('starts virsh again after it said libvirtd went away', async () => {
    const host = localHost();
    const lost = await host.runner.runVirsh(URI, "echo --err 'Disconnected from qemu:///system due to end of file'");
    expect(lost?.stderr).toBe('error: Disconnected from qemu:///system due to end of file\n');
    const next = await host.runner.runVirsh(URI, 'net-info default');
    expect(next).toEqual({ code: 0, ...(await ownVirsh('net-info default')) });
    expect(virshes(host)).toBe(2);
  });

  it('refuses a command of more than one line (a newline would end it early)', async () => {
    const host = localHost();
    await expect(host.runner.runVirsh(URI, 'list\ndestroy test')).rejects.toThrow(/one line/);
  });
});
