import { describe, expect, it, vi } from 'vitest';
import { MENU_COMMANDS } from './api/bindings';
import { CommandList, matchesKeys, matchScore, shortcutLabel } from './commands';
import { appCommandIds } from './appCommands';

function key(init: KeyboardEventInit): KeyboardEvent {
  return new KeyboardEvent('keydown', { cancelable: true, ...init });
}

describe('keys', () => {
  it('match Mod as Ctrl elsewhere and ⌘ on a Mac', () => {
    expect(matchesKeys(key({ key: 'b', ctrlKey: true }), 'Mod-b', false)).toBe(true);
    expect(matchesKeys(key({ key: 'b', metaKey: true }), 'Mod-b', true)).toBe(true);
    expect(matchesKeys(key({ key: 'b', ctrlKey: true }), 'Mod-b', true)).toBe(false);
    expect(matchesKeys(key({ key: 'B', ctrlKey: true, shiftKey: true }), 'Mod-b', false)).toBe(false);
    expect(matchesKeys(key({ key: 'P', code: 'KeyP', ctrlKey: true, shiftKey: true }), 'Mod-Shift-p', false)).toBe(true);
    expect(matchesKeys(key({ key: '@', code: 'Digit2', ctrlKey: true, shiftKey: true }), 'Mod-Shift-2', false)).toBe(true);
  });

  it('are written as the platform writes them', () => {
    expect(shortcutLabel('Mod-Shift-p', false)).toBe('Ctrl+Shift+P');
    expect(shortcutLabel('Mod-Shift-p', true)).toBe('⌘⇧P');
  });
});

describe('CommandList', () => {
  it('runs a command once when the menu and the keys both report it', () => {
    const bold = vi.fn();
    const list = new CommandList([{ id: 'bold', label: 'Bold', keys: ['Mod-b'], run: bold }]);
    expect(list.run('bold', 'keys', 1000)).toBe(true);
    expect(list.run('bold', 'menu', 1050)).toBe(false);
    expect(list.run('bold', 'menu', 1500)).toBe(true);
    expect(bold).toHaveBeenCalledTimes(2);
  });

  it('does not run what cannot run now', () => {
    const list = new CommandList([{ id: 'export', label: 'Export…', run: vi.fn(), enabled: () => false }]);
    expect(list.run('export', 'palette')).toBe(false);
  });

  it('finds commands by the starts of their words', () => {
    const list = new CommandList([
      { id: 'preview-email', label: 'Preview: email', run: () => {} },
      { id: 'export', label: 'Export…', run: () => {} },
      { id: 'preview-dark', label: 'Preview: email in dark mode', run: () => {} },
    ]);
    expect(list.search('em da').map((c) => c.id)).toEqual(['preview-dark']);
    expect(list.search('ex').map((c) => c.id)).toEqual(['export']);
    expect(list.search('').map((c) => c.id)).toEqual(['preview-email', 'export', 'preview-dark']);
    expect(matchScore('Bold', 'zz')).toBe(-1);
  });

  it('has every command of the menu bar', () => {
    const ids = new Set<string>(appCommandIds);
    for (const command of MENU_COMMANDS) expect(ids.has(command.id), command.id).toBe(true);
  });
});
