// Light and dark themes: follows the system unless the user picked one in Preferences (or with
// the theme button), which is stored with the other preferences.
import { preferences } from './preferences.svelte.ts';

export type ThemeName = 'light' | 'dark';

export class ThemeState {
  private systemDark = $state(false);

  /** the user's explicit choice; null follows the system */
  readonly choice: ThemeName | null = $derived(preferences.current.theme === 'system' ? null : preferences.current.theme);
  readonly current: ThemeName = $derived(this.choice ?? (this.systemDark ? 'dark' : 'light'));

  constructor() {
    const query = matchMedia('(prefers-color-scheme: dark)');
    this.systemDark = query.matches;
    query.addEventListener('change', (e) => {
      this.systemDark = e.matches;
    });
  }

  toggle(): void {
    void preferences.set({ theme: this.current === 'dark' ? 'light' : 'dark' });
  }
}
