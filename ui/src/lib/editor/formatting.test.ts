import { EditorSelection, EditorState, type TransactionSpec } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { makeLink, toggleMarker } from './formatting';

function apply(doc: string, from: number, to: number, spec: (state: EditorState) => TransactionSpec) {
  const state = EditorState.create({ doc, selection: EditorSelection.range(from, to) });
  const next = state.update(spec(state)).state;
  const range = next.selection.main;
  return { text: next.doc.toString(), selected: next.sliceDoc(range.from, range.to), at: range.from };
}

describe('toggleMarker', () => {
  it('wraps the selection in ** and keeps it selected', () => {
    expect(apply('aid arrives', 4, 11, (s) => toggleMarker(s, '**'))).toEqual({ text: 'aid **arrives**', selected: 'arrives', at: 6 });
  });

  it('unwraps what is wrapped already, around or inside the selection', () => {
    expect(apply('aid **arrives**', 6, 13, (s) => toggleMarker(s, '**')).text).toBe('aid arrives');
    expect(apply('aid **arrives**', 4, 15, (s) => toggleMarker(s, '**')).text).toBe('aid arrives');
  });

  it('puts the cursor between the markers when nothing is selected', () => {
    expect(apply('aid ', 4, 4, (s) => toggleMarker(s, '*'))).toEqual({ text: 'aid **', selected: '', at: 5 });
  });
});

describe('makeLink', () => {
  it('links the selected text and selects the address to type over', () => {
    expect(apply('see the report', 4, 14, makeLink)).toEqual({
      text: 'see [the report](https://)',
      selected: 'https://',
      at: 17,
    });
  });

  it('takes a selected address as the target', () => {
    expect(apply('https://example.org/r', 0, 21, makeLink)).toEqual({ text: '[](https://example.org/r)', selected: '', at: 1 });
  });
});
