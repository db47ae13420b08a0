import { describe, expect, it } from 'vitest';
import { markPlatform, platformOf } from './platform';

// The user agents of the three webviews as they introduce themselves.
const WEBKITGTK = 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko)';
const WKWEBVIEW = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';
const WEBVIEW2 =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0';

describe('platformOf', () => {
  it('tells the three webviews apart', () => {
    expect(platformOf(WEBKITGTK)).toBe('linux');
    expect(platformOf(WKWEBVIEW)).toBe('macos');
    expect(platformOf(WEBVIEW2)).toBe('windows');
  });

  it('takes the BSDs for Linux (WebKitGTK there too) and anything else for other', () => {
    expect(platformOf('Mozilla/5.0 (X11; FreeBSD amd64) AppleWebKit/605.1.15')).toBe('linux');
    expect(platformOf('')).toBe('other');
  });
});

describe('markPlatform', () => {
  it('sets data-platform on the element', () => {
    const root = document.createElement('html');
    markPlatform(root, WEBKITGTK);
    expect(root.dataset['platform']).toBe('linux');
  });
});
