import { render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import Preview from './Preview.svelte';
import { LOCAL_IMAGES_POLICY, withoutRemoteImages } from '../remote-images';

const page = `<!doctype html><html><body>
  <h2 id="later">Later</h2>
  <p><a id="web" href="https://example.org/story">story</a>
  <a id="mail" href="mailto:desk@example.org">write</a>
  <a id="jump" href="#later">jump</a></p>
</body></html>`;

describe('Preview', () => {
  it('is a sandboxed iframe without scripts', () => {
    render(Preview, { html: page, error: null, documentKey: 1, onOpenLink: () => {} });
    const frame = screen.getByTestId('preview');
    expect(frame.tagName).toBe('IFRAME');
    expect(frame.getAttribute('sandbox')).toBe('allow-same-origin');
    expect(frame.getAttribute('title')).toBe('Preview');
    expect(frame.getAttribute('srcdoc')).toBe(withoutRemoteImages(page));
  });

  it('shows the error above the last good page', () => {
    render(Preview, { html: page, error: 'The template broke.', documentKey: 1, onOpenLink: () => {} });
    expect(screen.getByRole('status').textContent).toContain('The template broke.');
    expect(screen.getByTestId('preview').getAttribute('srcdoc')).toBe(withoutRemoteImages(page));
  });

  it('hands link clicks to onOpenLink instead of navigating', async () => {
    const onOpenLink = vi.fn();
    render(Preview, { html: page, error: null, documentKey: 1, onOpenLink });
    const frame = screen.getByTestId('preview') as HTMLIFrameElement;
    // The component listens from the load event on; this listener runs right after its.
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const doc = frame.contentDocument!;

    const click = (id: string) => {
      const event = new (doc.defaultView as unknown as typeof globalThis).MouseEvent('click', {
        bubbles: true,
        cancelable: true,
      });
      doc.getElementById(id)!.dispatchEvent(event);
      return event;
    };

    expect(click('web').defaultPrevented).toBe(true);
    expect(click('mail').defaultPrevented).toBe(true);
    expect(click('jump').defaultPrevented).toBe(true);
    expect(onOpenLink.mock.calls).toEqual([['https://example.org/story'], ['mailto:desk@example.org']]);
  });

  it('shows the newsroom\'s own copy of photos without changing the page', async () => {
    const file = `${'ab'.repeat(32)}.jpg`;
    const withPhoto = `<!doctype html><html><body>
      <img id="lead" src="https://news.example.org/photos/${file}" alt="Ash">
      <img id="other" src="https://elsewhere.example.org/x.jpg" alt="Other"></body></html>`;
    render(Preview, {
      html: withPhoto,
      error: null,
      documentKey: 1,
      onOpenLink: () => {},
      localPhoto: (name: string) => `http://asset.localhost/assets/${name}`,
    });
    const frame = screen.getByTestId('preview') as HTMLIFrameElement;
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const doc = frame.contentDocument!;
    expect(doc.getElementById('lead')!.getAttribute('src')).toBe(`http://asset.localhost/assets/${file}`);
    expect(doc.getElementById('other')!.getAttribute('src')).toBe('https://elsewhere.example.org/x.jpg');
    expect(frame.getAttribute('srcdoc')).toBe(withoutRemoteImages(withPhoto));
  });

  it('loads no image from another site until the editor asks, then the page as it is', async () => {
    const tracked = `<!doctype html><html><head></head><body><p>Hi</p>
      <img src="https://tracker.example/pixel.gif" alt=""></body></html>`;
    const onAllowRemoteImages = vi.fn();
    const view = render(Preview, {
      html: tracked,
      error: null,
      documentKey: 1,
      onOpenLink: () => {},
      onAllowRemoteImages,
    });
    const frame = screen.getByTestId('preview') as HTMLIFrameElement;
    expect(frame.getAttribute('srcdoc')).toContain('http-equiv="Content-Security-Policy"');
    const bar = screen.getByTestId('remote-images');
    expect(bar.textContent).toContain('1 image comes from other sites');
    screen.getByRole('button', { name: 'Show remote images in this issue' }).click();
    expect(onAllowRemoteImages).toHaveBeenCalledOnce();

    await view.rerender({ html: tracked, error: null, documentKey: 1, onOpenLink: () => {}, allowRemoteImages: true });
    expect(screen.getByTestId('preview').getAttribute('srcdoc')).toBe(tracked);
    expect(screen.queryByTestId('remote-images')).toBeNull();
  });
});

describe('Preview keeping up', () => {
  const pageWith = (paragraph: string) =>
    `<!doctype html><html><head><style>p { color: black; } @media (prefers-color-scheme: dark) { p { color: white; } }</style></head><body><main><h1>Storm</h1><p id="first">${paragraph}</p><p id="second">unchanged</p></main></body></html>`;

  it('changes only the live document for a newer page, without reloading', async () => {
    const { rerender } = render(Preview, { html: pageWith('a'), error: null, documentKey: 1, onOpenLink: () => {} });
    const frame = screen.getByTestId('preview') as HTMLIFrameElement;
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const doc = frame.contentDocument!;
    const second = doc.getElementById('second');
    await rerender({ html: pageWith('ab') });
    // Put in after the next frame, so that the keystroke paints first.
    await waitFor(() => expect(doc.getElementById('first')!.textContent).toBe('ab'));
    expect(frame.contentDocument).toBe(doc);
    // What did not change is the very same node.
    expect(doc.getElementById('second')).toBe(second);
    expect(frame.getAttribute('srcdoc')).toBe(withoutRemoteImages(pageWith('a')));
  });

  it('loads afresh when another issue is shown', async () => {
    const { rerender } = render(Preview, { html: pageWith('a'), error: null, documentKey: 1, onOpenLink: () => {} });
    const frame = screen.getByTestId('preview') as HTMLIFrameElement;
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    await rerender({ html: pageWith('other issue'), documentKey: 2 });
    expect(frame.getAttribute('srcdoc')).toBe(withoutRemoteImages(pageWith('other issue')));
  });

  it('shows the page in dark mode when asked, whatever the computer is set to', async () => {
    render(Preview, { html: pageWith('a'), error: null, documentKey: 1, onOpenLink: () => {}, scheme: 'dark' });
    const frame = screen.getByTestId('preview') as HTMLIFrameElement;
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const css = frame.contentDocument!.querySelector('style')!.textContent;
    expect(css).toContain('@media (min-width: 0px)');
    expect(css).not.toContain('prefers-color-scheme');
    // The page as exported is untouched.
    expect(frame.getAttribute('srcdoc')).toBe(withoutRemoteImages(pageWith('a')));
  });

  it('keeps the remote-image policy of the live document when a newer page is patched in', async () => {
    const { rerender } = render(Preview, { html: pageWith('a'), error: null, documentKey: 1, onOpenLink: () => {} });
    const frame = screen.getByTestId('preview') as HTMLIFrameElement;
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const doc = frame.contentDocument!;
    await rerender({ html: pageWith('a <img src="https://tracker.example/pixel.gif" alt="">') });
    // Patched in place (after the next frame), not reloaded: the document that has the
    // policy shows the image's tag.
    await waitFor(() => expect(doc.querySelector('img')?.getAttribute('src')).toBe('https://tracker.example/pixel.gif'));
    expect(frame.contentDocument).toBe(doc);
    expect(doc.head.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toBe(
      LOCAL_IMAGES_POLICY,
    );
    expect(screen.getByTestId('remote-images').textContent).toContain('1 image comes from other sites');
  });

  it('loads the page afresh, without the policy, once remote images are allowed', async () => {
    const { rerender } = render(Preview, { html: pageWith('a'), error: null, documentKey: 1, onOpenLink: () => {} });
    const frame = screen.getByTestId('preview') as HTMLIFrameElement;
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    await rerender({ allowRemoteImages: true });
    expect(frame.getAttribute('srcdoc')).toBe(pageWith('a'));
  });

  it('gives a 600 px email its own width, scaled into a narrower pane', () => {
    render(Preview, { html: pageWith('a'), error: null, documentKey: 1, onOpenLink: () => {}, pageWidth: 640 });
    const frame = screen.getByTestId('preview') as HTMLIFrameElement;
    expect(frame.style.width).toBe('640px');
  });
});
