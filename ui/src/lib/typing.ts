// Sends every change of the editor's text to Rust as it happens (the keystroke
// journal, which survives the app being killed), and where the editor is in the
// text (cursor, the text at the top of the view), a moment after it moves.
// Framework-free; the CodeMirror side is the small adapter at the end.

import type { ChangeSet } from '@codemirror/state';
import type { EditorView, ViewUpdate } from '@codemirror/view';
import type { Edit, Place, TypedChange, TypedThrough } from './api';

export interface TypingOptions {
  number: number;
  /** The issue version the shown text started from. */
  baseVersion: number;
  /** Stores one change; rejects on failure. Calls may overlap. */
  record: (number: number, change: TypedChange) => Promise<unknown>;
  /** Stores the editor's place; rejects on failure. */
  remember: (number: number, place: Place) => Promise<unknown>;
  /** How long a place waits for the next move before it is stored. */
  placeDelayMs?: number;
  /** Delays before sending a change again after a failure. */
  retryDelaysMs?: readonly number[];
  /** The session number, larger than those before it; made from the clock when absent. */
  session?: number;
}

let lastSession = 0;

/** A number larger than every session before it, in this run and earlier ones. */
export function nextSession(now: number = Date.now()): number {
  // Milliseconds times 1000 stays below 2^53 until the year 2255.
  lastSession = Math.max(lastSession + 1, now * 1000);
  return lastSession;
}

export class Typing {
  readonly number: number;
  readonly session: number;
  readonly #baseVersion: number;
  readonly #record: TypingOptions['record'];
  readonly #remember: TypingOptions['remember'];
  readonly #placeDelayMs: number;
  readonly #retryDelaysMs: readonly number[];
  #seq = 0;
  #readPlace: (() => Place) | null = null;
  #stored: Place | null = null;
  #placeTimer: ReturnType<typeof setTimeout> | null = null;
  #disposed = false;
  #failed = 0;

  constructor(options: TypingOptions) {
    this.number = options.number;
    this.#baseVersion = options.baseVersion;
    this.#record = options.record;
    this.#remember = options.remember;
    this.#placeDelayMs = options.placeDelayMs ?? 500;
    this.#retryDelaysMs = options.retryDelaysMs ?? [200, 1000, 3000];
    this.session = options.session ?? nextSession();
  }

  /** The last change sent so far: a save of the text as it is now covers up to it. */
  through(): TypedThrough | null {
    return this.#seq === 0 ? null : { session: this.session, seq: this.#seq };
  }

  /** Changes that could not be stored even after retrying (the autosave still saves the text). */
  get failures(): number {
    return this.#failed;
  }

  /** Sends one change of the text: `edits` in positions of the text of `length` before it. */
  change(length: number, edits: Edit[]): void {
    if (this.#disposed || edits.length === 0) return;
    this.#seq += 1;
    const change: TypedChange = {
      session: this.session,
      baseVersion: this.#baseVersion,
      seq: this.#seq,
      length,
      edits,
    };
    this.#send(change, 0);
  }

  #send(change: TypedChange, attempt: number): void {
    let sending: Promise<unknown>;
    try {
      sending = this.#record(this.number, change);
    } catch (error) {
      sending = Promise.reject(error);
    }
    sending.catch(() => {
      const delay = this.#retryDelaysMs[attempt];
      if (delay === undefined || this.#disposed) {
        this.#failed += 1;
        return;
      }
      // Storing a change twice is harmless: the journal keeps one per number.
      setTimeout(() => this.#send(change, attempt + 1), delay);
    });
  }

  /**
   * The editor moved (typing, cursor, scrolling); `read` tells where it is. Read and
   * stored a moment later, so that layout is not measured on every key.
   */
  moved(read: () => Place): void {
    if (this.#disposed) return;
    this.#readPlace = read;
    // At most one wait at a time: while she types on, the place is still stored
    // every half second, not only once she stops.
    if (this.#placeTimer !== null) return;
    this.#placeTimer = setTimeout(() => void this.flushPlace(), this.#placeDelayMs);
  }

  /** Stores the latest place now (before closing or showing another issue). */
  async flushPlace(): Promise<void> {
    if (this.#placeTimer !== null) clearTimeout(this.#placeTimer);
    this.#placeTimer = null;
    const read = this.#readPlace;
    if (read === null) return;
    this.#readPlace = null;
    const place = read();
    const stored = this.#stored;
    if (stored !== null && stored.anchor === place.anchor && stored.head === place.head && stored.top === place.top) {
      return;
    }
    this.#stored = place;
    // Losing a place costs a scroll on the next start; nothing to tell the editor.
    await this.#remember(this.number, place).catch(() => {});
  }

  /** Stops sending; changes already sent are kept. */
  dispose(): void {
    this.#disposed = true;
    if (this.#placeTimer !== null) clearTimeout(this.#placeTimer);
    this.#placeTimer = null;
  }
}

/** The replaced ranges of a CodeMirror change set, in positions before it. */
export function editsOf(changes: ChangeSet): Edit[] {
  const edits: Edit[] = [];
  changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    edits.push({ from: fromA, to: toA, insert: inserted.toString() });
  });
  return edits;
}

/** Where the editor is: its main selection and the text at the top of its view. */
export function placeOf(view: EditorView): Place {
  const { anchor, head } = view.state.selection.main;
  const top = view.lineBlockAtHeight(view.scrollDOM.getBoundingClientRect().top - view.documentTop).from;
  return { anchor, head, top };
}

const watchedScrollers = new WeakSet<HTMLElement>();

/**
 * Feeds one CodeMirror update to `typing`: its change, and the place it leaves the
 * editor at (scrolling alone is noticed too, from the first update on).
 */
export function followEditor(typing: Typing | null, update: ViewUpdate): void {
  if (typing === null) return;
  if (update.docChanged) typing.change(update.startState.doc.length, editsOf(update.changes));
  const view = update.view;
  if (!watchedScrollers.has(view.scrollDOM)) {
    watchedScrollers.add(view.scrollDOM);
    view.scrollDOM.addEventListener('scroll', () => current?.moved(() => placeOf(view)), { passive: true });
  }
  current = typing;
  if (update.docChanged || update.selectionSet || update.viewportChanged) typing.moved(() => placeOf(view));
}

// The journal of the text the editor shows now (the scroll listener outlives documents).
let current: Typing | null = null;
