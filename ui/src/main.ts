import { mount } from 'svelte';
import App from './App.svelte';
import { markPlatform } from './lib/platform';
import { markStart } from './lib/startup';

// Loaded by boot.ts, after a kept first screen is painted (if there is one).

markStart('script');

// Before the first layout: the fonts depend on it (app.css).
markPlatform();

const target = document.getElementById('app');
if (target === null) throw new Error('index.html has no #app element.');

export default mount(App, { target });
