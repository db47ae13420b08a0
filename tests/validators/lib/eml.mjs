// mailparser on the .eml, and the plain-text and file-name rules of the issue.
// The .eml is sent from a mail program, which fills in no merge tags: its parts are
// the email and plain text with the mailing tool's unsubscribe link replaced by the
// real unsubscribe address, which its List-Unsubscribe headers also carry.

import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';

/** Checks one export's .eml against its email, text and front matter. */
export async function checkEml({ name, files, facts, publication }, report) {
  const raw = fs.readFileSync(files.eml);
  const mail = await simpleParser(raw);
  const email = fs.readFileSync(files.email, 'utf8');
  const text = fs.readFileSync(files.text, 'utf8');
  const problems = [];
  const contentType = mail.headers.get('content-type');
  if (contentType?.value !== 'multipart/alternative') problems.push(`Content-Type is ${contentType?.value}, not multipart/alternative`);
  if (!mail.text) problems.push('no text/plain part');
  if (!mail.html) problems.push('no text/html part');
  if (facts.title && mail.subject !== facts.title) problems.push(`Subject is ${JSON.stringify(mail.subject)}, not the issue's title ${JSON.stringify(facts.title)}`);
  const from = mail.from?.value?.[0];
  if (!from) problems.push('no From');
  else {
    if (from.address !== publication.senderEmail) problems.push(`From address ${from.address}, not ${publication.senderEmail}`);
    if (from.name !== publication.senderName) problems.push(`From name ${JSON.stringify(from.name)}, not ${JSON.stringify(publication.senderName)}`);
  }
  // The mailing tool's unsubscribe link is the real address in the .eml.
  const forMailProgram = (exported) => exported.replaceAll(publication.unsubscribeUrl, publication.emlUnsubscribe);
  const emailForEml = forMailProgram(email);
  const textForEml = forMailProgram(text);
  if (mail.html && mail.html !== emailForEml) problems.push(`the HTML part differs from ${path.basename(files.email)} with the real unsubscribe address (${mail.html.length} vs ${emailForEml.length} characters, first difference at ${firstDifference(mail.html, emailForEml)})`);
  if (mail.text && mail.text !== textForEml) problems.push(`the text part differs from ${path.basename(files.text)} with the real unsubscribe address (first difference at ${firstDifference(mail.text, textForEml)})`);
  if (!mail.messageId) problems.push('no Message-ID');
  report.count('mailparser', 'messages parsed');
  report.check(`mailparser: ${name} .eml (multipart/alternative, subject, from, parts equal to the exports)`, problems);

  // mailparser folds the List-* headers into one structured "list" header; the
  // raw lines are checked too, unfolded.
  const rawHeader = (key) => mail.headerLines.find((h) => h.key === key)?.line.replace(/\r?\n[ \t]+/g, ' ').replace(/^[^:]+:\s*/, '');
  const list = mail.headers.get('list') ?? {};
  const unsubscribe = rawHeader('list-unsubscribe');
  const unsubscribeProblems = [];
  if (!unsubscribe) unsubscribeProblems.push(`${name}: no List-Unsubscribe header`);
  else if (!/^<(https:|mailto:)[^>]+>(, <(https:|mailto:)[^>]+>)?$/.test(unsubscribe)) unsubscribeProblems.push(`${name}: List-Unsubscribe is ${JSON.stringify(unsubscribe)}`);
  else if (!list.unsubscribe?.url && !list.unsubscribe?.mail) unsubscribeProblems.push(`${name}: mailparser reads no address in List-Unsubscribe`);
  report.check(`mailparser: ${name} .eml has List-Unsubscribe with an https or mailto address`, unsubscribeProblems);
  // RFC 8058: one-click only with an https address, which receives the POST.
  const post = rawHeader('list-unsubscribe-post') ?? null;
  const postProblems = post === 'List-Unsubscribe=One-Click' ? [] : [`${name}: List-Unsubscribe-Post is ${JSON.stringify(post)}`];
  if (post && !list.unsubscribe?.url?.startsWith('https://')) postProblems.push(`${name}: List-Unsubscribe-Post without an https address in List-Unsubscribe`);
  report.check(`mailparser: ${name} .eml has List-Unsubscribe-Post: List-Unsubscribe=One-Click`, postProblems);
  // An .eml is sent from a mail program, which substitutes no merge tags.
  const tags = [...new Set([...(mail.html ?? '').matchAll(/href="(\{\{[^"]*\}\}|\*\|[^"]*\|\*)"/g)].map((m) => m[1]))];
  report.check(`mailparser: ${name} .eml links to no mailing-tool merge tag (a mail program substitutes none)`, tags.map((t) => `${name}: href="${t}"`));
  const date = mail.headers.get('date');
  const dateProblems = [];
  if (date && facts.date) {
    const day = new Date(date).toISOString().slice(0, 10);
    if (day !== facts.date) dateProblems.push(`${name}: Date is ${day} (the export's time), not the issue's date ${facts.date}`);
  }
  report.check(`mailparser: ${name} .eml's Date is absent or the issue's date`, dateProblems);

  checkText({ name, text }, report);
  checkFileNames({ name, files, facts }, report);
}

function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return `character ${i}: ${JSON.stringify(a.slice(i, i + 30))} vs ${JSON.stringify(b.slice(i, i + 30))}`;
}

/** The plain text: the signature separator and one number per link per issue. */
function checkText({ name, text }, report) {
  const lines = text.split('\n');
  report.check(`text: ${name} signature separator is "-- " (dash dash space)`,
    lines.includes('-- ') ? [] : [`${name}: separator line is ${JSON.stringify(lines.find((l) => /^--\s*$/.test(l)) ?? null)}`]);
  const numbered = lines.map((l) => l.match(/^\[(\d+)\] (\S+)$/)).filter(Boolean);
  const byNumber = new Map();
  const byUrl = new Map();
  const clashes = [];
  for (const [, number, url] of numbered) {
    if (byNumber.has(number) && byNumber.get(number) !== url) clashes.push(`${name}: [${number}] is both ${byNumber.get(number)} and ${url}`);
    if (byUrl.has(url) && byUrl.get(url) !== number) clashes.push(`${name}: ${url} is both [${byUrl.get(url)}] and [${number}]`);
    byNumber.set(number, url);
    byUrl.set(url, number);
  }
  report.count('plain text', 'numbered links', numbered.length);
  report.check(`text: ${name} links are numbered once per issue`, clashes);
}

/** Export file names keep every letter of the title (transliterated, not dropped). */
function checkFileNames({ name, files, facts }, report) {
  if (!facts.title) return;
  const stem = path.basename(files.web, '.html').replace(/^\d+-?/, '');
  const titleLetters = (facts.title.match(/[\p{L}\p{N}]/gu) ?? []).length;
  const slugLetters = (stem.match(/[a-z0-9]/g) ?? []).length;
  // Slugs are cut at 64 characters; a long title can only be checked up to there.
  const problems = slugLetters < titleLetters && stem.length < 60 ? [`${name}: "${facts.title}" became "${stem}"`] : [];
  report.check(`files: ${name} export file names keep every letter of the title`, problems);
}
