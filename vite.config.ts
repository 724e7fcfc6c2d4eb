import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./client'),
  plugins: [react()],
  resolve: { alias: { '@shared': here('./shared') } },
  css: {
    preprocessorOptions: {
      scss: { loadPaths: [here('./node_modules')], quietDeps: true, silenceDeprecations: ['import'] },
    },
  },
  build: {
    outDir: here('./dist/client'),
    emptyOutDir: true,
    // The app, the plain pages' stylesheet and script, and what starts loading a drawn board's
    // code early, whose hashed names the server reads from the manifest.
    manifest: true,
    rollupOptions: { input: { app: here('./client/index.html'), plain: here('./client/src/plain-pages.ts'), 'board-code': here('./client/src/board-code.ts') } },
    sourcemap: true,
    // Lightning CSS rejects a media-query hack in GOV.UK Frontend's service navigation.
    cssMinify: 'esbuild',
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'ws://localhost:3000', ws: true },
      '/collab': { target: 'ws://localhost:3000', ws: true },
    },
  },
});
