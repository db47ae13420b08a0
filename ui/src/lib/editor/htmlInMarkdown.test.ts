import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { ensureSyntaxTree } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { html } from './htmlInMarkdown';

/** The innermost syntax node at each position of `doc`, HTML parsed inside Markdown included. */
function nodeNames(doc: string): string[] {
  const state = EditorState.create({ doc, extensions: markdown({ base: markdownLanguage, completeHTMLTags: false }) });
  const tree = ensureSyntaxTree(state, doc.length, 5000)!;
  const names = new Set<string>();
  for (let pos = 0; pos < doc.length; pos += 1) names.add(tree.resolveInner(pos, 1).name);
  return [...names];
}

describe('HTML in Markdown without lang-html', () => {
  it('is what lang-markdown gets: raw HTML in the text is parsed as HTML', () => {
    const names = nodeNames('Convoys reached <b class="x">Beira</b>.\n\n<div>\n<p>Block</p>\n</div>\n');
    expect(names).toContain('TagName');
    expect(names).toContain('AttributeName');
    expect(html({ matchClosingTags: false }).language.name).toBe('html');
  });

  it('leaves <style> and <script> as plain text inside HTML: no CSS or JavaScript is loaded', () => {
    const names = nodeNames('<style>p { color: red }</style>\n\n<script>let x = 1;</script>\n');
    expect(names).not.toContain('PropertyName');
    expect(names).not.toContain('VariableDefinition');
  });
});
