// What @codemirror/lang-markdown takes from @codemirror/lang-html (vite.config.ts points
// its import here): the HTML parser for raw HTML in Markdown, highlighted, without the
// CSS and JavaScript languages lang-html nests in <style> and <script> and loads with
// it. Raw HTML in an issue loses both to the sanitiser anyway, and the editor offers
// no HTML completion (Editor.svelte turns it off), so they were only weight: the
// editor's code and the parse tables the window keeps in memory.

import type { CompletionSource } from '@codemirror/autocomplete';
import { LanguageSupport, LRLanguage } from '@codemirror/language';
import { parser } from '@lezer/html';

const htmlLanguage = LRLanguage.define({
  name: 'html',
  parser,
  languageData: { commentTokens: { block: { open: '<!--', close: '-->' } }, wordChars: '-_' },
});

/** HTML as lang-markdown asks for it (`matchClosingTags: false` is the only option it passes). */
export function html(config: { matchClosingTags?: boolean } = {}): LanguageSupport {
  const language = config.matchClosingTags === false ? htmlLanguage.configure({ dialect: 'noMatch' }) : htmlLanguage;
  return new LanguageSupport(language);
}

/** No HTML tag completion in an issue's text. */
export const htmlCompletionSource: CompletionSource = () => null;
