// The plan service wired to the lab host as the app wires it (SSH session, journaled runner,
// LiveService), and the host's own view of things (virsh, ip, bridge run inside the lab) to
// check each change against.
import { execFileSync } from 'node:child_process';
import { expect } from 'vitest';
import { LiveService } from '../../../electron/discovery/live.ts';
import { executePlan } from '../../../electron/plan/executor.ts';
import { PlanService } from '../../../electron/plan/service.ts';
import { Journal } from '../../../electron/ssh/journal.ts';
import { HostRunner } from '../../../electron/ssh/runner.ts';
import type { PlanReport, PreviewedPlan } from '../../../shared/api/plan.ts';
import type { Intent, Plan } from '../../../shared/plan/types.ts';
import type { LabEnv } from '../../lab/env.ts';
import { labSession } from '../ssh/support/session.ts';

export const PROFILE = 'lab';

/** A login other than the lab's root key: a password user, with or without the profile's sudo. */
export interface LabLogin {
  user: string;
  password: string;
  useSudo: boolean;
}

export async function labPlanService(lab: LabEnv, login?: LabLogin) {
  const user = login?.user ?? lab.sshUser;
  const useSudo = login?.useSudo ?? false;
  const s = login
    ? labSession(lab, { target: { host: lab.sshHost, port: lab.sshPort, user, identityFiles: ['/nonexistent/no-key'] }, answers: { password: async () => login.password } })
    : labSession(lab);
  await s.session.connect();
  const journal = new Journal();
  const runner = new HostRunner(s.session, { host: 'lab', user, useSudo }, journal);
  await runner.learnLibvirtAccess(lab.libvirtUri);
  const live = new LiveService(() => {});
  const run = (argv: string[], o?: { timeout?: number }) => runner.run(argv, o);
  const host = { id: `${user}@${lab.sshHost}:${lab.sshPort}`, label: 'lab', ssh: { host: lab.sshHost, port: lab.sshPort, user }, uri: lab.libvirtUri, capturedAt: '' };
  await live.attach({ profileId: PROFILE, host, run, privileged: runner.elevates('libvirt') });
  const service = new PlanService({
    hosts: { runnerFor: () => runner, profile: () => ({ user, useSudo }) },
    live,
    emit: () => {},
  });

  /** preview + apply, expecting the plan to go through */
  const change = async (intent: Intent): Promise<PlanReport> => {
    const preview = await service.preview({ profileId: PROFILE, intent });
    const report = await service.apply({ profileId: PROFILE, planId: preview.planId });
    expect(report.steps.filter((st) => st.outcome === 'failed'), JSON.stringify(report.steps)).toEqual([]);
    expect(report.status).toBe('applied');
    return report;
  };
  const applyPreview = async (preview: PreviewedPlan): Promise<PlanReport> => {
    const report = await service.apply({ profileId: PROFILE, planId: preview.planId });
    expect(report.status, JSON.stringify(report.steps)).toBe('applied');
    return report;
  };
  const undo = async (): Promise<PlanReport> => applyPreview(await service.undo({ profileId: PROFILE }));
  const redo = async (): Promise<PlanReport> => applyPreview(await service.redo({ profileId: PROFILE }));
  /** runs a plan again straight through the executor: the outcome of each step */
  const rerun = async (plan: Plan): Promise<string[]> => (await executePlan(plan, (argv, o) => runner.run(argv, o))).steps.map((st) => st.outcome);

  return { session: s.session, journal, runner, live, service, change, undo, redo, rerun, applyPreview };
}

export const sh = (cmd: string, ...args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
export const trySh = (cmd: string, ...args: string[]): string | null => {
  try {
    return sh(cmd, ...args);
  } catch {
    return null;
  }
};
export const virsh = (...args: string[]): string => sh('virsh', '-c', 'qemu:///system', ...args);

/** `virsh domiflist` rows as "type source mac". */
export function nics(domain: string, inactive: boolean): string[] {
  return virsh('domiflist', '--domain', domain, ...(inactive ? ['--inactive'] : []))
    .split('\n')
    .slice(2)
    .map((l) => l.trim().split(/\s+/))
    .filter((c) => c.length >= 5)
    .map(([, type, source, , mac]) => `${type} ${source} ${mac}`);
}

/** `virsh net-info` as a record, or null when the network does not exist. */
export function netInfo(name: string): Record<string, string> | null {
  const out = trySh('virsh', '-c', 'qemu:///system', 'net-info', '--network', name);
  if (out === null) return null;
  return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => l.split(/:\s+/) as [string, string]));
}

export const netNames = (): string[] => virsh('net-list', '--all', '--name').split('\n').map((l) => l.trim()).filter(Boolean);

interface IpLink {
  ifname: string;
  flags: string[];
  master?: string;
  linkinfo?: { info_kind?: string };
}

/** `ip -j -d link show dev NAME`, or null when there is no such interface. */
export function link(name: string): IpLink | null {
  const out = trySh('ip', '-j', '-d', 'link', 'show', 'dev', name);
  return out === null ? null : ((JSON.parse(out) as IpLink[])[0] ?? null);
}

/** The bridge `bridge -j link` says a port is plugged into. */
export function bridgeOf(port: string): string | undefined {
  const ports = JSON.parse(sh('bridge', '-j', 'link', 'show')) as { ifname: string; master?: string }[];
  return ports.find((p) => p.ifname === port)?.master;
}

/** Waits up to `ms` for `check` to hold. */
export async function eventually(check: () => boolean, ms = 8000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return check();
}
