import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import ContextMenu from './ContextMenu.svelte';

describe('ContextMenu', () => {
  it('runs the entry chosen and closes; disabled entries do nothing', async () => {
    const cite = vi.fn();
    const cut = vi.fn();
    const onClose = vi.fn();
    render(ContextMenu, {
      x: 10,
      y: 10,
      groups: [[{ label: 'Cut', run: cut, disabled: true, testid: 'cut' }], [{ label: 'Cite a source…', run: cite, testid: 'cite' }]],
      onClose,
    });
    expect(screen.getAllByRole('separator')).toHaveLength(1);
    await fireEvent.click(screen.getByTestId('cut'));
    expect(cut).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('cite'));
    expect(cite).toHaveBeenCalledTimes(1);
    expect(onClose).toHaveBeenCalled();
  });
});
