import { describe, expect, it } from 'vitest';
import { applyTheme, loadTheme, saveTheme } from './theme';

describe('theme', () => {
  it('is remembered and applied to the root element', () => {
    const items = new Map<string, string>();
    const storage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) } as Storage;
    expect(loadTheme(storage)).toBe('system');
    saveTheme(storage, 'dark');
    expect(loadTheme(storage)).toBe('dark');
    const root = document.createElement('html');
    applyTheme('dark', root);
    expect(root.dataset['theme']).toBe('dark');
    expect(root.style.colorScheme).toBe('dark');
    applyTheme('system', root);
    expect(root.dataset['theme']).toBeUndefined();
  });

  it('falls back to the system for anything else kept', () => {
    const storage = { getItem: () => 'purple' } as unknown as Storage;
    expect(loadTheme(storage)).toBe('system');
  });
});
