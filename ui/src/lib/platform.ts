// Which desktop the window runs on, read from the webview's user agent (WebKitGTK on
// Linux, WKWebView on macOS, WebView2 on Windows). It is set as data-platform on the
// root element before the first layout, and app.css picks each platform's fonts by it.

export type Platform = 'linux' | 'macos' | 'windows' | 'other';

export function platformOf(userAgent: string): Platform {
  if (userAgent.includes('Windows')) return 'windows';
  if (userAgent.includes('Macintosh') || userAgent.includes('Mac OS X')) return 'macos';
  if (/Linux|X11|BSD/.test(userAgent)) return 'linux';
  return 'other';
}

/** Marks the root element with the platform, for the styles that differ by it. */
export function markPlatform(root: HTMLElement = document.documentElement, userAgent = navigator.userAgent): void {
  root.dataset['platform'] = platformOf(userAgent);
}
