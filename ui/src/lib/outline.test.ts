import { describe, expect, it } from 'vitest';
import type { Outline } from './api';
import { placeOf, readingLabel, wordsLabel } from './outline';

const outline: Outline = {
  words: 640,
  readingMinutes: 3,
  articles: [
    { headline: 'First', line: 1, words: 140, readingMinutes: 1, sections: [{ heading: 'A', line: 5, words: 100 }] },
    {
      headline: 'Second',
      line: 20,
      words: 500,
      readingMinutes: 3,
      sections: [
        { heading: 'B', line: 24, words: 200 },
        { heading: 'C', line: 30, words: 200 },
      ],
    },
  ],
};

describe('placeOf', () => {
  it('is the last article and section at or above the line', () => {
    expect(placeOf(outline, 1)).toEqual({ article: 0, section: null });
    expect(placeOf(outline, 7)).toEqual({ article: 0, section: 0 });
    expect(placeOf(outline, 22)).toEqual({ article: 1, section: null });
    expect(placeOf(outline, 31)).toEqual({ article: 1, section: 1 });
  });

  it('is nowhere above the first heading', () => {
    expect(placeOf({ ...outline, articles: [{ ...outline.articles[0]!, line: 3 }] }, 1)).toBeNull();
  });
});

describe('labels', () => {
  it('count words and minutes', () => {
    expect(wordsLabel(1)).toBe('1 word');
    expect(wordsLabel(5012)).toBe('5,012 words');
    expect(readingLabel(22)).toBe('22 min read');
  });
});
