// The W3C Nu HTML Checker (vnu.jar from the vnu-jar package, run with the system's
// Java: never the package's own Java downloader) on every web page and email, in
// one JVM for all files. Errors and warnings both fail, except the few that the
// email's Outlook markup needs, each named and explained below. The web page has
// no exceptions at all.

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const VNU_JAR = require.resolve('vnu-jar/build/dist/vnu.jar');

// A mailing tool's merge tag as a whole attribute value: {{ unsubscribe_url }}
// (Liquid/Handlebars: Buttondown, Brevo, listmonk), *|UNSUB|* (Mailchimp),
// [unsubscribe] or [[UNSUB_LINK_EN]] (Sendy, Mailjet), <%asm_group_unsubscribe_raw_url%>
// or %unsubscribe_url% (SendGrid, Mailgun).
const MERGE_TAG = /^(\{\{[^{}]+\}\}|\*\|[A-Z0-9_:]+\|\*|\[\[?[A-Za-z0-9_]+\]?\]|<%[a-z0-9_]+%>|%[a-z0-9_]+%)$/;

/**
 * What the email may be told by Nu and why. Each applies only to the email, and
 * only to the message it names.
 */
export const EMAIL_EXCEPTIONS = [
  {
    id: 'outlook-namespaces',
    why: 'mrml declares the VML (xmlns:v) and Office (xmlns:o) namespaces on <html>: Outlook for Windows (Word) needs them for the <o:OfficeDocumentSettings> block in the head\'s MSO conditional comment (PNG support, 96 dpi). HTML syntax has no namespaces, so Nu reports the attributes.',
    matches: (m) => m.type === 'error' && /^Attribute “xmlns:[vo]” not allowed here\.$/.test(m.message),
  },
  {
    id: 'outlook-mso-css',
    why: 'mso-* properties are read only by Outlook for Windows: mso-table-lspace/rspace remove the gaps Word adds beside every table, mso-line-height-rule makes line heights exact, mso-hide hides the preheader. Nu\'s CSS checker knows only standard properties; every other client ignores these.',
    matches: (m) => m.type === 'error' && /^CSS: “mso-[a-z-]+”: Property “mso-[a-z-]+” doesn't exist\.$/.test(m.message),
  },
  {
    id: 'outlook-table-attributes',
    why: 'Layout tables carry width, border, cellpadding, cellspacing, align and bgcolor as HTML attributes because Outlook for Windows ignores the CSS equivalents (max-width, padding on tables, margin:auto); Nu warns that these attributes are obsolete.',
    matches: (m) =>
      m.type === 'info' &&
      m.subType === 'warning' &&
      /^The “(width|height|border|cellpadding|cellspacing|align|bgcolor|valign)” attribute on the “(table|td)” element is obsolete\./.test(m.message),
  },
  {
    id: 'merge-tag-href',
    why: 'The unsubscribe link\'s address is the mailing tool\'s merge tag, which the tool replaces with each reader\'s own address before sending (EMAIL-NOTES rule 14); as written it is not a URL.',
    matches: (m) => {
      if (m.type !== 'error') return false;
      const value = m.message.match(/^Bad value “(.+)” for attribute “href” on element “a”: /);
      return Boolean(value && MERGE_TAG.test(value[1]));
    },
  },
];

/** Runs Nu once on all `files` (one JVM) and returns its JSON report. */
function runNu(files) {
  // --exit-zero-always: findings are judged here, not by vnu's exit code. The JSON
  // report goes to stderr.
  const result = spawnSync('java', ['-jar', VNU_JAR, '--format', 'json', '--exit-zero-always', ...files], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`java could not run vnu.jar: ${result.error.message}; install a Java 17 runtime (./x installs openjdk-17-jre-headless)`);
  if (result.status !== 0) throw new Error(`vnu.jar exited with ${result.status}: ${result.stderr.slice(0, 500)}`);
  return JSON.parse(result.stderr);
}

/**
 * Checks every page of `exports` (`[{ name, files }]`) with Nu, counting errors and
 * warnings for web and email and the exceptions used.
 */
export function checkWithNu(exports, report) {
  const byFile = new Map();
  const kinds = new Map();
  for (const { name, files } of exports) {
    for (const kind of ['web', 'email']) {
      byFile.set(files[kind], []);
      kinds.set(files[kind], { name, kind });
    }
  }
  let json;
  try {
    json = runNu([...byFile.keys()]);
  } catch (error) {
    report.check('Nu HTML Checker runs', [String(error.message).slice(0, 500)]);
    return new Set();
  }
  for (const message of json.messages) {
    const file = decodeURIComponent(String(message.url ?? '').replace(/^file:/, ''));
    if (!byFile.has(file)) {
      report.check('Nu HTML Checker runs', [`a message about an unknown file: ${JSON.stringify(message)}`]);
      continue;
    }
    byFile.get(file).push(message);
  }
  const used = new Set();
  for (const [file, messages] of byFile) {
    const { name, kind } = kinds.get(file);
    const problems = [];
    for (const message of messages) {
      const severity = message.type === 'error' || message.type === 'non-document-error' ? 'errors' : message.subType === 'warning' ? 'warnings' : null;
      if (!severity) continue; // plain "info" messages are not findings
      report.count('Nu HTML Checker', `${kind} ${severity}`);
      const exception = kind === 'email' ? EMAIL_EXCEPTIONS.find((e) => e.matches(message)) : undefined;
      if (exception) {
        used.add(exception.id);
        report.count('Nu HTML Checker', `${kind} ${severity} accepted (${exception.id})`);
        continue;
      }
      const where = message.lastLine ? `line ${message.lastLine}:${message.firstColumn ?? message.lastColumn}` : '';
      problems.push(`${severity.slice(0, -1)} ${where}: ${message.message} [${(message.extract ?? '').replace(/\s+/g, ' ').slice(0, 90)}]`);
    }
    report.check(`Nu: ${name} ${kind} (${file.split('/').pop()})`, problems);
  }
  return used;
}
