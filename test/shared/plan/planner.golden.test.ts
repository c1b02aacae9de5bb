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

  it('gives the same steps under a root and a sudo profile: elevation is the runner\'s decision, from what each step needs', () => {
    for (const c of CASES) {
      const root = planIntent(c.intent, labTopology(), PROFILES.root, { macFactory: macFactory() });
      const sudo = planIntent(c.intent, labTopology(), PROFILES.sudo, { macFactory: macFactory() });
      expect(sudo, c.name).toEqual(root);
      for (const s of root.steps) {
        expect(s.needs, `${c.name}: ${s.argv.join(' ')}`).toBe(s.argv[0] === 'virsh' ? 'libvirt' : 'root');
        if (s.inverse) expect(s.inverse.needs).toBe(s.inverse.argv[0] === 'virsh' ? 'libvirt' : 'root');
      }
    }
  });
});
