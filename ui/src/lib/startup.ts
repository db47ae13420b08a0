// Marks of the window's start, sent to the app once the editor has drawn its first
// frame with the text: the app logs how long the start took (the page's load
// event comes well before any text shows, so the app cannot tell on its own).

import type { PageStart } from './api';

/** `first-screen` is marked by public/first-screen.js, when it shows a kept screen. */
export type StartStage = 'first-screen' | 'script' | 'desk' | 'mounted';

const PREFIX = 'newsflash-start:';

/** Notes that the start reached `stage` now. */
export function markStart(stage: StartStage): void {
  performance.mark(PREFIX + stage);
}

/** The marks so far in whole milliseconds, `painted` being now. A stage not reached is null. */
export function pageStart(timing: Pick<Performance, 'timeOrigin' | 'now' | 'getEntriesByName'> = performance): PageStart {
  const at = (stage: StartStage) => {
    const mark = timing.getEntriesByName(PREFIX + stage)[0];
    return mark === undefined ? null : Math.round(mark.startTime);
  };
  return {
    pageBegan: Math.round(timing.timeOrigin),
    firstScreen: at('first-screen'),
    script: at('script'),
    desk: at('desk'),
    mounted: at('mounted'),
    painted: Math.round(timing.now()),
  };
}

/**
 * Calls `send` with the marks once the frame being prepared now has been drawn: a
 * task after the next animation frame runs after that frame's paint.
 */
export function reportWhenDrawn(send: (start: PageStart) => Promise<unknown>): void {
  requestAnimationFrame(() => {
    setTimeout(() => {
      send(pageStart()).catch(() => {
        // Only a log line is lost.
      });
    }, 0);
  });
}
