// The executor against a scripted host: order, the first failure stops the plan, the report
// says exactly what happened, "already done" errors are skipped, NIC attach/detach are checked
// with domiflist, and the rollback is the inverses of what took effect, newest first.
import { describe, expect, it } from 'vitest';
import { executePlan, rollbackOf } from '../../../electron/plan/executor.ts';
import { ApiError } from '../../../shared/errors.ts';
import { commandOf } from '../../../shared/plan/ops.ts';
import type { StepAction } from '../../../shared/plan/types.ts';
import { action, fails, has, planOf, scriptedHost, step } from './scripted.ts';

const add = (name: string) => action(['link', 'add', 'name', name, 'type', 'bridge'], { alreadyDoneIf: 'File exists' });
const del = (name: string) => action(['link', 'del', 'dev', name], { destructive: true, alreadyDoneIf: 'Cannot find device' });
const bridgeStep = (name: string) => step(add(name), del(name));
const noWait = { attempts: 3, intervalMs: 1 };

describe('executePlan', () => {
  it('runs every step in order with its stdin and elevation, and reports each as ran', async () => {
    const host = scriptedHost();
    const withStdin = step({ ...add('b2'), stdin: '<x/>' }, del('b2'));
    const plan = planOf([bridgeStep('b1'), withStdin]);
    const execution = await executePlan(plan, host.run);
    expect(host.calls).toEqual([{ argv: plan.steps[0]!.argv, needs: 'root' }, { argv: plan.steps[1]!.argv, stdin: '<x/>', needs: 'root' }]);
    expect(execution.status).toBe('applied');
    expect(execution.steps.map((s) => [s.index, s.outcome, s.exitCode])).toEqual([[0, 'ran', 0], [1, 'ran', 0]]);
  });

  it('stops at the first failure and reports ran / failed (exit code, host stderr) / not-run exactly', async () => {
    const host = scriptedHost([[has('b2'), fails(2, 'Error: argument "b2" is wrong\n')]]);
    const plan = planOf([bridgeStep('b1'), bridgeStep('b2'), bridgeStep('b3')]);
    const progress: unknown[] = [];
    const execution = await executePlan(plan, host.run, { onProgress: (p) => progress.push(p) });
    const failedSays = { key: 'plan.run.failed', values: { code: '2' } };
    expect(host.calls.map((c) => c.argv)).toEqual([plan.steps[0]!.argv, plan.steps[1]!.argv]);
    expect(execution).toEqual({
      status: 'failed',
      steps: [
        { index: 0, description: plan.steps[0]!.description, says: plan.steps[0]!.says, argv: plan.steps[0]!.argv, outcome: 'ran', exitCode: 0, stderr: '' },
        {
          index: 1,
          description: plan.steps[1]!.description,
          says: plan.steps[1]!.says,
          argv: plan.steps[1]!.argv,
          outcome: 'failed',
          exitCode: 2,
          stderr: 'Error: argument "b2" is wrong',
          detail: 'The command failed (exit code 2).',
          detailSays: failedSays,
        },
        { index: 2, description: plan.steps[2]!.description, says: plan.steps[2]!.says, argv: plan.steps[2]!.argv, outcome: 'not-run', exitCode: null, stderr: '' },
      ],
    });
    expect(progress).toEqual([
      { stepIndex: 0, state: 'running' },
      { stepIndex: 0, state: 'done' },
      { stepIndex: 1, state: 'running' },
      { stepIndex: 1, state: 'failed', detail: 'The command failed (exit code 2).', detailSays: failedSays },
    ]);
  });

  it('counts a step whose stderr matches alreadyDoneIf (any case) as skipped and goes on', async () => {
    const host = scriptedHost([[has('b1'), fails(2, 'RTNETLINK answers: file EXISTS')]]);
    const progress: unknown[] = [];
    const execution = await executePlan(planOf([bridgeStep('b1'), bridgeStep('b2')]), host.run, { onProgress: (p) => progress.push(p) });
    expect(execution.status).toBe('applied');
    expect(execution.steps.map((s) => [s.outcome, s.exitCode, s.stderr])).toEqual([['skipped', 2, 'RTNETLINK answers: file EXISTS'], ['ran', 0, '']]);
    expect(progress).toContainEqual({ stepIndex: 0, state: 'skipped', detail: 'Already done: the host says its effect is in place.', detailSays: { key: 'plan.run.alreadyDone' } });
  });

  it('fails a step whose stderr does not match, or that has no alreadyDoneIf', async () => {
    const host = scriptedHost([[() => true, fails(1, 'Cannot find device "b1"')]]);
    const bare = step(action(['link', 'set', 'dev', 'b1', 'up']), action(['link', 'set', 'dev', 'b1', 'down']));
    expect((await executePlan(planOf([bridgeStep('b1')]), host.run)).steps[0]!.outcome).toBe('failed');
    expect((await executePlan(planOf([bare]), host.run)).steps[0]!.outcome).toBe('failed');
  });

  it('reports a command that did not finish as failed with the typed error and stops', async () => {
    const timeout = new ApiError('timeout', 'The command did not finish within 60 s and was stopped.', 'partial stderr');
    const host = scriptedHost([[has('b1'), timeout]]);
    const execution = await executePlan(planOf([bridgeStep('b1'), bridgeStep('b2')]), host.run);
    expect(execution.status).toBe('failed');
    expect(execution.error).toEqual(timeout.toJSON());
    expect(execution.steps.map((s) => [s.outcome, s.exitCode, s.stderr])).toEqual([['failed', null, 'partial stderr'], ['not-run', null, '']]);
  });
});

describe('rollbackOf', () => {
  it('is the inverses of the steps that ran or were already done, newest first', async () => {
    const host = scriptedHost([[has('b2'), fails(2, 'File exists')], [has('b4'), fails(1, 'boom')]]);
    const plan = planOf(['b1', 'b2', 'b3', 'b4', 'b5'].map(bridgeStep));
    const execution = await executePlan(plan, host.run);
    const rollback = rollbackOf(plan, execution);
    expect(rollback.plan?.steps.map((s) => s.argv)).toEqual([del('b3').argv, del('b2').argv, del('b1').argv]);
    expect(rollback.plan?.steps.map((s) => s.inverse?.argv)).toEqual([add('b3').argv, add('b2').argv, add('b1').argv]);
    expect(rollback.plan?.destructive).toBe(true);
  });

  it('is null when nothing took effect, and refused naming a step that cannot be undone', async () => {
    const failing = scriptedHost([[() => true, fails(1, 'no')]]);
    const plan = planOf([bridgeStep('b1')]);
    expect(rollbackOf(plan, await executePlan(plan, failing.run))).toEqual({ plan: null });
    const oneWay = planOf([{ ...step(action(['link', 'set', 'dev', 'x', 'down']), null), irreversibleReason: 'it is gone' }]);
    const refused = rollbackOf(oneWay, await executePlan(oneWay, scriptedHost().run));
    expect(refused.plan).toBeNull();
    expect(refused.refused).toContain('it is gone');
  });
});

const MAC = '52:54:00:aa:bb:cc';
const XML = `<interface type='network'>\n  <mac address='${MAC}'/>\n  <source network='isolated'/>\n</interface>\n`;
const attach = { op: { op: 'nic-attach', vm: 'g1', mac: MAC, xml: XML, scope: 'both', on: 'network `isolated`' }, ...commandOf({ op: 'nic-attach', vm: 'g1', mac: MAC, xml: XML, scope: 'both', on: 'network `isolated`' }, 'qemu:///system') } satisfies StepAction;
const detach = { op: { op: 'nic-detach', vm: 'g1', mac: MAC, nicType: 'network', scope: 'both', on: 'network `isolated`' }, ...commandOf({ op: 'nic-detach', vm: 'g1', mac: MAC, nicType: 'network', scope: 'both', on: 'network `isolated`' }, 'qemu:///system') } satisfies StepAction;
const domiflist = (macs: string[]) => ({ code: 0, stdout: ` Interface Type Source Model MAC\n---\n${macs.map((m) => ` vnet9 network isolated virtio ${m}`).join('\n')}\n`, stderr: '' });
const isDomiflist = (inactive: boolean) => (argv: string[]) => argv.includes('domiflist') && argv.includes('--inactive') === inactive;

describe('VM NIC steps', () => {
  it('skips an attach whose MAC the VM already has live and in config, instead of adding a second NIC', async () => {
    const host = scriptedHost([[has('domiflist'), domiflist([MAC.toUpperCase()])]]);
    const execution = await executePlan(planOf([step(attach, detach)]), host.run);
    expect(host.calls.some((c) => c.argv.includes('attach-device'))).toBe(false);
    expect(execution.steps[0]).toMatchObject({ outcome: 'skipped', exitCode: null, detail: `VM \`g1\` already has a NIC with MAC ${MAC}.` });
  });

  it('refuses an attach whose MAC exists only on one side, and runs one whose MAC is nowhere', async () => {
    const half = scriptedHost([[isDomiflist(true), domiflist([MAC])], [isDomiflist(false), domiflist([])]]);
    expect((await executePlan(planOf([step(attach, detach)]), half.run)).steps[0]!.outcome).toBe('failed');
    expect(half.calls.some((c) => c.argv.includes('attach-device'))).toBe(false);
    const fresh = scriptedHost([[has('domiflist'), domiflist(['52:54:00:00:00:01'])]]);
    expect((await executePlan(planOf([step(attach, detach)]), fresh.run)).steps[0]!.outcome).toBe('ran');
  });

  it('reports a live detach as ran once domiflist no longer lists the NIC', async () => {
    let checks = 0;
    const host = scriptedHost([[isDomiflist(false), () => domiflist(++checks < 2 ? [MAC] : [])]]);
    const execution = await executePlan(planOf([step(detach, attach)]), host.run, { detachWait: noWait });
    expect(checks).toBe(2);
    expect(execution.status).toBe('applied');
    expect(execution.steps[0]!.outcome).toBe('ran');
  });

  it('reports a live detach the guest has not completed as pending, never as done', async () => {
    const host = scriptedHost([[isDomiflist(false), domiflist([MAC])]]);
    const progress: { state: string }[] = [];
    const execution = await executePlan(planOf([step(detach, attach)]), host.run, { detachWait: noWait, onProgress: (p) => progress.push(p) });
    expect(host.calls.filter((c) => c.argv.includes('domiflist'))).toHaveLength(noWait.attempts);
    expect(execution.status).toBe('pending');
    expect(execution.steps[0]).toMatchObject({ outcome: 'pending', exitCode: 0 });
    expect(execution.steps[0]!.detail).toMatch(/^Detach pending/);
    expect(progress.map((p) => p.state)).toEqual(['running', 'pending']);
  });
});

describe('a cancelled plan', () => {
  it('starts no step after the cancel', async () => {
    const cancel = new AbortController();
    const calls: string[] = [];
    const plan = planOf([step(action(['link', 'add', 'a']), null), step(action(['link', 'add', 'b']), null)]);
    const execution = await executePlan(plan, async (argv) => {
      calls.push(argv.join(' '));
      cancel.abort();
      return { code: 0, stdout: '', stderr: '' };
    }, { signal: cancel.signal });
    expect(calls).toEqual(['ip link add a']);
    expect(execution.status).toBe('failed');
    expect(execution.steps.map((s) => s.outcome)).toEqual(['ran', 'not-run']);
    expect(execution.error?.code).toBe('cancelled');
  });
});
