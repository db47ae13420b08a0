// Pasting from a browser or a word processor: the HTML on the clipboard becomes
// Markdown (turndown), so headings, emphasis, links and lists survive and no markup
// is pasted as text. A plain-text paste that looks like a whole published issue is
// offered to the paste import.

import { EditorView } from '@codemirror/view';
import TurndownService from 'turndown';

let service: TurndownService | null = null;

function turndown(): TurndownService {
  if (service !== null) return service;
  service = new TurndownService({
    headingStyle: 'atx',
    bulletListMarker: '-',
    emDelimiter: '*',
    strongDelimiter: '**',
    codeBlockStyle: 'fenced',
    hr: '---',
  });
  service.remove(['style', 'script', 'meta', 'title', 'link', 'noscript', 'iframe', 'object']);
  // Images pasted from elsewhere point at files or data the issue cannot use: only
  // web images stay, as Markdown images the preflight can check.
  service.addRule('web-images-only', {
    filter: 'img',
    replacement: (_content, node) => {
      const image = node as HTMLImageElement;
      const src = image.getAttribute('src') ?? '';
      return /^https?:\/\//i.test(src) ? `![${(image.getAttribute('alt') ?? '').replace(/[[\]]/g, '')}](${src})` : '';
    },
  });
  // Word wraps every paragraph's text in spans and marks empty ones with <o:p>.
  service.addRule('office-markup', { filter: (node) => node.nodeName.toLowerCase() === 'o:p', replacement: () => '' });
  return service;
}

/** The Markdown for pasted HTML. */
export function htmlToMarkdown(html: string): string {
  // Word and LibreOffice put the fragment in a whole document: its body is what was
  // copied. DOMParser's document is inert (nothing in it runs or loads).
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  return turndown()
    .turndown(body)
    .replace(/\u00a0/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Whether pasted plain text reads like a whole published issue (a Sources line and length). */
export function looksLikePublishedIssue(text: string): boolean {
  const words = text.split(/\s+/).filter(Boolean).length;
  return words >= 80 && /^\s*Sources?\s*:/im.test(text) && !/^#\s/m.test(text);
}

export interface PasteOptions {
  /** A plain-text paste that looks like a published issue: offer to import it. */
  onIssueText: (text: string) => void;
}

/** The paste handling of the editor. */
export function pasteAsMarkdown(options: PasteOptions) {
  return EditorView.domEventHandlers({
    paste(event, view) {
      const data = event.clipboardData;
      if (!data) return false;
      const html = data.getData('text/html');
      const text = data.getData('text/plain');
      if (html.trim() !== '') {
        const markdown = htmlToMarkdown(html);
        if (markdown === '' && text === '') return false;
        event.preventDefault();
        view.dispatch(view.state.replaceSelection(markdown || text), { userEvent: 'input.paste', scrollIntoView: true });
        return true;
      }
      if (looksLikePublishedIssue(text)) options.onIssueText(text);
      return false;
    },
  });
}
