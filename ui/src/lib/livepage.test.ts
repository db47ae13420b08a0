import { describe, expect, it } from 'vitest';
import { cssForScheme, parsePage, patchPage } from './livepage';

const page = (body: string, head = '<title>t</title>') => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

function live(html: string): Document {
  return parsePage(html);
}

describe('patchPage', () => {
  it('replaces only the changed paragraph, deep inside the page', () => {
    const old = page('<table><tr><td><div><h1>A</h1><p>one</p><p>two</p></div></td></tr></table>');
    const next = page('<table><tr><td><div><h1>A</h1><p>one!</p><p>two</p></div></td></tr></table>');
    const doc = live(old);
    const kept = doc.querySelectorAll('p')[1];
    const table = doc.querySelector('table');
    const inserted: string[] = [];
    expect(patchPage(doc, parsePage(old), parsePage(next), (node) => inserted.push(node.textContent ?? ''))).toBe(true);
    expect(doc.body.innerHTML).toBe(parsePage(next).body.innerHTML);
    expect(doc.querySelectorAll('p')[1]).toBe(kept);
    expect(doc.querySelector('table')).toBe(table);
    expect(inserted).toEqual(['one!']);
  });

  it('adds and removes paragraphs', () => {
    const steps = [
      page('<main><p>a</p></main>'),
      page('<main><p>a</p><p>b</p><p>c</p></main>'),
      page('<main><p>c</p></main>'),
      page('<main></main><footer>f</footer>'),
    ];
    const doc = live(steps[0]!);
    for (let index = 1; index < steps.length; index++) {
      expect(patchPage(doc, parsePage(steps[index - 1]!), parsePage(steps[index]!), () => {})).toBe(true);
      expect(doc.body.innerHTML).toBe(parsePage(steps[index]!).body.innerHTML);
    }
  });

  it('keeps what the preview changed itself in parts that did not change', () => {
    const old = page('<img src="remote.jpg"><p>a</p>');
    const next = page('<img src="remote.jpg"><p>ab</p>');
    const doc = live(old);
    doc.querySelector('img')!.setAttribute('src', 'local.jpg');
    patchPage(doc, parsePage(old), parsePage(next), () => {});
    expect(doc.querySelector('img')!.getAttribute('src')).toBe('local.jpg');
    expect(doc.querySelector('p')!.textContent).toBe('ab');
  });

  it('refuses when the head changed, so that the page is loaded afresh', () => {
    const old = page('<p>a</p>', '<title>one</title>');
    const next = page('<p>a</p>', '<title>two</title>');
    const doc = live(old);
    expect(patchPage(doc, parsePage(old), parsePage(next), () => {})).toBe(false);
    expect(doc.title).toBe('one');
  });
});

describe('cssForScheme', () => {
  const css = '@media (prefers-color-scheme: dark) { body { color: white } } @media ( prefers-color-scheme : light ) { body { color: black } }';

  it('makes the dark rules apply and the light ones not, for dark', () => {
    expect(cssForScheme(css, 'dark')).toBe(
      '@media (min-width: 0px) { body { color: white } } @media (max-width: 0px) { body { color: black } }',
    );
  });

  it('and the other way round for light', () => {
    expect(cssForScheme(css, 'light')).toBe(
      '@media (max-width: 0px) { body { color: white } } @media (min-width: 0px) { body { color: black } }',
    );
  });
});
