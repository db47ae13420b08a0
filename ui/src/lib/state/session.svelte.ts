// The open issue: its text as typed, every change of it sent to the keystroke journal
// as it happens and the autosave that stores it, where the editor is in it (the
// preview and the outline follow), the preview, preflight and outline of that text,
// an issue pasted whole waiting to be imported, opening another issue (saving this one
// first), the window's start with the last open issue, and the flush before the
// window closes or the app ends. Framework state only; the components show it.

import type { ViewUpdate } from '@codemirror/view';
import type {
  Backend,
  Desk,
  Finding,
  Issue,
  IssueDetails,
  IssueStatus,
  Outline,
  Place,
  SaveOutcome,
  TypedThrough,
} from '../api';
import { Autosave, type AutosaveStatus } from '../autosave';
import { errorMessage } from '../format';
import { PreviewScheduler } from '../preview';
import type { EditorPosition } from '../scrollsync';
import { followEditor, Typing } from '../typing';
import type { Newsroom } from './newsroom.svelte';
import type { PastedImage } from '../editor/paste';
import { placeOf } from '../outline';

/** What the preview shows: the same renderers as the exports. */
export type PreviewView = 'web' | 'email' | 'dark' | 'phone' | 'text';
type PreviewFormat = 'web' | 'email' | 'text';

/** What the editor shows; a new `key` replaces the text and starts a fresh undo history. */
export interface ShownDocument {
  key: number;
  text: string;
  /** Where to put the cursor and which position to show at the top (UTF-16 offsets). */
  place?: Place | null;
}

/** Someone else saved the issue first: theirs is shown, hers is kept as a revision. */
export interface Conflict {
  number: number;
  mine: string;
  revision: number;
}

function formatOf(view: PreviewView): PreviewFormat {
  return view === 'phone' || view === 'dark' ? 'email' : view;
}

/** How long the window's end waits for its first screen to be kept. */
const KEEP_FIRST_SCREEN_TIMEOUT_MS = 1000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve('timeout'), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** The images of a paste on offer, and where they were pasted. */
export interface PastedImages {
  number: number;
  /** The article (0-based) the paste went into; null before the first heading. */
  article: number | null;
  images: PastedImage[];
}

/** How long closing the window may wait for the last save. */
export const CLOSE_FLUSH_TIMEOUT_MS = 3000;

export class IssueSession {
  readonly #backend: Backend;
  readonly #newsroom: Newsroom;

  current = $state<Issue | null>(null);
  shown = $state<ShownDocument | null>(null);
  opening = $state<number | null>(null);
  saveStatus = $state<AutosaveStatus>({ kind: 'saved', at: null });
  conflict = $state<Conflict | null>(null);
  /** A passing message under the editor (an export done, a change from elsewhere). */
  notice = $state<string | null>(null);
  documentKey = $state(0);

  view = $state<PreviewView>('web');
  previewHtml = $state<string | null>(null);
  previewError = $state<string | null>(null);
  findings = $state<Finding[] | null>(null);
  checkError = $state<string | null>(null);
  /** The articles and sections of the text as typed, with their words; null until known. */
  outline = $state.raw<Outline | null>(null);
  /** Where the editor is (cursor or top line): the preview and the outline follow it. */
  position = $state.raw<EditorPosition | null>(null);
  /** Plain text pasted that reads like a whole published issue, offered to the import. */
  pastedIssue = $state<string | null>(null);
  /** Images that came with a paste into the open issue, offered to the photo library. */
  pastedImages = $state.raw<PastedImages | null>(null);

  /** Keys the text cites that the library lacks, as the preflight found them. */
  unknownKeys = $derived(
    (this.findings ?? []).flatMap((f) => (f.code === 'unknown-source' && f.subject !== null ? [f.subject] : [])),
  );

  /** A published issue is read-only until it is reopened for a correction. */
  readOnly = $derived(this.current?.status === 'published');

  // Plain fields: nothing renders from them, and they must not be proxied.
  #autosave: Autosave<TypedThrough> | null = null;
  // Sends every change to Rust's keystroke journal as it happens.
  #typing: Typing | null = null;
  #version = 0;
  #openRequest = 0;
  #latestText = '';
  #closeRefused = false;
  #preview: PreviewScheduler<{ number: number; body: string; format: PreviewFormat }>;
  #preflight: PreviewScheduler<{ number: number; body: string }, Finding[]>;
  #outliner: PreviewScheduler<string, Outline>;

  constructor(backend: Backend, newsroom: Newsroom) {
    this.#backend = backend;
    this.#newsroom = newsroom;
    this.#preview = new PreviewScheduler({
      render: ({ number, body, format }) => backend.renderIssue(number, format, body),
      onPage: (html) => {
        this.previewHtml = html;
        this.previewError = null;
      },
      onError: (error) => {
        this.previewError = errorMessage(error);
      },
    });
    this.#preflight = new PreviewScheduler({
      render: ({ number, body }) => backend.preflightIssue(number, body),
      onPage: (found) => {
        this.findings = found;
        this.checkError = null;
      },
      onError: (error) => {
        this.checkError = errorMessage(error);
      },
      // The email is rendered for its size: a little behind the preview is fine.
      delayMs: 400,
    });
    this.#outliner = new PreviewScheduler({
      render: (body) => backend.outlineText(body),
      onPage: (found) => {
        this.outline = found;
      },
      // The outline is a help, not the work: the last good one stays.
      onError: (error) => console.warn('The outline is not up to date:', errorMessage(error)),
      // A side panel: a pause in typing is soon enough, and keystrokes stay light.
      delayMs: 250,
    });
  }

  /** The text as last typed or loaded. */
  get text(): string {
    return this.#latestText;
  }

  /** Whether some of the typed text is not stored yet. */
  get dirty(): boolean {
    return this.#autosave?.dirty ?? false;
  }

  /** Saves what is typed in the open issue, then opens `number`. */
  async open(number: number): Promise<void> {
    if (number === this.current?.number && this.opening === null) return;
    const request = ++this.#openRequest;
    this.opening = number;
    try {
      await this.flushBeforeLeaving();
      const issue = await this.#backend.getIssue(number).catch((error: unknown) => {
        throw new Error(`Issue #${number} could not be opened: ${errorMessage(error)}`);
      });
      if (request !== this.#openRequest) return;
      // She may have typed while the other issue loaded.
      await this.flushBeforeLeaving();
      if (request !== this.#openRequest) return;
      this.show(issue);
    } catch (error) {
      if (request === this.#openRequest) this.#newsroom.alert(errorMessage(error));
    } finally {
      if (request === this.#openRequest) this.opening = null;
    }
  }

  /**
   * The window's start (openDesk): the issues, and the last open issue with the
   * editor's place in it shown at once, so that the first paint has its text; what
   * the keystroke journal put back is said under the editor.
   */
  start(desk: Desk): void {
    this.#newsroom.start(desk);
    if (desk.open !== null) this.show(desk.open, desk.place);
    if (desk.recovered.length > 0) this.notice = desk.recovered.map((recovered) => recovered.message).join(' ');
  }

  /**
   * Shows `issue` as stored: a fresh editor (at `place`, where she was in it), a
   * fresh typing session, preview and preflight.
   */
  show(issue: Issue, place: Place | null = null): void {
    this.pastedImages = null;
    this.#autosave?.dispose();
    this.#endTyping();
    const number = issue.number;
    this.#version = issue.version;
    this.#typing = new Typing({
      number,
      baseVersion: issue.version,
      record: (at, change) => this.#backend.recordChange(at, change),
      remember: (at, where) => this.#backend.setPlace(at, where),
    });
    // The one to reopen at the next start, and the one the window's title names.
    this.#backend.issueShown(number).catch(() => {});
    this.#autosave = new Autosave<TypedThrough>({
      initial: issue.body,
      save: (text, typed) => this.#saveText(number, text, typed),
      onStatus: (status) => {
        this.saveStatus = status;
      },
    });
    this.saveStatus = this.#autosave.status;
    this.current = issue;
    this.documentKey += 1;
    this.shown = { key: this.documentKey, text: issue.body, place };
    this.#latestText = issue.body;
    this.#renderAll();
  }

  /** One update of the editor (its text, selection or scroll), for the journal and the place. */
  followEditor(update: ViewUpdate): void {
    followEditor(this.#typing, update);
  }

  /** Stores where the editor is in the shown issue and stops its typing session. */
  #endTyping(): void {
    void this.#typing?.flushPlace();
    this.#typing?.dispose();
    this.#typing = null;
  }

  /**
   * Takes in a change the window made to the open issue other than its text (status,
   * details, a lead photo): the text stays as typed, later saves start from the
   * issue's new version.
   */
  adopt(issue: Issue): void {
    if (this.current?.number !== issue.number) return;
    this.#version = issue.version;
    this.current = { ...issue, body: this.#latestText };
    this.#newsroom.updateSummary(issue);
    this.refreshOutputs();
  }

  /**
   * Moves the open issue to `status` (the backend enforces the workflow and the
   * preflight); its text is saved first.
   */
  async setStatus(status: IssueStatus, reason: string | null): Promise<Issue> {
    const open = this.#requireOpen();
    await this.flushBeforeLeaving();
    const issue = await this.#backend.setIssueStatus(open.number, status, reason);
    this.adopt(issue);
    return issue;
  }

  /** Saves the open issue's date, title and preheader. */
  async saveDetails(details: IssueDetails): Promise<void> {
    const open = this.#requireOpen();
    await this.flushBeforeLeaving();
    const outcome = await this.#backend.saveIssueDetails(open.number, this.#version, details);
    if (outcome.outcome === 'conflict') {
      this.conflict = { number: open.number, mine: this.#latestText, revision: outcome.keptRevision };
      this.show(outcome.current);
      throw new Error(
        `Issue #${open.number} was changed elsewhere in the meantime; your details are kept in its revisions.`,
      );
    }
    this.adopt({ ...open, ...details, version: outcome.version, updatedAt: outcome.savedAt });
  }

  /** Sets or clears the lead photo of article `position` of the open issue. */
  async setLeadPhoto(position: number, photoKey: string | null): Promise<void> {
    const open = this.#requireOpen();
    await this.flushBeforeLeaving();
    const version = await this.#backend.setArticlePhoto(open.number, position, photoKey, false);
    this.adoptVersion(version);
    this.refreshOutputs();
  }

  #requireOpen(): Issue {
    if (this.current === null) throw new Error('No issue is open.');
    return this.current;
  }

  /** The issue's version moved on without a change of its text (a lead photo set). */
  adoptVersion(version: number): void {
    this.#version = version;
    if (this.current !== null) this.current = { ...this.current, version };
  }

  /** Loads the open issue again (after a change that rewrote its text, such as a restore). */
  async reload(): Promise<void> {
    const open = this.current;
    if (open === null) return;
    try {
      this.show(await this.#backend.getIssue(open.number));
    } catch (error) {
      this.#newsroom.alert(errorMessage(error));
    }
  }

  /** The editor's text changed. */
  change(text: string): void {
    if (this.current === null || this.#autosave === null || this.readOnly) return;
    // The save of this text covers every change sent to the journal so far.
    this.#autosave.change(text, this.#typing?.through() ?? undefined);
    this.#latestText = text;
    const number = this.current.number;
    this.#preview.request({ number, body: text, format: formatOf(this.view) });
    this.#preflight.request({ number, body: text });
    this.#outliner.request(text);
  }

  /** Renders the preview and preflight again at once (the settings changed). */
  refreshOutputs(): void {
    if (this.current === null) return;
    const number = this.current.number;
    this.#preview.renderNow({ number, body: this.#latestText, format: formatOf(this.view) });
    this.#preflight.renderNow({ number, body: this.#latestText });
  }

  showView(view: PreviewView): void {
    if (view === this.view) return;
    this.view = view;
    if (this.current === null) return;
    // The page on show stays until the other one arrives: emptying the frame in
    // between made WebKit now and then keep the empty page and drop the new one.
    this.#preview.reset();
    this.previewError = null;
    this.#preview.renderNow({ number: this.current.number, body: this.#latestText, format: formatOf(view) });
  }

  /** A paste at `line` (1-based) of the text had images: offered, with the article they went into. */
  offerPastedImages(images: PastedImage[], line: number): void {
    if (this.current === null || images.length === 0) return;
    const outline = this.outline;
    const article = outline === null ? null : (placeOf(outline, line)?.article ?? null);
    this.pastedImages = { number: this.current.number, article, images };
  }

  /** Imports the pasted issue on offer as a new issue, and opens it. */
  async importPasted(): Promise<void> {
    const text = this.pastedIssue;
    this.pastedIssue = null;
    if (text === null) return;
    try {
      const imported = await this.#backend.importPastedIssue(text);
      // Its sources may be new to the library, and the next issue's number moved on.
      await this.#newsroom.refresh();
      await this.open(imported.number);
      this.notice = `The pasted issue is now issue #${imported.number}.`;
    } catch (error) {
      this.#newsroom.alert(`The pasted issue could not be imported: ${errorMessage(error)}`);
    }
  }

  /** Saves now; the indicator shows the outcome. */
  saveNow(): void {
    this.#autosave?.flush().catch(() => {});
  }

  /** Saves what is typed; rejects with a sentence when it cannot. */
  async flushBeforeLeaving(): Promise<void> {
    const leaving = this.current;
    try {
      await this.#autosave?.flush();
    } catch (error) {
      throw new Error(
        `Issue #${leaving?.number} stays open because its latest changes could not be saved: ${errorMessage(error)}`,
        { cause: error },
      );
    }
  }

  /** Puts her text back over theirs (theirs stays in the revisions). */
  async useMine(): Promise<void> {
    const conflict = this.conflict;
    if (conflict === null || this.current === null || conflict.number !== this.current.number) return;
    this.conflict = null;
    // The editor's text is replaced without a change of its own: the journal is told,
    // so that what it would give back after a crash is her text.
    const before = this.#latestText.length;
    this.#typing?.change(before, [{ from: 0, to: before, insert: conflict.mine }]);
    this.documentKey += 1;
    this.shown = { key: this.documentKey, text: conflict.mine };
    this.change(conflict.mine);
    await this.#autosave?.flush().catch(() => {});
  }

  /** Another window or the command line changed the newsroom. */
  async refreshFromElsewhere(): Promise<void> {
    const issues = await this.#newsroom.loadIssues();
    const open = this.current;
    if (issues === null || open === null || this.#autosave === null) return;
    const summary = issues.find((issue) => issue.number === open.number);
    if (summary === undefined || summary.version === this.#version) return;
    // Her unsaved text is never replaced: its save will meet the change and keep both.
    if (this.#autosave.dirty) return;
    try {
      const changed = await this.#backend.getIssue(open.number);
      if (this.current?.number === changed.number && !this.#autosave.dirty) {
        this.show(changed);
        this.notice = `Issue #${changed.number} was changed in another window or by the command line; this is the new version.`;
      }
    } catch (error) {
      this.#newsroom.alert(errorMessage(error));
    }
  }

  /**
   * Before the window closes: the last save, bounded in time, then the window's
   * `firstScreen` kept for the next start; refuses once if the save fails.
   */
  async beforeClose(firstScreen: () => string | null = () => null): Promise<void> {
    if (this.#autosave === null) return;
    try {
      void this.#typing?.flushPlace();
      // A save that hangs must not keep the window open forever, nor close it as if saved.
      const outcome = await withTimeout(this.#autosave.flush(), CLOSE_FLUSH_TIMEOUT_MS);
      if (outcome === 'timeout') {
        throw new Error(`Saving did not finish within ${CLOSE_FLUSH_TIMEOUT_MS / 1000} seconds.`);
      }
      await this.#keepFirstScreen(firstScreen);
    } catch (error) {
      if (this.#closeRefused) return;
      // Once: the window stays so that the text can be copied; a second close quits.
      this.#closeRefused = true;
      this.#newsroom.alert(
        `Your latest changes are not saved: ${errorMessage(error)} ` +
          'Copy them somewhere safe, or close the window again to quit without them.',
      );
      throw error;
    }
  }

  /**
   * The app is asked to end (logout, shutdown, Ctrl+C in a terminal): saves what is
   * typed and where the editor is, then tells the app it may end. It ends either
   * way; what a failed save did not store is in the keystroke journal.
   */
  async flushForExit(firstScreen: () => string | null = () => null): Promise<void> {
    try {
      await this.#typing?.flushPlace();
      await this.#autosave?.flush();
      await this.#keepFirstScreen(firstScreen);
    } catch {
      // Nothing to tell: the journal has it, and the window is going away.
    } finally {
      await this.#backend.flushed().catch(() => {});
    }
  }

  /**
   * Keeps `firstScreen()` (how the window looks, lib/firstScreen.ts; null for nothing
   * to keep) with the issue saved, for the next start to show while its scripts
   * load. Bounded in time: losing it costs only that, and the window is ending.
   */
  async #keepFirstScreen(firstScreen: () => string | null): Promise<void> {
    const number = this.current?.number;
    let screen: string | null = null;
    try {
      screen = number === undefined ? null : firstScreen();
    } catch (error) {
      // The text is saved: a screen that cannot be kept must not keep the window open.
      console.warn('The window could not keep its first screen:', errorMessage(error));
    }
    if (number === undefined || screen === null) return;
    const kept = this.#backend.keepFirstScreen(number, screen).catch((error: unknown) => {
      console.warn('The next start will not show the window at once:', errorMessage(error));
    });
    await withTimeout(kept, KEEP_FIRST_SCREEN_TIMEOUT_MS);
  }

  /** The open issue was deleted: nothing is open any more. */
  close(): void {
    this.#autosave?.dispose();
    this.#autosave = null;
    this.#typing?.dispose();
    this.#typing = null;
    this.#preview.reset();
    this.#preflight.reset();
    this.#outliner.reset();
    this.current = null;
    this.shown = null;
    this.previewHtml = null;
    this.findings = null;
    this.outline = null;
    this.position = null;
    this.pastedImages = null;
  }

  dispose(): void {
    this.#preview.reset();
    this.#preflight.reset();
    this.#outliner.reset();
    this.#autosave?.dispose();
    this.#typing?.dispose();
  }

  #renderAll(): void {
    this.#preview.reset();
    this.previewHtml = null;
    this.previewError = null;
    this.#preflight.reset();
    this.findings = null;
    this.checkError = null;
    this.#outliner.reset();
    this.outline = null;
    this.#outliner.renderNow(this.#latestText);
    this.refreshOutputs();
  }

  async #saveText(number: number, text: string, typed: TypedThrough | undefined): Promise<void> {
    const outcome: SaveOutcome = await this.#backend.saveTypedText(number, this.#version, text, typed ?? null);
    if (outcome.outcome === 'saved') {
      this.#version = outcome.version;
      if (this.current?.number === number) this.current = { ...this.current, version: outcome.version, updatedAt: outcome.savedAt };
      return;
    }
    this.conflict = { number, mine: text, revision: outcome.keptRevision };
    this.show(outcome.current);
  }
}
