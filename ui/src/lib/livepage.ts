// Keeps the preview's live document in step with the newest page without reloading
// it: only the parts of the body that changed are replaced. A reload on every
// keystroke would cost a new document (style, layout, images) each time, reset the
// scroll position and flash; a keystroke changes one paragraph.
//
// The page arrives as text, is parsed into an inert document (DOMParser: nothing in
// it runs or loads), compared with the previous page, and the changed nodes are
// imported into the live document, which belongs to the sandboxed iframe without
// scripts. The live document may differ from the pages in attributes the preview
// sets itself (local photos, a forced colour scheme), so pages are compared with each
// other, never with the live document.

/** The page `html` as an inert document. */
export function parsePage(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

function same(a: Node, b: Node): boolean {
  if (a.nodeType !== b.nodeType) return false;
  if (a.nodeType === Node.ELEMENT_NODE) return (a as Element).outerHTML === (b as Element).outerHTML;
  return a.nodeValue === b.nodeValue;
}

function sameShell(a: Node, b: Node): boolean {
  if (a.nodeType !== Node.ELEMENT_NODE || b.nodeType !== Node.ELEMENT_NODE) return false;
  const x = a as Element;
  const y = b as Element;
  if (x.tagName !== y.tagName || x.attributes.length !== y.attributes.length) return false;
  for (const attribute of Array.from(x.attributes)) {
    if (y.getAttribute(attribute.name) !== attribute.value) return false;
  }
  return true;
}

/**
 * Makes `live` (whose children mirror `old`'s) show `next`'s children, touching only
 * what differs: the common start and end stay, one changed element with the same tag
 * and attributes is patched inside, anything else in between is replaced.
 */
function patchChildren(live: Node, old: Node, next: Node, onInserted: (node: Node) => void): void {
  const liveNodes = Array.from(live.childNodes);
  const oldNodes = Array.from(old.childNodes);
  const nextNodes = Array.from(next.childNodes);
  if (liveNodes.length !== oldNodes.length) {
    // Out of step (should not happen): start this level over.
    replaceRange(live, liveNodes, nextNodes, onInserted);
    return;
  }
  let start = 0;
  while (start < oldNodes.length && start < nextNodes.length && same(oldNodes[start]!, nextNodes[start]!)) start++;
  let oldEnd = oldNodes.length;
  let nextEnd = nextNodes.length;
  while (oldEnd > start && nextEnd > start && same(oldNodes[oldEnd - 1]!, nextNodes[nextEnd - 1]!)) {
    oldEnd--;
    nextEnd--;
  }
  if (oldEnd - start === 1 && nextEnd - start === 1 && sameShell(oldNodes[start]!, nextNodes[start]!)) {
    patchChildren(liveNodes[start]!, oldNodes[start]!, nextNodes[start]!, onInserted);
    return;
  }
  const doc = live.ownerDocument ?? (live as Document);
  const before = liveNodes[oldEnd] ?? null;
  for (const node of liveNodes.slice(start, oldEnd)) live.removeChild(node);
  for (const node of nextNodes.slice(start, nextEnd)) {
    const imported = doc.importNode(node, true);
    live.insertBefore(imported, before);
    onInserted(imported);
  }
}

function replaceRange(live: Node, remove: Node[], insert: Node[], onInserted: (node: Node) => void): void {
  const doc = live.ownerDocument ?? (live as Document);
  for (const node of remove) live.removeChild(node);
  for (const node of insert) {
    const imported = doc.importNode(node, true);
    live.appendChild(imported);
    onInserted(imported);
  }
}

/**
 * Updates `live` from page `old` to page `next` in place. Returns false, changing
 * nothing, when the heads differ (other styles or title): then the page is reloaded.
 * `onInserted` sees every node put into the live document, to adjust it.
 */
export function patchPage(live: Document, old: Document, next: Document, onInserted: (node: Node) => void): boolean {
  if (old.head.outerHTML !== next.head.outerHTML || !sameShell(old.body, next.body)) return false;
  patchChildren(live.body, old.body, next.body, onInserted);
  return true;
}

export type ColourScheme = 'light' | 'dark';

const COLOUR_SCHEME_QUERY = /\(\s*prefers-color-scheme\s*:\s*(light|dark)\s*\)/gi;

/**
 * The style sheet `css` as a reader set to `scheme` sees it: each
 * `(prefers-color-scheme: …)` condition made always true or always false, whatever
 * this computer's own setting is.
 */
export function cssForScheme(css: string, scheme: ColourScheme): string {
  return css.replace(COLOUR_SCHEME_QUERY, (_match, wanted: string) =>
    wanted.toLowerCase() === scheme ? '(min-width: 0px)' : '(max-width: 0px)',
  );
}

/** Shows the live document `doc` in `scheme` (its style elements rewritten). */
export function forceColourScheme(doc: Document, scheme: ColourScheme): void {
  for (const style of Array.from(doc.querySelectorAll('style'))) {
    const css = style.textContent ?? '';
    const forced = cssForScheme(css, scheme);
    if (forced !== css) style.textContent = forced;
  }
  doc.documentElement.style.colorScheme = scheme;
}
