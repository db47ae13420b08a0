// The desk the page asked for as it started (public/early-desk.js), for the Backend's
// first openDesk: it saves the window's start a round trip to Rust.

/** The global early-desk.js leaves its request in. */
export const EARLY_DESK = '__NEWSFLASH_EARLY_DESK__';

/** The request made as the page started, if there is one left: taken once. */
export function takeEarlyDesk(global: Record<string, unknown> = globalThis as Record<string, unknown>): Promise<unknown> | undefined {
  const early = global[EARLY_DESK];
  if (!(early instanceof Promise)) return undefined;
  delete global[EARLY_DESK];
  return early;
}
