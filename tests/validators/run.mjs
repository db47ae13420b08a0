#!/usr/bin/env node
// The output validators: public tools nobody on the project wrote, run on what the
// real command line exports.
//
//   node run.mjs --newsflash PATH [--artifacts DIR]   export the test issues with
//       the newsflash binary at PATH into a temporary folder, then check them
//   node run.mjs [--artifacts DIR] EXPORT_DIR...      check folders exported before
//       (each one issue's .html, .email.html, .txt, .eml and optionally .md)
//
// Checks: the Nu HTML Checker on web page and email, axe-core in Chromium on both
// in light and dark mode at 600 and 375 px with screenshots (overflow, image aspect
// ratios), caniemail data on the email, mailparser on the .eml, and the plain-text
// and file-name rules. Prints the findings per validator and exits 1 when any
// check fails. Screenshots go to tests/artifacts/validators/ unless --artifacts.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { checkInBrowser } from './lib/browser.mjs';
import { checkWithCaniemail } from './lib/caniemail.mjs';
import { checkEml } from './lib/eml.mjs';
import { exportTestIssues, exportedFiles, issueFacts } from './lib/export.mjs';
import { EMAIL_EXCEPTIONS, checkWithNu } from './lib/nu.mjs';
import { Report } from './lib/report.mjs';
import { checkEmailSize } from './lib/size.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

function parseArgs(argv) {
  const options = { newsflash: null, artifacts: path.join(repoRoot, 'tests/artifacts/validators'), dirs: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--newsflash') options.newsflash = argv[++i];
    else if (arg === '--artifacts') options.artifacts = path.resolve(argv[++i]);
    else if (arg === '-h' || arg === '--help') {
      console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 16).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg} (see --help)`);
    else options.dirs.push(path.resolve(arg));
  }
  if (!options.newsflash && options.dirs.length === 0) throw new Error('give --newsflash PATH or export folders (see --help)');
  return options;
}

/** The publication settings the .eml is compared with (content/newsroom.toml). */
function publicationSettings() {
  const text = fs.readFileSync(path.join(repoRoot, 'content/newsroom.toml'), 'utf8');
  const value = (key) => JSON.parse(text.match(new RegExp(`^${key}\\s*=\\s*(".*")\\s*$`, 'm'))?.[1] ?? '""');
  // The .eml's visible unsubscribe link: the https:// address when there is one.
  const addresses = value('unsubscribeAddress').split(/[\s,]+/).filter(Boolean);
  const emlUnsubscribe = addresses.find((a) => a.startsWith('https://')) ?? addresses[0] ?? '';
  // The email's unsubscribe link: the mailing tool's merge tag (the unsubscribeUrl
  // setting for "other"), which the .eml replaces with the real address.
  const tags = { listmonk: '{{ UnsubscribeURL }}', mailchimp: '*|UNSUB|*', buttondown: '{{ unsubscribe_url }}', sendy: '[unsubscribe]', none: emlUnsubscribe };
  const unsubscribeUrl = tags[value('mailingTool') || 'other'] ?? value('unsubscribeUrl');
  return {
    senderName: value('senderName'),
    senderEmail: value('senderEmail'),
    webBaseUrl: value('webBaseUrl'),
    unsubscribeUrl,
    emlUnsubscribe,
  };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  let workDir = null;
  let dirs = options.dirs;
  if (options.newsflash) {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsflash-validators-'));
    dirs = exportTestIssues({ newsflash: path.resolve(options.newsflash), repoRoot, workDir }).map((e) => e.dir);
  }
  const exports = dirs.map((dir) => {
    const files = exportedFiles(dir);
    const facts = issueFacts(files.md);
    return { name: facts.number ? `issue ${facts.number}` : path.basename(dir), dir, files, facts };
  });
  const publication = publicationSettings();
  const report = new Report();
  const step = (name) => console.log(`-- ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  try {
    console.log(`Checking ${exports.length} exported issues: ${exports.map((e) => e.name).join(', ')}`);
    step('Nu HTML Checker');
    const nuUsed = checkWithNu(exports, report);
    // On the whole set of test issues, an exception nothing needs any more goes.
    if (options.newsflash) {
      report.check('Nu: every email exception is still needed (else remove it from lib/nu.mjs)',
        EMAIL_EXCEPTIONS.filter((e) => !nuUsed.has(e.id)).map((e) => e.id));
    }
    step('caniemail');
    checkWithCaniemail(exports, (file) => fs.readFileSync(file, 'utf8'), report, { checkStale: Boolean(options.newsflash) });
    step('email size');
    for (const e of exports) checkEmailSize(e, report);
    step('mailparser, plain text, file names');
    for (const e of exports) await checkEml({ ...e, publication }, report);
    step('axe-core and screenshots in Chromium');
    await checkInBrowser(exports, options.artifacts, report);
    step('done');
  } finally {
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  }
  report.print();
  console.log(`Screenshots: ${path.relative(process.cwd(), options.artifacts) || '.'}`);
  process.exitCode = report.ok ? 0 : 1;
}

main().catch((error) => {
  console.error(`validators: ${error.message}`);
  process.exitCode = 1;
});
