// Keeps the preview in step with the editor. Both show the same headings in the same
// order: a line of the text is placed in the preview between the heading above it and
// the heading below it (or the end of the text), in proportion. The line the editor
// follows is the cursor's while it is in view (she is typing), else the top line in
// view (she is scrolling), and the preview puts that place at the same height of its
// own view.

/** A heading of the Markdown text. */
export interface TextHeading {
  /** 1 for `#`, 2 for `##`, … */
  level: number;
  /** 1-based. */
  line: number;
  /** Its text, as readers see it (formatting marks left out). */
  text: string;
}

/** Where the editor is, as the preview should follow it. */
export interface EditorPosition {
  /** The line followed (1-based, fractional within the line). */
  line: number;
  /** Where that line is in the editor's view: 0 at the top, 1 at the bottom. */
  fraction: number;
  /** How many lines the text has. */
  lines: number;
  /** The line the cursor is on. */
  cursorLine: number;
  /** The text's headings, in order. */
  headings: TextHeading[];
}

const FENCE = /^\s{0,3}(```|~~~)/;
const ATX = /^\s{0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;

/** What a heading's text looks like once rendered: no emphasis, links or citations. */
export function readableHeading(markdown: string): string {
  return markdown
    .replace(/\[@[^\]]*\]/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The ATX headings (`#` to `######`) of `text`, outside fenced code. */
export function textHeadings(text: string): TextHeading[] {
  const headings: TextHeading[] = [];
  let fence: string | null = null;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      if (fence === null) fence = fenceMatch[1]!;
      else if (fenceMatch[1] === fence) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const match = ATX.exec(line);
    if (match) headings.push({ level: match[1]!.length, line: index + 1, text: readableHeading(match[2] ?? '') });
  }
  return headings;
}

/** A place known in both: a line of the text and a height in the preview. */
export interface Anchor {
  line: number;
  y: number;
  /** Which of the preview's headings it is, when it is one. */
  index?: number;
}

/**
 * Pairs the text's headings with the preview's, in order, by their text: a heading
 * the preview does not show (or shows differently) is skipped, never mismatched.
 * `found` holds the preview's headings' texts and heights, in order.
 */
export function matchHeadings(headings: TextHeading[], found: { text: string; y: number }[]): Anchor[] {
  const anchors: Anchor[] = [];
  let next = 0;
  for (const heading of headings) {
    const wanted = normalise(heading.text);
    if (wanted === '') continue;
    for (let index = next; index < found.length; index++) {
      if (normalise(found[index]!.text) === wanted) {
        anchors.push({ line: heading.line, y: found[index]!.y, index });
        next = index + 1;
        break;
      }
    }
  }
  return anchors;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * The preview height of `line`, between the anchors around it. `start` is the top of
 * the content (line 1), `end` its bottom (the line after the last).
 */
export function heightOf(line: number, anchors: Anchor[], start: Anchor, end: Anchor): number {
  const all = [start, ...anchors.filter((a) => a.line > start.line && a.line < end.line), end];
  for (let index = all.length - 1; index >= 0; index--) {
    const above = all[index]!;
    if (above.line <= line) {
      const below = all[index + 1];
      if (below === undefined || below.line <= above.line) return above.y;
      const share = Math.min(1, (line - above.line) / (below.line - above.line));
      return above.y + share * (below.y - above.y);
    }
  }
  return start.y;
}

/** The scroll position that puts height `y` at `fraction` of a view `height` tall. */
export function scrollTopFor(y: number, fraction: number, height: number, scrollHeight: number): number {
  const top = y - fraction * height;
  return Math.max(0, Math.min(top, Math.max(0, scrollHeight - height)));
}

/** A heading as the preview shows it. */
export interface ShownHeading {
  text: string;
  /** Its top, from the top of the page. */
  y: number;
  /** The bottom of the block it heads (its section), from the top of the page. */
  bottom: number;
}

/**
 * Where the preview should scroll to follow the editor at `position`: its followed
 * line at the same height of the view. The end of the text is the bottom of the last
 * heading's section (what comes after it, a footer, is not in the text).
 */
export function followEditor(
  position: EditorPosition,
  shown: ShownHeading[],
  view: { height: number; scrollHeight: number },
): number {
  const anchors = matchHeadings(position.headings, shown);
  const last = anchors.at(-1);
  const end = last?.index !== undefined ? Math.max(shown[last.index]!.bottom, last.y) : view.scrollHeight;
  const y = heightOf(position.line, anchors, { line: 0, y: 0 }, { line: position.lines + 1, y: end });
  return scrollTopFor(y, position.fraction, view.height, view.scrollHeight);
}

const UNDERLINE = /^(=+|-+)$/;

/** The headings of a plain text: each line underlined with = or - (0-based lines). */
export function underlinedHeadings(lines: string[]): { text: string; line: number }[] {
  const found: { text: string; line: number }[] = [];
  for (let index = 0; index + 1 < lines.length; index++) {
    const line = lines[index]!.trim();
    const under = lines[index + 1]!.trim();
    if (line !== '' && under.length >= 3 && UNDERLINE.test(under)) found.push({ text: line, line: index });
  }
  return found;
}
