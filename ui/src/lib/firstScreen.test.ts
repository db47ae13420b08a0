// @vitest-environment-options {"happyDOM": {"settings": {"handleDisabledFileLoadingAsSuccess": true}}}
// (The pages have the assets index.html links; happy-dom does not load them.)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { afterNextPaint, captureFirstScreen, dismissFirstScreen, FIRST_SCREEN_STATE, firstScreenShown } from './firstScreen';

// Vitest runs in ui/ (package.json's folder).
const uiFile = (path: string) => readFileSync(resolve(process.cwd(), path), 'utf8');

const HEAD =
  '<script type="module" crossorigin src="./assets/boot-abc.js"></script>' +
  '<link rel="stylesheet" crossorigin href="./assets/boot-def.css">';

/** A page as index.html makes it, with `head` in its head. */
function page(head = HEAD): Document {
  const doc = document.implementation.createHTMLDocument('Newsflash Studio');
  doc.head.innerHTML = head;
  doc.body.innerHTML = '<div id="app"></div>';
  return doc;
}

type Page = Record<string, unknown> & { performance: { mark: (name: string) => void } };

/** Runs public/first-screen.js in `doc` as the page would, `window` being `global`. */
function runFirstScreen(doc: Document, global: Page): void {
  new Function('window', 'document', 'performance', uiFile('public/first-screen.js'))(global, doc, global.performance);
}

function newGlobal(kept?: string): Page {
  const global: Page = { performance: { mark: vi.fn() } };
  if (kept !== undefined) global.__NEWSFLASH_FIRST_SCREEN__ = kept;
  return global;
}

/** The window of the last session, as it looked when it closed. */
function lastSession(): { doc: Document; global: Page } {
  const doc = page();
  const global = newGlobal();
  runFirstScreen(doc, global); // no screen kept: it only notes the build
  doc.documentElement.setAttribute('data-theme', 'dark');
  doc.documentElement.setAttribute('lang', 'en');
  const style = doc.createElement('style');
  style.textContent = '.cm-line { padding: 0 4px; }';
  doc.head.append(style);
  const app = doc.getElementById('app')!;
  app.innerHTML =
    '<main class="workspace"><input class="search"><div class="cm-scroller"><div class="cm-line">Storms hit the coast</div></div>' +
    '<iframe title="Preview" srcdoc="<p>the page</p>"></iframe>' +
    '<div role="dialog">Export</div><div role="menu">Cut</div></main>';
  (app.querySelector('input') as HTMLInputElement).value = 'storm';
  return { doc, global };
}

describe('the first screen', () => {
  it('is kept with its markup, its run-time styles, the root marks and what markup leaves out', () => {
    const { doc, global } = lastSession();
    const scroller = doc.querySelector('.cm-scroller')!;
    Object.defineProperty(scroller, 'scrollTop', { value: 240 });
    const kept = JSON.parse(captureFirstScreen(doc, global)!);
    expect(kept.build).toBe('./assets/boot-abc.js ./assets/boot-def.css');
    expect(kept.root).toEqual({ 'data-theme': 'dark' });
    expect(kept.css).toContain('.cm-line');
    expect(kept.html).toContain('Storms hit the coast');
    expect(kept.html).toContain('value="storm"');
    expect(kept.html).toContain('data-first-screen-scroll="240 0"');
    expect(kept.html).not.toContain('srcdoc'); // the preview's page is not loaded at start
    expect(kept.html).not.toContain('role="dialog"'); // nor is what was open on top
    expect(kept.html).not.toContain('role="menu"');
    // What is on screen is not changed by keeping it.
    expect(doc.querySelector('iframe')!.getAttribute('srcdoc')).toBe('<p>the page</p>');
  });

  it('is shown by the next start of the same build, inert, until the live window dismisses it', () => {
    const { doc: before, global: previous } = lastSession();
    const kept = captureFirstScreen(before, previous)!;

    const doc = page();
    const global = newGlobal(kept);
    runFirstScreen(doc, global);
    const shown = doc.getElementById('first-screen')!;
    expect(shown).not.toBeNull();
    expect(shown.hasAttribute('inert')).toBe(true);
    expect(shown.getAttribute('aria-hidden')).toBe('true');
    expect(shown.textContent).toContain('Storms hit the coast');
    expect(shown.querySelector('style')!.textContent).toContain('.cm-line');
    expect((shown.querySelector('input') as HTMLInputElement).value).toBe('storm');
    expect(doc.documentElement.getAttribute('data-theme')).toBe('dark');
    expect(doc.getElementById('app')!.childElementCount).toBe(0); // the live window's place is free
    expect(global.performance.mark).toHaveBeenCalledWith('newsflash-start:first-screen');
    expect(global.__NEWSFLASH_FIRST_SCREEN__).toBeUndefined(); // handed over once
    expect(firstScreenShown(global)).toBe(true);

    dismissFirstScreen(doc, global);
    expect(doc.getElementById('first-screen')).toBeNull();
    expect(firstScreenShown(global)).toBe(false);
  });

  it('is not shown by another build, nor when it is not what a window kept', () => {
    const { doc: before, global: previous } = lastSession();
    const kept = captureFirstScreen(before, previous)!;
    const otherBuild = page('<script type="module" src="./assets/boot-new.js"></script>');
    for (const [doc, screen] of [
      [otherBuild, kept],
      [page(), '{"build": '],
      [page(), 'null'],
      [page(), JSON.stringify({ build: './assets/boot-abc.js ./assets/boot-def.css', html: 3, css: '' })],
    ] as const) {
      const global = newGlobal(screen);
      expect(() => runFirstScreen(doc, global)).not.toThrow();
      expect(doc.getElementById('first-screen')).toBeNull();
      expect(firstScreenShown(global)).toBe(false);
      expect(global.performance.mark).not.toHaveBeenCalled();
    }
  });

  it('is not kept outside the app, nor with nothing on screen', () => {
    const doc = page();
    expect(captureFirstScreen(doc, {})).toBeNull(); // first-screen.js never ran: no build
    const global = newGlobal();
    runFirstScreen(doc, global);
    expect(captureFirstScreen(doc, global)).toBeNull();
  });

  it('is put in before the modules run, and they wait for it to be painted', () => {
    const html = uiFile('index.html');
    const script = html.indexOf('<script src="./first-screen.js"></script>');
    expect(script).toBeGreaterThan(html.indexOf('<body>'));
    expect(script).toBeLessThan(html.indexOf('<div id="app">'));
    expect(html).toContain('<script type="module" src="./src/boot.ts"></script>');
    expect(uiFile('src/boot.ts')).toMatch(/if \(firstScreenShown\(\)\) await afterNextPaint\(\);\s+await import\('\.\/main'\);/);
    expect(FIRST_SCREEN_STATE).toBe('__NEWSFLASH_FIRST_SCREEN_STATE__');
    expect(uiFile('public/first-screen.js')).toContain(`window.${FIRST_SCREEN_STATE} = state;`);
  });
});

describe('afterNextPaint', () => {
  it('resolves in the task after the next animation frame', async () => {
    vi.useFakeTimers();
    try {
      let frame: FrameRequestCallback | undefined;
      vi.spyOn(globalThis, 'requestAnimationFrame').mockImplementation((callback) => {
        frame = callback;
        return 1;
      });
      let painted = false;
      void afterNextPaint(1_000).then(() => (painted = true));
      await vi.advanceTimersByTimeAsync(500);
      expect(painted).toBe(false); // no frame yet
      frame!(0);
      await vi.advanceTimersByTimeAsync(0);
      expect(painted).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not wait for a frame that never comes for long', async () => {
    vi.useFakeTimers();
    try {
      vi.spyOn(globalThis, 'requestAnimationFrame').mockImplementation(() => 1);
      let painted = false;
      void afterNextPaint(100).then(() => (painted = true));
      await vi.advanceTimersByTimeAsync(99);
      expect(painted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(painted).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
