// mjml + juice on Node: the pipeline most newsletter tools use, timed on the same
// MJML file as our mrml + css-inline pipeline (see the `publishing` bench of
// newsflash-core). Usage: node bench.mjs FILE.mjml
// Prints one line of JSON: {"p50": ms, "p95": ms, "bytes": output size}.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import mjml2html from 'mjml';
import juice from 'juice';

const WARMUPS = 20;
const RUNS = 200;

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench.mjs FILE.mjml');
  process.exit(2);
}
const mjml = readFileSync(file, 'utf8');

// As our pipeline is configured: no web fonts, comments kept, nothing minified;
// juice keeps @media (dark mode) and other at-rules in the head, like css-inline's
// keep_at_rules, and sets width/height attributes like apply_*_attributes.
const mjmlOptions = { fonts: {}, keepComments: true, minify: false, beautify: false, validationLevel: 'soft' };
const juiceOptions = {
  applyWidthAttributes: true,
  applyHeightAttributes: true,
  preserveMediaQueries: true,
  preserveFontFaces: true,
  preserveKeyFrames: true,
  preserveImportant: true,
  removeStyleTags: true,
};

async function once() {
  const result = await mjml2html(mjml, mjmlOptions); // a Promise in mjml 5
  if (result.errors && result.errors.length) {
    throw new Error('mjml: ' + JSON.stringify(result.errors.slice(0, 3)));
  }
  return juice(result.html, juiceOptions).replaceAll('&apos;', '&#39;');
}

let html = '';
for (let i = 0; i < WARMUPS; i++) html = await once();
const samples = [];
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  html = await once();
  samples.push(performance.now() - start);
}
samples.sort((a, b) => a - b);
const pct = (p) => samples[Math.min(samples.length - 1, Math.max(0, Math.ceil((samples.length * p) / 100) - 1))];
console.log(JSON.stringify({ p50: pct(50), p95: pct(95), bytes: Buffer.byteLength(html) }));
