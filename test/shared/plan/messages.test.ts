// The planner's sentences in both languages: every kind of change, planned on the lab host, says
// each step, when it takes effect, what it touches, its warnings and why it cannot be undone as a
// catalogue message whose English is exactly the text the plan keeps (description, impact, summary,
// warnings: what the journal, --json and the lab tests read) and whose Traditional Chinese leaves
// no English word of the sentence behind — only the names, addresses and commands it carries.
import { describe, expect, it } from 'vitest';
import { diffTopologies } from '../../../shared/diff/index.ts';
import { ApiError } from '../../../shared/errors.ts';
import { isMessage, type Message, say, sayEnglish, translator } from '../../../shared/i18n/index.ts';
import { planBulk } from '../../../shared/plan/bulk.ts';
import { notDoneAfter } from '../../../shared/plan/desired-outcome.ts';
import { planDesired } from '../../../shared/plan/desired.ts';
import { impactSummary, impactSummaryMessages } from '../../../shared/plan/impact.ts';
import { invertPlan, planIntent } from '../../../shared/plan/index.ts';
import { recheckPlan } from '../../../shared/plan/recheck.ts';
import { checkConnect } from '../../../shared/plan/rules.ts';
import type { Intent, Plan, Step } from '../../../shared/plan/types.ts';
import { nodeId } from '../../../shared/topology/ids.ts';
import type { Topology, TopologyNode } from '../../../shared/topology/model.ts';
import { replanRestored } from '../../../electron/plan/restored.ts';
import { CASES } from './cases.ts';
import { HOST, PROFILES, ROOT, labTopology, macFactory } from './hosts.ts';

const zh = translator('zh-TW');
const chinese = (m: Message): string => say(zh, m);

/** The words a technical sentence may keep in any language: libvirt's, the kernel's and the tools' own names. */
const KEPT = [
  'Open vSwitch', 'SR-IOV', 'systemd-networkd', 'NetworkManager', 'ifupdown', 'reflective relay', 'hairpin', 'passthrough', 'macvtap', 'libvirt', 'VirtWire',
  'virsh', 'net-update', 'DHCPv6', 'DHCP', 'DNS', 'MAC', 'MTU', 'VLAN', 'IPv4', 'IPv6', 'OVS', 'TAP', 'XML', 'NAT', 'VEPA', 'SSH', 'Linux', 'UUID', 'CPU', 'IP', 'ID', 'up', 'down', 'root', 'sudo', 'prune', 'trunk',
];

/** Every text a message carries as an argument (names, addresses, commands, the host's own words), nested ones included. */
function argumentTexts(m: Message): string[] {
  return Object.values(m.values ?? {}).flatMap((v) => (isMessage(v) ? argumentTexts(v) : [String(v)]));
}

/** What is left of a sentence said in Chinese once its arguments, code spans and kept words are taken out: English words, if any. */
function englishLeft(m: Message): string[] {
  let text = chinese(m).replace(/`[^`]*`/g, ' ');
  for (const arg of argumentTexts(m).sort((a, b) => b.length - a.length)) if (arg) text = text.split(arg).join(' ');
  for (const word of KEPT) text = text.split(word).join(' ');
  return text.match(/[A-Za-z]{2,}/g) ?? [];
}

/** The keys of a message and of the messages inside it. */
const keysOf = (m: Message): string[] => [m.key, ...Object.values(m.values ?? {}).flatMap((v) => (isMessage(v) ? keysOf(v) : []))];

/** Checks one sentence both ways: its English is the plan's text, its Chinese is Chinese (no part of it kept as English text). */
function saysBoth(english: string, m: Message | undefined, where: string): void {
  expect(m, `${where}: has a message`).toBeDefined();
  expect(keysOf(m!), `${where}: no English kept as it is`).not.toContain('plan.verbatim');
  expect(sayEnglish(m!), where).toBe(english);
  expect(englishLeft(m!), `${where}: ${chinese(m!)}`).toEqual([]);
  expect(chinese(m!), where).toMatch(/\p{Script=Han}/u);
}

/** Every sentence of a plan: steps (and their undo), impacts, irreversible reasons, summary, warnings, title. */
function checkPlan(plan: Plan, name: string): void {
  const steps: Step[] = [...plan.steps];
  plan.steps.forEach((s, i) => {
    saysBoth(s.description, s.says, `${name} step ${i + 1}`);
    if (s.inverse) saysBoth(s.inverse.description, s.inverse.says, `${name} step ${i + 1} undo`);
    if (s.impact) saysBoth(s.impact.text, s.impact.says, `${name} step ${i + 1} impact`);
    if (s.irreversibleReason !== undefined) saysBoth(s.irreversibleReason, s.irreversibleSays, `${name} step ${i + 1} cannot be undone`);
  });
  expect(plan.affects.summarySays?.length, `${name} summary`).toBe(plan.affects.summary.length);
  plan.affects.summary.forEach((line, i) => saysBoth(line, plan.affects.summarySays![i], `${name} summary ${i + 1}`));
  expect(plan.warningSays?.length, `${name} warnings`).toBe(plan.warnings.length);
  plan.warnings.forEach((line, i) => saysBoth(line, plan.warningSays![i], `${name} warning ${i + 1}`));
  if (plan.title !== undefined) saysBoth(plan.title, plan.titleSays, `${name} title`);
  const impacts = steps.flatMap((s) => (s.impact ? [s.impact] : []));
  const english = impactSummary(impacts);
  impactSummaryMessages(impacts).forEach((m, i) => saysBoth(english[i]!, m, `${name} when it takes effect ${i + 1}`));
}

// eth2 is a free physical NIC, where a macvtap NIC can sit
function hostWithFreeNic(): Topology {
  const topology = labTopology();
  topology.nodes.push({ id: nodeId(HOST, 'physical', 'eth2'), host: HOST, kind: 'physical', name: 'eth2', state: 'up', mac: '52:54:00:12:34:58', up: true, managedBy: null });
  return topology;
}

/** The kinds of change the cases do not cover, each in a situation that makes the planner say the most. */
const MORE: { name: string; intent: Intent }[] = [
  { name: 'nic-attach-macvtap-passthrough', intent: { kind: 'nic-attach', vm: 'centos7', target: { kind: 'direct', dev: 'eth2', mode: 'passthrough' } } },
  { name: 'nic-attach-macvtap-vepa', intent: { kind: 'nic-attach', vm: 'web01', target: { kind: 'direct', dev: 'eth2', mode: 'vepa' } } },
  { name: 'nic-modify-running', intent: { kind: 'nic-modify', vm: 'centos7', mac: '52:54:00:07:b8:72', changes: { model: 'e1000e', mtu: 1400, link: 'down', vlan: '42' } } },
  { name: 'nic-modify-shutoff', intent: { kind: 'nic-modify', vm: 'web01', mac: '52:54:00:3b:00:01', changes: { inbound: { average: 1000 }, outbound: null, target: { kind: 'network', network: 'isolated' } } } },
  { name: 'network-dns-hosts', intent: { kind: 'network-dns-hosts', network: 'default', add: [{ ip: '192.168.122.5', hostnames: ['db', 'db.lab.example'] }], remove: [] } },
  { name: 'dhcp-host-pin', intent: { kind: 'dhcp-host-pin', network: 'default', mac: '52:54:00:7e:f8:5c', ip: '192.168.122.45', name: 'centos7' } },
  { name: 'dhcp-host-pin-stopped', intent: { kind: 'dhcp-host-pin', network: 'lab', mac: '52:54:00:aa:00:09', ip: '10.10.0.20' } },
  { name: 'dhcp-host-unpin', intent: { kind: 'dhcp-host-unpin', network: 'lab', mac: '52:54:00:aa:00:01' } },
];

describe('the planner\'s sentences', () => {
  it('covers every kind of change the planner handles', () => {
    const kinds = new Set([...CASES, ...MORE].map((c) => c.intent.kind));
    const all: Intent['kind'][] = [
      'nic-attach', 'nic-detach', 'nic-link', 'nic-move', 'nic-modify', 'network-create', 'network-start', 'network-stop', 'network-delete', 'network-autostart',
      'network-edit', 'network-dns-hosts', 'bridge-create', 'bridge-delete', 'tap-create', 'tap-delete', 'port-plug', 'port-unplug', 'device-state',
      'vm-start', 'vm-shutdown', 'vm-destroy', 'dhcp-host-pin', 'dhcp-host-unpin',
    ];
    expect([...kinds].sort()).toEqual([...all].sort());
  });

  for (const c of CASES) {
    it(`says ${c.name} in English exactly as the plan keeps it, and in Traditional Chinese`, () => {
      for (const profile of c.profiles) checkPlan(planIntent(c.intent, labTopology(), PROFILES[profile], { macFactory: macFactory() }), `${c.name} (${profile})`);
    });
  }

  for (const c of MORE) {
    it(`says ${c.name} in English exactly as the plan keeps it, and in Traditional Chinese`, () => {
      checkPlan(planIntent(c.intent, hostWithFreeNic(), ROOT, { macFactory: macFactory() }), c.name);
    });
  }

  it('says the undo of each change, and a change to several objects with its title, in both languages', () => {
    for (const c of CASES) {
      const plan = planIntent(c.intent, labTopology(), ROOT, { macFactory: macFactory() });
      if (plan.steps.every((s) => s.inverse)) checkPlan(invertPlan(plan), `undo ${c.name}`);
    }
    const bulk = planBulk(
      [
        { kind: 'nic-detach', vm: 'centos7', mac: '52:54:00:7e:f8:5c' },
        { kind: 'nic-detach', vm: 'centos7', mac: '52:54:00:07:b8:72' },
      ],
      labTopology(),
      ROOT,
    );
    checkPlan(bulk, 'bulk detach');
    expect(chinese(bulk.titleSays!)).toBe('卸離 2 張網路卡');
  });

  it('reads a step in Chinese with the names, MACs and commands as they are', () => {
    const plan = planIntent({ kind: 'nic-attach', vm: 'centos7', target: { kind: 'network', network: 'default' } }, labTopology(), ROOT, { macFactory: macFactory() });
    const step = plan.steps[0]!;
    expect(step.description).toBe('Attach NIC 52:54:00:00:00:01 on network `default` to VM `centos7`, now and in its saved definition.');
    expect(chinese(step.says)).toBe('為虛擬機器 `centos7` 加上網路卡 52:54:00:00:00:01，接在網路 `default`，立即生效，也寫入已儲存的定義。');
    const stop = planIntent({ kind: 'network-stop', network: 'default' }, labTopology(), ROOT);
    expect(stop.affects.summary[0]).toMatch(/^Stopping `default` disconnects \d running VMs?: /);
    expect(chinese(stop.affects.summarySays![0]!)).toMatch(/^停止 `default` 會中斷 \d 台執行中的虛擬機器的連線：/);
  });
});

/** What the planner refused, as the error that crosses IPC. */
function refusedBy(plan: () => unknown): ApiError {
  try {
    plan();
  } catch (e) {
    return ApiError.from(JSON.parse(JSON.stringify(e)));
  }
  throw new Error('the planner did not refuse');
}

describe('the planner\'s refusals', () => {
  const refusals: [string, () => unknown][] = [
    ['an unknown VM', () => planIntent({ kind: 'vm-start', vm: 'nosuch' }, labTopology(), ROOT)],
    ['a bad name', () => planIntent({ kind: 'bridge-create', name: 'much-too-long-a-name' }, labTopology(), ROOT)],
    ['a running VM on a stopped network', () => planIntent({ kind: 'nic-attach', vm: 'centos7', target: { kind: 'network', network: 'lab' } }, labTopology(), ROOT)],
    ['the protected interface', () => planIntent({ kind: 'port-plug', device: 'eth0', bridge: 'br0' }, labTopology(), ROOT)],
    ['macvtap on a bridge port', () => planIntent({ kind: 'nic-attach', vm: 'centos7', target: { kind: 'direct', dev: 'eth1', mode: 'bridge' } }, labTopology(), ROOT)],
    ['a network that is running already', () => planIntent({ kind: 'network-start', network: 'default' }, labTopology(), ROOT)],
    ['an overlapping subnet', () => planIntent({ kind: 'network-create', spec: { name: 'twin', mode: 'nat', ipv4: { address: '192.168.122.9', prefix: 24 } } }, labTopology(), ROOT)],
    ['no root', () => planIntent({ kind: 'tap-create', name: 'tap9' }, labTopology(), { ...ROOT, isRoot: false, useSudo: false })],
    ['a bandwidth out of range', () => planIntent({ kind: 'nic-modify', vm: 'web01', mac: '52:54:00:3b:00:01', changes: { inbound: { average: 0 } } }, labTopology(), ROOT)],
  ];

  for (const [what, plan] of refusals) {
    it(`says ${what} with its message, across IPC, in both languages`, () => {
      const error = refusedBy(plan);
      saysBoth(error.message, error.says, what);
    });
  }

  it('keeps what the dialog asks about beside the message: the network to start first, the interfaces at risk', () => {
    expect(refusedBy(refusals[2]![1]).data).toEqual({ offer: { kind: 'network-start', network: 'lab' } });
    const risk = refusedBy(refusals[3]![1]);
    expect(risk.data).toEqual({ risk: { kind: 'protected-interface', interfaces: ['eth0'] } });
    expect(chinese(risk.says!)).toBe('「eth0」承載著 SSH 連線或預設路由；這項變更可能讓 VirtWire 與主機斷線。請另外確認這項風險後再繼續。');
  });

  it('says why an undo no longer applies, now and after a restart, in both languages', () => {
    const plan = planIntent({ kind: 'nic-detach', vm: 'centos7', mac: '52:54:00:7e:f8:5c' }, labTopology(), ROOT);
    const gone = labTopology();
    gone.nodes = gone.nodes.filter((n) => n.name !== 'centos7');
    const recheck = refusedBy(() => recheckPlan(invertPlan(plan), gone, ROOT));
    saysBoth(recheck.message, recheck.says, 'recheck');
    expect(recheck.message).toBe(`VM "centos7" is no longer on this host, so "${invertPlan(plan).steps[0]!.description}" cannot run. Nothing was changed.`);
    // undo after a restart: the NIC it would attach back is on the VM already
    const restored = refusedBy(() => replanRestored(JSON.parse(JSON.stringify(invertPlan(plan))) as Plan, labTopology(), ROOT));
    saysBoth(restored.message, restored.says, 'restored');
    expect(restored.message).toMatch(/^This change was recorded before VirtWire was restarted, and NIC 52:54:00:7e:f8:5c is on VM `centos7` already/);
    expect(chinese(restored.says!)).toMatch(/^這項變更是在 VirtWire 重新啟動之前記錄的，而網路卡 52:54:00:7e:f8:5c 已經在虛擬機器 `centos7` 上/);
  });

  it('says the rules\' reasons and the macvtap caveat in both languages', () => {
    const topology = hostWithFreeNic();
    const node = (name: string): TopologyNode => topology.nodes.find((n) => n.name === name)!;
    const live = new Set([HOST]);
    const check = checkConnect(topology, live, node('centos7'), node('eth1'));
    expect(check.ok).toBe(false);
    const refused = refusedBy(() => planIntent({ kind: 'nic-attach', vm: 'centos7', target: { kind: 'direct', dev: 'eth1', mode: 'bridge' } }, topology, ROOT));
    expect(refused.message).toBe(check.ok ? '' : check.reason);
    const macvtap = planIntent({ kind: 'nic-attach', vm: 'centos7', target: { kind: 'direct', dev: 'eth2', mode: 'bridge' } }, topology, ROOT, { macFactory: macFactory() });
    expect(chinese(macvtap.warningSays![0]!)).toMatch(/^使用 macvtap 時，主機本身無法經由這張網路卡連到客體/);
  });
});

describe('the desired-state planner\'s reasons', () => {
  it('says what it leaves alone, cannot do and has not done yet in both languages', () => {
    const file = labTopology();
    const host = JSON.parse(JSON.stringify(file)) as Topology;
    host.nodes.push({ id: nodeId(HOST, 'bridge', 'extra0'), host: HOST, kind: 'bridge', name: 'extra0', state: 'up', up: true, managedBy: null, bridgeType: 'linux' } as TopologyNode);
    file.nodes.push({ ...file.nodes.find((n) => n.kind === 'vm' && n.name === 'web01')!, id: nodeId(HOST, 'vm', 'newvm'), name: 'newvm' } as TopologyNode);
    host.links = host.links.filter((l) => !(l.kind === 'nic' && l.mac === '52:54:00:3b:00:01'));
    const diff = diffTopologies(file, HOST, host, HOST);
    const desired = planDesired(diff, file, host, ROOT, { macFactory: macFactory() });
    expect(desired.leftAlone.length).toBeGreaterThan(0);
    expect(desired.cannot.length).toBeGreaterThan(0);
    for (const u of [...desired.leftAlone, ...desired.cannot]) saysBoth(u.reason, u.says, `${u.item.kind} ${u.item.name}`);
    checkPlan(desired.plan!, 'desired');
    const notDone = notDoneAfter(desired, diff);
    expect(notDone.map((u) => u.reason.replace(/:.*/, ''))).toEqual(expect.arrayContaining(['cannot be done', 'not in effect yet']));
    for (const u of notDone) saysBoth(u.reason, u.says, `not done ${u.item.kind} ${u.item.name}`);
  });
});
