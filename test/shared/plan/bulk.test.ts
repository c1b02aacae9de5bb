import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors.ts';
import { bulkTitle, checkBulk, planBulk } from '../../../shared/plan/bulk.ts';
import { invertPlan } from '../../../shared/plan/index.ts';
import { planIntent } from '../../../shared/plan/planner.ts';
import { type Intent, MAX_BULK } from '../../../shared/plan/types.ts';
import { labTopology, ROOT } from './hosts.ts';

const detachBoth: Intent[] = [
  { kind: 'nic-detach', vm: 'centos7', mac: '52:54:00:7e:f8:5c' },
  { kind: 'nic-detach', vm: 'web01', mac: '52:54:00:3b:00:01' },
];

function refusal(intents: Intent[]): string {
  try {
    checkBulk(intents);
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return (e as ApiError).message;
  }
  throw new Error('expected a refusal');
}

describe('one change to several selected objects', () => {
  it('is the steps of each change in order, in one plan that says which VMs it touches', () => {
    const plan = planBulk(detachBoth, labTopology(), ROOT);
    const one = detachBoth.map((i) => planIntent(i, labTopology(), ROOT));
    expect(plan.steps).toEqual([...one[0]!.steps, ...one[1]!.steps]);
    expect(plan.intents).toEqual(detachBoth);
    expect(plan.intent).toEqual(detachBoth[0]);
    expect(plan.affects.vms).toEqual(['centos7', 'web01']);
    expect(plan.destructive).toBe(true);
  });

  it('says what it is for, and its undo too', () => {
    expect(planBulk(detachBoth, labTopology(), ROOT).title).toBe('Detach 2 NICs');
    expect(invertPlan(planBulk(detachBoth, labTopology(), ROOT)).title).toBe('Detach 2 NICs');
    expect(bulkTitle([{ kind: 'vm-start', vm: 'a' }, { kind: 'vm-start', vm: 'b' }, { kind: 'vm-start', vm: 'c' }])).toBe('Start 3 VMs');
    expect(bulkTitle([{ kind: 'vm-start', vm: 'a' }, detachBoth[0]!])).toBe('2 changes to selected NICs and VMs');
  });

  it('is undone as one: the inverse of every step, the last first', () => {
    const plan = planBulk(detachBoth, labTopology(), ROOT);
    const undo = invertPlan(plan);
    expect(undo.steps.map((s) => s.op)).toEqual([...plan.steps].reverse().map((s) => s.inverse!.op));
  });

  it('mixes kinds that cannot interfere: VMs started and NICs set down together', () => {
    const plan = planBulk([{ kind: 'vm-start', vm: 'web01' }, { kind: 'nic-link', vm: 'centos7', mac: '52:54:00:07:b8:72', state: 'down' }], labTopology(), ROOT);
    expect(plan.affects.vms).toEqual(['centos7', 'web01']);
  });

  it('refuses nothing selected, too many, the same object twice, and changes that could interfere', () => {
    expect(refusal([])).toMatch(/Nothing is selected/);
    expect(refusal(Array.from({ length: MAX_BULK + 1 }, (_, i) => ({ kind: 'vm-start', vm: `vm${i}` }) as Intent))).toMatch(/At most 200/);
    expect(refusal([detachBoth[0]!, { kind: 'nic-link', vm: 'centos7', mac: '52:54:00:7E:F8:5C', state: 'down' }])).toMatch(/NIC 52:54:00:7e:f8:5c of centos7 is named twice/);
    expect(refusal([{ kind: 'vm-start', vm: 'web01' }, { kind: 'vm-destroy', vm: 'web01' }])).toMatch(/VM web01 is named twice/);
    expect(refusal([detachBoth[0]!, { kind: 'network-stop', network: 'default' }])).toMatch(/network-stop.*cannot be part/);
  });

  it('refuses a change the planner refuses, naming it', () => {
    expect(() => planBulk([detachBoth[0]!, { kind: 'nic-detach', vm: 'centos7', mac: '52:54:00:00:00:99' }], labTopology(), ROOT)).toThrow(/52:54:00:00:00:99/);
  });
});
