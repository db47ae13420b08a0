import { ChangeSet, EditorState } from '@codemirror/state';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Place, TypedChange } from './api';
import { editsOf, nextSession, Typing } from './typing';

function journal(record: (change: TypedChange) => Promise<unknown> = async () => null) {
  const changes: TypedChange[] = [];
  const places: Place[] = [];
  const typing = new Typing({
    number: 3,
    baseVersion: 7,
    session: 42,
    record: (_number, change) => {
      changes.push(change);
      return record(change);
    },
    remember: async (_number, place) => {
      places.push(place);
    },
  });
  return { typing, changes, places };
}

describe('Typing', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('numbers the changes and names the last one for the save', () => {
    const { typing, changes } = journal();
    expect(typing.through()).toBeNull();
    typing.change(10, [{ from: 10, to: 10, insert: 'a' }]);
    typing.change(11, [{ from: 11, to: 11, insert: 'b' }]);
    expect(changes.map((c) => [c.session, c.baseVersion, c.seq, c.length])).toEqual([
      [42, 7, 1, 10],
      [42, 7, 2, 11],
    ]);
    expect(typing.through()).toEqual({ session: 42, seq: 2 });
    // A transaction that changed nothing is no change.
    typing.change(12, []);
    expect(typing.through()).toEqual({ session: 42, seq: 2 });
  });

  it('sends a change again when storing it failed, and gives up after a few tries', async () => {
    let failures = 2;
    const { typing, changes } = journal(async () => {
      if (failures > 0) {
        failures -= 1;
        throw new Error('busy');
      }
    });
    typing.change(0, [{ from: 0, to: 0, insert: 'x' }]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(changes.map((c) => c.seq)).toEqual([1, 1, 1]);
    expect(typing.failures).toBe(0);

    const broken = journal(async () => {
      throw new Error('gone');
    });
    broken.typing.change(0, [{ from: 0, to: 0, insert: 'x' }]);
    await vi.advanceTimersByTimeAsync(10000);
    expect(broken.changes).toHaveLength(4);
    expect(broken.typing.failures).toBe(1);
  });

  it('stores the place a moment after it moves, even during continuous typing', async () => {
    const { typing, places } = journal();
    let place = { anchor: 1, head: 1, top: 0 };
    typing.moved(() => place);
    await vi.advanceTimersByTimeAsync(300);
    place = { anchor: 2, head: 2, top: 0 };
    typing.moved(() => place);
    await vi.advanceTimersByTimeAsync(100);
    expect(places).toEqual([]);
    await vi.advanceTimersByTimeAsync(150);
    expect(places).toEqual([{ anchor: 2, head: 2, top: 0 }]);
    typing.moved(() => place);
    await typing.flushPlace();
    expect(places).toHaveLength(1);
    place = { anchor: 2, head: 2, top: 40 };
    typing.moved(() => place);
    await typing.flushPlace();
    expect(places.at(-1)).toEqual({ anchor: 2, head: 2, top: 40 });
  });

  it('sends nothing once disposed', async () => {
    const { typing, changes, places } = journal();
    typing.dispose();
    typing.change(0, [{ from: 0, to: 0, insert: 'x' }]);
    typing.moved(() => ({ anchor: 0, head: 0, top: 0 }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(changes).toEqual([]);
    expect(places).toEqual([]);
  });
});

describe('editsOf', () => {
  it('gives the replaced ranges in positions of the text before the change', () => {
    const state = EditorState.create({ doc: 'Storms hit the coast' });
    const changes = ChangeSet.of(
      [
        { from: 0, to: 6, insert: 'Cyclones' },
        { from: 20, insert: '.' },
      ],
      state.doc.length,
    );
    expect(editsOf(changes)).toEqual([
      { from: 0, to: 6, insert: 'Cyclones' },
      { from: 20, to: 20, insert: '.' },
    ]);
    // Inserted line breaks come back as "\n", as the text the autosave saves.
    const lines = ChangeSet.of([{ from: 6, insert: 'a\nb' }], state.doc.length);
    expect(editsOf(lines)).toEqual([{ from: 6, to: 6, insert: 'a\nb' }]);
  });
});

describe('nextSession', () => {
  it('grows, even within one millisecond and when the clock goes back', () => {
    const first = nextSession(1_000);
    const second = nextSession(1_000);
    const third = nextSession(500);
    expect(second).toBeGreaterThan(first);
    expect(third).toBeGreaterThan(second);
    expect(Number.isSafeInteger(nextSession(Date.UTC(2200, 0, 1)))).toBe(true);
  });
});
