// Hostile names (quotes, $(), ;, newlines, a leading -, unicode, NUL) are either refused
// before a plan exists or reach the host only as whole argv elements — never glued to other
// text — and only as escaped text inside stdin XML.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors.ts';
import { parseNetworkXml } from '../../../shared/libvirt/network.ts';
import { parseXml } from '../../../shared/libvirt/xml.ts';
import { checkIntentNames } from '../../../shared/plan/check.ts';
import { planIntent } from '../../../shared/plan/planner.ts';
import type { Intent, Plan, StepAction } from '../../../shared/plan/types.ts';
import { CASES } from './cases.ts';
import { ROOT, SUDO, labTopology, macFactory } from './hosts.ts';

// Fragments a shell or XML would read as syntax; plain letters and `-` are left out of the
// middle so that a name cannot be a substring of a fixed argument such as `attach-interface`.
const FRAGMENTS = ["'", '"', '$(', ')', ';', '`', '|', '&', '<', '>', ' ', '\n', '\t', '\0', '\\', '*', 'é', '\u202e', '🙂', '..', '/', ':', '--'];

const hostile = fc
  .tuple(fc.constantFrom('', '-', '--'), fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 6 }))
  .map(([lead, parts]) => lead + parts.join(''))
  .filter((name) => FRAGMENTS.some((f) => f !== '--' && name.includes(f)) || name.startsWith('-'));

const intents = (name: string): Intent[] => [
  { kind: 'vm-start', vm: name },
  { kind: 'nic-attach', vm: 'centos7', target: { kind: 'network', network: name } },
  { kind: 'nic-attach', vm: 'web01', target: { kind: 'bridge', bridge: name } },
  { kind: 'nic-attach', vm: 'web01', target: { kind: 'network', network: 'default' }, model: name },
  { kind: 'nic-detach', vm: 'centos7', mac: name },
  { kind: 'network-create', spec: { name, mode: 'isolated' } },
  { kind: 'network-create', spec: { name: 'n1', mode: 'isolated', bridge: name } },
  { kind: 'network-create', spec: { name: 'n1', mode: 'nat', domain: name, ipv4: { address: '10.99.0.1', prefix: 24 } } },
  { kind: 'network-create', spec: { name: 'n1', mode: 'nat', ipv4: { address: '10.99.0.1', prefix: 24, dhcpHosts: [{ mac: '52:54:00:99:00:01', name, ip: '10.99.0.5' }] } } },
  { kind: 'network-delete', network: name },
  { kind: 'bridge-create', name },
  { kind: 'tap-create', name },
  { kind: 'port-plug', device: 'tap-free', bridge: name },
  { kind: 'device-state', device: name, up: true },
];

function actions(plan: Plan): StepAction[] {
  return plan.steps.flatMap((s) => (s.inverse ? [s, s.inverse] : [s]));
}

/** Every fixed argument the planner writes (commands, options, URI, MACs…): these are not the user's text. */
const FIXED = new Set(
  CASES.flatMap((c) => actions(planIntent(c.intent, labTopology(), ROOT, { macFactory: macFactory() })).flatMap((a) => a.argv)),
);

/** A name that made it into a plan appears in argv only as a whole element. */
function expectContained(plan: Plan, name: string): void {
  for (const action of actions(plan)) {
    for (const arg of action.argv) {
      expect(arg).not.toContain('\0');
      if (arg !== name && !FIXED.has(arg)) expect(arg.includes(name), `argv element ${JSON.stringify(arg)} embeds the name`).toBe(false);
    }
    // Escaped XML stays well-formed whatever the name holds, and reads back as the same name.
    if (action.stdin) expect(() => parseXml(action.stdin!)).not.toThrow();
  }
  if (plan.intent.kind === 'network-create') {
    const record = parseNetworkXml(plan.steps[0]!.stdin!);
    const { spec } = plan.intent;
    expect([record.name, record.bridge, record.domain]).toEqual([spec.name, spec.bridge ?? record.bridge, spec.domain]);
    expect(record.ips[0]?.dhcpHosts[0]?.name).toBe(spec.ipv4?.dhcpHosts?.[0]?.name);
  }
}

describe('hostile names', () => {
  it('are refused as invalid input or appear only as single argv elements', () => {
    let planned = 0;
    fc.assert(
      fc.property(hostile, fc.constantFrom(ROOT, SUDO), (name, ctx) => {
        for (const intent of intents(name)) {
          let plan: Plan;
          try {
            plan = planIntent(intent, labTopology(), ctx, { macFactory: macFactory() });
          } catch (e) {
            expect(e).toBeInstanceOf(ApiError);
            expect(['invalid-input', 'permission']).toContain((e as ApiError).code);
            continue;
          }
          expectContained(plan, name);
          planned++;
        }
      }),
      { numRuns: 300 },
    );
    // Names libvirt accepts (quotes, $(), unicode…) must have been planned, or the property proves nothing.
    expect(planned).toBeGreaterThan(100);
  });

  it('are refused by the name check a preview runs before it reads the host, exactly when the planner refuses them as names', () => {
    for (const c of CASES) expect(() => checkIntentNames(c.intent), c.name).not.toThrow();
    fc.assert(
      fc.property(hostile, (name) => {
        for (const intent of intents(name)) {
          let planError: unknown = null;
          try {
            planIntent(intent, labTopology(), ROOT, { macFactory: macFactory() });
          } catch (e) {
            planError = e;
          }
          let checkError: unknown = null;
          try {
            checkIntentNames(intent);
          } catch (e) {
            checkError = e;
          }
          // the check may pass what the planner refuses for other reasons (no such network),
          // but never refuses what the planner takes, and refuses a bad name the planner's way
          if (checkError) expect((checkError as ApiError).message).toBe((planError as ApiError | null)?.message);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a name libvirt accepts but a shell would not stays one argument', () => {
    const name = `it's $(reboot); "x" é`;
    const plan = planIntent({ kind: 'network-create', spec: { name, mode: 'isolated' } }, labTopology(), ROOT);
    expect(plan.steps[1]!.argv).toEqual(['virsh', '-c', 'qemu:///system', 'net-start', '--network', name]);
    expect(plan.steps[0]!.stdin).toContain('<name>it&apos;s $(reboot); &quot;x&quot; é</name>');
  });

  it('refuses names a command would read as an option', () => {
    for (const intent of [
      { kind: 'vm-start', vm: '-h' },
      { kind: 'tap-create', name: '--help' },
      { kind: 'network-create', spec: { name: '-x', mode: 'isolated' } },
    ] as Intent[]) {
      expect(() => planIntent(intent, labTopology(), ROOT)).toThrow(/cannot start with "-"/);
    }
  });
});
