// Shows the window as it was when it last closed while the UI's modules load (a few
// hundred milliseconds, CodeMirror most of it), so that the last open issue's text is
// on screen at once. The app hands the screen over before any script of the page
// runs (window.__NEWSFLASH_FIRST_SCREEN__, src-tauri/desktop/src/window.rs), and only
// while the desk would show the same (src-tauri/desktop/src/first_screen.rs).
//
// A classic script at the top of <body>: it runs before the modules, and src/boot.ts
// lets this screen be painted before they run. src/lib/firstScreen.ts makes what is
// kept and takes this screen away once the live window has drawn itself. The screen
// is inert: a click or a key before then reaches nothing.
'use strict';
(function () {
  // This build of the UI: the entry module and the style sheet, whose names carry a
  // hash of their contents. A screen kept by another build names classes this one's
  // style sheet may not have, and is not shown.
  var build = [];
  var assets = document.querySelectorAll('script[type="module"][src], link[rel="stylesheet"][href]');
  for (var i = 0; i < assets.length; i++) {
    build.push(assets[i].getAttribute('src') || assets[i].getAttribute('href'));
  }
  var state = { build: build.join(' '), shown: false };
  window.__NEWSFLASH_FIRST_SCREEN_STATE__ = state;

  var kept = window.__NEWSFLASH_FIRST_SCREEN__;
  delete window.__NEWSFLASH_FIRST_SCREEN__;
  if (typeof kept !== 'string') return;
  var screen;
  try {
    screen = JSON.parse(kept);
  } catch (error) {
    return;
  }
  if (screen === null || typeof screen !== 'object' || screen.build !== state.build) return;
  if (typeof screen.html !== 'string' || typeof screen.css !== 'string') return;

  // The root's marks (theme, platform fonts) are on <html>: the style sheet reads them.
  var root = screen.root || {};
  for (var name in root) {
    if (Object.prototype.hasOwnProperty.call(root, name) && /^data-[a-z-]+$/.test(name)) {
      document.documentElement.setAttribute(name, String(root[name]));
    }
  }
  var holder = document.createElement('div');
  holder.id = 'first-screen';
  holder.setAttribute('aria-hidden', 'true');
  holder.setAttribute('inert', '');
  var style = document.createElement('style');
  // The styles the editor made at run time (CodeMirror's), which app.css has not.
  style.textContent = screen.css;
  holder.appendChild(style);
  var content = document.createElement('div');
  content.innerHTML = screen.html;
  holder.appendChild(content);
  document.body.appendChild(holder);
  // Scroll positions are not markup: the kept screen names them on each element.
  var scrolled = holder.querySelectorAll('[data-first-screen-scroll]');
  for (var j = 0; j < scrolled.length; j++) {
    var at = scrolled[j].getAttribute('data-first-screen-scroll').split(' ');
    scrolled[j].scrollTop = Number(at[0]) || 0;
    scrolled[j].scrollLeft = Number(at[1]) || 0;
  }
  state.shown = true;
  if (window.performance && performance.mark) performance.mark('newsflash-start:first-screen');
})();
