// Asks Rust for the preview page as the editor types, and makes sure an answer that
// arrives late never replaces a newer one.
//
// Without a delay (the preview), one render is in flight at a time: a request made
// while one runs waits, newer requests replace it, and when the render returns the
// newest text is rendered at once. So the preview follows every keystroke as fast as
// Rust renders, never queues stale work, and never waits for a pause in typing. With
// a delay (the preflight, which renders the email for its size), a request waits
// until no newer one came for that long.

export interface PreviewOptions<I, O = string> {
  render: (input: I) => Promise<O>;
  onPage: (page: O) => void;
  onError: (error: unknown) => void;
  /** Wait this long after the last request (0, the default: render as soon as free). */
  delayMs?: number;
}

export class PreviewScheduler<I, O = string> {
  readonly #options: PreviewOptions<I, O>;
  readonly #delayMs: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #sent = 0;
  // Highest request whose answer was shown; anything at or below it is stale.
  #shown = 0;
  #inFlight = 0;
  // The newest request that came while a render was running.
  #waiting: { input: I } | null = null;

  constructor(options: PreviewOptions<I, O>) {
    this.#options = options;
    this.#delayMs = options.delayMs ?? 0;
  }

  /** Whether a render is running. */
  get busy(): boolean {
    return this.#inFlight > 0;
  }

  /** Renders `input`: when the running render returns, or after the delay. */
  request(input: I): void {
    if (this.#delayMs > 0) {
      this.#cancelTimer();
      this.#timer = setTimeout(() => {
        this.#timer = null;
        this.renderNow(input);
      }, this.#delayMs);
      return;
    }
    if (this.#inFlight > 0) {
      this.#waiting = { input };
      return;
    }
    this.#send(input);
  }

  /** Renders `input` now, whatever is running (another issue or view was shown). */
  renderNow(input: I): void {
    this.#cancelTimer();
    this.#waiting = null;
    this.#send(input);
  }

  /** Drops the pending request and every answer still on its way (another issue opened). */
  reset(): void {
    this.#cancelTimer();
    this.#waiting = null;
    this.#shown = this.#sent;
  }

  #send(input: I): void {
    const id = ++this.#sent;
    this.#inFlight += 1;
    let rendering: Promise<O>;
    try {
      rendering = this.#options.render(input);
    } catch (error) {
      rendering = Promise.reject(error);
    }
    rendering
      .then(
        (page) => {
          if (id <= this.#shown) return;
          this.#shown = id;
          this.#options.onPage(page);
        },
        (error: unknown) => {
          if (id <= this.#shown) return;
          this.#shown = id;
          this.#options.onError(error);
        },
      )
      .finally(() => {
        this.#inFlight -= 1;
        const waiting = this.#waiting;
        if (this.#inFlight === 0 && waiting !== null) {
          this.#waiting = null;
          this.#send(waiting.input);
        }
      });
  }

  #cancelTimer(): void {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
  }
}
