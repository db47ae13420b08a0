// Remote images in the preview. An image from another site is fetched when the
// preview shows it, which tells that site the editor's address and when she opened
// the issue (a tracking pixel pasted from a newsletter does exactly that). So the
// preview loads none unless she asks, issue by issue.
//
// The block is a Content-Security-Policy of the preview document's own, put first in
// its head: it adds to the window's policy (an iframe must satisfy both), covers every
// way a page can ask for an image (src, srcset, CSS url(), background attributes), and
// changes nothing else of the page.

/** What the preview document may load images from when remote images are blocked:
 * pictures inside the page (data:) and the newsroom's own photo files. */
export const LOCAL_IMAGES_POLICY =
  "img-src data: asset: http://asset.localhost; media-src 'none'; font-src data:";

const POLICY_META = `<meta http-equiv="Content-Security-Policy" content="${LOCAL_IMAGES_POLICY}">`;

/** `html` with a policy that lets it load no image from the network. */
export function withoutRemoteImages(html: string): string {
  const head = /<head(?:\s[^>]*)?>/i.exec(html);
  if (head !== null) {
    const at = head.index + head[0].length;
    return html.slice(0, at) + POLICY_META + html.slice(at);
  }
  // No head (a fragment): a meta before the content still comes first.
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  const at = doctype === null ? 0 : doctype[0].length;
  return html.slice(0, at) + POLICY_META + html.slice(at);
}

const REMOTE_ADDRESS = /^\s*(?:https?:)?\/\//i;

/** How many images of `html` would come from another site (an `<img>` whose src or
 * srcset is an http(s) or protocol-relative address), leaving out those `shownLocally`
 * says the preview shows from the newsroom's own files. */
export function countRemoteImages(html: string, shownLocally: (src: string) => boolean = () => false): number {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  let count = 0;
  for (const image of Array.from(doc.querySelectorAll('img'))) {
    const src = image.getAttribute('src') ?? '';
    const srcset = image.getAttribute('srcset') ?? '';
    if (shownLocally(src)) continue;
    if (REMOTE_ADDRESS.test(src) || srcset.split(',').some((item) => REMOTE_ADDRESS.test(item))) count += 1;
  }
  return count;
}

const STORAGE_KEY = 'newsflash.remote-images';

/** The issues whose remote images the editor chose to see, remembered in this
 * window's storage (per newsroom: `scope` is its path). */
export class RemoteImageChoices {
  readonly #storage: Storage | null;
  readonly #key: string;

  constructor(scope: string, storage: Storage | null = globalThis.localStorage ?? null) {
    this.#storage = storage;
    this.#key = `${STORAGE_KEY}:${scope}`;
  }

  allowed(issue: number): boolean {
    return this.#read().includes(issue);
  }

  allow(issue: number, yes: boolean): void {
    const issues = this.#read().filter((n) => n !== issue);
    if (yes) issues.push(issue);
    try {
      this.#storage?.setItem(this.#key, JSON.stringify(issues));
    } catch {
      // Storage full or disabled: the choice lasts until the window closes.
    }
  }

  #read(): number[] {
    try {
      const value: unknown = JSON.parse(this.#storage?.getItem(this.#key) ?? '[]');
      return Array.isArray(value) ? value.filter((n): n is number => typeof n === 'number') : [];
    } catch {
      return [];
    }
  }
}
