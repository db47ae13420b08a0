// Citations as she types them: `[@` opens suggestions from the library (its full-text
// search, full names shown), Enter puts the key in; a key the library does not have
// is marked (from the preflight's unknown-source findings, the same rule the export
// applies); hovering a citation shows its source.

import {
  autocompletion,
  pickedCompletion,
  startCompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import { RangeSetBuilder, StateEffect, StateField, type EditorState, type Extension } from '@codemirror/state';
import { Decoration, EditorView, hoverTooltip, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import type { Source } from '../api';

/** Where the editor finds sources: the library, or a fake in tests. */
export interface CitationLibrary {
  /** Sources matching `query` (any part of key or names), best first. */
  search: (query: string) => Promise<Source[]>;
  /** The source with citation key `key`, if the library has it. */
  get: (key: string) => Promise<Source | null>;
}

/** How many suggestions the list shows. */
export const SUGGESTIONS = 12;

// `[@key` or `[@key, https://…]`; the key as written up to a space, comma or `]`.
const CITATION = /\[@([^\]\s,]+)[^\]\n]*\]?/g;

/** A citation of the text: where it is and the key it cites (lowercased, as core reads it). */
export interface CitationAt {
  from: number;
  to: number;
  key: string;
}

/** The citations on `text`, with positions from `offset`. */
export function citationsIn(text: string, offset = 0): CitationAt[] {
  const found: CitationAt[] = [];
  for (const match of text.matchAll(CITATION)) {
    const from = offset + (match.index ?? 0);
    found.push({ from, to: from + match[0].length, key: match[1]!.toLowerCase() });
  }
  return found;
}

/** The citation at position `pos` of `state`, if there is one. */
export function citationAt(state: EditorState, pos: number): CitationAt | null {
  const line = state.doc.lineAt(pos);
  return citationsIn(line.text, line.from).find((c) => c.from <= pos && pos <= c.to) ?? null;
}

/**
 * Puts `key` in for the typed part `from`–`to` and closes the citation: the `]` is
 * there already when brackets were closed as she typed `[`. The cursor goes after
 * the `]`, so she writes on.
 */
export function applyKey(view: EditorView, completion: Completion, key: string, from: number, to: number): void {
  const closed = view.state.sliceDoc(to, to + 1) === ']';
  view.dispatch({
    changes: { from, to, insert: closed ? key : `${key}]` },
    selection: { anchor: from + key.length + 1 },
    userEvent: 'input.complete',
    annotations: pickedCompletion.of(completion),
  });
}

/** What a suggestion shows: the key, the name readers see and the full name. */
export function suggestionOf(source: Source): Completion {
  const names = source.fullName && source.fullName !== source.name ? `${source.name} · ${source.fullName}` : source.name;
  return {
    label: source.key,
    detail: names,
    info: [source.kind, source.homepage].filter(Boolean).join(' · ') || undefined,
    type: 'text',
    apply: (view, completion, from, to) => applyKey(view, completion, source.key, from, to),
  };
}

/** The completion source for `[@…`. */
export function citationCompletions(library: CitationLibrary) {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const typed = context.matchBefore(/\[@[^\]\s,]*$/);
    if (typed === null) return null;
    const from = typed.from + 2;
    const query = typed.text.slice(2);
    let sources: Source[];
    try {
      sources = await library.search(query);
    } catch {
      // No suggestions is the best answer when the library cannot be searched; the
      // preflight still says which keys it does not know.
      return null;
    }
    if (context.aborted) return null;
    return {
      from,
      options: sources.slice(0, SUGGESTIONS).map((source) => suggestionOf(source)),
      // The library ranked them; CodeMirror's own matching would drop full-name hits.
      filter: false,
    };
  };
}

/** Sets the keys the library does not have (from the preflight). */
export const setUnknownKeys = StateEffect.define<readonly string[]>();

/**
 * Marks `keys` as not in the library. Nothing is dispatched when they are marked
 * already: each transaction updates the whole view, and the preflight finds the same
 * keys after most keystrokes (and none yet while the window starts).
 */
export function markUnknownKeys(view: EditorView, keys: readonly string[]): void {
  const marked = view.state.field(unknownKeys, false);
  const wanted = new Set(keys.map((key) => key.toLowerCase()));
  if (marked !== undefined && marked.size === wanted.size && [...wanted].every((key) => marked.has(key))) return;
  view.dispatch({ effects: setUnknownKeys.of(keys) });
}

const unknownKeys = StateField.define<ReadonlySet<string>>({
  create: () => new Set(),
  update(keys, transaction) {
    for (const effect of transaction.effects) {
      if (effect.is(setUnknownKeys)) keys = new Set(effect.value.map((key) => key.toLowerCase()));
    }
    return keys;
  },
});

const unknownMark = Decoration.mark({ class: 'cm-citation cm-citation-unknown' });
const knownMark = Decoration.mark({ class: 'cm-citation' });

function citationMarks(view: EditorView): DecorationSet {
  const unknown = view.state.field(unknownKeys);
  const builder = new RangeSetBuilder<Decoration>();
  for (const { from, to } of view.visibleRanges) {
    const start = view.state.doc.lineAt(from);
    const end = view.state.doc.lineAt(to);
    const text = view.state.sliceDoc(start.from, end.to);
    for (const citation of citationsIn(text, start.from)) {
      builder.add(citation.from, citation.to, unknown.has(citation.key) ? unknownMark : knownMark);
    }
  }
  return builder.finish();
}

const marking = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = citationMarks(view);
    }
    update(update: ViewUpdate) {
      if (
        update.docChanged ||
        update.viewportChanged ||
        update.startState.field(unknownKeys) !== update.state.field(unknownKeys)
      ) {
        this.decorations = citationMarks(update.view);
      }
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

/** What hovering over a citation shows. */
export function describeSource(key: string, source: Source | null): string {
  if (source === null) return `“${key}” is not in the library: add it under Sources, or check the key.`;
  const names = source.fullName && source.fullName !== source.name ? `${source.name} (${source.fullName})` : source.name;
  return [names, source.kind, source.homepage].filter(Boolean).join(' · ');
}

function sourceTooltip(library: CitationLibrary) {
  return hoverTooltip(async (view, pos) => {
    const citation = citationAt(view.state, pos);
    if (citation === null) return null;
    let text: string;
    try {
      text = describeSource(citation.key, await library.get(citation.key));
    } catch {
      text = `The library could not be read to show “${citation.key}”.`;
    }
    return {
      pos: citation.from,
      end: citation.to,
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'cm-source-tooltip';
        dom.setAttribute('data-testid', 'source-tooltip');
        dom.textContent = text;
        return { dom };
      },
    };
  });
}

/** Opens the suggestions as soon as `[@` is typed (CodeMirror waits for a letter). */
const openOnAt = EditorView.updateListener.of((update) => {
  if (!update.docChanged || !update.transactions.some((tr) => tr.isUserEvent('input.type'))) return;
  const head = update.state.selection.main.head;
  if (update.state.sliceDoc(Math.max(0, head - 2), head) === '[@') startCompletion(update.view);
});

/** Starts a citation at the cursor and opens the suggestions. */
export function insertCitation(view: EditorView): boolean {
  const { from, to } = view.state.selection.main;
  view.dispatch({
    changes: { from, to, insert: '[@]' },
    selection: { anchor: from + 2 },
    userEvent: 'input',
  });
  view.focus();
  startCompletion(view);
  return true;
}

/** Everything above, for a Markdown editor. */
export function citations(library: CitationLibrary): Extension[] {
  return [
    autocompletion({ override: [citationCompletions(library)], icons: false }),
    unknownKeys,
    marking,
    sourceTooltip(library),
    openOnAt,
    EditorView.baseTheme({
      '.cm-citation': { color: 'var(--link)' },
      '.cm-citation-unknown': {
        color: 'var(--error-text)',
        textDecoration: 'underline wavy var(--error-text)',
        textUnderlineOffset: '3px',
      },
      '.cm-source-tooltip': { padding: '4px 8px', maxWidth: '28rem', fontSize: '0.8125rem' },
      '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--text)', border: '1px solid var(--border)' },
      '.cm-tooltip.cm-tooltip-autocomplete > ul': { fontFamily: 'var(--font-ui)', maxHeight: '16rem' },
      '.cm-tooltip.cm-tooltip-autocomplete > ul > li': { padding: '3px 8px' },
      '.cm-tooltip.cm-tooltip-autocomplete > ul > li[aria-selected]': {
        backgroundColor: 'var(--selected-bg)',
        color: 'var(--selected-text)',
      },
      '.cm-completionDetail': { marginLeft: '0.75em', fontStyle: 'normal', opacity: '0.8' },
    }),
  ];
}
