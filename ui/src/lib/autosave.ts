// Saves the text of one document as it is typed. Framework-free so that its timing
// rules can be tested with fake timers, without a DOM or a component around it.

/** What the indicator over the editor shows. */
export type AutosaveStatus =
  | { kind: 'saved'; at: number | null } // `at` is null until this session saved something
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  | { kind: 'failed'; error: unknown; retryInMs: number | null };

export interface AutosaveOptions<Mark = undefined> {
  /** The text as loaded, already stored. */
  initial: string;
  /**
   * Stores `text`, with the mark given with it to change() (what the keystroke
   * journal needs to know the save covers); rejects on failure. Never called twice
   * at once.
   */
  save: (text: string, mark: Mark | undefined) => Promise<unknown>;
  onStatus?: (status: AutosaveStatus) => void;
  /** Quiet time after the last change before a save starts. */
  debounceMs?: number;
  /** Longest a change waits during continuous typing. */
  maxWaitMs?: number;
  /** Delays before retrying a failed save; the last one repeats. */
  retryDelaysMs?: readonly number[];
  /** Failures that saving the same text again cannot fix. */
  isPermanent?: (error: unknown) => boolean;
  now?: () => number;
}

const PERMANENT_CODES = new Set(['too_large', 'invalid_input']);

/** The backend refuses such text whatever the number of tries; only an edit can help. */
export function isPermanentByCode(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    PERMANENT_CODES.has(String((error as { code?: unknown }).code))
  );
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class Autosave<Mark = undefined> {
  readonly #save: (text: string, mark: Mark | undefined) => Promise<unknown>;
  readonly #onStatus: (status: AutosaveStatus) => void;
  readonly #debounceMs: number;
  readonly #maxWaitMs: number;
  readonly #retryDelaysMs: readonly number[];
  readonly #isPermanent: (error: unknown) => boolean;
  readonly #now: () => number;

  #text: string;
  #mark: Mark | undefined = undefined;
  #savedText: string;
  #savedAt: number | null = null;
  #inFlight = false;
  #disposed = false;

  // First and last change not yet covered by a save that started.
  #pendingSince: number | null = null;
  #lastChangeAt = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;

  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #failures = 0;
  // The text the backend refused for good, and why; retried only once it changes.
  #refused: { text: string; error: unknown } | null = null;

  #waiters: Waiter[] = [];
  #status: AutosaveStatus;

  constructor(options: AutosaveOptions<Mark>) {
    this.#save = options.save;
    this.#onStatus = options.onStatus ?? (() => {});
    this.#debounceMs = options.debounceMs ?? 300;
    this.#maxWaitMs = options.maxWaitMs ?? 1000;
    this.#retryDelaysMs = options.retryDelaysMs ?? [2000, 5000, 10000];
    this.#isPermanent = options.isPermanent ?? isPermanentByCode;
    this.#now = options.now ?? Date.now;
    this.#text = options.initial;
    this.#savedText = options.initial;
    this.#status = { kind: 'saved', at: null };
  }

  get status(): AutosaveStatus {
    return this.#status;
  }

  /** The latest text, saved or not. */
  get text(): string {
    return this.#text;
  }

  /** Whether some of the text is not stored yet. */
  get dirty(): boolean {
    return this.#text !== this.#savedText || this.#inFlight;
  }

  /** Records the editor's current text; the save follows on its own. */
  change(text: string, mark?: Mark): void {
    if (this.#disposed) return;
    // Typed and undone: the same text, but a later mark (the journal moved on).
    this.#mark = mark;
    if (text === this.#text) return;
    this.#text = text;
    const now = this.#now();
    this.#lastChangeAt = now;
    this.#pendingSince ??= now;
    if (this.#refused !== null && text !== this.#refused.text) this.#refused = null;
    this.#schedule();
  }

  /**
   * Saves now, skipping the debounce and any retry wait. Resolves once everything
   * passed to change() so far is stored; rejects with the error of the first failed
   * attempt.
   */
  flush(): Promise<void> {
    if (this.#disposed) return Promise.reject(new Error('This autosave was disposed.'));
    return new Promise<void>((resolve, reject) => {
      this.#waiters.push({ resolve, reject });
      this.#clearTimer();
      this.#clearRetry();
      this.#pump();
    });
  }

  /** Stops all timers. Unsaved text stays unsaved: flush() first to keep it. */
  dispose(): void {
    this.#disposed = true;
    this.#clearTimer();
    this.#clearRetry();
  }

  #schedule(): void {
    if (this.#disposed || this.#inFlight) return; // the running save re-checks when it ends
    if (this.#text === this.#savedText) {
      // Typed and undid back to what is stored: nothing to save, nothing to retry.
      this.#clearTimer();
      this.#clearRetry();
      this.#pendingSince = null;
      this.#emitSaved();
      return;
    }
    // A pending retry saves the latest text when it fires; typing does not hurry it.
    if (this.#retryTimer !== null) return;
    if (this.#refused !== null && this.#refused.text === this.#text) return;

    const now = this.#now();
    const since = this.#pendingSince ?? now;
    const due = Math.min(this.#lastChangeAt + this.#debounceMs, since + this.#maxWaitMs);
    this.#clearTimer();
    if (due <= now) {
      this.#start();
      return;
    }
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#start();
    }, due - now);
    // A failure stays on show until the next attempt has something better to say.
    if (this.#status.kind !== 'failed') this.#emit({ kind: 'unsaved' });
  }

  // Called whenever someone is waiting in flush(): settles them or starts a save.
  #pump(): void {
    if (this.#inFlight) return;
    if (this.#text === this.#savedText) {
      this.#settleWaiters(null);
      return;
    }
    if (this.#refused !== null && this.#refused.text === this.#text) {
      this.#settleWaiters(this.#refused.error);
      return;
    }
    this.#start();
  }

  #start(): void {
    this.#clearTimer();
    const text = this.#text;
    const mark = this.#mark;
    this.#inFlight = true;
    this.#pendingSince = null;
    this.#emit({ kind: 'saving' });
    let saving: Promise<unknown>;
    try {
      saving = this.#save(text, mark);
    } catch (error) {
      saving = Promise.reject(error);
    }
    saving.then(
      () => this.#succeeded(text),
      (error: unknown) => this.#failed(text, error),
    );
  }

  #succeeded(text: string): void {
    this.#inFlight = false;
    this.#savedText = text;
    this.#savedAt = this.#now();
    this.#failures = 0;
    if (this.#text === text) {
      this.#emitSaved();
      this.#settleWaiters(null);
    } else if (this.#disposed) {
      this.#settleWaiters(new Error('This autosave was disposed before the text was saved.'));
    } else if (this.#waiters.length > 0) {
      this.#start();
    } else {
      this.#schedule();
    }
  }

  #failed(text: string, error: unknown): void {
    this.#inFlight = false;
    this.#settleWaiters(error);
    if (this.#disposed) return;

    if (this.#isPermanent(error)) {
      this.#refused = { text, error };
      this.#emit({ kind: 'failed', error, retryInMs: null });
      // The editor kept typing during the attempt: that newer text deserves its own try.
      if (this.#text !== text) this.#schedule();
      return;
    }

    const delays = this.#retryDelaysMs;
    const delay = delays[Math.min(this.#failures, delays.length - 1)] ?? 10000;
    this.#failures += 1;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (this.#text === this.#savedText) this.#emitSaved();
      else this.#start();
    }, delay);
    this.#emit({ kind: 'failed', error, retryInMs: delay });
  }

  #settleWaiters(error: unknown): void {
    const waiters = this.#waiters;
    if (waiters.length === 0) return;
    this.#waiters = [];
    for (const waiter of waiters) {
      if (error === null) waiter.resolve();
      else waiter.reject(error);
    }
  }

  #emitSaved(): void {
    this.#emit({ kind: 'saved', at: this.#savedAt });
  }

  #emit(status: AutosaveStatus): void {
    const previous = this.#status;
    // Keystrokes arrive far more often than the indicator changes; skip the repeats.
    if (previous.kind === status.kind && (status.kind === 'unsaved' || status.kind === 'saving')) {
      return;
    }
    this.#status = status;
    this.#onStatus(status);
  }

  #clearTimer(): void {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
  }

  #clearRetry(): void {
    if (this.#retryTimer !== null) {
      clearTimeout(this.#retryTimer);
      this.#retryTimer = null;
    }
  }
}
