// Golden plans: for every case the exact argv, stdin, descriptions and inverses, per profile.
// Regenerate after an intended change with `vitest -u`, then read the diff.
import { describe, expect, it } from 'vitest';
import { planIntent } from '../../../shared/plan/planner.ts';
import { CASES } from './cases.ts';
import { PROFILES, labTopology, macFactory } from './hosts.ts';

describe('planner golden plans', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const plans = Object.fromEntries(
        c.profiles.map((p) => [p, planIntent(c.intent, labTopology(), PROFILES[p], { macFactory: macFactory() })]),
      );
      await expect(`${JSON.stringify(plans, null, 2)}\n`).toMatchFileSnapshot(`golden/plans/${c.name}.json`);
    });
  }

  it('gives virsh steps the same argv and no elevation under a sudo profile', () => {
    for (const c of CASES.filter((c) => c.profiles.length === 1)) {
      const root = planIntent(c.intent, labTopology(), PROFILES.root, { macFactory: macFactory() });
      const sudo = planIntent(c.intent, labTopology(), PROFILES.sudo, { macFactory: macFactory() });
      expect(sudo, c.name).toEqual(root);
      expect(root.steps.every((s) => s.argv[0] === 'virsh' && !s.privileged), c.name).toBe(true);
    }
  });

  it('elevates every ip step on a sudo profile and none on a root profile', () => {
    for (const c of CASES.filter((c) => c.profiles.length === 2)) {
      const root = planIntent(c.intent, labTopology(), PROFILES.root);
      const sudo = planIntent(c.intent, labTopology(), PROFILES.sudo);
      expect(root.steps.every((s) => s.argv[0] === 'ip' && !s.privileged && !s.inverse?.privileged), c.name).toBe(true);
      expect(sudo.steps.every((s) => s.privileged && s.inverse?.privileged), c.name).toBe(true);
      expect(sudo.steps.map((s) => s.argv)).toEqual(root.steps.map((s) => s.argv));
    }
  });
});
