import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The renderer build. `base: './'` keeps asset URLs relative so the same build loads from
 * file:// in Electron and from `dripagent serve` over HTTP.
 */
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // One bundle loaded from disk or loopback: size matters less than in a web app.
    chunkSizeWarningLimit: 1024,
  },
  server: {
    // `npm run dev:serve` in another terminal; the dev server forwards the API to it.
    proxy: { '/api': process.env.DRIPAGENT_API_URL ?? 'http://127.0.0.1:4010' },
  },
});
