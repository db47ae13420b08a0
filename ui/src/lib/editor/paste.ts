// Pasting from a browser or a word processor: the HTML on the clipboard becomes
// Markdown (turndown), so headings, emphasis, links and lists survive and no markup
// is pasted as text. A plain-text paste that looks like a whole published issue is
// offered to the paste import.
//
// Images never go into the text as they were pasted: a photo in an issue comes from
// the photo library, with its credit and alt text. An image from another site
// becomes a link to it (an image would be fetched from that site by every reader),
// an image pasted itself (a copied picture, a screenshot, a data: image in a word
// processor's HTML) is held for the photo form; both are offered to the editor.

import { EditorView } from '@codemirror/view';
import TurndownService from 'turndown';

/** An image that came with a paste, offered to the photo library. */
export type PastedImage =
  /** An image on another site (the text has a link to it instead). */
  | { kind: 'web'; url: string; alt: string }
  /** An image whose bytes came with the paste. */
  | { kind: 'bytes'; image: Blob; alt: string };

/** What a paste of HTML puts in the text, and the images it had. */
export interface PastedHtml {
  markdown: string;
  images: PastedImage[];
}

/** The image in a `data:` address, if it is one of the formats the library takes. */
export function imageOfDataUrl(url: string): Blob | null {
  const match = /^data:(image\/(?:png|jpeg|gif|webp));base64,([a-z0-9+/=\s]+)$/i.exec(url.trim());
  if (match === null) return null;
  try {
    const binary = atob(match[2]!.replace(/\s+/g, ''));
    const bytes = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
    return new Blob([bytes], { type: match[1]!.toLowerCase() });
  } catch {
    return null;
  }
}

const altOf = (image: Element) => (image.getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim();

function turndown(images: PastedImage[]): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    bulletListMarker: '-',
    emDelimiter: '*',
    strongDelimiter: '**',
    codeBlockStyle: 'fenced',
    hr: '---',
  });
  service.remove(['style', 'script', 'meta', 'title', 'link', 'noscript', 'iframe', 'object']);
  // A web image stays where it was as a link to it; an image with its bytes is held
  // for the photo form; the rest (files on another computer) means nothing here.
  service.addRule('images-to-the-library', {
    filter: 'img',
    replacement: (_content, node) => {
      const image = node as HTMLImageElement;
      const src = (image.getAttribute('src') ?? '').trim();
      const alt = altOf(image);
      if (/^https?:\/\//i.test(src)) {
        images.push({ kind: 'web', url: src, alt });
        return `[Image${alt === '' ? '' : `: ${alt.replace(/[[\]]/g, '')}`}](${src.replace(/[()\s]/g, encodeURIComponent)})`;
      }
      const bytes = imageOfDataUrl(src);
      if (bytes !== null) images.push({ kind: 'bytes', image: bytes, alt });
      return '';
    },
  });
  // Word wraps every paragraph's text in spans and marks empty ones with <o:p>.
  service.addRule('office-markup', { filter: (node) => node.nodeName.toLowerCase() === 'o:p', replacement: () => '' });
  return service;
}

/** The Markdown for pasted HTML, and the images it had. */
export function pastedHtml(html: string): PastedHtml {
  // Word and LibreOffice put the fragment in a whole document: its body is what was
  // copied. DOMParser's document is inert (nothing in it runs or loads).
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  const images: PastedImage[] = [];
  const markdown = turndown(images)
    .turndown(body)
    .replace(/\u00a0/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { markdown, images };
}

/** The Markdown for pasted HTML. */
export function htmlToMarkdown(html: string): string {
  return pastedHtml(html).markdown;
}

/** The image files on the clipboard (a copied picture, a screenshot). */
export function clipboardImages(data: DataTransfer): Blob[] {
  return Array.from(data.files ?? []).filter((file) => /^image\/(png|jpeg|gif|webp)$/i.test(file.type));
}

/** Whether pasted plain text reads like a whole published issue (a Sources line and length). */
export function looksLikePublishedIssue(text: string): boolean {
  const words = text.split(/\s+/).filter(Boolean).length;
  return words >= 80 && /^\s*Sources?\s*:/im.test(text) && !/^#\s/m.test(text);
}

export interface PasteOptions {
  /** A plain-text paste that looks like a published issue: offer to import it. */
  onIssueText: (text: string) => void;
  /** A paste had images: offer them to the photo library. `line` is where it went in (1-based). */
  onImages?: (images: PastedImage[], line: number) => void;
}

/** The paste handling of the editor. */
export function pasteAsMarkdown(options: PasteOptions) {
  return EditorView.domEventHandlers({
    paste(event, view) {
      const data = event.clipboardData;
      if (!data) return false;
      const html = data.getData('text/html');
      const text = data.getData('text/plain');
      const pasted = html.trim() === '' ? null : pastedHtml(html);
      // A picture itself (a copied image, a screenshot) first: the photo form wants its bytes.
      const files: PastedImage[] = clipboardImages(data).map((image) => ({ kind: 'bytes', image, alt: '' }));
      const images = [...files, ...(pasted?.images ?? [])];
      if (images.length > 0) {
        options.onImages?.(images, view.state.doc.lineAt(view.state.selection.main.from).number);
      }
      if (pasted !== null && (pasted.markdown !== '' || text !== '')) {
        event.preventDefault();
        view.dispatch(view.state.replaceSelection(pasted.markdown || text), { userEvent: 'input.paste', scrollIntoView: true });
        return true;
      }
      if (images.length > 0 && text.trim() === '') {
        // Only images: nothing goes into the text until one has its credit.
        event.preventDefault();
        return true;
      }
      if (pasted === null && looksLikePublishedIssue(text)) options.onIssueText(text);
      return false;
    },
  });
}
