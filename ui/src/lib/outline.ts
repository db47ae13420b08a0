// Where the editor is in the outline, and how lengths read.

import type { Outline } from './api';

/** The article and section (if in one) that `line` is in. */
export interface OutlinePlace {
  article: number;
  section: number | null;
}

/** The place of `line` (1-based) in `outline`: the last heading at or above it. */
export function placeOf(outline: Outline, line: number): OutlinePlace | null {
  let place: OutlinePlace | null = null;
  outline.articles.forEach((article, index) => {
    if (article.line > line) return;
    place = { article: index, section: null };
    article.sections.forEach((section, sectionIndex) => {
      if (section.line <= line) place = { article: index, section: sectionIndex };
    });
  });
  return place;
}

const NUMBER = new Intl.NumberFormat('en-GB');

/** "1 word", "5,012 words". */
export function wordsLabel(words: number): string {
  return `${NUMBER.format(words)} ${words === 1 ? 'word' : 'words'}`;
}

/** "under a minute", "1 min", "22 min". */
export function readingLabel(minutes: number): string {
  return minutes <= 0 ? 'no reading' : `${minutes} min read`;
}
