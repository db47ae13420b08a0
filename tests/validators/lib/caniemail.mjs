// caniemail data (@jsx-email/doiuse-email) on the email HTML.
//
// Which clients: the families where a newsletter's readers are: Apple Mail,
// Gmail, Outlook (Windows, the Windows Mail app, macOS, iOS, Android), Yahoo and
// AOL (one webmail), Samsung Email (Android's default and a dark-mode client),
// Thunderbird, and the privacy-minded webmails Proton Mail and Fastmail. Not
// linted: Orange, SFR and La Poste (French ISP webmails), Mail.ru and HEY, which
// have few readers outside their home markets and whose caniemail entries are the
// least tested.
//
// What is accepted: every "not supported" finding must be listed below for its
// feature AND client, with the reason the email still reads well there; every
// "partially supported" finding must be listed for its feature, with the reason
// the caniemail note does not apply to how the email uses it. Anything else fails,
// and so does an acceptance that none of the test issues needs any more (the list
// stays honest).

import { doIUseEmail } from '@jsx-email/doiuse-email';

export const LINTED_CLIENTS = [
  'apple-mail.macos',
  'apple-mail.ios',
  'gmail.desktop-webmail',
  'gmail.ios',
  'gmail.android',
  'gmail.mobile-webmail',
  'outlook.windows',
  'outlook.windows-mail',
  'outlook.macos',
  'outlook.ios',
  'outlook.android',
  'yahoo.desktop-webmail',
  'yahoo.ios',
  'yahoo.android',
  'aol.desktop-webmail',
  'aol.ios',
  'aol.android',
  'samsung-email.android',
  'thunderbird.macos',
  'protonmail.desktop-webmail',
  'protonmail.ios',
  'protonmail.android',
  'fastmail.desktop-webmail',
];

const NO_STYLE_ELEMENT = ['gmail.mobile-webmail', 'protonmail.desktop-webmail', 'protonmail.ios'];

/** "Not supported" findings the email lives with: feature, clients, why. */
export const ACCEPTED_UNSUPPORTED = [
  {
    feature: '@media',
    clients: ['gmail.mobile-webmail', 'outlook.windows', 'outlook.windows-mail', 'thunderbird.macos'],
    why: 'The media queries add only the phone layout and dark mode. Without them the column is fluid up to 600 px (max-width, and fixed 600 px tables in the MSO conditional comments for Outlook for Windows) and the colours stay light: still readable.',
  },
  {
    feature: 'Attribute selector',
    clients: ['gmail.mobile-webmail', 'outlook.windows', 'outlook.windows-mail', 'protonmail.android', 'protonmail.desktop-webmail', 'protonmail.ios'],
    why: 'Only the [data-ogsc]/[data-ogsb] rules use attribute selectors, and only Outlook.com ever sets those attributes; other clients skip rules that cannot match.',
  },
  ...['Class selector', 'Descendant combinator', 'Type selector', 'ID selector'].map((feature) => ({
    feature,
    clients: NO_STYLE_ELEMENT,
    why: 'These clients drop the <style> element altogether. Everything needed to read the email is inlined; the <style> element only adds the phone layout and dark mode.',
  })),
  {
    feature: '<body> element',
    clients: ['aol.android', 'aol.ios', 'fastmail.desktop-webmail', 'outlook.android', 'outlook.ios', 'outlook.macos', 'protonmail.android', 'protonmail.desktop-webmail', 'protonmail.ios', 'yahoo.android', 'yahoo.ios'],
    why: 'Clients replace <body> with their own wrapper; its background colour and margins are repeated on mrml\'s full-width wrapper div (class "page"), which they keep.',
  },
  {
    feature: 'word-spacing',
    clients: ['aol.android', 'outlook.windows', 'outlook.windows-mail', 'yahoo.android'],
    why: 'mrml sets word-spacing:normal on <body>, which is what these clients do anyway.',
  },
  {
    feature: 'display:none',
    clients: ['gmail.mobile-webmail'],
    why: 'The hidden preheader (mrml\'s mj-preview) is hidden five ways at once: display:none, max-height:0, max-width:0, overflow:hidden and opacity:0; each client honours at least one, and the preheader is meant to be read in the inbox anyway.',
  },
  {
    feature: 'opacity',
    clients: ['aol.android', 'aol.desktop-webmail', 'aol.ios', 'gmail.mobile-webmail', 'outlook.windows', 'outlook.windows-mail', 'yahoo.android', 'yahoo.desktop-webmail', 'yahoo.ios'],
    why: 'Used only by the hidden preheader, which display:none and max-height:0 hide in these clients.',
  },
  {
    feature: 'overflow',
    clients: ['outlook.android', 'outlook.windows', 'outlook.windows-mail', 'yahoo.android'],
    why: 'Used only by the hidden preheader, which display:none hides in these clients.',
  },
  {
    feature: 'aria-label attribute',
    clients: ['aol.android', 'aol.desktop-webmail', 'aol.ios', 'outlook.windows-mail', 'thunderbird.macos', 'yahoo.android', 'yahoo.desktop-webmail', 'yahoo.ios'],
    why: 'mrml names the role="article" wrapper with the issue\'s title; where the label is dropped, screen readers still reach the same title as the <title> and the first heading.',
  },
  {
    feature: 'role attribute',
    clients: ['outlook.windows-mail'],
    why: 'role="presentation" on layout tables; where it is dropped, screen readers announce a one-cell table, and the content reads in order.',
  },
  {
    feature: 'word-break',
    clients: ['aol.android', 'aol.desktop-webmail', 'aol.ios', 'outlook.windows-mail', 'yahoo.android', 'yahoo.desktop-webmail', 'yahoo.ios'],
    why: 'mrml\'s break-word on text cells only matters for a word longer than the column (a bare long URL); there it may widen the column on a phone in these clients. The link still works.',
  },
  {
    feature: 'outline',
    clients: ['outlook.windows', 'outlook.windows-mail'],
    why: 'outline:none on images (mrml\'s reset) removes a focus ring these clients never draw.',
  },
  {
    feature: 'text-decoration',
    clients: ['protonmail.ios'],
    why: 'text-decoration:none on images (mrml\'s reset); links keep the client\'s own underline.',
  },
];

/** "Partially supported" findings: feature, and why the limits do not bite. */
export const ACCEPTED_PARTIAL = [
  { feature: '@media', why: 'Only min-width/max-width (screen) and prefers-color-scheme queries, never nested, height-based or orientation queries; where they are ignored, see @media above.' },
  { feature: '!important keyword', why: 'Only in the <style> element (dark mode, phone layout), never inline, in lowercase with a space before it.' },
  { feature: 'Attribute selector', why: 'Only [data-ogsc]/[data-ogsb], used by Outlook.com alone; elsewhere they match nothing.' },
  { feature: 'Class selector', why: 'Not supported with non-Google accounts in the Gmail apps, which then drop the <style> element: everything needed is inline.' },
  { feature: 'Descendant combinator', why: 'As for class selectors: only in the <style> element, which adds dark mode and the phone layout.' },
  { feature: 'Type selector', why: 'As for class selectors: only in the <style> element, which adds dark mode and the phone layout.' },
  { feature: 'ID selector', why: 'Only mrml\'s reset rule #outlook a (link padding in old Outlook.com), in the shared <style> element.' },
  { feature: 'dir attribute', why: 'dir="auto" on the wrapper and <html>; no links carry dir, and a left-to-right publication is not flipped by Gmail\'s right-to-left detection unless it quotes a right-to-left language, which still reads.' },
  { feature: 'lang attribute', why: 'lang is on <html> and the wrapper div, never on <td>.' },
  { feature: '<body> element', why: 'Replaced by a <div>: the wrapper div repeats the body\'s background colour.' },
  { feature: 'margin', why: 'No negative or auto margins, none on <span> or <body>; margins sit on paragraphs, headings, blockquotes and tables without a background of their own.' },
  { feature: 'padding', why: 'Outlook for Windows pads only table cells: the columns\' padding is on cells (mrml); the blockquote\'s 16 px indent is lost there, its quotation marks remain.' },
  { feature: 'word-spacing', why: 'Only word-spacing:normal, no rem or ch values.' },
  { feature: 'display', why: 'Only display:block (images, paragraphs) and display:none (preheader), no flex, grid or two-value syntax; images are never hidden.' },
  { feature: 'display:none', why: 'Only on the preheader div, which holds no table and no image.' },
  { feature: 'font-size', why: 'Only px values, never rem, percentages or relative sizes.' },
  { feature: 'line-height', why: 'px line heights; Outlook for Windows may space lines a little more ("at least"), never less.' },
  { feature: 'max-width', why: 'On the column divs and images; Outlook for Windows, which ignores it there, gets fixed widths from the MSO conditional tables and the width attributes.' },
  { feature: 'overflow', why: 'Only on the hidden preheader, which nobody scrolls.' },
  { feature: 'role attribute', why: 'role="presentation" is on tables, where it works; role="article" on the wrapper div is lost in Yahoo and AOL without harm.' },
  { feature: 'background', why: 'Only single background colours (mrml writes them as background and background-color), no images, lists or sizes.' },
  { feature: 'align attribute', why: 'Used for centring and left alignment of cells and tables, not to float tables left or right or to align images.' },
  { feature: 'cellpadding attribute', why: 'Always 0, as caniemail\'s own test for these clients uses it.' },
  { feature: 'cellspacing attribute', why: 'Always 0, as caniemail\'s own test for these clients uses it.' },
  { feature: 'width attribute', why: 'Pixel widths on images and cells (never percentages on images); at 120 dpi Outlook for Windows scales the whole column alike.' },
  { feature: 'height attribute', why: 'Images carry their pixel height for Outlook for Windows; other clients scale them with height:auto.' },
  { feature: 'border-collapse', why: 'collapse on layout tables with no borders, and on Markdown tables whose row lines are bottom borders of cells.' },
  { feature: 'direction', why: 'direction:ltr on mrml\'s cells, the same as the text.' },
  { feature: 'text-align', why: 'Only left, right and center, never the flow-relative start and end.' },
  { feature: 'word-break', why: 'break-word (mrml) behaves like overflow-wrap in these clients: only a word longer than the column breaks.' },
  { feature: 'letter-spacing', why: 'Only 1px on the masthead, no em or negative values.' },
  { feature: 'text-transform', why: 'Only uppercase, on the masthead.' },
  { feature: 'font-weight', why: 'Only the keyword bold.' },
  { feature: '<img> element', why: 'Proton Mail and Thunderbird load remote images on request: every image has alt text, and the caption and credit are live text.' },
  { feature: 'text-decoration', why: 'Only text-decoration:none, a single value, on images (mrml\'s reset).' },
  { feature: 'border', why: 'Only 1–3 px borders, on table cells and the blockquote (not on <p> or <div>); where Outlook drops the blockquote\'s, the quotation marks remain.' },
];

const UNSUPPORTED = /^`(.+)` is not supported by `([a-z-]+\.[a-z-]+)`$/;
const PARTIAL = /^`(.+)` is only partially supported by `([a-z-]+\.[a-z-]+)`$/;

const family = (client) => client.split('.')[0];

/** Lints each email of `exports` and records findings per client family. */
export function checkWithCaniemail(exports, html, report, { checkStale = true } = {}) {
  const usedUnsupported = new Set();
  const usedPartial = new Set();
  for (const { name, files } of exports) {
    const result = doIUseEmail(html(files.email), { emailClients: LINTED_CLIENTS });
    const problems = [];
    for (const line of result.errors ?? []) {
      const match = line.match(UNSUPPORTED);
      if (!match) {
        problems.push(`unreadable finding: ${line}`);
        continue;
      }
      const [, feature, client] = match;
      report.count('caniemail', `${family(client)} not supported`);
      const accepted = ACCEPTED_UNSUPPORTED.find((a) => a.feature === feature && a.clients.includes(client));
      if (accepted) {
        usedUnsupported.add(`${feature} ${client}`);
        report.count('caniemail', `${family(client)} not supported, accepted`);
      } else {
        problems.push(`not supported: ${feature} in ${client}`);
      }
    }
    for (const line of result.warnings ?? []) {
      const match = line.match(PARTIAL);
      if (!match) {
        problems.push(`unreadable finding: ${line}`);
        continue;
      }
      const [, feature, client] = match;
      report.count('caniemail', `${family(client)} partial`);
      const accepted = ACCEPTED_PARTIAL.find((a) => a.feature === feature);
      if (accepted) {
        usedPartial.add(feature);
        report.count('caniemail', `${family(client)} partial, accepted`);
      } else {
        const notes = (result.notes ?? []).filter((note) => note.startsWith(`Note about \`${feature}\` support for \`${client}\``));
        problems.push(`partial: ${feature} in ${client}${notes.length ? ` (${notes.map((n) => n.split(': ').slice(1).join(': ')).join(' ')})` : ''}`);
      }
    }
    report.check(`caniemail: ${name} email`, [...new Set(problems)]);
  }
  const stale = [
    ...ACCEPTED_UNSUPPORTED.flatMap((a) => a.clients.filter((c) => !usedUnsupported.has(`${a.feature} ${c}`)).map((c) => `${a.feature} in ${c}`)),
    ...ACCEPTED_PARTIAL.filter((a) => !usedPartial.has(a.feature)).map((a) => `partial ${a.feature}`),
  ];
  // Only on the whole set of test issues: one issue alone need not use everything.
  if (checkStale) report.check('caniemail: every accepted finding is still needed (else remove it from lib/caniemail.mjs)', stale);
}
