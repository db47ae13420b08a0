// Light, dark or as the system: a preference of this computer, kept in local storage,
// applied as data-theme on the root element (app.css has the colours of each).

export type ThemeChoice = 'system' | 'light' | 'dark';

/** The choices, in the words the Settings view shows them in. */
export const THEMES: readonly { theme: ThemeChoice; label: string }[] = [
  { theme: 'system', label: 'As the system' },
  { theme: 'light', label: 'Light' },
  { theme: 'dark', label: 'Dark' },
];

const KEY = 'newsflash.theme';

export function loadTheme(storage: Storage | undefined): ThemeChoice {
  try {
    const kept = storage?.getItem(KEY);
    return kept === 'light' || kept === 'dark' ? kept : 'system';
  } catch {
    return 'system';
  }
}

export function saveTheme(storage: Storage | undefined, theme: ThemeChoice): void {
  try {
    storage?.setItem(KEY, theme);
  } catch {
    // Refused storage: the choice lasts until the window closes.
  }
}

/** Shows the app in `theme`. */
export function applyTheme(theme: ThemeChoice, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset['theme'];
  else root.dataset['theme'] = theme;
  root.style.colorScheme = theme === 'system' ? 'light dark' : theme;
}
