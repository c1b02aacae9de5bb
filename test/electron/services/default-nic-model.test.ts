// The NIC model chosen in Preferences is what a NIC attached without one gets (a drag onto a
// network or bridge); a model named in the Attach NIC dialog stays, and other changes pass as they are.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { withDefaultNicModel } from '../../../electron/services/default-nic-model.ts';
import { createPreferencesService } from '../../../electron/services/preferences.ts';
import type { PlanApi } from '../../../shared/api/index.ts';
import type { Intent } from '../../../shared/plan/types.ts';

it('fills in the preferred model of a NIC attached without one, in one change and in several', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'virtwire-nic-model-'));
  try {
    const prefs = createPreferencesService({ configDir: dir });
    const planned: Intent[][] = [];
    const plan = {
      preview: async ({ intent }: { intent: Intent }) => void planned.push([intent]),
      previewMany: async ({ intents }: { intents: Intent[] }) => void planned.push(intents),
      history: async () => ({ applied: [], undone: [] }),
    } as unknown as PlanApi;
    const wrapped = withDefaultNicModel(plan, prefs);
    const drag: Intent = { kind: 'nic-attach', vm: 'web01', target: { kind: 'network', network: 'default' } };
    const named: Intent = { ...drag, model: 'rtl8139' };
    const other: Intent = { kind: 'vm-start', vm: 'web01' };

    await wrapped.preview({ profileId: 'p', intent: drag });
    await prefs.set({ changes: { defaultNicModel: 'e1000e' } });
    await wrapped.preview({ profileId: 'p', intent: drag });
    await wrapped.previewMany({ profileId: 'p', intents: [drag, named, other] });
    expect(planned).toEqual([[{ ...drag, model: 'virtio' }], [{ ...drag, model: 'e1000e' }], [{ ...drag, model: 'e1000e' }, named, other]]);
    await expect(wrapped.history({ profileId: 'p' })).resolves.toEqual({ applied: [], undone: [] });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
