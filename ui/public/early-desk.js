// Asks the app for the desk (the issues, the last open issue's text) as soon as the
// page starts, while the UI's modules (CodeMirror is most of them) are still loading
// and running: the answer is there when they are done instead of one more round trip
// later. A classic script, so that it runs before the modules; src/lib/api/early.ts
// takes the answer, once. Outside the app (a browser in development) it does nothing.
'use strict';
if (window.__TAURI_INTERNALS__) {
  window.__NEWSFLASH_EARLY_DESK__ = window.__TAURI_INTERNALS__.invoke('open_desk');
  // Taken later: an early failure must not show up as an unhandled rejection first.
  window.__NEWSFLASH_EARLY_DESK__.catch(function () {});
}
