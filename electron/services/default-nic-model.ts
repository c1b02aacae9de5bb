// A NIC attached without a model named (a VM dragged onto a network or bridge) gets the model
// the user chose in Preferences, rather than the planner's own default (virtio).
import type { PlanApi } from '../../shared/api/index.ts';
import type { Intent } from '../../shared/plan/types.ts';
import type { PreferencesService } from './preferences.ts';

/** The plan service with preview and previewMany filling in the model; everything else as it is. */
export function withDefaultNicModel<P extends PlanApi>(plan: P, prefs: Pick<PreferencesService, 'current'>): P {
  const withModel = async (intent: Intent): Promise<Intent> =>
    intent.kind === 'nic-attach' && intent.model === undefined ? { ...intent, model: (await prefs.current()).defaultNicModel } : intent;
  return new Proxy(plan, {
    get(target, key) {
      if (key === 'preview') return async (arg: { profileId: string; intent: Intent }) => target.preview({ ...arg, intent: await withModel(arg.intent) });
      if (key === 'previewMany') {
        return async (arg: { profileId: string; intents: Intent[] }) => target.previewMany({ ...arg, intents: await Promise.all(arg.intents.map(withModel)) });
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
