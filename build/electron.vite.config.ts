// Builds the three Electron targets into out/: main (ESM, Node), preload (one
// self-contained CommonJS file, because a sandboxed preload can neither import ESM nor
// require anything but a few electron modules) and the Svelte renderer, which browser
// mode serves as well.
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';

const fromRoot = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: fromRoot('out/main'),
      rolldownOptions: { input: { index: fromRoot('electron/shell/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: fromRoot('out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: fromRoot('electron/shell/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: fromRoot('renderer'),
    // relative asset URLs work both under the app:// protocol and the browser-mode server
    base: './',
    plugins: [svelte()],
    build: {
      outDir: fromRoot('out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: { index: fromRoot('renderer/index.html') } },
    },
  },
});
