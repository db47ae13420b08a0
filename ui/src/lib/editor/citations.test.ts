import { CompletionContext, currentCompletions, type CompletionResult } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Source } from '../api';
import {
  citationAt,
  citationCompletions,
  citations,
  citationsIn,
  describeSource,
  markUnknownKeys,
  setUnknownKeys,
  type CitationLibrary,
} from './citations';

function source(key: string, name: string, fullName: string): Source {
  return { key, name, fullName, homepage: `https://${key}.example.org/`, kind: 'news agency', notes: '', aliases: [], needsReview: false };
}

const LIBRARY = [source('reuters', 'Reuters', 'Reuters'), source('hrw', 'HRW', 'Human Rights Watch'), source('ap', 'AP', 'The Associated Press')];

/** A library like the real one: any word of key or names, by prefix. */
function fakeLibrary(): CitationLibrary & { queries: string[] } {
  const queries: string[] = [];
  return {
    queries,
    search: async (query) => {
      queries.push(query);
      const q = query.toLowerCase();
      return LIBRARY.filter((s) => [s.key, s.name, ...s.fullName.split(' ')].some((w) => w.toLowerCase().startsWith(q)));
    },
    get: async (key) => LIBRARY.find((s) => s.key === key) ?? null,
  };
}

async function complete(doc: string, library = fakeLibrary()): Promise<CompletionResult | null> {
  const pos = doc.indexOf('|');
  const clean = EditorState.create({ doc: doc.replace('|', '') });
  return citationCompletions(library)(new CompletionContext(clean, pos, false));
}

let views: EditorView[] = [];
afterEach(() => {
  for (const view of views) view.destroy();
  views = [];
});

function editor(doc: string, library = fakeLibrary()): EditorView {
  const view = new EditorView({ parent: document.body, state: EditorState.create({ doc, extensions: citations(library) }) });
  views.push(view);
  return view;
}

describe('citation suggestions', () => {
  it('come from the library for what follows [@, with the full names', async () => {
    const result = await complete('Aid arrived [@hum|]');
    expect(result?.from).toBe('Aid arrived [@'.length);
    expect(result?.options.map((o) => [o.label, o.detail])).toEqual([['hrw', 'HRW · Human Rights Watch']]);
  });

  it('put the key in and the cursor after the closing bracket, closed already or not', async () => {
    for (const [typed, expected] of [
      ['Aid [@hum|] more', 'Aid [@hrw] more'],
      ['Aid [@hum| more', 'Aid [@hrw] more'],
    ] as const) {
      const result = await complete(typed);
      const view = editor(typed.replace('|', ''));
      const option = result!.options[0]!;
      (option.apply as (v: EditorView, c: typeof option, from: number, to: number) => void)(view, option, result!.from, typed.indexOf('|'));
      expect(view.state.doc.toString()).toBe(expected);
      expect(view.state.selection.main.head).toBe('Aid [@hrw]'.length);
    }
  });

  it('list the library when nothing is typed after [@ yet', async () => {
    const library = fakeLibrary();
    const result = await complete('Aid [@|]', library);
    expect(library.queries).toEqual(['']);
    expect(result?.options).toHaveLength(3);
  });

  it('are not offered outside a citation', async () => {
    expect(await complete('Aid arrived @reu|')).toBeNull();
    expect(await complete('[link|](x)')).toBeNull();
  });

  it('open as soon as [@ is typed', async () => {
    const view = editor('Aid ');
    view.dispatch({ changes: { from: 4, insert: '[@' }, selection: { anchor: 6 }, userEvent: 'input.type' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(currentCompletions(view.state).map((c) => c.label)).toEqual(['reuters', 'hrw', 'ap']);
  });
});

describe('citations in the text', () => {
  it('are found with their keys, lowercased, with or without a page', () => {
    expect(citationsIn('a [@Reuters] b [@hrw, https://hrw.org/x] c [@ap')).toEqual([
      { from: 2, to: 12, key: 'reuters' },
      { from: 15, to: 40, key: 'hrw' },
      { from: 43, to: 47, key: 'ap' },
    ]);
  });

  it('are found under the cursor', () => {
    const state = EditorState.create({ doc: 'one\ntwo [@hrw] three' });
    expect(citationAt(state, 10)?.key).toBe('hrw');
    expect(citationAt(state, 2)).toBeNull();
  });

  it('are marked when the library does not have their key', () => {
    const view = editor('Known [@reuters], unknown [@reutrs].');
    expect(view.contentDOM.querySelectorAll('.cm-citation-unknown')).toHaveLength(0);
    view.dispatch({ effects: setUnknownKeys.of(['reutrs']) });
    const marked = Array.from(view.contentDOM.querySelectorAll('.cm-citation-unknown')).map((e) => e.textContent);
    expect(marked).toEqual(['[@reutrs]']);
    expect(view.contentDOM.querySelectorAll('.cm-citation')).toHaveLength(2);
  });

  it('are marked without a transaction when the keys are marked already', () => {
    const view = editor('Known [@reuters], unknown [@reutrs].');
    const dispatch = vi.spyOn(view, 'dispatch');
    markUnknownKeys(view, []);
    expect(dispatch).not.toHaveBeenCalled();
    markUnknownKeys(view, ['REUTRS']);
    markUnknownKeys(view, ['reutrs']);
    expect(dispatch).toHaveBeenCalledTimes(1);
    expect(Array.from(view.contentDOM.querySelectorAll('.cm-citation-unknown')).map((e) => e.textContent)).toEqual([
      '[@reutrs]',
    ]);
    markUnknownKeys(view, []);
    expect(dispatch).toHaveBeenCalledTimes(2);
    expect(view.contentDOM.querySelectorAll('.cm-citation-unknown')).toHaveLength(0);
  });

  it('show their source on hover, or say it is missing', () => {
    expect(describeSource('hrw', LIBRARY[1]!)).toBe('HRW (Human Rights Watch) · news agency · https://hrw.example.org/');
    expect(describeSource('reutrs', null)).toContain('“reutrs” is not in the library');
  });
});
