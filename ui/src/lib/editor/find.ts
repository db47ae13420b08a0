// Find and replace in the app's own style, over CodeMirror's search: a panel above
// the text with the find and replace fields, match case and whole word, and a replace
// that keeps the case of what it replaces ("Storms" → "Cyclones") unless match case
// is on.

import {
  closeSearchPanel,
  findNext,
  findPrevious,
  getSearchQuery,
  openSearchPanel,
  search,
  SearchQuery,
  setSearchQuery,
} from '@codemirror/search';
import type { ChangeSpec, EditorState, Extension } from '@codemirror/state';
import { EditorView, type Panel, type ViewUpdate } from '@codemirror/view';
import { preserveCase } from '../casePreserve';

/** What replaces `matched`: as typed with match case on, else in `matched`'s case. */
export function replacementFor(query: SearchQuery, matched: string): string {
  return query.caseSensitive || query.regexp ? query.replace : preserveCase(matched, query.replace);
}

/** The changes that replace every match of `query` in `state`. */
export function replaceAllChanges(state: EditorState, query: SearchQuery): ChangeSpec[] {
  const changes: ChangeSpec[] = [];
  const cursor = query.getCursor(state);
  for (let next = cursor.next(); !next.done; next = cursor.next()) {
    const { from, to } = next.value;
    changes.push({ from, to, insert: replacementFor(query, state.sliceDoc(from, to)) });
  }
  return changes;
}

function countMatches(state: EditorState, query: SearchQuery): number {
  if (!query.valid) return 0;
  let count = 0;
  const cursor = query.getCursor(state);
  for (let next = cursor.next(); !next.done && count < 10_000; next = cursor.next()) count++;
  return count;
}

const panels = new WeakMap<EditorView, FindPanel>();

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string>,
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

class FindPanel implements Panel {
  readonly dom: HTMLElement;
  readonly top = true;
  readonly #view: EditorView;
  readonly #find: HTMLInputElement;
  readonly #replace: HTMLInputElement;
  readonly #matchCase: HTMLInputElement;
  readonly #wholeWord: HTMLInputElement;
  readonly #count: HTMLElement;

  constructor(view: EditorView) {
    this.#view = view;
    const query = getSearchQuery(view.state);
    this.#find = element('input', { type: 'search', 'aria-label': 'Find', placeholder: 'Find', 'data-testid': 'find-input', 'main-field': 'true' });
    this.#find.value = query.search;
    this.#replace = element('input', { type: 'text', 'aria-label': 'Replace with', placeholder: 'Replace with', 'data-testid': 'replace-input' });
    this.#replace.value = query.replace;
    this.#matchCase = element('input', { type: 'checkbox', 'data-testid': 'find-match-case' });
    this.#matchCase.checked = query.caseSensitive;
    this.#wholeWord = element('input', { type: 'checkbox' });
    this.#wholeWord.checked = query.wholeWord;
    this.#count = element('span', { class: 'nf-find-count', 'aria-live': 'polite', 'data-testid': 'find-count' });
    const button = (label: string, run: () => void, testid: string) => {
      const node = element('button', { type: 'button', 'data-testid': testid }, label);
      node.addEventListener('click', run);
      return node;
    };
    this.dom = element(
      'div',
      { class: 'nf-find', role: 'search', 'data-testid': 'find-panel' },
      element('div', { class: 'nf-find-row' }, this.#find, this.#count, button('Previous', () => this.#previous(), 'find-previous'), button('Next', () => this.#next(), 'find-next')),
      element(
        'div',
        { class: 'nf-find-row' },
        this.#replace,
        button('Replace', () => this.#replaceOne(), 'replace-one'),
        button('Replace all', () => this.#replaceAll(), 'replace-all'),
      ),
      element(
        'div',
        { class: 'nf-find-row nf-find-options' },
        element('label', {}, this.#matchCase, 'Match case'),
        element('label', {}, this.#wholeWord, 'Whole words'),
        element('span', { class: 'nf-find-hint' }, 'Without match case, replacing keeps each word’s capitals.'),
        button('Close', () => closeSearchPanel(this.#view), 'find-close'),
      ),
    );
    for (const input of [this.#find, this.#replace, this.#matchCase, this.#wholeWord]) {
      input.addEventListener('input', () => this.#commit());
      input.addEventListener('change', () => this.#commit());
    }
    this.dom.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        closeSearchPanel(this.#view);
        this.#view.focus();
      } else if (event.key === 'Enter' && event.target === this.#find) {
        event.preventDefault();
        if (event.shiftKey) this.#previous();
        else this.#next();
      } else if (event.key === 'Enter' && event.target === this.#replace) {
        event.preventDefault();
        this.#replaceOne();
      }
    });
    panels.set(view, this);
    this.#showCount();
  }

  #query(): SearchQuery {
    return new SearchQuery({
      search: this.#find.value,
      replace: this.#replace.value,
      caseSensitive: this.#matchCase.checked,
      wholeWord: this.#wholeWord.checked,
    });
  }

  #commit() {
    const query = this.#query();
    if (!query.eq(getSearchQuery(this.#view.state))) this.#view.dispatch({ effects: setSearchQuery.of(query) });
  }

  #next() {
    this.#commit();
    findNext(this.#view);
  }

  #previous() {
    this.#commit();
    findPrevious(this.#view);
  }

  /** Replaces the match that is selected (or finds the next one first). */
  #replaceOne() {
    this.#commit();
    const view = this.#view;
    const query = getSearchQuery(view.state);
    if (!query.valid) return;
    const { from, to } = view.state.selection.main;
    const cursor = query.getCursor(view.state, from, to);
    const match = cursor.next();
    if (match.done || match.value.from !== from || match.value.to !== to) {
      findNext(view);
      return;
    }
    const insert = replacementFor(query, view.state.sliceDoc(from, to));
    view.dispatch({ changes: { from, to, insert }, selection: { anchor: from + insert.length }, userEvent: 'input.replace' });
    findNext(view);
  }

  #replaceAll() {
    this.#commit();
    const view = this.#view;
    const query = getSearchQuery(view.state);
    if (!query.valid) return;
    const changes = replaceAllChanges(view.state, query);
    if (changes.length > 0) view.dispatch({ changes, userEvent: 'input.replace.all' });
  }

  #showCount() {
    const query = getSearchQuery(this.#view.state);
    const count = countMatches(this.#view.state, query);
    this.#count.textContent = query.search === '' ? '' : count === 1 ? '1 match' : `${count} matches`;
  }

  update(update: ViewUpdate) {
    const query = getSearchQuery(update.state);
    if (!query.eq(getSearchQuery(update.startState))) {
      if (this.#find.value !== query.search) this.#find.value = query.search;
    }
    if (update.docChanged || !query.eq(getSearchQuery(update.startState))) this.#showCount();
  }

  mount() {
    this.#find.select();
  }

  destroy() {
    panels.delete(this.#view);
  }

  focus(field: 'find' | 'replace') {
    const input = field === 'find' ? this.#find : this.#replace;
    input.focus();
    input.select();
  }
}

/** Opens the panel with the cursor in the find field (the selection as what to find). */
export function openFind(view: EditorView): boolean {
  const { from, to } = view.state.selection.main;
  const selected = view.state.sliceDoc(from, to);
  openSearchPanel(view);
  if (selected !== '' && !selected.includes('\n')) {
    const old = getSearchQuery(view.state);
    view.dispatch({ effects: setSearchQuery.of(new SearchQuery({ ...old, search: selected, replace: old.replace })) });
  }
  panels.get(view)?.focus('find');
  return true;
}

/** Opens the panel with the cursor in the replace field. */
export function openReplace(view: EditorView): boolean {
  openFind(view);
  panels.get(view)?.focus('replace');
  return true;
}

/** The search extension with the app's panel and its look. */
export function findReplace(): Extension[] {
  return [
    search({ top: true, createPanel: (view) => new FindPanel(view) }),
    EditorView.theme({
      '.nf-find': { display: 'grid', gap: '6px', padding: '8px 16px', fontFamily: 'var(--font-ui)', fontSize: '0.8125rem' },
      '.nf-find-row': { display: 'flex', gap: '6px', alignItems: 'center', flexWrap: 'wrap' },
      '.nf-find input[type=search], .nf-find input[type=text]': {
        flex: '1 1 12rem',
        minWidth: '8rem',
        padding: '4px 8px',
        font: 'inherit',
        color: 'var(--text)',
        background: 'var(--editor-bg)',
        border: '1px solid var(--border)',
        borderRadius: '6px',
      },
      '.nf-find input:focus': { outline: '2px solid var(--focus)', outlineOffset: '-1px' },
      '.nf-find button': { padding: '3px 10px', fontSize: '0.8125rem' },
      '.nf-find label': { display: 'inline-flex', gap: '4px', alignItems: 'center', color: 'var(--text)' },
      '.nf-find-count': { color: 'var(--muted)', minWidth: '5.5em', fontVariantNumeric: 'tabular-nums' },
      '.nf-find-hint': { color: 'var(--muted)', flex: '1' },
    }),
  ];
}
