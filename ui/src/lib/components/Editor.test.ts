import { undo } from '@codemirror/commands';
import { EditorView } from '@codemirror/view';
import { render } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import Editor from './Editor.svelte';

function viewIn(container: HTMLElement): EditorView {
  const view = EditorView.findFromDOM(container.querySelector<HTMLElement>('[data-testid="editor"] .cm-editor')!);
  if (!view) throw new Error('CodeMirror is not mounted');
  return view;
}

describe('Editor', () => {
  it('shows the document and reports every change', () => {
    const onChange = vi.fn();
    const { container } = render(Editor, { document: { key: 1, text: '# Hello' }, onChange });
    const view = viewIn(container);
    expect(view.state.doc.toString()).toBe('# Hello');
    expect(container.querySelector('.cm-content')?.getAttribute('aria-label')).toBe('Issue text (Markdown)');

    view.dispatch({ changes: { from: 7, insert: ' world' } });
    expect(onChange).toHaveBeenLastCalledWith('# Hello world');
    view.dispatch({ selection: { anchor: 0 } });
    expect(onChange).toHaveBeenCalledTimes(1); // moving the cursor is not a change
  });

  it('replaces the text and forgets the undo history when another document comes', async () => {
    const onChange = vi.fn();
    const { container, rerender } = render(Editor, { document: { key: 1, text: 'first' }, onChange });
    const view = viewIn(container);
    view.dispatch({ changes: { from: 5, insert: '!' } });

    await rerender({ document: { key: 2, text: 'second' }, onChange });
    expect(view.state.doc.toString()).toBe('second');
    expect(undo(view)).toBe(false);
    expect(view.state.doc.toString()).toBe('second');
    expect(onChange).toHaveBeenCalledTimes(1); // loading is not typing
  });

  it('keeps what is typed when the same document is passed again', async () => {
    const onChange = vi.fn();
    const { container, rerender } = render(Editor, { document: { key: 1, text: 'a' }, onChange });
    const view = viewIn(container);
    view.dispatch({ changes: { from: 1, insert: 'b' } });
    await rerender({ document: { key: 1, text: 'a' }, onChange });
    expect(view.state.doc.toString()).toBe('ab');
  });

  it('is made at the remembered place without a transaction before its first paint', () => {
    const onUpdate = vi.fn();
    const document = { key: 1, text: 'one\ntwo\nthree', place: { anchor: 4, head: 7, top: 4 } };
    const { container } = render(Editor, { document, onChange: () => {}, onUpdate });
    const view = viewIn(container);
    expect(view.state.selection.main).toMatchObject({ anchor: 4, head: 7 });
    // Each transaction updates the whole view: a long issue's start paid for two.
    expect(onUpdate).not.toHaveBeenCalled();
  });

  it('becomes read-only, and editable again, only when that changes', async () => {
    const onUpdate = vi.fn();
    const document = { key: 1, text: 'published' };
    const { container, rerender } = render(Editor, { document, onChange: () => {}, onUpdate });
    const view = viewIn(container);
    expect(view.state.readOnly).toBe(false);

    await rerender({ document, onChange: () => {}, onUpdate, readOnly: true });
    expect(view.state.readOnly).toBe(true);
    expect(view.contentDOM.getAttribute('contenteditable')).toBe('false');
    expect(onUpdate).toHaveBeenCalledTimes(1);

    await rerender({ document: { key: 2, text: 'draft' }, onChange: () => {}, onUpdate, readOnly: false });
    expect(view.state.readOnly).toBe(false);
    expect(view.contentDOM.getAttribute('contenteditable')).toBe('true');
  });

  it('undoes typing', () => {
    const { container } = render(Editor, { document: { key: 1, text: '' }, onChange: () => {} });
    const view = viewIn(container);
    view.dispatch({ changes: { from: 0, insert: 'oops' } });
    expect(undo(view)).toBe(true);
    expect(view.state.doc.toString()).toBe('');
  });
});
