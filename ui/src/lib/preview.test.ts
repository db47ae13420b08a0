import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PreviewScheduler } from './preview';

interface Pending {
  input: string;
  resolve: (html: string) => void;
  reject: (error: unknown) => void;
}

function setup(delayMs?: number) {
  const pending: Pending[] = [];
  const pages: string[] = [];
  const errors: unknown[] = [];
  const scheduler = new PreviewScheduler<string>({
    render: (input) =>
      new Promise<string>((resolve, reject) => pending.push({ input, resolve, reject })),
    onPage: (html) => pages.push(html),
    onError: (error) => errors.push(error),
    delayMs,
  });
  return { scheduler, pending, pages, errors };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('PreviewScheduler', () => {
  it('renders at once when nothing is running: no waiting for a pause', async () => {
    const { scheduler, pending } = setup();
    scheduler.request('a');
    expect(pending.map((p) => p.input)).toEqual(['a']);
  });

  it('keeps one render in flight and renders the newest text when it returns', async () => {
    const { scheduler, pending, pages } = setup();
    scheduler.request('a');
    scheduler.request('ab');
    scheduler.request('abc');
    expect(pending.map((p) => p.input)).toEqual(['a']);
    expect(scheduler.busy).toBe(true);
    pending[0]!.resolve('page a');
    await vi.advanceTimersByTimeAsync(0);
    // The page of 'a' shows, and 'abc' (never 'ab') goes out straight away.
    expect(pages).toEqual(['page a']);
    expect(pending.map((p) => p.input)).toEqual(['a', 'abc']);
    pending[1]!.resolve('page abc');
    await vi.advanceTimersByTimeAsync(0);
    expect(pages).toEqual(['page a', 'page abc']);
    expect(scheduler.busy).toBe(false);
  });

  it('updates during continuous typing, not only after the last key', async () => {
    const { scheduler, pending, pages } = setup();
    let text = '';
    for (let key = 0; key < 39; key++) {
      text += 'x';
      scheduler.request(text);
      await vi.advanceTimersByTimeAsync(77);
      // Rust answers each render in 20 ms.
      const open = pending.filter((p) => !p.input.startsWith('done:'));
      for (const render of open) {
        render.resolve(`page ${render.input.length}`);
        render.input = `done:${render.input}`;
      }
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(pages.length).toBe(39);
    expect(pages.at(-1)).toBe('page 39');
  });

  it('goes on after a failed render', async () => {
    const { scheduler, pending, errors, pages } = setup();
    scheduler.request('a');
    scheduler.request('ab');
    pending[0]!.reject('broken');
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual(['broken']);
    pending[1]!.resolve('page ab');
    await vi.advanceTimersByTimeAsync(0);
    expect(pages).toEqual(['page ab']);
  });

  it('with a delay, renders that long after the last request, with the latest input', async () => {
    const { scheduler, pending } = setup(150);
    scheduler.request('a');
    await vi.advanceTimersByTimeAsync(100);
    scheduler.request('ab');
    await vi.advanceTimersByTimeAsync(149);
    expect(pending).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(pending.map((p) => p.input)).toEqual(['ab']);
  });

  it('ignores an answer that arrives after a newer one', async () => {
    const { scheduler, pending, pages } = setup();
    scheduler.renderNow('old');
    scheduler.renderNow('new');
    pending[1]!.resolve('<p>new</p>');
    await vi.advanceTimersByTimeAsync(0);
    pending[0]!.resolve('<p>old</p>');
    await vi.advanceTimersByTimeAsync(0);
    expect(pages).toEqual(['<p>new</p>']);
  });

  it('shows answers in order when they arrive in order', async () => {
    const { scheduler, pending, pages } = setup();
    scheduler.renderNow('1');
    scheduler.renderNow('2');
    pending[0]!.resolve('one');
    await vi.advanceTimersByTimeAsync(0);
    pending[1]!.resolve('two');
    await vi.advanceTimersByTimeAsync(0);
    expect(pages).toEqual(['one', 'two']);
  });

  it('reports errors, but not stale ones', async () => {
    const { scheduler, pending, pages, errors } = setup();
    scheduler.renderNow('1');
    scheduler.renderNow('2');
    pending[1]!.reject('bad template');
    pending[0]!.reject('older failure');
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual(['bad template']);
    expect(pages).toEqual([]);
  });

  it('forgets everything in flight on reset', async () => {
    const { scheduler, pending, pages } = setup();
    scheduler.renderNow('issue 1');
    scheduler.request('issue 1, typed');
    scheduler.reset();
    await vi.advanceTimersByTimeAsync(1000);
    pending[0]!.resolve('page of issue 1');
    await vi.advanceTimersByTimeAsync(0);
    expect(pending).toHaveLength(1);
    expect(pages).toEqual([]);

    scheduler.renderNow('issue 2');
    pending[1]!.resolve('page of issue 2');
    await vi.advanceTimersByTimeAsync(0);
    expect(pages).toEqual(['page of issue 2']);
  });
});
