// Asks Rust for the preview page a little after typing pauses, and makes sure an answer
// that arrives late never replaces a newer one.

export interface PreviewOptions<I, O = string> {
  render: (input: I) => Promise<O>;
  onPage: (page: O) => void;
  onError: (error: unknown) => void;
  delayMs?: number;
}

export class PreviewScheduler<I, O = string> {
  readonly #options: PreviewOptions<I, O>;
  readonly #delayMs: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #sent = 0;
  // Highest request whose answer was shown; anything at or below it is stale.
  #shown = 0;

  constructor(options: PreviewOptions<I, O>) {
    this.#options = options;
    this.#delayMs = options.delayMs ?? 150;
  }

  /** Renders `input` once no newer request came for a while. */
  request(input: I): void {
    this.#cancelTimer();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.renderNow(input);
    }, this.#delayMs);
  }

  renderNow(input: I): void {
    this.#cancelTimer();
    const id = ++this.#sent;
    let rendering: Promise<O>;
    try {
      rendering = this.#options.render(input);
    } catch (error) {
      rendering = Promise.reject(error);
    }
    rendering.then(
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
    );
  }

  /** Drops the pending request and every answer still on its way (another issue opened). */
  reset(): void {
    this.#cancelTimer();
    this.#shown = this.#sent;
  }

  #cancelTimer(): void {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
  }
}
