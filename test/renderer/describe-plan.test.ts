// A plan's name in the preview title and the Changes tab: its intent's, or, for a plan made of
// several intents (a saved file as the desired state), how many changes it makes.
import { expect, it } from 'vitest';
import { describePlan } from '../../renderer/edit/describe.ts';

it('names a plan of one intent by it, and one of several by what it is for', () => {
  expect(describePlan({ intent: { kind: 'tap-create', name: 'tap9' } })).toBe(describePlan({ intent: { kind: 'tap-create', name: 'tap9' }, intents: [{ kind: 'tap-create', name: 'tap9' }] }));
  expect(describePlan({ intent: { kind: 'tap-create', name: 'tap9' }, intents: [{ kind: 'tap-create', name: 'tap9' }, { kind: 'network-start', network: 'default' }] })).toBe('Make the host match a saved file (2 changes)');
});

it('names a change to several selected objects by its title', () => {
  const intents = [
    { kind: 'nic-detach', vm: 'a', mac: '52:54:00:00:00:01' },
    { kind: 'nic-detach', vm: 'b', mac: '52:54:00:00:00:02' },
  ] as const;
  expect(describePlan({ intent: intents[0], intents: [...intents], title: 'Detach 2 NICs' })).toBe('Detach 2 NICs');
});
