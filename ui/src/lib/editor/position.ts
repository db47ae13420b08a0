// Tells the preview where the editor is, so that it can show the same place: the
// cursor's line while the cursor is in view (she is typing), else the top line in
// view (she is scrolling through). Reported once per frame at most.

import type { Text } from '@codemirror/state';
import { EditorView, ViewPlugin, type ViewUpdate } from '@codemirror/view';
import { textHeadings, type EditorPosition, type TextHeading } from '../scrollsync';

/** The position of `view` as the preview follows it. */
export function positionOf(view: EditorView, headings: TextHeading[]): EditorPosition {
  const doc = view.state.doc;
  const scroller = view.scrollDOM;
  const height = Math.max(1, scroller.clientHeight);
  // Heights of the document measured from the top of the scroller's view.
  const offset = view.documentTop - scroller.getBoundingClientRect().top;
  const head = view.state.selection.main.head;
  const cursor = view.lineBlockAt(head);
  const cursorY = cursor.top + offset;
  const cursorLine = doc.lineAt(head).number;
  if (cursorY >= 0 && cursorY <= height) {
    return { line: cursorLine, fraction: cursorY / height, lines: doc.lines, cursorLine, headings };
  }
  const top = view.lineBlockAtHeight(-offset);
  const within = top.height > 0 ? Math.min(1, Math.max(0, (-offset - top.top) / top.height)) : 0;
  return { line: doc.lineAt(top.from).number + within, fraction: 0, lines: doc.lines, cursorLine, headings };
}

/** An extension that calls `report` whenever the editor's position may have moved. */
export function editorPosition(report: (position: EditorPosition) => void) {
  return ViewPlugin.fromClass(
    class {
      #frame: number | null = null;
      #doc: Text | null = null;
      #headings: TextHeading[] = [];
      readonly #view: EditorView;
      readonly #onScroll = () => this.schedule();

      constructor(view: EditorView) {
        this.#view = view;
        view.scrollDOM.addEventListener('scroll', this.#onScroll, { passive: true });
        this.schedule();
      }

      update(update: ViewUpdate) {
        if (update.docChanged || update.selectionSet || update.geometryChanged || update.viewportChanged) {
          this.schedule();
        }
      }

      schedule() {
        if (this.#frame !== null) return;
        this.#frame = requestAnimationFrame(() => {
          this.#frame = null;
          const doc = this.#view.state.doc;
          if (doc !== this.#doc) {
            this.#doc = doc;
            this.#headings = textHeadings(doc.toString());
          }
          report(positionOf(this.#view, this.#headings));
        });
      }

      destroy() {
        if (this.#frame !== null) cancelAnimationFrame(this.#frame);
        this.#view.scrollDOM.removeEventListener('scroll', this.#onScroll);
      }
    },
  );
}
