import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosave, type AutosaveStatus } from './autosave';

interface Call {
  text: string;
  at: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** A save function whose calls the test settles by hand, one by one. */
function manualSave() {
  const calls: Call[] = [];
  const save = vi.fn(
    (text: string) =>
      new Promise<void>((resolve, reject) => {
        calls.push({ text, at: Date.now(), resolve, reject });
      }),
  );
  return { save, calls };
}

/** A save function that settles by itself: resolves, or rejects with `fail(text)`. */
function autoSave(fail: (text: string, attempt: number) => unknown = () => null) {
  const texts: string[] = [];
  const save = vi.fn(async (text: string) => {
    texts.push(text);
    const error = fail(text, texts.length);
    if (error !== null) throw error;
  });
  return { save, texts };
}

function make(save: (text: string) => Promise<unknown>, initial = '') {
  const statuses: AutosaveStatus[] = [];
  const autosave = new Autosave({ initial, save, onStatus: (s) => statuses.push(s) });
  const kinds = () => statuses.map((s) => s.kind);
  return { autosave, statuses, kinds };
}

const T0 = 1_700_000_000_000;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('debounce', () => {
  it('saves 300 ms after the last change, once', async () => {
    const { save, texts } = autoSave();
    const { autosave, kinds } = make(save, 'a');

    autosave.change('ab');
    await vi.advanceTimersByTimeAsync(100);
    autosave.change('abc');
    await vi.advanceTimersByTimeAsync(299);
    expect(save).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(1);
    expect(texts).toEqual(['abc']);
    expect(kinds()).toEqual(['unsaved', 'saving', 'saved']);
    expect(autosave.status).toEqual({ kind: 'saved', at: T0 + 400 });
    expect(autosave.dirty).toBe(false);

    await vi.advanceTimersByTimeAsync(10_000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('does not save text equal to what is stored', async () => {
    const { save } = autoSave();
    const { autosave, statuses } = make(save, 'same');

    autosave.change('same');
    autosave.change('samey');
    autosave.change('same');
    await vi.advanceTimersByTimeAsync(5_000);

    expect(save).not.toHaveBeenCalled();
    expect(statuses.at(-1)).toEqual({ kind: 'saved', at: null });
  });
});

describe('maximum wait', () => {
  it('starts a save at least once per second during continuous typing', async () => {
    const { save, calls } = manualSave();
    const { autosave } = make(save);

    // A keystroke every 100 ms for 3.5 s never leaves 300 ms of quiet.
    let text = '';
    for (let i = 0; i < 35; i++) {
      text += 'x';
      autosave.change(text);
      await vi.advanceTimersByTimeAsync(100);
      calls.at(-1)?.resolve();
    }

    expect(calls.map((c) => c.at - T0)).toEqual([1000, 2000, 3000]);
    // Each save carries everything typed up to its start.
    expect(calls.map((c) => c.text.length)).toEqual([10, 20, 30]);

    await vi.advanceTimersByTimeAsync(300);
    expect(calls.at(-1)?.text).toBe(text);
  });
});

describe('one save at a time', () => {
  it('saves changes made during a save right after it', async () => {
    const { save, calls } = manualSave();
    const { autosave, kinds } = make(save);

    autosave.change('one');
    await vi.advanceTimersByTimeAsync(300);
    expect(calls).toHaveLength(1);

    autosave.change('one two');
    autosave.change('one two three');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toHaveLength(1); // still in flight: no second save in parallel

    calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    // The last change is older than the debounce, so the follow-up starts at once.
    expect(calls).toHaveLength(2);
    expect(calls[1]!.text).toBe('one two three');
    expect(autosave.status.kind).toBe('saving');

    calls[1]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(autosave.status.kind).toBe('saved');
    expect(kinds()).toEqual(['unsaved', 'saving', 'saved']);
  });

  it('follows the debounce when the change during the save was recent', async () => {
    const { save, calls } = manualSave();
    const { autosave } = make(save);

    autosave.change('one');
    await vi.advanceTimersByTimeAsync(300);
    await vi.advanceTimersByTimeAsync(200);
    autosave.change('one two'); // at 500 ms
    calls[0]!.resolve(); // done at 500 ms
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    expect(autosave.status.kind).toBe('unsaved');

    await vi.advanceTimersByTimeAsync(300);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - T0).toBe(800);
  });
});

describe('failures', () => {
  const unavailable = { code: 'storage', message: 'The newsroom file could not be written.' };

  it('keeps the text, reports the error and retries with backoff', async () => {
    const { save, texts } = autoSave((_text, attempt) => (attempt <= 3 ? unavailable : null));
    const { autosave, statuses } = make(save);

    autosave.change('draft');
    await vi.advanceTimersByTimeAsync(300);
    expect(texts).toEqual(['draft']);
    expect(statuses.at(-1)).toEqual({ kind: 'failed', error: unavailable, retryInMs: 2000 });
    expect(autosave.text).toBe('draft');
    expect(autosave.dirty).toBe(true);

    await vi.advanceTimersByTimeAsync(1999);
    expect(texts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(texts).toHaveLength(2);
    expect(statuses.at(-1)).toMatchObject({ kind: 'failed', retryInMs: 5000 });

    await vi.advanceTimersByTimeAsync(5000);
    expect(texts).toHaveLength(3);
    expect(statuses.at(-1)).toMatchObject({ kind: 'failed', retryInMs: 10000 });

    await vi.advanceTimersByTimeAsync(10000);
    expect(texts).toEqual(['draft', 'draft', 'draft', 'draft']);
    expect(autosave.status.kind).toBe('saved');
    expect(autosave.dirty).toBe(false);
  });

  it('keeps repeating the longest delay', async () => {
    const { save, texts } = autoSave(() => unavailable);
    const { autosave } = make(save);

    autosave.change('x');
    await vi.advanceTimersByTimeAsync(300 + 2000 + 5000 + 10000);
    expect(texts).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(10000);
    expect(texts).toHaveLength(5);
    autosave.dispose();
  });

  it('retries with the latest text, without hurrying the backoff while typing', async () => {
    const { save, texts } = autoSave((_text, attempt) => (attempt === 1 ? unavailable : null));
    const { autosave } = make(save);

    autosave.change('a');
    await vi.advanceTimersByTimeAsync(300);
    autosave.change('ab');
    await vi.advanceTimersByTimeAsync(1000);
    autosave.change('abc');
    await vi.advanceTimersByTimeAsync(500);
    expect(texts).toEqual(['a']);
    expect(autosave.status.kind).toBe('failed');

    await vi.advanceTimersByTimeAsync(500);
    expect(texts).toEqual(['a', 'abc']);
    expect(autosave.status.kind).toBe('saved');
  });

  it.each(['too_large', 'invalid_input'])(
    'does not retry %s until the text changes',
    async (code) => {
      const refused = { code, message: 'The issue is too long.' };
      const { save, texts } = autoSave((text) => (text.length > 3 ? refused : null));
      const { autosave, statuses } = make(save);

      autosave.change('long text');
      await vi.advanceTimersByTimeAsync(300);
      expect(statuses.at(-1)).toEqual({ kind: 'failed', error: refused, retryInMs: null });

      await vi.advanceTimersByTimeAsync(60_000);
      expect(texts).toEqual(['long text']);
      expect(autosave.text).toBe('long text');

      autosave.change('ok');
      expect(autosave.status.kind).toBe('failed'); // until the next attempt tells more
      await vi.advanceTimersByTimeAsync(300);
      expect(texts).toEqual(['long text', 'ok']);
      expect(autosave.status.kind).toBe('saved');
    },
  );

  it('tries newer text typed while a refused save was in flight', async () => {
    const refused = { code: 'too_large', message: 'Too long.' };
    const { save, calls } = manualSave();
    const { autosave } = make(save);

    autosave.change('too long');
    await vi.advanceTimersByTimeAsync(300);
    autosave.change('short');
    calls[0]!.reject(refused);
    await vi.advanceTimersByTimeAsync(0);
    expect(autosave.status.kind).toBe('failed');

    await vi.advanceTimersByTimeAsync(300);
    expect(calls.map((c) => c.text)).toEqual(['too long', 'short']);
  });

  it('treats a save function that throws synchronously as a failed save', async () => {
    const save = vi.fn(() => {
      throw { code: 'internal', message: 'boom' };
    });
    const { autosave } = make(save);
    autosave.change('x');
    await vi.advanceTimersByTimeAsync(300);
    expect(autosave.status).toMatchObject({ kind: 'failed', retryInMs: 2000 });
    autosave.dispose();
  });
});

describe('flush', () => {
  it('resolves at once when nothing is pending', async () => {
    const { save } = autoSave();
    const { autosave } = make(save, 'stored');
    await expect(autosave.flush()).resolves.toBeUndefined();
    expect(save).not.toHaveBeenCalled();
  });

  it('saves immediately, without waiting for the debounce', async () => {
    const { save, calls } = manualSave();
    const { autosave } = make(save);

    autosave.change('typed');
    const flushed = autosave.flush();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.text).toBe('typed');

    let done = false;
    void flushed.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);

    calls[0]!.resolve();
    await flushed;
    expect(autosave.status.kind).toBe('saved');

    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(1); // the cancelled debounce does not save again
  });

  it('waits for the save in flight and then for the text typed since', async () => {
    const { save, calls } = manualSave();
    const { autosave } = make(save);

    autosave.change('one');
    await vi.advanceTimersByTimeAsync(300);
    autosave.change('one two');
    const flushed = autosave.flush();
    expect(calls).toHaveLength(1); // never two saves at once

    calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.text).toBe('one two');

    calls[1]!.resolve();
    await expect(flushed).resolves.toBeUndefined();
  });

  it('rejects with the error when the save fails, and keeps retrying in the background', async () => {
    const broken = { code: 'storage', message: 'Disk full.' };
    const { save, texts } = autoSave((_t, attempt) => (attempt === 1 ? broken : null));
    const { autosave } = make(save);

    autosave.change('text');
    await expect(autosave.flush()).rejects.toBe(broken);
    expect(autosave.text).toBe('text');

    await vi.advanceTimersByTimeAsync(2000);
    expect(texts).toEqual(['text', 'text']);
    expect(autosave.status.kind).toBe('saved');
  });

  it('skips the retry wait', async () => {
    const broken = { code: 'storage', message: 'Disk full.' };
    const { save, texts } = autoSave((_t, attempt) => (attempt === 1 ? broken : null));
    const { autosave } = make(save);

    autosave.change('text');
    await vi.advanceTimersByTimeAsync(300);
    expect(autosave.status.kind).toBe('failed');

    await expect(autosave.flush()).resolves.toBeUndefined();
    expect(texts).toEqual(['text', 'text']);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(texts).toHaveLength(2);
  });

  it('rejects without calling save for text the backend already refused', async () => {
    const refused = { code: 'too_large', message: 'Too long.' };
    const { save } = autoSave(() => refused);
    const { autosave } = make(save);

    autosave.change('huge');
    await vi.advanceTimersByTimeAsync(300);
    await expect(autosave.flush()).rejects.toBe(refused);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('is refused after dispose, and dispose stops the timers', async () => {
    const { save } = autoSave();
    const { autosave } = make(save);
    autosave.change('x');
    autosave.dispose();
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).not.toHaveBeenCalled();
    await expect(autosave.flush()).rejects.toThrow(/disposed/);
  });
});

describe('Autosave marks', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves each text with the mark of the change that made it', async () => {
    const saved: Array<[string, number | undefined]> = [];
    const autosave = new Autosave<number>({
      initial: '',
      save: async (text, mark) => {
        saved.push([text, mark]);
      },
    });
    autosave.change('a', 1);
    autosave.change('ab', 2);
    await autosave.flush();
    // Typed and undone: the same text as saved, a later mark, nothing to save.
    autosave.change('abc', 3);
    autosave.change('ab', 4);
    await vi.advanceTimersByTimeAsync(2000);
    autosave.change('abd', 5);
    await autosave.flush();
    expect(saved).toEqual([
      ['ab', 2],
      ['abd', 5],
    ]);
  });
});
