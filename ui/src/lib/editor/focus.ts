// Focus mode: only the editor on screen, and the paragraph being written stands out
// (the others are dimmed by the workspace's CSS). The paragraph is the run of
// non-blank lines around the cursor; its lines carry the class cm-current-paragraph.

import { RangeSetBuilder, type EditorState } from '@codemirror/state';
import { Decoration, ViewPlugin, type DecorationSet, type EditorView, type ViewUpdate } from '@codemirror/view';

/** The first and last line (1-based) of the paragraph around the cursor. */
export function paragraphAround(state: EditorState): { first: number; last: number } {
  const doc = state.doc;
  const line = doc.lineAt(state.selection.main.head).number;
  if (doc.line(line).text.trim() === '') return { first: line, last: line };
  let first = line;
  while (first > 1 && doc.line(first - 1).text.trim() !== '') first--;
  let last = line;
  while (last < doc.lines && doc.line(last + 1).text.trim() !== '') last++;
  return { first, last };
}

const current = Decoration.line({ class: 'cm-current-paragraph' });

function marks(view: EditorView): DecorationSet {
  const { first, last } = paragraphAround(view.state);
  const builder = new RangeSetBuilder<Decoration>();
  for (let line = first; line <= last; line++) builder.add(view.state.doc.line(line).from, view.state.doc.line(line).from, current);
  return builder.finish();
}

export const currentParagraph = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = marks(view);
    }
    update(update: ViewUpdate) {
      if (update.docChanged || update.selectionSet) this.decorations = marks(update.view);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);
