/**
 * Vite build of the dashboard: `web/` is the root, the output goes to `web/dist` (gitignored), which
 * the API server serves at `/`. Every asset (Leaflet's CSS, the world-atlas basemap, uPlot) is
 * bundled or copied into dist so the page makes no request outside its own origin. `base: './'`
 * keeps asset URLs relative, so the build also works when mounted under a sub-path.
 * In development, `vite --config web/vite.config.ts` proxies `/api` to a running `tally serve`
 * (TALLY_API, default http://127.0.0.1:8080).
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  base: './',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // world-atlas's 50m countries file is ~750 KB of JSON; keep it a separate file fetched once.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 800,
    sourcemap: false,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': process.env.TALLY_API ?? 'http://127.0.0.1:8080' },
  },
});
