// The email's weight: Gmail clips a message whose HTML passes ~102 KB and hides the
// rest behind "View entire message" (reports of clipping at 99 KB exist), so the
// email must stay under 99,000 bytes; then nothing of it, Sources lines and photo
// credits included, can be clipped.

import fs from 'node:fs';

export const CLIP_BYTES = 99_000;

export function checkEmailSize({ name, files }, report) {
  const bytes = fs.statSync(files.email).size;
  const html = fs.readFileSync(files.email, 'utf8');
  const styleBytes = [...html.matchAll(/ style="([^"]*)"/g)].reduce((sum, m) => sum + Buffer.byteLength(m[0]), 0);
  report.count('email size', `${name} bytes`, bytes);
  report.count('email size', `${name} inline style bytes`, styleBytes);
  report.check(`size: ${name} email is under ${CLIP_BYTES} bytes (Gmail's clip)`, bytes < CLIP_BYTES ? [] : [`${bytes} bytes`]);
}
