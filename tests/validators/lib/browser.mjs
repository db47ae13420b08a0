// Headless Chromium (Debian's /usr/bin/chromium through playwright-core): every web
// page and email at 600 px (a desktop mail client's reading pane) and 375 px (a
// phone, with its viewport meta honoured), each in light and dark mode
// (prefers-color-scheme, as Apple Mail and the Outlook apps apply it):
//   - axe-core, all its default rules (WCAG 2 A/AA, colour contrast, best
//     practices): no violations;
//   - no horizontal overflow, every image loaded, and drawn at its own aspect
//     ratio (±2 %);
//   - a screenshot of each in the artifacts folder, for people to look at.
// Nothing is fetched from the network: the page and its photos come from the
// export folder (photos linked under the publication's web address included);
// any other request is refused and fails the check.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const CHROMIUM = '/usr/bin/chromium';
const ORIGIN = 'http://export.test';
const ASPECT_TOLERANCE = 0.02;

export const WIDTHS = [600, 375];

/**
 * axe rules whose violations the email may have, and why: they run and are
 * counted, but do not fail. Nothing else, and nothing at all for the web page.
 */
export const EMAIL_AXE_EXCEPTIONS = {
  // An email is shown inside the mail client's own page, which has the main
  // landmark; the message itself is one role="article" region (mrml's wrapper,
  // aria-roledescription="email", as email accessibility practice has it). A main
  // landmark in the message would make two in the client's page.
  'landmark-one-main': 'the mail client\'s page has the main landmark; the email is one article within it',
  region: 'the whole email is one role="article" region inside the mail client\'s page',
};
export const SCHEMES = ['light', 'dark'];

/** What the page reports about its layout and images. */
function measure() {
  const width = window.innerWidth;
  const images = Array.from(document.images).map((img) => {
    const box = img.getBoundingClientRect();
    return {
      src: img.getAttribute('src'),
      alt: img.getAttribute('alt'),
      loaded: img.complete && img.naturalWidth > 0,
      naturalWidth: img.naturalWidth,
      naturalHeight: img.naturalHeight,
      width: box.width,
      height: box.height,
      right: box.right,
    };
  });
  const sticking = Array.from(document.body.querySelectorAll('*'))
    .filter((el) => el.getBoundingClientRect().right > width + 0.5)
    .filter((el) => !el.closest('[style*="display:none"], [style*="display: none"]'))
    .slice(0, 5)
    .map((el) => `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''} ends at ${Math.round(el.getBoundingClientRect().right)} px`);
  return { innerWidth: width, scrollWidth: document.documentElement.scrollWidth, images, sticking };
}

export async function startBrowser() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install the chromium package (./x test does)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The flags that Debian's Chromium needs here (TAURI-NOTES.md, "Browser tests");
    // Playwright adds --headless and a fresh --user-data-dir itself. No host name
    // resolves, so nothing can reach the network even if a route were missed.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND',
    ],
  });
}

/** Serves `file` and the export's photos; refuses every other request. */
async function serveExport(page, dir, file, refused) {
  const photos = path.join(dir, 'photos');
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    let local = null;
    if (url.origin === ORIGIN) {
      local = path.join(dir, decodeURIComponent(url.pathname));
    } else if (url.pathname.includes('/photos/')) {
      // A photo linked under the publication's web address: the export's copy.
      local = path.join(photos, path.basename(decodeURIComponent(url.pathname)));
    }
    if (local && local.startsWith(dir) && fs.existsSync(local) && fs.statSync(local).isFile()) {
      await route.fulfill({ path: local });
    } else {
      refused.push(url.href);
      await route.abort();
    }
  });
  return `${ORIGIN}/${encodeURIComponent(path.basename(file))}`;
}

/**
 * Opens `file` (in export folder `dir`) at `width` in `scheme`, runs axe, measures
 * and saves a screenshot as `shot`. Returns { violations, measured, refused }.
 */
async function inspect(browser, { dir, file, width, scheme, shot }) {
  const phone = width < 500;
  const context = await browser.newContext({
    viewport: { width, height: phone ? 812 : 900 },
    deviceScaleFactor: 1,
    isMobile: phone,
    hasTouch: phone,
    colorScheme: scheme,
    javaScriptEnabled: true,
  });
  try {
    const page = await context.newPage();
    const refused = [];
    const url = await serveExport(page, dir, file, refused);
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(() => Promise.all(Array.from(document.images).map((img) => (img.complete ? null : new Promise((r) => { img.onload = img.onerror = r; })))));
    const measured = await page.evaluate(measure);
    await page.screenshot({ path: shot, fullPage: true });
    await page.evaluate(AXE_SOURCE);
    const axe = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    return { violations: axe.violations, measured, refused };
  } finally {
    await context.close();
  }
}

function layoutProblems(measured, width) {
  const problems = [];
  if (measured.innerWidth !== width) problems.push(`the window is ${measured.innerWidth} px wide, not ${width}`);
  if (measured.scrollWidth > width) problems.push(`horizontal scrolling: the page is ${measured.scrollWidth} px wide (${measured.sticking.join('; ')})`);
  for (const img of measured.images) {
    if (!img.loaded) {
      problems.push(`image did not load: ${img.src}`);
      continue;
    }
    if (!img.alt || !img.alt.trim()) problems.push(`image without alt text: ${img.src}`);
    const natural = img.naturalWidth / img.naturalHeight;
    const drawn = img.width / img.height;
    if (!(Math.abs(drawn / natural - 1) <= ASPECT_TOLERANCE)) {
      problems.push(`image distorted: ${path.basename(img.src)} is ${img.naturalWidth}×${img.naturalHeight} (${natural.toFixed(3)}) but drawn ${Math.round(img.width)}×${Math.round(img.height)} (${drawn.toFixed(3)})`);
    }
    if (img.right > width + 0.5) problems.push(`image wider than the window: ${path.basename(img.src)} ends at ${Math.round(img.right)} px`);
  }
  return problems;
}

/** Runs axe and the screenshot checks on the web page and email of every export. */
export async function checkInBrowser(exports, artifacts, report) {
  fs.mkdirSync(artifacts, { recursive: true });
  const browser = await startBrowser();
  try {
    for (const { name, dir, files } of exports) {
      const slug = path.basename(dir);
      for (const kind of ['web', 'email']) {
        for (const scheme of SCHEMES) {
          for (const width of WIDTHS) {
            const shot = path.join(artifacts, `${slug}-${kind}-${width}-${scheme}.png`);
            const { violations: all, measured, refused } = await inspect(browser, { dir, file: files[kind], width, scheme, shot });
            const nodes = all.reduce((sum, v) => sum + v.nodes.length, 0);
            report.count('axe-core', `${kind} ${scheme} violations`, nodes);
            const accepted = kind === 'email' ? all.filter((v) => v.id in EMAIL_AXE_EXCEPTIONS) : [];
            for (const v of accepted) report.count('axe-core', `${kind} ${scheme} accepted (${v.id})`, v.nodes.length);
            const violations = all.filter((v) => !accepted.includes(v));
            report.check(
              `axe: ${name} ${kind} ${scheme} at ${width} px`,
              violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.failureSummary?.split('\n').slice(1).join(' ').trim()} [${n.target.join(' ')}] ${n.html.slice(0, 80)}`)),
            );
            const problems = layoutProblems(measured, width);
            if (measured.images.length !== files.photos.length) problems.push(`${measured.images.length} images on the page, ${files.photos.length} photos in the export`);
            problems.push(...refused.map((href) => `loads from outside the export: ${href}`));
            report.count('screenshots', 'pages', 1);
            report.count('screenshots', 'images checked', measured.images.length);
            report.count('screenshots', 'problems', problems.length);
            report.check(`screenshot: ${name} ${kind} ${scheme} at ${width} px (overflow, image ratios)`, problems);
          }
        }
      }
    }
  } finally {
    await browser.close();
  }
}
