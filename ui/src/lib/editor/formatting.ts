// Bold, italic and link for Markdown: Ctrl/⌘+B, I and K in the editor, and the same
// commands from the menu bar, palette and context menu.

import { EditorSelection, Prec, type EditorState, type TransactionSpec } from '@codemirror/state';
import { keymap, type EditorView } from '@codemirror/view';

/** Wraps each selection in `marker` (or unwraps it when it is wrapped already). */
export function toggleMarker(state: EditorState, marker: string): TransactionSpec {
  const size = marker.length;
  return state.changeByRange((range) => {
    const before = state.sliceDoc(range.from - size, range.from);
    const after = state.sliceDoc(range.to, range.to + size);
    const inside = state.sliceDoc(range.from, range.to);
    if (before === marker && after === marker) {
      return {
        changes: [
          { from: range.from - size, to: range.from },
          { from: range.to, to: range.to + size },
        ],
        range: EditorSelection.range(range.from - size, range.to - size),
      };
    }
    if (inside.length >= 2 * size && inside.startsWith(marker) && inside.endsWith(marker)) {
      return {
        changes: { from: range.from, to: range.to, insert: inside.slice(size, inside.length - size) },
        range: EditorSelection.range(range.from, range.to - 2 * size),
      };
    }
    return {
      changes: [
        { from: range.from, insert: marker },
        { from: range.to, insert: marker },
      ],
      range: EditorSelection.range(range.from + size, range.to + size),
    };
  });
}

/** Makes each selection a link: `[text](|)`, the cursor where the address goes. */
export function makeLink(state: EditorState): TransactionSpec {
  return state.changeByRange((range) => {
    const text = state.sliceDoc(range.from, range.to);
    if (/^https?:\/\/\S+$/.test(text)) {
      // An address selected: it is the target; the text to show goes first.
      return {
        changes: { from: range.from, to: range.to, insert: `[](${text})` },
        range: EditorSelection.cursor(range.from + 1),
      };
    }
    const insert = `[${text}](https://)`;
    const at = range.from + text.length + 3;
    return {
      changes: { from: range.from, to: range.to, insert },
      range: text === '' ? EditorSelection.cursor(range.from + 1) : EditorSelection.range(at, at + 8),
    };
  });
}

function run(view: EditorView, spec: TransactionSpec): boolean {
  view.dispatch(view.state.update(spec, { scrollIntoView: true, userEvent: 'input' }));
  view.focus();
  return true;
}

export const bold = (view: EditorView) => run(view, toggleMarker(view.state, '**'));
export const italic = (view: EditorView) => run(view, toggleMarker(view.state, '*'));
export const link = (view: EditorView) => run(view, makeLink(view.state));

/** The keys, above CodeMirror's own (its Mod-i selects the enclosing syntax). */
export const formattingKeymap = Prec.high(
  keymap.of([
    { key: 'Mod-b', run: bold },
    { key: 'Mod-i', run: italic },
    { key: 'Mod-k', run: link },
  ]),
);
