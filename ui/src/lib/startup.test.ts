import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PageStart } from './api';
import { markStart, pageStart, reportWhenDrawn } from './startup';

afterEach(() => {
  performance.clearMarks();
});

describe('pageStart', () => {
  it('gives each stage its mark in whole milliseconds and null for a stage not reached', () => {
    const marks: Record<string, number> = { 'newsflash-start:script': 90.4, 'newsflash-start:desk': 105 };
    const timing = {
      timeOrigin: 1_000_300.2,
      now: () => 221.6,
      getEntriesByName: (name: string) => (name in marks ? [{ startTime: marks[name] } as PerformanceEntry] : []),
    };
    expect(pageStart(timing)).toEqual({ pageBegan: 1_000_300, firstScreen: null, script: 90, desk: 105, mounted: null, painted: 222 });
  });

  it('reads the marks markStart set, in order', () => {
    markStart('script');
    markStart('desk');
    markStart('mounted');
    const { script, desk, mounted, painted } = pageStart();
    expect(script).not.toBeNull();
    expect(desk).toBeGreaterThanOrEqual(script ?? Infinity);
    expect(mounted).toBeGreaterThanOrEqual(desk ?? Infinity);
    expect(painted).toBeGreaterThanOrEqual(mounted ?? Infinity);
  });
});

describe('reportWhenDrawn', () => {
  it('sends the marks after the next frame, and a refused send stays quiet', async () => {
    vi.useFakeTimers();
    try {
      const send = vi.fn((_start: PageStart) => Promise.reject(new Error('no app')));
      reportWhenDrawn(send);
      expect(send).not.toHaveBeenCalled();
      await vi.runAllTimersAsync();
      expect(send).toHaveBeenCalledTimes(1);
      expect(send.mock.calls[0]?.[0]).toHaveProperty('painted');
    } finally {
      vi.useRealTimers();
    }
  });
});
