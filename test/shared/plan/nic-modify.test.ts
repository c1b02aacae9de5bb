// A NIC's properties changed in place: the element sent to update-device differs from the NIC as
// it is in exactly the properties asked for, what libvirt changes on a running VM goes --live,
// the rest --config with an impact that says "after the VM restarts", and undo sends the NIC back.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors.ts';
import { planIntent } from '../../../shared/plan/planner.ts';
import { invertStep } from '../../../shared/plan/step.ts';
import type { Intent, Plan } from '../../../shared/plan/types.ts';
import type { Topology, VmNode } from '../../../shared/topology/model.ts';
import { ROOT, labTopology } from './hosts.ts';

const plan = (intent: Intent, topology: Topology = labTopology()): Plan => planIntent(intent, topology, ROOT);
const flags = (p: Plan) => p.steps.map((s) => `${s.argv.slice(3, 4).join(' ')} ${s.argv.filter((a) => a.startsWith('--') && a !== '--domain' && a !== '--file').join(' ')} [${s.impact?.when}]`);

/** The lines of `after` that are not in `before`, and those of `before` that are not in `after`. */
function lineDiff(before: string, after: string): { added: string[]; removed: string[] } {
  const a = before.split('\n').map((l) => l.trim());
  const b = after.split('\n').map((l) => l.trim());
  return { added: b.filter((l) => !a.includes(l)), removed: a.filter((l) => !b.includes(l)) };
}

function refusal(intent: Intent, topology?: Topology): string {
  try {
    plan(intent, topology);
  } catch (e) {
    return ApiError.from(e).message;
  }
  throw new Error('the planner did not refuse');
}

const WEB01 = '52:54:00:3b:00:01';

describe('nic-modify', () => {
  it('changes a shut-off VM\'s NIC in its definition: exactly the properties asked for, and nothing else of the element', () => {
    const p = plan({ kind: 'nic-modify', vm: 'web01', mac: WEB01, changes: { model: 'e1000e', mtu: 9000, inbound: { average: 4000, burst: 512 }, outbound: null } });
    expect(flags(p)).toEqual(['update-device --config [vm-next-start]']);
    const step = p.steps[0]!;
    const before = invertStep(step)!.stdin!;
    expect(lineDiff(before, step.stdin!)).toEqual({
      added: ["<model type='e1000e'/>", "<inbound average='4000' burst='512'/>", "<mtu size='9000'/>"],
      removed: ["<model type='virtio'/>", "<inbound average='1000' peak='2000' burst='1024'/>", "<outbound average='500'/>", "<mtu size='1400'/>"],
    });
    // The rest of the NIC goes through as it was: portgroup, driver, filter and its parameter, link, boot order, PCI address.
    for (const kept of ["<source network='default' portgroup='web'/>", "<driver name='vhost' queues='2'/>", "<parameter name='IP' value='192.168.122.50'/>", "<link state='up'/>", "<boot order='1'/>", "<address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>"]) {
      expect(step.stdin).toContain(kept);
    }
    expect(step.description).toBe(
      'Change NIC 52:54:00:3b:00:01 of VM `web01` on network `default`: model virtio → e1000e, inbound limit 1000 kB/s (peak 2000 kB/s, burst 1024 kB) → 4000 kB/s (burst 512 kB), outbound limit 500 kB/s → (none), MTU 1400 → 9000, in its saved definition, from its next start; the rest of the NIC stays as it is.',
    );
  });

  it('carries elements and attributes it does not know through untouched', () => {
    const t = labTopology();
    const web01 = t.nodes.find((n): n is VmNode => n.kind === 'vm' && n.name === 'web01')!;
    web01.xml = web01.xml!.replace("<mtu size='1400'/>", "<mtu size='1400'/>\n      <coalesce><rx><frames max='7'/></rx></coalesce>\n      <rom bar='on'/>\n      <alias name='ua-web'/>\n      <x-vendor knob='1'>kept &amp; text</x-vendor>");
    const step = plan({ kind: 'nic-modify', vm: 'web01', mac: WEB01, changes: { link: 'down' } }, t).steps[0]!;
    expect(lineDiff(invertStep(step)!.stdin!, step.stdin!)).toEqual({ added: ["<link state='down'/>"], removed: ["<link state='up'/>"] });
    expect(step.stdin).toContain("<x-vendor knob='1'>kept &amp; text</x-vendor>");
    expect(step.stdin).toContain("<frames max='7'/>");
    expect(step.stdin).toContain("<alias name='ua-web'/>");
    expect(step.stdin).toContain("<rom bar='on'/>");
  });

  it('on a running VM: the link and bandwidth now (--live), the model only in the definition, with its impact', () => {
    const p = plan({ kind: 'nic-modify', vm: 'centos7', mac: '52:54:00:07:b8:72', changes: { model: 'e1000', link: 'down', outbound: { average: 500 } } });
    expect(flags(p)).toEqual(['update-device --live [now]', 'update-device --config [vm-restart]']);
    const [live, config] = p.steps;
    expect(lineDiff(invertStep(live!)!.stdin!, live!.stdin!).added).toEqual(["<link state='down'/>", '<bandwidth>', "<outbound average='500'/>", '</bandwidth>']);
    expect(live!.stdin).toContain("<model type='virtio'/>");
    expect(config!.stdin).toContain("<model type='e1000'/>");
    expect(config!.stdin).toContain("<link state='down'/>");
    expect(config!.impact!.text).toContain('its next boot brings the change (model virtio → e1000, link up → down, outbound limit (none) → 500 kB/s)');
    expect(p.affects.summary).toEqual([
      'The model of NIC 52:54:00:07:b8:72 of running VM `centos7` changes in its saved definition only: libvirt cannot change it on a running VM, so it takes effect when the VM next starts.',
    ]);
  });

  it('changes what libvirt takes live in one --live --config step', () => {
    const p = plan({ kind: 'nic-modify', vm: 'centos7', mac: '52:54:00:07:b8:72', changes: { link: 'down', inbound: { average: 100, peak: 200, burst: 64 } } });
    expect(flags(p)).toEqual(['update-device --live --config [now]']);
    expect(p.affects.summary).toEqual([]);
  });

  it('undo puts the NIC back as it was, on the same sides', () => {
    const p = plan({ kind: 'nic-modify', vm: 'centos7', mac: '52:54:00:07:b8:72', changes: { model: 'e1000', link: 'down' } });
    const undo = p.steps.map((s) => invertStep(s)!);
    expect(undo.map((s) => s.argv.slice(-1)[0])).toEqual(['--live', '--config']);
    for (const s of undo) {
      expect(s.stdin).toContain("<model type='virtio'/>");
      expect(s.stdin).not.toContain('<link');
    }
    expect(undo[1]!.description).toContain('model e1000 → virtio, link down → up');
  });

  it('refuses a model change on a NIC that is only in the running VM, and changes its link live', () => {
    expect(refusal({ kind: 'nic-modify', vm: 'db', mac: '52:54:00:aa:00:01', changes: { model: 'e1000' } })).toMatch(/cannot change the model of a running VM's NIC, and NIC 52:54:00:aa:00:01 of VM "db" is not in its saved definition/);
    expect(flags(plan({ kind: 'nic-modify', vm: 'db', mac: '52:54:00:aa:00:01', changes: { link: 'up' } }))).toEqual(['update-device --live [now]']);
  });

  it('warns that a VLAN tag on a NIC libvirt cannot tag may stop the VM from starting', () => {
    const p = plan({ kind: 'nic-modify', vm: 'web01', mac: WEB01, changes: { vlan: '42,48' } });
    expect(p.steps[0]!.stdin).toContain("<vlan trunk='yes'>\n    <tag id='42'/>\n    <tag id='48'/>\n  </vlan>");
    expect(p.warnings.join(' ')).toMatch(/VLAN tag only on an Open vSwitch port/);
  });

  it('refuses bad values, a mode on a NIC that is not macvtap, and a change that changes nothing', () => {
    const nic = { kind: 'nic-modify', vm: 'web01', mac: WEB01 } as const;
    expect(refusal({ ...nic, changes: { mtu: 10 } })).toMatch(/MTU must be a whole number from 68 to 65535/);
    expect(refusal({ ...nic, changes: { vlan: '42; reboot' } })).toMatch(/not a VLAN tag list/);
    expect(refusal({ ...nic, changes: { vlan: '5000' } })).toMatch(/not a VLAN tag list/);
    expect(refusal({ ...nic, changes: { inbound: { average: 0 } } })).toMatch(/inbound limit average must be a whole number/);
    expect(refusal({ ...nic, changes: { model: "virtio'/><script" } })).toMatch(/not a NIC model name/);
    expect(refusal({ ...nic, changes: { mode: 'vepa' } })).toMatch(/not a macvtap \(direct\) NIC/);
    expect(refusal({ ...nic, changes: { model: 'virtio', mtu: 1400 } })).toMatch(/already has these settings/);
    expect(refusal({ ...nic, changes: {} })).toMatch(/Nothing to change/);
  });
});
