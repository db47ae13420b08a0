import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { describe, expect, it, vi } from 'vitest';
import { paragraphAround } from './focus';
import { htmlToMarkdown, imageOfDataUrl, looksLikePublishedIssue, pasteAsMarkdown, pastedHtml, type PastedImage } from './paste';

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

describe('pastedHtml', () => {
  // A 1×1 transparent GIF, as Word and Google Docs inline pictures.
  const GIF = 'R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==';

  it('keeps an image from another site as a link to it, and lists it', () => {
    const html = '<p>Ash over the capital.</p><p><img src="https://cdn.example.net/ash%20cloud.jpg" alt="Ash [over] Nukuʻalofa"></p>';
    const pasted = pastedHtml(html);
    expect(pasted.markdown).toBe('Ash over the capital.\n\n[Image: Ash over Nukuʻalofa](https://cdn.example.net/ash%20cloud.jpg)');
    expect(pasted.markdown).not.toContain('![');
    expect(pasted.images).toEqual([{ kind: 'web', url: 'https://cdn.example.net/ash%20cloud.jpg', alt: 'Ash [over] Nukuʻalofa' }]);
  });

  it('holds an image pasted with its bytes for the photo form, out of the text', async () => {
    const pasted = pastedHtml(`<p>Roads reopened.</p><img src="data:image/gif;base64,${GIF}" alt="A map">`);
    expect(pasted.markdown).toBe('Roads reopened.');
    expect(pasted.images).toHaveLength(1);
    const image = pasted.images[0]!;
    expect(image.kind).toBe('bytes');
    if (image.kind !== 'bytes') return;
    expect(image.alt).toBe('A map');
    expect(image.image.type).toBe('image/gif');
    const bytes = new Uint8Array(await image.image.arrayBuffer());
    expect(String.fromCharCode(...bytes.slice(0, 6))).toBe('GIF89a');
  });

  it('takes only the image formats the library takes from data: addresses', () => {
    expect(imageOfDataUrl(`data:image/gif;base64,${GIF}`)?.size).toBe(37);
    expect(imageOfDataUrl('data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=')).toBeNull();
    expect(imageOfDataUrl('data:text/html;base64,PGI+aGk8L2I+')).toBeNull();
    expect(pastedHtml('<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">').images).toEqual([]);
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

function paste(view: EditorView, data: Record<string, string>, files: File[] = []): boolean {
  const event = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent;
  Object.defineProperty(event, 'clipboardData', { value: { getData: (type: string) => data[type] ?? '', files } });
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

  it('offers the images of a paste to the photo library with the line they were pasted on', () => {
    const onImages = vi.fn<(images: PastedImage[], line: number) => void>();
    const doc = '# One\n\nText.\n\n# Two\n\n';
    const view = new EditorView({
      parent: document.body,
      state: EditorState.create({ doc, selection: { anchor: doc.length }, extensions: pasteAsMarkdown({ onIssueText: vi.fn(), onImages }) }),
    });
    // A screenshot: an image file and no text. Nothing goes into the text.
    const shot = new File([new Uint8Array([137, 80, 78, 71])], 'image.png', { type: 'image/png' });
    expect(paste(view, {}, [shot])).toBe(true);
    expect(view.state.doc.toString()).toBe(doc);
    expect(onImages).toHaveBeenLastCalledWith([{ kind: 'bytes', image: shot, alt: '' }], 7);

    // A web page's paragraph with a picture: the text goes in, the picture as a link.
    paste(view, { 'text/html': '<p>Aid arrived.</p><img src="https://example.org/aid.jpg" alt="Trucks">', 'text/plain': 'Aid arrived.' });
    expect(view.state.doc.toString()).toBe(`${doc}Aid arrived.\n\n[Image: Trucks](https://example.org/aid.jpg)`);
    expect(onImages).toHaveBeenLastCalledWith([{ kind: 'web', url: 'https://example.org/aid.jpg', alt: 'Trucks' }], 7);

    // A file that is no image is not offered.
    onImages.mockClear();
    paste(view, { 'text/plain': ' notes' }, [new File(['x'], 'notes.txt', { type: 'text/plain' })]);
    expect(view.state.doc.toString()).toMatch(/ notes$/);
    expect(onImages).not.toHaveBeenCalled();
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
