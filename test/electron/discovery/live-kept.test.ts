// A re-read of the objects an event named goes to the kept virsh (runner.runVirsh) when it can:
// the kernel's links from the probe, libvirt's part from virsh commands on one line. The picture
// it gives is the one the probe alone gives. Against libvirt's test:/// driver (a whole fake host
// from test/electron/fixtures/test-host.xml) on this machine: the probe runs here as it would on
// a host, and the virsh commands run in a virsh of their own, which prints what the kept virsh
// prints for them (kept-virsh.test.ts checks that on a real kept virsh).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveService, type ConnectedHost } from '../../../electron/discovery/live.ts';
import type { RunResult } from '../../../electron/ssh/runner.ts';
import type { LiveHost } from '../../../shared/api/live.ts';
import { hasVirsh, localRun, TEST_HOST_URI } from './local-run.ts';

const WEB = '11111111-2222-4333-8444-5555555555a1';
const host = { id: 'root@h', label: 'h', ssh: { host: 'h', port: 22, user: 'root' }, uri: TEST_HOST_URI, capturedAt: '' };

interface Calls {
  /** each probe's scope (its argv[6]) */
  probes: string[];
  /** each line sent to the kept virsh */
  virsh: string[];
}

function connectedHost(runVirsh?: (commands: string) => Promise<RunResult | null>): { connected: ConnectedHost; calls: Calls } {
  const calls: Calls = { probes: [], virsh: [] };
  const connected: ConnectedHost = {
    profileId: 'p',
    host,
    privileged: false,
    run: (argv) => {
      calls.probes.push(argv[6]!);
      return localRun(argv);
    },
    ...(runVirsh
      ? {
          runVirsh: (commands: string) => {
            calls.virsh.push(commands);
            return runVirsh(commands);
          },
        }
      : {}),
  };
  return { connected, calls };
}

const ownVirsh = (commands: string) => localRun(['virsh', '-c', TEST_HOST_URI, commands]);
/** what the graph shows: objects and links, with when they were read left out */
const shown = (live: LiveHost) => ({ nodes: live.nodes, links: live.links, banners: live.banners });

describe.runIf(hasVirsh())('a re-read of named objects through the kept virsh', () => {
  afterEach(() => vi.useRealTimers());

  it('reads only the kernel links with the probe and the named VM with virsh, and shows what the probe alone shows', async () => {
    const byProbe = connectedHost();
    const probeService = new LiveService(() => undefined);
    await probeService.attach(byProbe.connected);
    const probeRead = await probeService.refreshScope('p', { kind: 'domain', name: 'web' });
    expect(byProbe.calls.probes).toEqual(['all', 'domain']);

    const byVirsh = connectedHost(ownVirsh);
    const service = new LiveService(() => undefined);
    await service.attach(byVirsh.connected);
    const keptRead = await service.refreshScope('p', { kind: 'domain', name: 'web' });
    expect(byVirsh.calls.probes).toEqual(['all', 'links']);
    // the VM alone, by the UUID the last read knew: its details, then (it has a guest-agent channel) its agent's addresses
    const uuids = (line: string) => new Set(line.match(/[0-9a-f]{8}-[0-9a-f-]{27}/g));
    expect(byVirsh.calls.virsh).toHaveLength(2);
    expect(byVirsh.calls.virsh.map(uuids)).toEqual([new Set([WEB]), new Set([WEB])]);
    expect(byVirsh.calls.virsh[1]).toContain('--source agent');
    expect(shown(keptRead)).toEqual(shown(probeRead));
    expect(keptRead.nodes.some((n) => n.kind === 'vm' && n.name === 'web')).toBe(true);
  });

  it('reads with the probe where the kept virsh cannot take the read, and goes straight to it until the kept virsh is tried again', async () => {
    const { connected, calls } = connectedHost(async () => null);
    const service = new LiveService(() => undefined);
    await service.attach(connected);
    await service.refreshScope('p', { kind: 'domain', name: 'web' });
    expect(calls.probes).toEqual(['all', 'links', 'domain']);
    // the next read does not read the links for nothing again
    await service.refreshScope('p', { kind: 'domain', name: 'web' });
    expect(calls.probes).toEqual(['all', 'links', 'domain', 'domain']);
    expect(calls.virsh).toHaveLength(1);
    // 20 s later the kept virsh may be back (libvirtd restarted): asked again
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 20_001 });
    await service.refreshScope('p', { kind: 'domain', name: 'web' });
    expect(calls.virsh).toHaveLength(2);
  });

  it('reads with the probe a VM it does not know the UUID of yet (a VM just defined)', async () => {
    const { connected, calls } = connectedHost(ownVirsh);
    const service = new LiveService(() => undefined);
    await service.attach(connected);
    await service.refreshScope('p', { kind: 'domain', name: 'not-read-yet' });
    expect(calls.virsh).toEqual([]);
    expect(calls.probes).toEqual(['all', 'domain']);
  });

  it('reads the host whole when libvirtd was gone for the kept virsh (restarting), rather than dropping the VM', async () => {
    const lost = async (): Promise<RunResult> => ({ code: 0, stdout: '', stderr: 'error: Disconnected from qemu:///system due to end of file\nerror: failed to connect to the hypervisor\n' });
    const { connected, calls } = connectedHost(lost);
    const service = new LiveService(() => undefined);
    await service.attach(connected);
    const read = await service.refreshScope('p', { kind: 'domain', name: 'web' });
    expect(calls.probes).toEqual(['all', 'links', 'all']);
    expect(read.nodes.some((n) => n.kind === 'vm' && n.name === 'web')).toBe(true);
  });
});
