// Host device and VM lifecycle plans on the lab host, checked with `ip -j link`,
// `bridge -j link` and `virsh domstate`, each undone; hostile names never reach the host.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors.ts';
import type { Intent } from '../../../shared/plan/types.ts';
import { describeLab } from '../../lab/env.ts';
import { bridgeOf, eventually, labPlanService, link, trySh, virsh } from './lab-support.ts';

const state = (vm: string) => virsh('domstate', '--domain', vm).trim();

describeLab('plans for host devices and VM lifecycle on the lab host', (lab) => {
  let t: Awaited<ReturnType<typeof labPlanService>>;

  beforeAll(async () => {
    t = await labPlanService(lab);
  });
  afterAll(() => {
    for (const dev of ['vwx-tap1', 'vwx-br1']) trySh('ip', 'link', 'del', 'dev', dev);
    if (state('vm-off1') !== 'shut off') trySh('virsh', '-c', 'qemu:///system', 'destroy', '--domain', 'vm-off1');
    t?.session.disconnect();
  });

  it('creates a bridge and a TAP, plugs, sets up/down, unplugs and deletes them, undoing each', async () => {
    await t.change({ kind: 'bridge-create', name: 'vwx-br1' });
    expect(link('vwx-br1')?.linkinfo?.info_kind).toBe('bridge');
    await t.change({ kind: 'tap-create', name: 'vwx-tap1' });
    expect(link('vwx-tap1')?.linkinfo?.info_kind).toBe('tun');

    await t.change({ kind: 'port-plug', device: 'vwx-tap1', bridge: 'vwx-br1' });
    expect(link('vwx-tap1')?.master).toBe('vwx-br1');
    expect(bridgeOf('vwx-tap1')).toBe('vwx-br1');
    await t.undo();
    expect(link('vwx-tap1')?.master).toBeUndefined();
    await t.redo();
    expect(bridgeOf('vwx-tap1')).toBe('vwx-br1');

    await t.change({ kind: 'device-state', device: 'vwx-br1', up: true });
    expect(link('vwx-br1')?.flags).toContain('UP');
    await t.undo();
    expect(link('vwx-br1')?.flags).not.toContain('UP');

    await t.change({ kind: 'port-unplug', device: 'vwx-tap1' });
    expect(bridgeOf('vwx-tap1')).toBeUndefined();
    await t.undo();
    expect(bridgeOf('vwx-tap1')).toBe('vwx-br1');

    await t.change({ kind: 'tap-delete', name: 'vwx-tap1' });
    expect(link('vwx-tap1')).toBeNull();
    await t.undo();
    expect(link('vwx-tap1')?.master).toBe('vwx-br1');

    const del = await t.change({ kind: 'bridge-delete', name: 'vwx-br1' });
    expect(del.steps.map((s) => s.argv.slice(1, 3).join(' '))).toEqual(['link set', 'link del']);
    expect(link('vwx-br1')).toBeNull();
    await t.undo();
    expect(bridgeOf('vwx-tap1')).toBe('vwx-br1');

    for (let i = 0; i < 3; i++) await t.undo(); // plug (redone), TAP, bridge
    expect(link('vwx-tap1')).toBeNull();
    expect(link('vwx-br1')).toBeNull();
  });

  it('starts, forces off and shuts down vm-off1, leaving it shut off', async () => {
    await t.change({ kind: 'vm-start', vm: 'vm-off1' });
    expect(state('vm-off1')).toBe('running');
    await t.change({ kind: 'vm-destroy', vm: 'vm-off1' });
    expect(state('vm-off1')).toBe('shut off');
    await expect(t.service.undo({ profileId: 'lab' })).rejects.toMatchObject({ message: expect.stringMatching(/cannot be undone/) });

    await t.change({ kind: 'vm-start', vm: 'vm-off1' });
    const shutdown = await t.undo(); // undo of start = shutdown
    expect(shutdown.steps.map((s) => [s.argv[3], s.outcome, s.exitCode])).toEqual([['shutdown', 'ran', 0]]);
    // The lab's busybox guests answer ACPI hot-unplug but have no power-button handler, so
    // they ignore the request; a real guest OS decides when to stop. Leave vm-off1 shut off.
    if (!(await eventually(() => state('vm-off1') === 'shut off', 3000))) virsh('destroy', '--domain', 'vm-off1');
    expect(state('vm-off1')).toBe('shut off');
  });

  it('refuses hostile names before anything reaches the host (nothing new in the journal)', async () => {
    await t.service.preview({ profileId: 'lab', intent: { kind: 'bridge-create', name: 'vwx-ok' } });
    const before = t.journal.entries().length;
    const hostile: Intent[] = [
      { kind: 'bridge-create', name: '-vwx' },
      { kind: 'tap-create', name: 'vwx tap' },
      { kind: 'port-plug', device: 'vwx:0', bridge: 'tester' },
      { kind: 'device-state', device: '../vwx', up: true },
      { kind: 'bridge-create', name: 'vwx-0123456789abcdef' },
      { kind: 'network-start', network: '--vwx' },
      { kind: 'network-create', spec: { name: 'vwx/evil', mode: 'isolated' } },
      { kind: 'network-create', spec: { name: 'vwx-x', mode: 'isolated', bridge: 'vwx b;reboot' } },
      { kind: 'nic-attach', vm: 'guest1\nreboot', target: { kind: 'network', network: 'default' } },
      { kind: 'nic-detach', vm: 'guest1', mac: "52:54:00:00:01:01'; reboot" },
      { kind: 'vm-start', vm: '-vm-off1' },
    ];
    for (const intent of hostile) {
      const error = await t.service.preview({ profileId: 'lab', intent }).then(() => null, (e: unknown) => ApiError.from(e));
      expect(error?.code, JSON.stringify(intent)).toBe('invalid-input');
    }
    expect(t.journal.entries().length).toBe(before);
    const all = t.journal.entries().map((e) => e.commandLine).join('\n');
    for (const word of ['vwx tap', 'vwx/evil', 'reboot', '--vwx', '-vm-off1']) expect(all).not.toContain(word);
  });
});
