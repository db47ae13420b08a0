// Svelte 5 strips TypeScript types itself, so no preprocessor is configured.
/** @type {import('@sveltejs/vite-plugin-svelte').SvelteConfig} */
export default {
  compilerOptions: {
    runes: true,
  },
};
