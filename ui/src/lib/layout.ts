// The widths of the workspace's panes: dragged by the editor, kept in this window's
// local storage (a preference of this computer, not of the newsroom), and always
// leaving the editor room to write, from the smallest window up.

export interface PaneWidths {
  /** The issue list, in CSS pixels. */
  list: number;
  /** The preview, in CSS pixels. */
  preview: number;
}

export const LIST_MIN = 180;
export const LIST_MAX = 420;
export const PREVIEW_MIN = 280;
/** The editor never gets narrower than this (46rem of text wants more, but scrolls). */
export const EDITOR_MIN = 340;

const KEY = 'newsflash.paneWidths';

/** Widths that fit a window `windowWidth` wide, as close to `wanted` as they can be. */
export function clampWidths(wanted: PaneWidths, windowWidth: number): PaneWidths {
  const list = Math.round(Math.min(LIST_MAX, Math.max(LIST_MIN, wanted.list)));
  const room = Math.max(PREVIEW_MIN, windowWidth - list - EDITOR_MIN);
  const preview = Math.round(Math.min(room, Math.max(PREVIEW_MIN, wanted.preview)));
  return { list, preview };
}

/**
 * The widths of a window `windowWidth` wide nobody has resized: a fifth for the list
 * (200 to 280 px, so the editor's toolbar keeps its title in a small window), then
 * halves.
 */
export function defaultWidths(windowWidth: number): PaneWidths {
  const list = Math.min(280, Math.max(200, Math.round(windowWidth * 0.2)));
  return clampWidths({ list, preview: (windowWidth - list) / 2 }, windowWidth);
}

/** The widths kept in `storage`, or the default ones. */
export function loadWidths(storage: Storage | undefined, windowWidth: number): PaneWidths {
  try {
    const kept = JSON.parse(storage?.getItem(KEY) ?? 'null') as Partial<PaneWidths> | null;
    if (kept !== null && typeof kept.list === 'number' && typeof kept.preview === 'number') {
      return clampWidths({ list: kept.list, preview: kept.preview }, windowWidth);
    }
  } catch {
    // A damaged preference is forgotten: the default widths are fine.
  }
  return defaultWidths(windowWidth);
}

export function saveWidths(storage: Storage | undefined, widths: PaneWidths): void {
  try {
    storage?.setItem(KEY, JSON.stringify(widths));
  } catch {
    // Storage full or refused: the widths last until the window closes.
  }
}
