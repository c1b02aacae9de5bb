import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/errors.ts';
import { planIntent } from '../../shared/plan/planner.ts';
import * as rules from '../../shared/plan/rules.ts';
import type { Topology, TopologyNode } from '../../shared/topology/model.ts';
import { bulkActions, bulkDeleteAction, deleteAction, editActions } from '../../renderer/edit/actions.ts';
import { planScript, shellWord, stepCommandLine } from '../../renderer/edit/commandLine.ts';
import { canMoveNic, canStartConnect, checkConnect } from '../../renderer/edit/connect.ts';
import { codeSpans, describeIntent } from '../../renderer/edit/describe.ts';
import { emptyNetworkForm, modeLabel, nameProblem, networkFormProblems, networkSpecOf, previewNetwork } from '../../renderer/edit/forms.ts';
import { language } from '../../renderer/state/i18n.svelte.ts';

const H = 'root@lab:2222';
const base = { host: H, state: 'running' };
const nodes: TopologyNode[] = [
  { ...base, id: 'vm1', kind: 'vm', name: 'guest1', uuid: 'u1' },
  { ...base, id: 'vm2', kind: 'vm', name: 'guest2', uuid: 'u2' },
  { ...base, id: 'net1', kind: 'network', name: 'isolated', state: 'active', forward: 'isolated', bridge: 'virbr1', ips: [{ family: 'ipv4', address: '192.168.123.1', prefix: 24, dhcpRanges: [], dhcpHosts: [] }], active: true, autostart: true, persistent: true },
  { ...base, id: 'br1', kind: 'bridge', name: 'tester', state: 'up', up: true, managedBy: null },
  { ...base, id: 'virbr1', kind: 'bridge', name: 'virbr1', state: 'up', up: true, managedBy: 'isolated' },
  { ...base, id: 'tap1', kind: 'tap', name: 'vm-vnic', state: 'up', up: true, managedBy: null },
  { ...base, id: 'tap2', kind: 'tap', name: 'tap-free', state: 'up', up: true, managedBy: null },
  { ...base, id: 'vnet0', kind: 'tap', name: 'vnet0', state: 'up', up: true, managedBy: null, vm: 'guest1' },
  { ...base, id: 'eth0', kind: 'physical', name: 'eth0', state: 'up', up: true, managedBy: null },
  { host: 'other', id: 'far', kind: 'network', name: 'far', state: 'active', forward: 'nat', ips: [], active: true, autostart: false, persistent: true },
];
const topology: Topology = {
  hosts: [],
  nodes,
  links: [
    { id: 'nic1', kind: 'nic', source: 'vm1', target: 'net1', mac: '52:54:00:00:01:02', type: 'network', live: true, config: true },
    { id: 'port1', kind: 'port', source: 'tap1', target: 'br1' },
  ],
  layout: {},
};
const live = new Set([H, 'other']);
const node = (id: string): TopologyNode => nodes.find((n) => n.id === id)!;
const connect = (from: string, to: string, moving?: string) => checkConnect(topology, live, node(from), node(to), moving ? { linkId: moving } : undefined);

describe('drag-connect rules', () => {
  it('turns a VM dropped on a network or a host bridge into a NIC attach', () => {
    expect(connect('vm1', 'net1')).toEqual({ ok: true, intent: { kind: 'nic-attach', vm: 'guest1', target: { kind: 'network', network: 'isolated' }, model: 'virtio' } });
    expect(connect('vm1', 'br1')).toEqual({ ok: true, intent: { kind: 'nic-attach', vm: 'guest1', target: { kind: 'bridge', bridge: 'tester' }, model: 'virtio' } });
  });

  it('turns a TAP or physical NIC dropped on a bridge into a port plug', () => {
    expect(connect('tap2', 'br1')).toEqual({ ok: true, intent: { kind: 'port-plug', device: 'tap-free', bridge: 'tester' } });
    expect(connect('eth0', 'br1')).toEqual({ ok: true, intent: { kind: 'port-plug', device: 'eth0', bridge: 'tester' } });
  });

  it('refuses the rest and says why', () => {
    const reason = (r: ReturnType<typeof connect>) => (r.ok ? '' : r.reason);
    expect(reason(connect('vm1', 'tap2'))).toBe('A VM cannot be plugged into a TAP: drop it on a network or a bridge.');
    expect(reason(connect('vm1', 'vm2'))).toContain('not to each other');
    expect(reason(connect('vm1', 'virbr1'))).toContain('belongs to network “isolated”');
    expect(reason(connect('tap2', 'net1'))).toContain('plug it into its bridge “virbr1” instead');
    expect(reason(connect('tap1', 'br1'))).toBe('“vm-vnic” is already plugged into “tester”.');
    expect(reason(connect('vm1', 'far'))).toBe('Both ends must be on the same host.');
    expect(reason(connect('vm1', 'vm1'))).toBe('Drop it on another object.');
  });

  it('starts drags only from VMs and free devices of connected hosts', () => {
    expect(canStartConnect(topology, live, node('vm1'))).toEqual({ ok: true });
    expect(canStartConnect(topology, live, node('net1')).ok).toBe(false);
    expect(canStartConnect(topology, live, node('vnet0'))).toEqual({ ok: false, reason: expect.stringContaining('belongs to a NIC of VM “guest1”'), says: expect.objectContaining({ key: 'plan.rule.tapOfVm' }) });
    expect(canStartConnect(topology, new Set(), node('vm1'))).toEqual({ ok: false, reason: expect.stringContaining('comes from a saved file'), says: expect.objectContaining({ key: 'plan.rule.offline' }) });
  });

  it('are the planner’s own rules', () => {
    expect(checkConnect).toBe(rules.checkConnect);
    expect(canStartConnect).toBe(rules.canStartConnect);
    expect(canMoveNic).toBe(rules.canMoveNic);
  });

  it('moves a NIC when its link’s end is dropped on another network or bridge', () => {
    expect(connect('vm1', 'br1', 'nic1')).toEqual({ ok: true, intent: { kind: 'nic-move', vm: 'guest1', mac: '52:54:00:00:01:02', target: { kind: 'bridge', bridge: 'tester' } } });
    expect(connect('vm1', 'net1', 'nic1')).toEqual({
      ok: false,
      reason: 'The NIC 52:54:00:00:01:02 is already on “isolated”.',
      says: { key: 'plan.rule.nicAlreadyOn', values: { mac: '52:54:00:00:01:02', name: 'isolated' } },
    });
  });
});

describe('context menu actions', () => {
  const labels = (actions: { label: string }[]) => actions.map((a) => a.label);

  it('offers each kind its own changes', () => {
    expect(labels(editActions(topology, { type: 'node', node: node('vm1') }, true))).toEqual(['Shut down', 'Force off', 'Attach NIC…']);
    expect(labels(editActions(topology, { type: 'node', node: node('net1') }, true))).toEqual(['Stop', 'Autostart off', 'Edit…', 'Delete']);
    expect(labels(editActions(topology, { type: 'node', node: node('tap1') }, true))).toEqual(['Set down', 'Unplug from bridge', 'Delete']);
    expect(labels(editActions(topology, { type: 'link', link: topology.links[0]! }, true))).toEqual(['Detach NIC', 'Link down', 'Move to…', 'Edit NIC…']);
    expect(labels(editActions(topology, { type: 'host' }, true))).toEqual(['Create network…', 'Create bridge…', 'Create TAP…']);
  });

  it('turns every entry off on a saved file, saying why', () => {
    const actions = editActions(topology, { type: 'node', node: node('vm1') }, false);
    expect(actions.every((a) => a.disabled?.includes('comes from a saved file'))).toBe(true);
  });

  it('lets the Delete key detach a NIC and delete a TAP, not unplug it', () => {
    expect(deleteAction(topology, { type: 'link', link: topology.links[0]! })?.intent).toEqual({ kind: 'nic-detach', vm: 'guest1', mac: '52:54:00:00:01:02' });
    expect(deleteAction(topology, { type: 'node', node: node('tap1') })?.intent).toEqual({ kind: 'tap-delete', name: 'vm-vnic' });
    expect(deleteAction(topology, { type: 'node', node: node('virbr1') })?.disabled).toContain('belongs to network “isolated”');
    expect(deleteAction(topology, { type: 'node', node: node('vnet0') })?.disabled).toBe(rules.deviceDeleteProblem(topology, node('vnet0')));
  });

  it('says why an entry is off in the reader\'s language', () => {
    language.choose('zh-TW');
    try {
      expect(deleteAction(topology, { type: 'node', node: node('vnet0') })?.disabled).toBe('TAP 裝置「vnet0」屬於虛擬機器「guest1」的網路卡；libvirt 會隨網路卡接上並移除它。請改為變更網路卡。');
      expect(editActions(topology, { type: 'node', node: node('vm1') }, false).every((a) => a.disabled?.startsWith('「guest1」來自已儲存的檔案'))).toBe(true);
    } finally {
      language.choose('system');
    }
  });

  it('offers, on, only what the planner plans, and says the planner’s reason on what it would refuse', () => {
    const ctx = { hostId: H, uri: 'qemu:///system', isRoot: true, useSudo: false, protectedInterfaces: [] };
    const subjects = [...nodes.filter((n) => n.host === H).map((n) => ({ type: 'node' as const, node: n })), ...topology.links.map((link) => ({ type: 'link' as const, link }))];
    for (const subject of subjects) {
      for (const action of editActions(topology, subject, true)) {
        if (!action.intent) continue;
        let refusal: string | undefined;
        try {
          planIntent(action.intent, topology, ctx);
        } catch (e) {
          refusal = e instanceof ApiError ? e.message : String(e);
        }
        expect(refusal, `${action.label} on ${JSON.stringify(subject)}`).toBe(action.disabled);
      }
    }
  });
});

describe('command lines in the preview', () => {
  it('shows the line the backend says the runner sends, else plain words bare and the rest quoted', () => {
    expect(stepCommandLine({ argv: ['virsh', '-c', 'qemu:///system', 'net-start', 'isolated'] })).toBe('virsh -c qemu:///system net-start isolated');
    expect(stepCommandLine({ argv: ['ip', 'link', 'add', 'name', 'br-test', 'type', 'bridge'], commandLine: 'sudo -n -- ip link add name br-test type bridge' })).toBe('sudo -n -- ip link add name br-test type bridge');
    expect(shellWord("it's $HOME")).toBe(`'it'\\''s $HOME'`);
    expect(shellWord('')).toBe("''");
  });

  it('copies XML payloads as here-documents whose end word is no line of the payload', () => {
    expect(planScript([{ argv: ['virsh', 'net-define', '--file', '/dev/stdin'], stdin: '<network/>' }])).toBe(
      "virsh net-define --file /dev/stdin <<'VIRTWIRE_EOF'\n<network/>\nVIRTWIRE_EOF",
    );
    const hostile = '<network>\nVIRTWIRE_EOF\nVIRTWIRE_EOF_1\nrm -rf /\n</network>\n';
    const script = planScript([{ argv: ['virsh', 'net-define', '--file', '/dev/stdin'], stdin: hostile }]);
    expect(script).toBe(`virsh net-define --file /dev/stdin <<'VIRTWIRE_EOF_2'\n${hostile}VIRTWIRE_EOF_2`);
    // and the shell agrees: the here-document carries the payload exactly
    const out = execFileSync('/bin/sh', ['-c', script.replace('virsh net-define --file /dev/stdin', 'cat')], { encoding: 'utf8' });
    expect(out).toBe(hostile);
  });

  it('names changes and marks the planner’s names as code', () => {
    expect(describeIntent({ kind: 'port-plug', device: 'tap-test', bridge: 'br-test' })).toBe('Plug “tap-test” into bridge “br-test”');
    expect(codeSpans('Start `default` now')).toEqual([{ text: 'Start ', code: false }, { text: 'default', code: true }, { text: ' now', code: false }]);
  });
});

describe('create forms', () => {
  it('checks names as they are typed', () => {
    expect(nameProblem('x;touch /tmp/pwn', new Set())).toContain('16 bytes');
    expect(nameProblem('a b', new Set())).toContain('whitespace');
    expect(nameProblem('tester', new Set(['tester']))).toBe('An interface named “tester” already exists on this host.');
    expect(nameProblem('br-test', new Set())).toBeUndefined();
  });

  it('builds the network spec and XML from the form, with the free virbrN', () => {
    const form = { ...emptyNetworkForm(), mode: 'nat' as const, name: 'vwe-net', ipv4: '192.168.150.1/24', dhcpStart: '192.168.150.100', dhcpEnd: '192.168.150.200', dhcpHosts: '52:54:00:aa:bb:cc 192.168.150.10 web' };
    expect(networkFormProblems(form)).toEqual({});
    const spec = networkSpecOf(form);
    expect(spec).toEqual({ name: 'vwe-net', mode: 'nat', ipv4: { address: '192.168.150.1', prefix: 24, dhcpRange: { start: '192.168.150.100', end: '192.168.150.200' }, dhcpHosts: [{ mac: '52:54:00:aa:bb:cc', ip: '192.168.150.10', name: 'web' }] } });
    const preview = previewNetwork(topology, H, spec);
    expect('xml' in preview && preview.xml).toContain("<bridge name='virbr0'");
  });

  it('reports field problems and overlaps with the host’s networks', () => {
    const form = { ...emptyNetworkForm(), name: 'vwe-net', ipv4: '192.168.123.1/24', dhcpStart: '192.168.124.5', dhcpEnd: '192.168.123.9' };
    expect(networkFormProblems(form).dhcpStart).toBe('192.168.124.5 is outside the subnet 192.168.123.1/24.');
    expect(networkFormProblems({ ...form, ipv4: '10.0.0.1/33' }).ipv4).toContain('is not a subnet');
    expect(previewNetwork(topology, H, networkSpecOf({ ...form, dhcpStart: '', dhcpEnd: '' }))).toEqual({ problem: expect.stringContaining('overlaps network "isolated"') });
  });
});

describe('the menu of several selected objects', () => {
  const nic2 = { id: 'nic2', kind: 'nic', source: 'vm2', target: 'br1', mac: '52:54:00:00:02:01', type: 'bridge', live: true, config: true, linkState: 'down' } as const;
  const both: Topology = { ...topology, links: [...topology.links, nic2], nodes: nodes.map((n) => (n.id === 'vm2' ? { ...n, state: 'shut off' } : n)) };
  const link = (id: string) => ({ type: 'link' as const, link: both.links.find((l) => l.id === id)! });
  const vm = (id: string) => ({ type: 'node' as const, node: both.nodes.find((n) => n.id === id)! });

  it('changes all the selected NICs, or all the selected VMs, as one change each', () => {
    const actions = bulkActions(both, [link('nic1'), link('nic2'), vm('vm1'), vm('vm2'), { type: 'node', node: node('net1') }], true);
    expect(actions.map((a) => a.label)).toEqual(['Detach 2 NICs', 'Link down 1 NIC', 'Link up 1 NIC', 'Move 2 NICs to…', 'Start 1 VM', 'Shut down 1 VM', 'Force off 1 VM']);
    expect(actions[0]!.intents).toEqual([
      { kind: 'nic-detach', vm: 'guest1', mac: '52:54:00:00:01:02' },
      { kind: 'nic-detach', vm: 'guest2', mac: '52:54:00:00:02:01' },
    ]);
    expect(actions[3]!.dialog).toEqual({ kind: 'nics-move', nics: [{ vm: 'guest1', mac: '52:54:00:00:01:02', current: 'isolated' }, { vm: 'guest2', mac: '52:54:00:00:02:01', current: 'tester' }] });
    expect(actions.find((a) => a.label === 'Start 1 VM')!.intents).toEqual([{ kind: 'vm-start', vm: 'guest2' }]);
  });

  it('says why nothing can be done on a host that is not connected, and Delete detaches the NICs', () => {
    const offline = bulkActions(both, [link('nic1'), link('nic2')], false);
    expect(offline.every((a) => a.disabled !== undefined)).toBe(true);
    expect(bulkDeleteAction(both, [link('nic1'), link('nic2'), vm('vm1')])?.label).toBe('Detach 2 NICs');
    expect(bulkDeleteAction(both, [vm('vm1'), vm('vm2')])).toBeUndefined();
  });
});

describe('in Traditional Chinese', () => {
  afterEach(() => language.choose('system'));

  it('names changes, menu entries and form problems in the chosen language, and the Delete key still finds its change', () => {
    language.choose('zh-TW');
    expect(describeIntent({ kind: 'port-plug', device: 'tap-test', bridge: 'br-test' })).toBe('把「tap-test」接到橋接器「br-test」');
    expect(describeIntent({ kind: 'nic-attach', vm: 'guest1', target: { kind: 'direct', dev: 'eth0', mode: 'bridge' } })).toBe('為「guest1」加上網路卡，接到裝置「eth0」（macvtap bridge）');
    expect(describeIntent({ kind: 'nic-link', vm: 'guest1', mac: '52:54:00:00:01:02', state: 'down' })).toBe('停用「guest1」網路卡 52:54:00:00:01:02 的連線');
    expect(editActions(topology, { type: 'node', node: node('vm1') }, true).map((a) => a.label)).toEqual(['關機', '強制關閉', '加上網路卡…']);
    expect(editActions(topology, { type: 'host' }, true).map((a) => a.label)).toEqual(['建立網路…', '建立橋接器…', '建立 TAP 裝置…']);
    expect(deleteAction(topology, { type: 'link', link: topology.links[0]! })?.intent).toEqual({ kind: 'nic-detach', vm: 'guest1', mac: '52:54:00:00:01:02' });
    expect(deleteAction(topology, { type: 'node', node: node('tap1') })?.intent).toEqual({ kind: 'tap-delete', name: 'vm-vnic' });
    expect(bulkActions(topology, [{ type: 'link', link: topology.links[0]! }], true)[0]!.label).toBe('卸離 1 張網路卡');
    expect(nameProblem('tester', new Set(['tester']))).toBe('這台主機上已經有名為「tester」的介面。');
    expect(networkFormProblems({ ...emptyNetworkForm(), mode: 'bridge', dhcpHosts: '52:54:00:aa:bb:cc' })).toEqual({
      bridge: '請選擇這個網路要加入的主機橋接器。',
      dhcpHosts: '第 1 行：MAC 後面需要一個 IP 位址',
    });
    expect(modeLabel('nat')).toBe('NAT — 虛擬機器經由主機連到外部');
    language.choose('en');
    expect(describeIntent({ kind: 'nic-link', vm: 'guest1', mac: '52:54:00:00:01:02', state: 'down' })).toBe('Set the link of NIC 52:54:00:00:01:02 of “guest1” down');
    expect(bulkActions(topology, [{ type: 'link', link: topology.links[0]! }], true)[0]!.label).toBe('Detach 1 NIC');
  });
});
