import { SearchQuery } from '@codemirror/search';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { describe, expect, it } from 'vitest';
import { findReplace, openReplace, replaceAllChanges } from './find';

function replaceAll(doc: string, query: SearchQuery): string {
  const state = EditorState.create({ doc });
  return state.update({ changes: replaceAllChanges(state, query) }).state.doc.toString();
}

describe('replace all', () => {
  const text = 'Storms hit. Two storms. STORMS AHEAD.';

  it('keeps the case of each match', () => {
    expect(replaceAll(text, new SearchQuery({ search: 'storms', replace: 'cyclones' }))).toBe(
      'Cyclones hit. Two cyclones. CYCLONES AHEAD.',
    );
  });

  it('writes the replacement as typed with match case on', () => {
    expect(replaceAll(text, new SearchQuery({ search: 'storms', replace: 'cyclones', caseSensitive: true }))).toBe(
      'Storms hit. Two cyclones. STORMS AHEAD.',
    );
  });
});

describe('the find panel', () => {
  it('opens above the text with the cursor in the replace field', () => {
    const view = new EditorView({ parent: document.body, state: EditorState.create({ doc: 'Storms', extensions: findReplace() }) });
    openReplace(view);
    const panel = view.dom.querySelector('[data-testid=find-panel]');
    expect(panel).not.toBeNull();
    expect(document.activeElement?.getAttribute('data-testid')).toBe('replace-input');
    view.destroy();
  });
});
