import { describe, expect, it } from 'vitest';
import { intentSchema } from '../../../shared/api/plan.ts';
import { invertPlan, planIntent } from '../../../shared/plan/index.ts';
import { labTopology, ROOT } from './hosts.ts';

const topology = labTopology();

describe('pin an address (dhcp-host-pin)', () => {
  it('adds a static DHCP host to the running network, now and in its definition, undone by removing exactly it', () => {
    const plan = planIntent({ kind: 'dhcp-host-pin', network: 'default', mac: '52:54:00:7E:F8:5C', ip: '192.168.122.45', name: 'centos7' }, topology, ROOT);
    expect(plan.steps).toHaveLength(1);
    const [step] = plan.steps;
    expect(step!.argv).toEqual(['virsh', '-c', 'qemu:///system', 'net-update', '--network', 'default', '--command', 'add-last', '--section', 'ip-dhcp-host', '--xml', '/dev/stdin', '--parent-index', '0', '--live', '--config']);
    expect(step!.stdin).toBe("<host mac='52:54:00:7e:f8:5c' name='centos7' ip='192.168.122.45'/>\n");
    expect(step!.destructive).toBe(false);
    const undo = invertPlan(plan).steps[0]!;
    expect(undo.argv).toContain('delete');
    expect(undo.stdin).toBe(step!.stdin);
  });

  it('changes only the definition of a network that is not running, and says so', () => {
    const plan = planIntent({ kind: 'dhcp-host-pin', network: 'lab', mac: '52:54:00:aa:00:09', ip: '10.10.0.20' }, topology, ROOT);
    expect(plan.steps[0]!.argv.slice(-1)).toEqual(['--config']);
    expect(plan.steps[0]!.stdin).toBe("<host mac='52:54:00:aa:00:09' ip='10.10.0.20'/>\n");
    expect(plan.warnings.join(' ')).toMatch(/not running/);
  });

  it('refuses an address outside the network, the host\'s own, one pinned already, a MAC pinned already, and a bad name', () => {
    const pin = (mac: string, ip: string, name?: string) => () =>
      planIntent({ kind: 'dhcp-host-pin', network: 'lab', mac, ip, ...(name !== undefined ? { name } : {}) }, topology, ROOT);
    expect(pin('52:54:00:aa:00:09', '192.168.1.5')).toThrow(/not an address of network "lab", which has its subnet 10.10.0.1\/24/);
    expect(pin('52:54:00:aa:00:09', '10.10.0.1')).toThrow(/host's own address/);
    expect(pin('52:54:00:aa:00:09', '10.10.0.10')).toThrow(/already pinned .* for 52:54:00:aa:00:01/);
    expect(pin('52:54:00:aa:00:01', '10.10.0.11')).toThrow(/already has a static address .* \(10.10.0.10\)/);
    expect(pin('52:54:00:aa:00:09', '10.10.0.11', "x'/><host mac='52:54:00:00:00:01")).toThrow(/not a host name/);
    expect(pin('not-a-mac', '10.10.0.11')).toThrow(/MAC/);
  });
});

describe('unpin an address (dhcp-host-unpin)', () => {
  it('removes the static host with that MAC as the network holds it, undone by adding it back', () => {
    const plan = planIntent({ kind: 'dhcp-host-unpin', network: 'lab', mac: '52:54:00:AA:00:01' }, topology, ROOT);
    expect(plan.steps.map((s) => [s.argv[7], s.stdin])).toEqual([['delete', "<host mac='52:54:00:aa:00:01' name='db' ip='10.10.0.10'/>\n"]]);
    expect(plan.destructive).toBe(true);
    expect(invertPlan(plan).steps[0]!.argv[7]).toBe('add-last');
  });

  it('refuses a MAC without a static address', () => {
    expect(() => planIntent({ kind: 'dhcp-host-unpin', network: 'default', mac: '52:54:00:7e:f8:5c' }, topology, ROOT)).toThrow(/has no static address/);
  });
});

describe('the API boundary', () => {
  it('accepts pin and unpin intents and nothing beyond their fields', () => {
    expect(intentSchema.safeParse({ kind: 'dhcp-host-pin', network: 'default', mac: '52:54:00:00:00:01', ip: '192.168.122.5' }).success).toBe(true);
    expect(intentSchema.safeParse({ kind: 'dhcp-host-unpin', network: 'default', mac: '52:54:00:00:00:01' }).success).toBe(true);
    expect(intentSchema.safeParse({ kind: 'dhcp-host-pin', network: 'default', mac: '52:54:00:00:00:01', ip: '1.2.3.4', xml: '<host/>' }).success).toBe(false);
  });
});
