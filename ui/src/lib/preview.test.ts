import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PreviewScheduler } from './preview';

interface Pending {
  input: string;
  resolve: (html: string) => void;
  reject: (error: unknown) => void;
}

function setup() {
  const pending: Pending[] = [];
  const pages: string[] = [];
  const errors: unknown[] = [];
  const scheduler = new PreviewScheduler<string>({
    render: (input) =>
      new Promise<string>((resolve, reject) => pending.push({ input, resolve, reject })),
    onPage: (html) => pages.push(html),
    onError: (error) => errors.push(error),
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
  it('renders 150 ms after the last request, with the latest input', async () => {
    const { scheduler, pending } = setup();
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
