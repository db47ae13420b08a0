import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [svelte(), svelteTesting()],
  // Tauri serves dist/ from its own protocol; relative URLs work wherever it is mounted.
  base: './',
  resolve: {
    // lang-markdown's HTML without lang-html's CSS and JavaScript (see the module).
    alias: [{ find: /^@codemirror\/lang-html$/, replacement: fileURLToPath(new URL('./src/lib/editor/htmlInMarkdown.ts', import.meta.url)) }],
  },
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Loaded from disk by the desktop app, not over a network: CodeMirror's ~440 kB is fine.
    chunkSizeWarningLimit: 700,
    // One style sheet, linked from index.html: the screen kept at the last close
    // (public/first-screen.js) is drawn with it before any module has run.
    cssCodeSplit: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // CodeMirror changes rarely and is most of the bundle: a chunk of its own
            // keeps the app chunk small and its cache entry stable across UI releases.
            { name: 'codemirror', test: /node_modules[\\/](@codemirror|@lezer|style-mod|w3c-keyname|crelt)[\\/]/ },
          ],
        },
      },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['./src/test-setup.ts'],
    restoreMocks: true,
    // Bundled as the app bundles it, so that the alias above holds in tests too.
    server: { deps: { inline: ['@codemirror/lang-markdown'] } },
  },
});
