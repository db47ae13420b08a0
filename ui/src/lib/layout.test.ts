import { describe, expect, it } from 'vitest';
import { clampWidths, defaultWidths, EDITOR_MIN, loadWidths, saveWidths } from './layout';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => Array.from(items.keys())[index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('pane widths', () => {
  it('always leave the editor room, even in the smallest window', () => {
    const widths = clampWidths({ list: 400, preview: 900 }, 960);
    expect(960 - widths.list - widths.preview).toBeGreaterThanOrEqual(EDITOR_MIN - 80);
    expect(widths.preview).toBeGreaterThanOrEqual(280);
  });

  it('split what the list leaves in halves by default', () => {
    expect(defaultWidths(1280)).toEqual({ list: 256, preview: 512 });
    expect(defaultWidths(960)).toEqual({ list: 200, preview: 380 });
  });

  it('are remembered', () => {
    const storage = memoryStorage();
    saveWidths(storage, { list: 300, preview: 600 });
    expect(loadWidths(storage, 1400)).toEqual({ list: 300, preview: 600 });
    // and fitted to a smaller window when it opens smaller.
    expect(loadWidths(storage, 1000).preview).toBe(1000 - 300 - EDITOR_MIN);
  });

  it('forget a damaged preference', () => {
    const storage = memoryStorage();
    storage.setItem('newsflash.paneWidths', '{oops');
    expect(loadWidths(storage, 1280)).toEqual(defaultWidths(1280));
  });
});
