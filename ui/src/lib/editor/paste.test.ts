import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { describe, expect, it, vi } from 'vitest';
import { paragraphAround } from './focus';
import { htmlToMarkdown, looksLikePublishedIssue, pasteAsMarkdown } from './paste';

describe('htmlToMarkdown', () => {
  it('turns a browser selection into Markdown', () => {
    const html =
      '<meta charset="utf-8"><h2 style="color:red">Aid arrives</h2><p>Convoys reached the <b>coast</b> on <i>Tuesday</i>, <a href="https://www.reuters.com/x">Reuters</a> said.</p><ul><li>Water</li><li>Food</li></ul>';
    expect(htmlToMarkdown(html)).toBe(
      '## Aid arrives\n\nConvoys reached the **coast** on *Tuesday*, [Reuters](https://www.reuters.com/x) said.\n\n-   Water\n-   Food',
    );
  });

  it('drops what a word processor adds', () => {
    const html =
      '<html><head><style>p.MsoNormal{margin:0}</style></head><body><!--StartFragment--><p class="MsoNormal"><span style="font-size:12pt">Roads reopened.<o:p></o:p></span></p><p><img src="file:///C:/Users/x/image001.png"></p><!--EndFragment--></body></html>';
    expect(htmlToMarkdown(html)).toBe('Roads reopened.');
  });
});

describe('looksLikePublishedIssue', () => {
  const issue = `Stay updated with our bi-weekly Newsflash!\n\nStorm hits the coast\n\n${'word '.repeat(120)}\n\nSources: HRW, Reuters\nPhoto: Flickr`;
  it('is true for a pasted issue with its Sources line', () => {
    expect(looksLikePublishedIssue(issue)).toBe(true);
  });
  it('is false for a paragraph or for Markdown', () => {
    expect(looksLikePublishedIssue('Sources: HRW')).toBe(false);
    expect(looksLikePublishedIssue(`# Heading\n\n${issue}`)).toBe(false);
  });
});

function paste(view: EditorView, data: Record<string, string>): boolean {
  const event = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent;
  Object.defineProperty(event, 'clipboardData', { value: { getData: (type: string) => data[type] ?? '' } });
  view.contentDOM.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('pasteAsMarkdown', () => {
  it('puts Markdown in for pasted HTML', () => {
    const onIssueText = vi.fn();
    const view = new EditorView({ parent: document.body, state: EditorState.create({ doc: '', extensions: pasteAsMarkdown({ onIssueText }) }) });
    expect(paste(view, { 'text/html': '<p>A <strong>bold</strong> move</p>', 'text/plain': 'A bold move' })).toBe(true);
    expect(view.state.doc.toString()).toBe('A **bold** move');
    view.destroy();
  });

  it('offers to import a pasted published issue', () => {
    const onIssueText = vi.fn();
    const view = new EditorView({ parent: document.body, state: EditorState.create({ doc: '', extensions: pasteAsMarkdown({ onIssueText }) }) });
    const text = `Storm\n\n${'word '.repeat(100)}\n\nSources: Reuters`;
    paste(view, { 'text/plain': text });
    expect(onIssueText).toHaveBeenCalledWith(text);
    view.destroy();
  });
});

describe('paragraphAround', () => {
  it('is the run of lines around the cursor', () => {
    const doc = 'one\n\ntwo a\ntwo b\n\nthree';
    const state = EditorState.create({ doc, selection: { anchor: doc.indexOf('two b') } });
    expect(paragraphAround(state)).toEqual({ first: 3, last: 4 });
  });
});
