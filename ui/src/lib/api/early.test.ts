import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EARLY_DESK, takeEarlyDesk } from './early';

// Vitest runs in ui/ (package.json's folder).
const uiFile = (path: string) => readFileSync(resolve(process.cwd(), path), 'utf8');

/** Runs public/early-desk.js as the page would, with `window` being `page`. */
function runEarlyDesk(page: Record<string, unknown>): void {
  new Function('window', uiFile('public/early-desk.js'))(page);
}

describe('the desk asked for as the page starts', () => {
  it('is asked for with the command the bindings call, and taken once', async () => {
    const desk = { info: {}, issues: [] };
    const invoke = vi.fn(() => Promise.resolve(desk));
    const page: Record<string, unknown> = { __TAURI_INTERNALS__: { invoke } };
    runEarlyDesk(page);

    expect(invoke).toHaveBeenCalledExactlyOnceWith('open_desk');
    expect(uiFile('src/lib/api/bindings.ts')).toContain('openDesk: () => __TAURI_INVOKE<Desk>("open_desk")');
    const early = takeEarlyDesk(page);
    await expect(early).resolves.toBe(desk);
    expect(takeEarlyDesk(page)).toBeUndefined(); // the next openDesk asks again
    expect(page[EARLY_DESK]).toBeUndefined();
  });

  it('keeps a failure for the one who takes it', async () => {
    const page: Record<string, unknown> = {
      __TAURI_INTERNALS__: { invoke: () => Promise.reject({ code: 'newsroom-unavailable', message: 'locked' }) },
    };
    runEarlyDesk(page);
    await expect(takeEarlyDesk(page)).rejects.toEqual({ code: 'newsroom-unavailable', message: 'locked' });
  });

  it('is not asked for outside the app', () => {
    const page: Record<string, unknown> = {};
    runEarlyDesk(page);
    expect(takeEarlyDesk(page)).toBeUndefined();
  });

  it('is asked for before the modules load', () => {
    const html = uiFile('index.html');
    const early = html.indexOf('<script src="./early-desk.js"></script>');
    expect(early).toBeGreaterThan(-1);
    expect(early).toBeLessThan(html.indexOf('<script type="module"'));
  });
});
