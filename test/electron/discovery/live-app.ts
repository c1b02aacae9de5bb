// The app's own backend (createServices, as the Electron shell and browser mode build it)
// connected to the lab host, with what it pushes recorded: for the live-update lab test and
// the soak run. Runs inside the lab's namespaces, so `virsh` here is the lab's libvirtd.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { HostPrompt, HostStateChange, JournalEntry } from '../../../shared/api/hosts.ts';
import type { ApiEventName, ApiEvents, VirtWireApi } from '../../../shared/api/index.ts';
import type { LiveHost } from '../../../shared/api/live.ts';
import type { NicLink } from '../../../shared/topology/model.ts';
import { createServices } from '../../../electron/services/index.ts';
import type { LabEnv } from '../../lab/env.ts';

export interface Push {
  at: number;
  live: LiveHost | null;
}

export interface LabApp {
  api: VirtWireApi;
  profileId: string;
  /** every live.onDidChangeHost (the latest `keep`), with the time it was pushed */
  pushes: Push[];
  /** how many pushes there were in all */
  pushCount(): number;
  /** every hosts.onDidChangeState */
  states: (HostStateChange & { at: number })[];
  latest(): LiveHost | null;
  journal(): Promise<JournalEntry[]>;
  close(): Promise<void>;
}

export const virsh = (uri: string, ...args: string[]): string => execFileSync('virsh', ['-c', uri, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
/** virsh without blocking this process, which is also the app's backend: the host's events keep arriving while it runs. */
export const virshAsync = (uri: string, ...args: string[]): Promise<string> =>
  new Promise((resolve, reject) => execFile('virsh', ['-c', uri, ...args], { encoding: 'utf8' }, (e, stdout, stderr) => (e ? reject(new Error(`${e.message}${stderr}`)) : resolve(stdout))));
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ConnectOptions {
  /** how many pushes to remember (a long run keeps only the latest, so that what is measured is the app's memory, not this record's) */
  keep?: number;
  /** also gets every event the services emit (the soak passes them on to a browser-mode page) */
  forward?: <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void;
}

/** Connects the app to the lab as root with the lab's key, as a user adding the host in the Hosts panel would. */
export async function connectApp(lab: LabEnv, { keep = Infinity, forward }: ConnectOptions = {}): Promise<LabApp> {
  const pushes: Push[] = [];
  let current: LiveHost | null = null;
  let pushCount = 0;
  const states: (HostStateChange & { at: number })[] = [];
  // The lab's host key is already in the app's own known_hosts, as after a first accepted connect.
  const configDir = mkdtempSync(join(tmpdir(), 'vw-live-app-'));
  writeFileSync(join(configDir, 'known_hosts'), readFileSync(lab.knownHosts));
  const api = createServices({
    info: { name: 'VirtWire', version: '0.0.0', mode: 'browser', platform: process.platform },
    configDir,
    initialFile: null,
    agent: null,
    emit: (event, payload) => {
      forward?.(event, payload);
      if (event === 'live.onDidChangeHost') {
        current = pictureAfter(current, payload as Pushed);
        pushes.push({ at: Date.now(), live: current });
        if (pushes.length > keep) pushes.splice(0, pushes.length - keep);
        pushCount += 1;
      }
      if (event === 'hosts.onDidChangeState') states.push({ ...(payload as HostStateChange), at: Date.now() });
      // Nothing should be asked: the key is known and the key file has no passphrase. Decline, so connect fails and says why.
      if (event === 'hosts.onDidPrompt') {
        const prompt = payload as HostPrompt;
        void api.hosts.answerPrompt({ promptId: prompt.promptId, answer: prompt.kind === 'hostkey' ? { kind: 'hostkey', accept: false } : { kind: 'secret', value: null } });
      }
    },
  });
  const profile = await api.hosts.add({
    profile: {
      label: 'lab',
      target: `${lab.sshUser}@${lab.sshHost}:${lab.sshPort}`,
      uri: lab.libvirtUri,
      useSudo: false,
      knownHostsPolicy: 'ask',
      rememberSecrets: false,
      identityFiles: [lab.sshKey],
      identitiesOnly: true,
    },
  });
  await api.hosts.connect({ id: profile.id });
  const latest = () => pushes.at(-1)?.live ?? null;
  for (let i = 0; i < 300 && latest() === null; i++) await sleep(50);
  if (latest() === null) throw new Error('the app did not show the lab host within 15 s of connecting');
  // The first read, then the one full re-read once the streams have opened (watch.ts, readyMs):
  // past it, what the app does is what the host's events ask for.
  for (let i = 0; i < 600 && fullReads((await api.hosts.journal({ id: profile.id })).entries, 0).filter((e) => e.exitCode !== null).length < 2; i++) await sleep(50);
  return {
    api,
    profileId: profile.id,
    pushes,
    pushCount: () => pushCount,
    states,
    latest,
    journal: async () => (await api.hosts.journal({ id: profile.id })).entries,
    close: () => api.hosts.disconnect({ id: profile.id }),
  };
}

interface ElementChanges<T extends { id: string }> {
  added: T[];
  updated: T[];
  removed: string[];
}
/** A push: the whole picture, or (once the renderer has one) what changed since it. */
interface Pushed {
  live?: LiveHost | null;
  patch?: Pick<LiveHost, 'host' | 'banners' | 'refreshedAt'> & { nodes: ElementChanges<LiveHost['nodes'][number]>; links: ElementChanges<LiveHost['links'][number]> };
}

const patched = <T extends { id: string }>(items: T[], { added, updated, removed }: ElementChanges<T>): T[] => {
  const gone = new Set([...removed, ...updated.map((u) => u.id)]);
  return [...items.filter((i) => !gone.has(i.id)), ...updated, ...added];
};

/** The host's picture after a push, as the renderer holds it. */
function pictureAfter(before: LiveHost | null, { live, patch }: Pushed): LiveHost | null {
  if (!patch) return live ?? null;
  if (!before) throw new Error('a patch was pushed before any whole picture');
  const { host, banners, refreshedAt } = patch;
  return { ...before, host, banners, refreshedAt, nodes: patched(before.nodes, patch.nodes), links: patched(before.links, patch.links) };
}

export const nicOf = (live: LiveHost | null, mac: string): NicLink | undefined =>
  live?.links.find((l): l is NicLink => l.kind === 'nic' && l.mac === mac);

/** Waits until a push satisfies `check`; the time from `since` to that push, in ms. */
export async function pushedWithin(app: LabApp, since: number, check: (live: LiveHost) => boolean, timeoutMs: number, what: string): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hit = app.pushes.find((p) => p.at >= since && p.live !== null && check(p.live));
    if (hit) return hit.at - since;
    if (Date.now() > deadline) throw new Error(`${what}: not shown by the app within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/** The journal's event-stream entries (each is a stream that ended), and its probe reads. */
export const streamEnds = (entries: JournalEntry[], since: number) => entries.filter((e) => e.ended !== undefined && Date.parse(e.time) + e.durationMs >= since);
export const probeReads = (entries: JournalEntry[], since: number) => entries.filter((e) => e.argv[3] === 'virtwire-probe' && Date.parse(e.time) >= since);
export const fullReads = (entries: JournalEntry[], since: number) => probeReads(entries, since).filter((e) => e.argv[6] === 'all');
/** the reads of named objects sent to the kept virsh (runner.runVirsh): `virsh -c URI 'echo MARKER dom-info UUID; …'` */
export const keptVirshReads = (entries: JournalEntry[], since: number) =>
  entries.filter((e) => e.argv[0] === 'virsh' && /^echo @@vw-[0-9a-f]+ /.test(e.argv[3] ?? '') && Date.parse(e.time) >= since);
/** the UUIDs a kept-virsh read names */
export const uuidsRead = (entry: JournalEntry): string[] => [...new Set(entry.argv[3]!.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g))];

const cmdline = (pid: number): string[] => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
  } catch {
    return [];
  }
};
const parentOf = (pid: number): number => Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);

/** Pids of processes running exactly `argv` (the lab shares the machine's pid namespace). */
export function pidsOf(argv: string[]): number[] {
  const want = argv.join('\0');
  return readdirSync('/proc').map(Number).filter((pid) => Number.isInteger(pid) && cmdline(pid).join('\0') === want);
}

/**
 * The newest process running exactly `argv`: a stream of a connection that was cut may linger on
 * the host (its pipes gone) until it next writes.
 */
export function newestPidOf(argv: string[]): number | undefined {
  return pidsOf(argv).sort((a, b) => startTicks(b) - startTicks(a))[0];
}

/** The sshd processes serving the connection that runs `argv` (its newest process): every sshd between it and the listener. */
export function sshdOf(argv: string[]): number[] {
  const pid = newestPidOf(argv);
  if (pid === undefined) throw new Error(`no process runs ${argv.join(' ')}`);
  const found: number[] = [];
  for (let p = parentOf(pid); p > 1; p = parentOf(p)) {
    const name = cmdline(p).join(' ');
    if (name.includes('[listener]')) break;
    if (name.startsWith('sshd:')) found.push(p);
  }
  if (found.length === 0) throw new Error(`${argv.join(' ')} does not run under a session sshd`);
  return found;
}

/** The event stream commands as the app runs them (root login: no sudo). */
export const streamArgv = (uri: string) => ({
  domain: ['virsh', '-c', uri, 'event', '--all', '--loop', '--timestamp'],
  network: ['virsh', '-c', uri, 'net-event', '--event', 'lifecycle', '--loop', '--timestamp'],
  link: ['ip', 'monitor', 'link'],
});

/** Stops the lab's libvirtd and starts it again, returning once virsh answers. */
export async function restartLibvirtd(uri: string): Promise<void> {
  const pid = readFileSync('/run/libvirtd.pid', 'utf8').trim();
  execFileSync('kill', [pid]);
  for (let i = 0; i < 200; i++) {
    try {
      execFileSync('kill', ['-0', pid], { stdio: 'ignore' });
      await sleep(50);
    } catch {
      break;
    }
  }
  execFileSync('libvirtd', ['-d', '-p', '/run/libvirtd.pid']);
  for (let i = 0; i < 300; i++) {
    try {
      virsh(uri, 'version');
      return;
    } catch {
      await sleep(50);
    }
  }
  throw new Error('libvirtd did not answer within 15 s of starting again');
}

/**
 * Restarts the lab's sshd listener as a package upgrade does: the listener stops (sessions it
 * started live on) and a new one starts with the same configuration; returns once it listens.
 */
export async function restartSshd(lab: LabEnv): Promise<void> {
  const pid = Number(readFileSync('/run/sshd.pid', 'utf8').trim());
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 200 && pidAlive(pid); i++) await sleep(50);
  if (pidAlive(pid)) throw new Error(`the lab's sshd listener (pid ${pid}) did not stop within 10 s`);
  const ssh = dirname(lab.knownHosts);
  execFileSync('/usr/sbin/sshd', ['-f', join(ssh, 'sshd_config'), '-E', join(dirname(ssh), 'log', 'sshd.log')]);
  for (let i = 0; i < 200; i++) {
    if (await listening(lab.sshHost, lab.sshPort)) return;
    await sleep(50);
  }
  throw new Error('the lab\'s sshd did not listen again within 10 s of starting');
}

const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const listening = (host: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/**
 * Waits until the app's event streams `which` run on the host again, started after `since`,
 * and the full re-read that follows their reopening (readyMs later, so after they show here) has
 * finished: from then on an event cannot be missed. Returns how long after `since` that was.
 */
export async function streamsBack(app: LabApp, uri: string, which: ('domain' | 'network' | 'link')[], since: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  const argv = which.map((w) => streamArgv(uri)[w]);
  let allRunningAt: number | null = null;
  for (;;) {
    const running = argv.every((a) => pidsOf(a).some((pid) => startedAfter(pid, since)));
    if (running && allRunningAt === null) allRunningAt = Date.now();
    if (allRunningAt !== null) {
      const reads = fullReads(await app.journal(), allRunningAt);
      if (reads.length > 0) return Date.parse(reads.at(-1)!.time) + reads.at(-1)!.durationMs - since;
    }
    if (Date.now() > deadline) {
      const missing = argv.filter((a) => !pidsOf(a).some((pid) => startedAfter(pid, since))).map((a) => a.slice(0, 4).join(' '));
      const states = app.states.filter((c) => c.at >= since).map((c) => `${c.state}${c.reason ? ` (${c.reason.message} ${c.reason.detail ?? ''})` : ''}`);
      throw new Error(
        `the app's event streams were not back (and re-read) within ${timeoutMs} ms: ${missing.length ? `not running again: ${missing.join(', ')}` : 'no full re-read after they opened'}; connection: ${states.join(' → ') || 'no change'}`,
      );
    }
    await sleep(50);
  }
}

const CLOCK_TICKS = 100;
const bootTime = (): number => Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))![1]) * 1000;
/** A process's start time in clock ticks after boot, from /proc/PID/stat; -1 when it is gone. */
function startTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  } catch {
    return -1;
  }
}

/** Whether a process started after `since` (ms since the epoch). */
function startedAfter(pid: number, since: number): boolean {
  const ticks = startTicks(pid);
  return ticks >= 0 && bootTime() + (ticks / CLOCK_TICKS) * 1000 >= since - 1_000;
}
