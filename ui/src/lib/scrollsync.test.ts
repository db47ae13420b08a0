import { describe, expect, it } from 'vitest';
import {
  followEditor,
  heightOf,
  matchHeadings,
  readableHeading,
  scrollTopFor,
  textHeadings,
  underlinedHeadings,
} from './scrollsync';

describe('textHeadings', () => {
  it('finds # and ## headings with their lines, outside code', () => {
    const text = [
      '# Storm *hits* the [coast](https://x.org) [@reuters]',
      'Lead.',
      '```',
      '# not a heading',
      '```',
      '## Aid arrives ##',
      '#hashtag',
    ].join('\n');
    expect(textHeadings(text)).toEqual([
      { level: 1, line: 1, text: 'Storm hits the coast' },
      { level: 2, line: 6, text: 'Aid arrives' },
    ]);
  });

  it('reads headings as readers see them', () => {
    expect(readableHeading('**Bold** and `code`')).toBe('Bold and code');
  });
});

describe('matchHeadings', () => {
  it('pairs headings in order by their text and skips what the preview lacks', () => {
    const anchors = matchHeadings(
      [
        { level: 1, line: 1, text: 'One' },
        { level: 2, line: 5, text: 'Missing' },
        { level: 2, line: 9, text: 'Two' },
      ],
      [
        { text: 'Newsletter', y: 0 },
        { text: 'ONE', y: 100 },
        { text: 'Two', y: 400 },
      ],
    );
    expect(anchors).toEqual([
      { line: 1, y: 100, index: 1 },
      { line: 9, y: 400, index: 2 },
    ]);
  });
});

describe('heightOf', () => {
  const anchors = [
    { line: 1, y: 100 },
    { line: 11, y: 300 },
  ];
  it('places a line between the headings around it, in proportion', () => {
    expect(heightOf(6, anchors, { line: 0, y: 0 }, { line: 21, y: 500 })).toBe(200);
    expect(heightOf(16, anchors, { line: 0, y: 0 }, { line: 21, y: 500 })).toBe(400);
    expect(heightOf(21, anchors, { line: 0, y: 0 }, { line: 21, y: 500 })).toBe(500);
  });
});

describe('followEditor', () => {
  it('shows the end of the page when typing at the end of a long text', () => {
    const headings = [
      { level: 1, line: 1, text: 'First' },
      { level: 1, line: 400, text: 'Last' },
    ];
    const shown = [
      { text: 'First', y: 80, bottom: 9000 },
      { text: 'Last', y: 9000, bottom: 12000 },
    ];
    // The cursor on the last line, two thirds down the editor's view.
    const top = followEditor({ line: 500, fraction: 2 / 3, lines: 500, cursorLine: 500, headings }, shown, {
      height: 600,
      scrollHeight: 12300,
    });
    expect(top).toBeGreaterThan(12000 - 600);
    expect(top).toBeLessThanOrEqual(12300 - 600);
  });

  it('stays at the top at the start', () => {
    const top = followEditor(
      { line: 1, fraction: 0, lines: 10, cursorLine: 1, headings: [{ level: 1, line: 1, text: 'A' }] },
      [{ text: 'A', y: 40, bottom: 300 }],
      { height: 600, scrollHeight: 2000 },
    );
    expect(top).toBe(40);
  });
});

describe('scrollTopFor', () => {
  it('never scrolls past either end', () => {
    expect(scrollTopFor(50, 0.5, 600, 2000)).toBe(0);
    expect(scrollTopFor(1990, 0, 600, 2000)).toBe(1400);
  });
});

describe('underlinedHeadings', () => {
  it('finds the headings of the plain text by their underlines', () => {
    const lines = ['STORM HITS', '==========', '', 'Lead -- text', '', 'Aid', '---', 'x'];
    expect(underlinedHeadings(lines)).toEqual([
      { text: 'STORM HITS', line: 0 },
      { text: 'Aid', line: 5 },
    ]);
  });
});
