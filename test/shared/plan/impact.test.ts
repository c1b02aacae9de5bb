// When each kind of step takes effect, on the planner's lab topology: centos7 runs with live NICs
// on default and isolated, web01 is shut off, network lab is defined and not running.
import { describe, expect, it } from 'vitest';
import { impactsOf, impactSummary } from '../../../shared/plan/impact.ts';
import type { Operation } from '../../../shared/plan/ops.ts';
import { planIntent } from '../../../shared/plan/planner.ts';
import { action } from '../../../shared/plan/step.ts';
import type { Step } from '../../../shared/plan/types.ts';
import { HOST, ROOT, labTopology, macFactory } from './hosts.ts';

const step = (op: Operation): Step => ({ ...action(ROOT, op), inverse: null });
const when = (...ops: Operation[]) => impactsOf(ops.map(step), labTopology(), HOST).map((i) => i.when);
const nic = { mac: '52:54:00:00:00:01', xml: '<interface/>', on: 'network `default`' };

describe('impactsOf', () => {
  it('a NIC change on a running VM live or both: now; config only: after the VM restarts; on a shut-off VM: its next start', () => {
    expect(when({ op: 'nic-attach', vm: 'centos7', scope: 'both', ...nic })).toEqual(['now']);
    expect(when({ op: 'nic-detach', vm: 'centos7', mac: nic.mac, nicType: 'network', scope: 'live', on: nic.on })).toEqual(['now']);
    expect(when({ op: 'nic-update', vm: 'centos7', scope: 'config', ...nic })).toEqual(['vm-restart']);
    expect(when({ op: 'nic-link', vm: 'web01', mac: nic.mac, state: 'down', scope: 'config' })).toEqual(['vm-next-start']);
  });

  it('stopping a network with running VMs on it: now, naming the VMs that lose their link', () => {
    const [impact] = impactsOf([step({ op: 'net-destroy', network: 'default' })], labTopology(), HOST);
    expect(impact).toMatchObject({ when: 'now', losesLink: ['centos7'] });
    expect(impact!.text).toMatch(/running VM centos7 loses its link on `default`.*libvirt does not plug them back in/);
  });

  it('redefining a running network: only after it restarts, naming who then loses the link; a stopped one: its next start', () => {
    const [running] = impactsOf([step({ op: 'net-define', network: 'isolated', xml: '<network/>', redefine: true })], labTopology(), HOST);
    expect(running).toMatchObject({ when: 'network-restart', losesLink: ['centos7'] });
    expect(when({ op: 'net-define', network: 'lab', xml: '<network/>', redefine: true })).toEqual(['network-start']);
    expect(when({ op: 'net-define', network: 'new', xml: '<network/>', redefine: false })).toEqual(['now']);
  });

  it('walks the plan in order: a network stopped by an earlier step is not running for a later redefine', () => {
    expect(
      when({ op: 'net-destroy', network: 'isolated' }, { op: 'net-define', network: 'isolated', xml: '<network/>', redefine: true }, { op: 'net-start', network: 'isolated' }),
    ).toEqual(['now', 'network-start', 'now']);
  });

  it('a DHCP update of a running network: now; of a stopped one (config only): its next start', () => {
    const dhcp = { command: 'add-last', ipIndex: 0, xml: '<range/>', what: 'a-b' } as const;
    expect(when({ op: 'net-dhcp-range', network: 'default', scope: 'both', ...dhcp })).toEqual(['now']);
    expect(when({ op: 'net-dhcp-host', network: 'lab', scope: 'config', ...dhcp })).toEqual(['network-start']);
  });

  it('autostart: at the host\'s next boot; VM, network start and host device steps: now', () => {
    expect(
      when(
        { op: 'net-autostart', network: 'default', enabled: false },
        { op: 'vm-start', vm: 'web01' },
        { op: 'net-start', network: 'lab' },
        { op: 'net-create', network: 'x', xml: '<network/>' },
        { op: 'net-undefine', network: 'lab' },
        { op: 'bridge-add', name: 'br9' },
        { op: 'tap-del', name: 'tap9' },
        { op: 'port-plug', device: 'tap9', bridge: 'br9' },
        { op: 'link-state', device: 'br9', up: true },
        { op: 'ovs-port-add', device: 'tap9', bridge: 'ovsbr0' },
      ),
    ).toEqual(['host-boot', 'now', 'now', 'now', 'now', 'now', 'now', 'now', 'now', 'now']);
  });

  it('a config change of a VM started earlier in the plan takes effect only after it restarts', () => {
    expect(when({ op: 'vm-start', vm: 'web01' }, { op: 'nic-link', vm: 'web01', mac: nic.mac, state: 'down', scope: 'config' })).toEqual(['now', 'vm-restart']);
  });

  it('is on every step the planner makes, and sums up per kind', () => {
    const plan = planIntent({ kind: 'network-edit', network: 'default', spec: { name: 'default', mode: 'nat', domain: 'x.example', ipv4: { address: '192.168.122.1', prefix: 24 } } }, labTopology(), ROOT, { macFactory: macFactory() });
    expect(plan.steps.map((s) => s.impact?.when)).toEqual(['now', 'network-start', 'now']);
    expect(impactSummary(plan.steps.map((s) => s.impact!))).toEqual([
      '2 steps take effect now.',
      '1 step takes effect when a stopped network next starts.',
      'Running VMs that lose their link: centos7.',
    ]);
  });
});
