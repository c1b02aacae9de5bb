// Every Step's inverse undoes it: checked command by command, by running ip plans and their
// inverse plans on a small model of the host's links, and by inverting twice.
import { describe, expect, it } from 'vitest';
import { planIntent } from '../../../shared/plan/planner.ts';
import { invertPlan, invertStep } from '../../../shared/plan/step.ts';
import type { Plan, Step, StepAction } from '../../../shared/plan/types.ts';
import { CASES } from './cases.ts';
import { PROFILES, labTopology, macFactory } from './hosts.ts';

const plans: [string, Plan][] = CASES.flatMap((c) =>
  c.profiles.map((p): [string, Plan] => [`${c.name} (${p})`, planIntent(c.intent, labTopology(), PROFILES[p], { macFactory: macFactory() })]),
);

/** The value after `--flag` in argv. */
const opt = (argv: string[], flag: string): string | undefined => argv[argv.indexOf(flag) + 1];
const flags = (argv: string[]): string[] => argv.filter((a) => a === '--live' || a === '--config');
const networkName = (xml = ''): string | undefined => /<name>([^<]*)<\/name>/.exec(xml)?.[1];

/** What undoing `forward` must look like, command by command. */
function expectUndoes(forward: StepAction, inverse: StepAction): void {
  const [head, ...rest] = forward.argv;
  const args = head === 'virsh' ? rest.slice(2) : rest;
  const back = head === 'virsh' ? inverse.argv.slice(3) : inverse.argv.slice(1);
  expect(inverse.argv[0]).toBe(head);
  if (head === 'virsh') expect(inverse.argv.slice(1, 3)).toEqual(forward.argv.slice(1, 3));
  expect(inverse.needs).toBe(forward.needs);
  expect(inverse.scope).toBe(forward.scope);
  const command = args.join(' ');
  const swaps: Record<string, string> = {
    'attach-device': 'detach-interface', 'detach-interface': 'attach-device',
    'net-start': 'net-destroy', start: 'shutdown', shutdown: 'start',
  };
  switch (args[0]) {
    case 'attach-device':
    case 'detach-interface':
      expect(back[0]).toBe(swaps[args[0]]);
      expect(opt(back, '--domain')).toBe(opt(args, '--domain'));
      expect('mac' in inverse.op && inverse.op.mac).toBe('mac' in forward.op && forward.op.mac);
      expect(flags(back)).toEqual(flags(args));
      return;
    case 'domif-setlink':
      expect(back).toEqual(args.map((a, i) => (args[i - 1] === '--state' ? (a === 'up' ? 'down' : 'up') : a)));
      return;
    case 'update-device':
      expect(back).toEqual(args);
      expect(/mac address='([^']+)'/.exec(inverse.stdin ?? '')?.[1]).toBe(/mac address='([^']+)'/.exec(forward.stdin ?? '')?.[1]);
      expect(inverse.stdin).not.toBe(forward.stdin);
      return;
    case 'net-start':
    case 'start':
    case 'shutdown':
      expect(back).toEqual([swaps[args[0]], ...args.slice(1)]);
      return;
    case 'net-destroy':
      // A transient network vanishes when stopped: net-create brings it back from its XML.
      if (back[0] === 'net-create') expect(networkName(inverse.stdin)).toBe(opt(args, '--network'));
      else expect(back).toEqual(['net-start', ...args.slice(1)]);
      return;
    case 'net-define':
      if (back[0] === 'net-undefine') expect(opt(back, '--network')).toBe(networkName(forward.stdin));
      else expect(networkName(inverse.stdin)).toBe(networkName(forward.stdin));
      return;
    case 'net-undefine':
      expect(back.slice(0, 3)).toEqual(['net-define', '--file', '/dev/stdin']);
      expect(networkName(inverse.stdin)).toBe(opt(args, '--network'));
      return;
    case 'net-autostart':
      expect(back).toEqual(args.includes('--disable') ? args.filter((a) => a !== '--disable') : [...args, '--disable']);
      return;
    case 'net-update': {
      const other = opt(args, '--command') === 'add-last' ? 'delete' : 'add-last';
      expect(back).toEqual(args.map((a, i) => (args[i - 1] === '--command' ? other : a)));
      expect(inverse.stdin).toBe(forward.stdin);
      return;
    }
  }
  if (head === 'ovs-vsctl') {
    const ovsSwaps: Record<string, string> = { 'add-br': 'del-br', 'del-br': 'add-br', 'add-port': 'del-port', 'del-port': 'add-port' };
    const verb = (a: string[]) => a.find((w) => w in ovsSwaps)!;
    expect(verb(back)).toBe(ovsSwaps[verb(args)]);
    // the bridge (add-br, del-br), or the bridge and the port (add-port, del-port)
    const names = (a: string[]) => a.slice(a.indexOf(verb(a)) + 1, a.indexOf(verb(a)) + (verb(a).endsWith('-br') ? 2 : 3));
    expect(names(back)).toEqual(names(args));
    return;
  }
  if (command.startsWith('link add name')) return void expect(back).toEqual(['link', 'del', 'dev', args[3]]);
  if (command.startsWith('link del dev')) return void expect(back).toEqual(['link', 'add', 'name', args[3], 'type', 'bridge']);
  if (command.startsWith('tuntap add')) return void expect(back).toEqual(['tuntap', 'del', ...args.slice(2)]);
  if (command.startsWith('tuntap del')) return void expect(back).toEqual(['tuntap', 'add', ...args.slice(2)]);
  if (command.startsWith('link set dev')) {
    expect(back.slice(0, 3)).toEqual(args.slice(0, 3));
    const change = args.slice(4).join(' ');
    const undo = back.slice(4).join(' ');
    if (change === 'up' || change === 'down') return void expect(undo).toBe(change === 'up' ? 'down' : 'up');
    return void expect(undo.startsWith('master') || undo === 'nomaster').toBe(true);
  }
  throw new Error(`no inverse rule for: ${command}`);
}

/** The parts of a host's links that ip steps change. */
type Links = Map<string, { type: 'bridge' | 'tap' | 'physical'; master?: string; up: boolean }>;

function linksOf(): Links {
  const links: Links = new Map();
  const topology = labTopology();
  for (const n of topology.nodes) if (n.kind === 'bridge' || n.kind === 'tap' || n.kind === 'physical') links.set(n.name, { type: n.kind, up: n.up });
  for (const l of topology.links) {
    if (l.kind !== 'port') continue;
    const [dev, br] = [topology.nodes.find((n) => n.id === l.source)!, topology.nodes.find((n) => n.id === l.target)!];
    links.get(dev.name)!.master = br.name;
  }
  return links;
}

function runIp(links: Links, argv: string[]): void {
  const [, object, verb, , name, ...more] = argv as [string, string, string, string, string, ...string[]];
  if (object === 'tuntap') return void (verb === 'add' ? links.set(name, { type: 'tap', up: false }) : links.delete(name));
  if (verb === 'add') return void links.set(name, { type: 'bridge', up: false });
  if (verb === 'del') {
    expect([...links.values()].some((l) => l.master === name), `${name} still has ports`).toBe(false);
    return void links.delete(name);
  }
  const link = links.get(name)!;
  if (more[0] === 'up' || more[0] === 'down') link.up = more[0] === 'up';
  else if (more[0] === 'master') link.master = more[1];
  else delete link.master;
}

describe('inverse steps', () => {
  it.each(plans)('%s: every step is undone by its inverse, or says why it cannot be', (_name, plan) => {
    for (const step of plan.steps) {
      if (step.inverse) expectUndoes(step, step.inverse);
      else expect(step.irreversibleReason).toMatch(/\w+/);
    }
  });

  it.each(plans)('%s: the inverse of the inverse is the step itself', (_name, plan) => {
    for (const step of plan.steps.filter((s) => s.inverse)) {
      const back = invertStep(step)!;
      expect(back.inverse).toEqual(stripped(step));
      // when a step takes effect depends on the host it is planned against, so its inverse has no impact of its own yet
      expect(invertStep(back)).toEqual({ ...step, impact: undefined });
    }
  });

  it.each(plans.filter(([, p]) => p.steps.every((s) => s.argv[0] === 'ip')))('%s: running the plan and then its inverse plan restores the links', (_name, plan) => {
    const links = linksOf();
    const before = structuredClone(links);
    for (const step of plan.steps) runIp(links, step.argv);
    expect(links).not.toEqual(before);
    for (const step of invertPlan(plan).steps) runIp(links, step.argv);
    expect(links).toEqual(before);
  });

  it('inverts a plan in reverse order, and only the steps that ran', () => {
    const plan = planIntent({ kind: 'network-delete', network: 'default' }, labTopology(), PROFILES.root);
    expect(invertPlan(plan).steps.map((s) => s.argv[3])).toEqual(['net-define', 'net-start', 'net-autostart']);
    expect(invertPlan(plan, plan.steps.slice(0, 2)).steps.map((s) => s.argv[3])).toEqual(['net-start', 'net-autostart']);
  });

  it('refuses to invert a plan with a step nothing can undo, naming it', () => {
    const plan = planIntent({ kind: 'vm-destroy', vm: 'centos7' }, labTopology(), PROFILES.root);
    expect(() => invertPlan(plan)).toThrow(/Force off VM `centos7`.*cannot be undone: Force off loses/);
  });
});

function stripped(step: Step): StepAction {
  const { inverse: _i, irreversibleReason: _r, commandLine: _c, impact: _m, ...action } = step;
  return action;
}
