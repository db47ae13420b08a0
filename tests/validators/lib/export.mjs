// Makes the files the validators judge with the real command line: a temporary
// newsroom seeded from content/ (the sample issue), the test issues of
// tests/fixtures/issues/ added as bundles (each a folder: issue file, sources.csv,
// photos.toml, photos/) or as issue files (.md), the published issue pasted as
// text, then every issue exported as web page, email, plain text, .eml and its
// interchange file.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const FORMATS = ['web', 'email', 'text', 'eml', 'md'];

function run(newsflash, args) {
  try {
    return execFileSync(newsflash, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(`newsflash ${args.join(' ')} failed: ${(error.stderr || error.message).trim()}`);
  }
}

/**
 * Exports every test issue into `workDir/<number>/` and returns
 * `[{ name, dir }]`, one per issue, in number order.
 */
export function exportTestIssues({ newsflash, repoRoot, workDir }) {
  const newsroom = path.join(workDir, 'newsroom.db');
  const at = ['--newsroom', newsroom];
  run(newsflash, [...at, 'init']);

  const issuesDir = path.join(repoRoot, 'tests/fixtures/issues');
  for (const entry of fs.readdirSync(issuesDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(issuesDir, entry.name);
    if (entry.isDirectory()) run(newsflash, [...at, 'bundle', 'import', full]);
    else if (entry.name.endsWith('.md')) run(newsflash, [...at, 'import', full]);
  }
  // A real published issue, pasted as text: long, many articles, no photo.
  run(newsflash, [...at, 'import-text', path.join(repoRoot, 'tests/fixtures/newsflash-sample-issue.txt')]);

  const numbers = run(newsflash, [...at, 'issues', 'list'])
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0])
    .filter((word) => /^\d+$/.test(word))
    .map(Number)
    .sort((a, b) => a - b);
  if (numbers.length < 3) throw new Error(`expected the sample issue and at least two test issues, the newsroom has ${numbers.length}`);

  return numbers.map((number) => {
    const dir = path.join(workDir, String(number).padStart(3, '0'));
    fs.mkdirSync(dir);
    const formats = FORMATS.flatMap((format) => ['--format', format]);
    // --force: a test issue may have preflight warnings or errors on purpose; the
    // validators judge what the export writes either way.
    run(newsflash, [...at, 'export', String(number), ...formats, '--out', dir, '--force']);
    return { name: `issue ${number}`, dir };
  });
}

/** The files of one export folder, by kind. */
export function exportedFiles(dir) {
  const names = fs.readdirSync(dir);
  const one = (predicate, what) => {
    const found = names.filter(predicate);
    if (found.length !== 1) throw new Error(`${dir}: expected one ${what}, found ${found.length} (${found.join(', ')})`);
    return path.join(dir, found[0]);
  };
  const optional = (predicate) => {
    const found = names.filter(predicate);
    return found.length === 1 ? path.join(dir, found[0]) : null;
  };
  return {
    web: one((n) => n.endsWith('.html') && !n.endsWith('.email.html'), 'web page (.html)'),
    email: one((n) => n.endsWith('.email.html'), 'email (.email.html)'),
    text: one((n) => n.endsWith('.txt'), 'plain text (.txt)'),
    eml: one((n) => n.endsWith('.eml'), 'message (.eml)'),
    md: optional((n) => n.endsWith('.md')),
    photos: fs.existsSync(path.join(dir, 'photos')) ? fs.readdirSync(path.join(dir, 'photos')) : [],
  };
}

/** The front matter fields the checks compare with (title, date), from the .md. */
export function issueFacts(mdPath) {
  if (!mdPath) return {};
  const text = fs.readFileSync(mdPath, 'utf8');
  const front = text.split(/^\+\+\+\s*$/m)[1] ?? '';
  const field = (name) => {
    const match = front.match(new RegExp(`^${name}\\s*=\\s*(.+)$`, 'm'));
    if (!match) return undefined;
    const value = match[1].trim();
    return value.startsWith('"') ? JSON.parse(value) : value;
  };
  return { title: field('title'), date: field('date'), number: Number(field('number')) };
}
