import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { CommandList } from '../commands';
import CommandPalette from './CommandPalette.svelte';

describe('CommandPalette', () => {
  it('finds a command by typing and runs it with Enter', async () => {
    const dark = vi.fn();
    const commands = new CommandList([
      { id: 'bold', label: 'Bold', keys: ['Mod-b'], run: vi.fn() },
      { id: 'theme-dark', label: 'Theme: dark', run: dark },
    ]);
    const onClose = vi.fn();
    render(CommandPalette, { commands, onClose });
    const input = screen.getByTestId('command-palette-input') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'dark' } });
    expect(screen.queryByTestId('command-bold')).toBeNull();
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(onClose).toHaveBeenCalled();
    await waitFor(() => expect(dark).toHaveBeenCalledTimes(1));
  });

  it('shows each command with its keys and starts from a given search', () => {
    const commands = new CommandList([
      { id: 'bold', label: 'Bold', keys: ['Mod-b'], run: vi.fn() },
      { id: 'theme-light', label: 'Theme: light', run: vi.fn() },
    ]);
    render(CommandPalette, { commands, initialQuery: 'Theme', onClose: () => {} });
    expect(screen.queryByTestId('command-bold')).toBeNull();
    expect(screen.getByTestId('command-theme-light').textContent).toContain('Theme: light');
  });
});
