// Light and dark themes: follows the system until the user picks one, and remembers the pick.
export type ThemeName = 'light' | 'dark';

const STORAGE_KEY = 'virtwire.theme';

function storedChoice(): ThemeName | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

export class ThemeState {
  /** the user's explicit choice; null follows the system */
  choice = $state<ThemeName | null>(storedChoice());
  private systemDark = $state(false);

  readonly current: ThemeName = $derived(this.choice ?? (this.systemDark ? 'dark' : 'light'));

  constructor() {
    const query = matchMedia('(prefers-color-scheme: dark)');
    this.systemDark = query.matches;
    query.addEventListener('change', (e) => {
      this.systemDark = e.matches;
    });
  }

  toggle(): void {
    this.choice = this.current === 'dark' ? 'light' : 'dark';
    try {
      localStorage.setItem(STORAGE_KEY, this.choice);
    } catch {
      // storage can be unavailable (private mode); the choice still holds for this window
    }
  }
}
