// What virsh's exit code does not tell about VM NIC steps, checked with `virsh domiflist`:
// - attaching a NIC with a MAC the VM already has exits 0 and adds a SECOND NIC with that MAC
//   (libvirt 9.0), so re-running a partly applied plan would duplicate the NIC;
// - detach-interface --live exits 0 ("Interface detached successfully") when the guest has not
//   released the NIC yet, so a detach is done only once domiflist no longer lists it.
import type { Step } from '../../shared/plan/types.ts';
import type { RunStep } from './executor.ts';

export interface NicStep {
  verb: 'attach' | 'detach';
  /** `virsh -c URI` */
  connection: string[];
  domain: string;
  mac: string;
  live: boolean;
  config: boolean;
}

/** The NIC a step attaches or detaches, or undefined for any other step. */
export function nicStep(step: Pick<Step, 'argv' | 'op'>): NicStep | undefined {
  const { op } = step;
  if (op.op !== 'nic-attach' && op.op !== 'nic-detach') return undefined;
  return {
    verb: op.op === 'nic-attach' ? 'attach' : 'detach',
    connection: step.argv.slice(0, 3),
    domain: op.vm,
    mac: op.mac.toLowerCase(),
    live: op.scope !== 'config',
    config: op.scope !== 'live',
  };
}

const MAC = /\b[0-9a-f]{2}(?::[0-9a-f]{2}){5}\b/gi;

/** The MACs `virsh domiflist` lists for the running VM or (inactive) its saved definition. */
export async function domainMacs(run: RunStep, nic: NicStep, inactive: boolean): Promise<string[]> {
  const result = await run([...nic.connection, 'domiflist', '--domain', nic.domain, ...(inactive ? ['--inactive'] : [])], { needs: 'libvirt' });
  if (result.code !== 0) return [];
  return (result.stdout.match(MAC) ?? []).map((m) => m.toLowerCase());
}

/** Whether the NIC an attach step would add exists already where the step adds it: everywhere, nowhere, or in part. */
export async function attachPresence(run: RunStep, nic: NicStep): Promise<'all' | 'none' | 'some'> {
  const places = [...(nic.live ? [false] : []), ...(nic.config || !nic.live ? [true] : [])];
  const found = await Promise.all(places.map(async (inactive) => (await domainMacs(run, nic, inactive)).includes(nic.mac)));
  if (found.every(Boolean)) return 'all';
  return found.some(Boolean) ? 'some' : 'none';
}

export interface DetachWait {
  attempts: number;
  intervalMs: number;
}

/** ~5 s: a guest that answers ACPI unplug releases a NIC in about 0.1 s. */
export const DEFAULT_DETACH_WAIT: DetachWait = { attempts: 11, intervalMs: 500 };

/** True once the running VM no longer lists the NIC; false when it still does after the wait. */
export async function detachCompleted(run: RunStep, nic: NicStep, wait: DetachWait): Promise<boolean> {
  for (let attempt = 0; attempt < wait.attempts; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, wait.intervalMs));
    if (!(await domainMacs(run, nic, false)).includes(nic.mac)) return true;
  }
  return false;
}
