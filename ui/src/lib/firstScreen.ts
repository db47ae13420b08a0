// The window's first screen: what it keeps of itself as it closes, and the screen
// public/first-screen.js showed at start, taken away once the live window has drawn
// itself. See that script for why.

/** The global first-screen.js leaves its state in. */
export const FIRST_SCREEN_STATE = '__NEWSFLASH_FIRST_SCREEN_STATE__';

interface State {
  /** This build of the UI (first-screen.js): a screen is shown by the build that kept it only. */
  build: string;
  /** Whether a kept screen is on show. */
  shown: boolean;
}

/** What is kept: first-screen.js reads it back. */
export interface KeptScreen {
  build: string;
  /** The data-* attributes of <html> (theme, platform). */
  root: Record<string, string>;
  /** The style rules made at run time (CodeMirror's), which the style sheet has not. */
  css: string;
  /** The markup inside #app, scroll positions marked, form fields' values written in. */
  html: string;
}

type Global = Record<string, unknown>;

function stateOf(global: Global): State | null {
  const state = global[FIRST_SCREEN_STATE];
  if (typeof state !== 'object' || state === null) return null;
  const { build, shown } = state as Partial<State>;
  return typeof build === 'string' && typeof shown === 'boolean' ? { build, shown } : null;
}

/** Whether first-screen.js is showing a kept screen. */
export function firstScreenShown(global: Global = globalThis as Global): boolean {
  return stateOf(global)?.shown === true;
}

/** Takes the kept screen away (the live window is drawn, or will not be). */
export function dismissFirstScreen(doc: Document = document, global: Global = globalThis as Global): void {
  doc.getElementById('first-screen')?.remove();
  const state = global[FIRST_SCREEN_STATE];
  if (typeof state === 'object' && state !== null) (state as State).shown = false;
}

/**
 * Resolves once what is on screen now has been painted: the task after an animation
 * frame runs after that frame. A window not drawn at all (hidden) gets no frames, so
 * it waits at most `longest` ms.
 */
export function afterNextPaint(longest = 100): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, longest);
    requestAnimationFrame(() => {
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0);
    });
  });
}

/** The text of the run-time style sheets of `doc` (CodeMirror's <style> elements). */
function runTimeStyles(doc: Document): string {
  // Optional: not every DOM (happy-dom in tests) has adopted style sheets.
  const sheets: CSSStyleSheet[] = Array.from((doc.adoptedStyleSheets as CSSStyleSheet[] | undefined) ?? []);
  for (const element of doc.head.querySelectorAll('style')) {
    if (element.sheet !== null) sheets.push(element.sheet);
  }
  const rules: string[] = [];
  for (const sheet of sheets) {
    for (const rule of sheet.cssRules) rules.push(rule.cssText);
  }
  return rules.join('\n');
}

/**
 * Copies into `copy` what the markup of `original` leaves out: scroll positions and
 * the values of form fields. An iframe keeps its place and loses its page: loading
 * the preview's page would hold up the start it is meant to shorten.
 */
function writeInState(original: Element, copy: Element): void {
  const originals = [original, ...original.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  originals.forEach((element, index) => {
    const copied = copies[index];
    if (copied === undefined) return;
    if (element.scrollTop !== 0 || element.scrollLeft !== 0) {
      copied.setAttribute('data-first-screen-scroll', `${element.scrollTop} ${element.scrollLeft}`);
    }
    // By tag, not instanceof: a document made elsewhere (a test's) has its own classes.
    switch (element.tagName) {
      case 'TEXTAREA':
        copied.textContent = (element as HTMLTextAreaElement).value;
        break;
      case 'INPUT': {
        const input = element as HTMLInputElement;
        if (input.type === 'checkbox' || input.type === 'radio') copied.toggleAttribute('checked', input.checked);
        else copied.setAttribute('value', input.value);
        break;
      }
      case 'SELECT': {
        const chosen = (element as HTMLSelectElement).selectedIndex;
        copied.querySelectorAll('option').forEach((option, at) => option.toggleAttribute('selected', at === chosen));
        break;
      }
      case 'IFRAME':
        copied.removeAttribute('srcdoc');
        copied.removeAttribute('src');
        break;
    }
  });
}

/**
 * The window as it looks now, for first-screen.js to show at the next start; null
 * outside the app (no build to tie it to) or with nothing in #app.
 */
export function captureFirstScreen(doc: Document = document, global: Global = globalThis as Global): string | null {
  const state = stateOf(global);
  const app = doc.getElementById('app');
  if (state === null || app === null || app.childElementCount === 0) return null;
  const copy = app.cloneNode(true) as Element;
  writeInState(app, copy);
  // A dialog, the palette or a menu open as the window ends is not there at start.
  copy.querySelectorAll('[role=dialog], [role=menu]').forEach((element) => element.remove());
  const root: Record<string, string> = {};
  for (const attribute of doc.documentElement.attributes) {
    if (attribute.name.startsWith('data-')) root[attribute.name] = attribute.value;
  }
  const kept: KeptScreen = { build: state.build, root, css: runTimeStyles(doc), html: copy.innerHTML };
  return JSON.stringify(kept);
}
