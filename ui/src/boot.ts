// The entry: when the window shows the screen kept at its last close
// (public/first-screen.js), the UI's modules (CodeMirror most of them, a few hundred
// milliseconds to load and run) wait until it is painted; otherwise they load at once.
import './app.css';
import { afterNextPaint, firstScreenShown } from './lib/firstScreen';

if (firstScreenShown()) await afterNextPaint();
await import('./main');
